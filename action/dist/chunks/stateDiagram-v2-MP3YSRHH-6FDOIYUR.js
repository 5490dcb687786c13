import { createRequire as __specReviewCreateRequire } from 'node:module';
import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';
import { dirname as __specReviewDirname } from 'node:path';
const require = __specReviewCreateRequire(import.meta.url);
const __filename = __specReviewFileURLToPath(import.meta.url);
const __dirname = __specReviewDirname(__filename);
import{a as e,b as i,c as o,d as m}from"./chunk-MQAID3CS.js";import"./chunk-253XFOL3.js";import"./chunk-L6VRTJJ4.js";import"./chunk-XXIQVBSH.js";import"./chunk-KUMLK5W5.js";import"./chunk-EK4C26HB.js";import"./chunk-XP63AKWV.js";import"./chunk-HV44J3DD.js";import"./chunk-MHXYPLQZ.js";import"./chunk-RSDDEAFI.js";import"./chunk-4VIYVEHJ.js";import"./chunk-AHQPOAGW.js";import"./chunk-WD4LPBOH.js";import"./chunk-T4VI7YZE.js";import"./chunk-DGCQZXKA.js";import"./chunk-HC354KBN.js";import"./chunk-B5KTZPVU.js";import"./chunk-CN7PCXVQ.js";import{a as r}from"./chunk-ETPDWTF6.js";import"./chunk-C3CJRND4.js";var D={parser:e,get db(){return new o(2)},renderer:i,styles:m,init:r(t=>{t.state||(t.state={}),t.state.arrowMarkerAbsolute=t.arrowMarkerAbsolute},"init")};export{D as diagram};

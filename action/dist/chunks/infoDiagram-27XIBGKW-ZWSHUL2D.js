import { createRequire as __specReviewCreateRequire } from 'node:module';
import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';
import { dirname as __specReviewDirname } from 'node:path';
const require = __specReviewCreateRequire(import.meta.url);
const __filename = __specReviewFileURLToPath(import.meta.url);
const __dirname = __specReviewDirname(__filename);
import{a as s}from"./chunk-D4TLSVBM.js";import"./chunk-ZZXT7QYG.js";import"./chunk-LXBANTVL.js";import{a as i}from"./chunk-4FDVHFMN.js";import"./chunk-GLBQ37GN.js";import"./chunk-Z7USGZQ3.js";import"./chunk-FCKHCHGX.js";import"./chunk-ABMTTHKE.js";import"./chunk-4AZ5W7WU.js";import"./chunk-IIRBUMLM.js";import"./chunk-WDEQAE6K.js";import"./chunk-4QH2BGMK.js";import"./chunk-QPX7HZ6A.js";import"./chunk-KGGGDG5P.js";import"./chunk-KIEBWNQM.js";import"./chunk-7OEUL576.js";import"./chunk-AL2HUNR3.js";import"./chunk-CGKGUMDW.js";import{N as n}from"./chunk-HC354KBN.js";import"./chunk-B5KTZPVU.js";import{b as a}from"./chunk-CN7PCXVQ.js";import{a as r}from"./chunk-ETPDWTF6.js";import"./chunk-C3CJRND4.js";var g={parse:r(async e=>{let t=await s("info",e);a.debug(t)},"parse")},m={version:"11.17.2"},v=r(()=>m.version,"getVersion"),d={getVersion:v},f=r((e,t,p)=>{a.debug(`rendering info diagram
`+e);let o=i(t);n(o,100,400,!0),o.append("g").append("text").attr("x",100).attr("y",40).attr("class","version").attr("font-size",32).style("text-anchor","middle").text(`v${p}`)},"draw"),c={draw:f},w={parser:g,db:d,renderer:c};export{w as diagram};

import { createRequire as __specReviewCreateRequire } from 'node:module';
import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';
import { dirname as __specReviewDirname } from 'node:path';
const require = __specReviewCreateRequire(import.meta.url);
const __filename = __specReviewFileURLToPath(import.meta.url);
const __dirname = __specReviewDirname(__filename);
import{a as e,b as i,c as o,d as t,e as n,g as u,k as d,x as l,y as s}from"./chunk-CGKGUMDW.js";var c=class extends s{static{e(this,"GitGraphTokenBuilder")}constructor(){super(["gitGraph"])}},p={parser:{TokenBuilder:e(()=>new c,"TokenBuilder"),ValueConverter:e(()=>new l,"ValueConverter")}};function h(G=n){let r=t(o(G),u),a=t(i({shared:r}),d,p);return r.ServiceRegistry.register(a),{shared:r,GitGraph:a}}e(h,"createGitGraphServices");export{p as a,h as b};

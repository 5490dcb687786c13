import { createRequire as __specReviewCreateRequire } from 'node:module';
import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';
import { dirname as __specReviewDirname } from 'node:path';
const require = __specReviewCreateRequire(import.meta.url);
const __filename = __specReviewFileURLToPath(import.meta.url);
const __dirname = __specReviewDirname(__filename);
import{a as e,b as t,c as a,d as o,e as i,g as s,l as u,x as d,y as l}from"./chunk-CGKGUMDW.js";var f=class extends l{static{e(this,"InfoTokenBuilder")}constructor(){super(["info","showInfo"])}},m={parser:{TokenBuilder:e(()=>new f,"TokenBuilder"),ValueConverter:e(()=>new d,"ValueConverter")}};function v(c=i){let r=o(a(c),s),n=o(t({shared:r}),u,m);return r.ServiceRegistry.register(n),{shared:r,Info:n}}e(v,"createInfoServices");export{m as a,v as b};

import { createRequire as __specReviewCreateRequire } from 'node:module';
import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';
import { dirname as __specReviewDirname } from 'node:path';
const require = __specReviewCreateRequire(import.meta.url);
const __filename = __specReviewFileURLToPath(import.meta.url);
const __dirname = __specReviewDirname(__filename);
import{a as e,b as d,c as o,d as a,e as n,g as i,o as u,x as l,y as s}from"./chunk-CGKGUMDW.js";var m=class extends s{static{e(this,"RadarTokenBuilder")}constructor(){super(["radar-beta"])}},v={parser:{TokenBuilder:e(()=>new m,"TokenBuilder"),ValueConverter:e(()=>new l,"ValueConverter")}};function R(c=n){let r=a(o(c),i),t=a(d({shared:r}),u,v);return r.ServiceRegistry.register(t),{shared:r,Radar:t}}e(R,"createRadarServices");export{v as a,R as b};

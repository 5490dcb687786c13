import { createRequire as __specReviewCreateRequire } from 'node:module';
import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';
import { dirname as __specReviewDirname } from 'node:path';
const require = __specReviewCreateRequire(import.meta.url);
const __filename = __specReviewFileURLToPath(import.meta.url);
const __dirname = __specReviewDirname(__filename);
var a=Object.defineProperty,o=(r,e)=>a(r,"name",{value:e,configurable:!0}),_=(r,e)=>{for(var t in e)a(r,t,{get:e[t],enumerable:!0})};export{o as a,_ as b};

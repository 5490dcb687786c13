import { createRequire as __specReviewCreateRequire } from 'node:module';
import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';
import { dirname as __specReviewDirname } from 'node:path';
const require = __specReviewCreateRequire(import.meta.url);
const __filename = __specReviewFileURLToPath(import.meta.url);
const __dirname = __specReviewDirname(__filename);
import{a as r,b as o}from"./chunk-ABMTTHKE.js";import"./chunk-CGKGUMDW.js";import"./chunk-C3CJRND4.js";export{r as RailroadModule,o as createRailroadServices};

#!/usr/bin/env node
// Launcher for the bundled CLI (`npm run build` bundles src/cli/ into dist/bin/).
import { main } from '../dist/bin/main.js';

await main();

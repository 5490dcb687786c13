#!/usr/bin/env node
// Launcher for the compiled CLI (`npm run build` compiles src/ to dist/).
import { main } from '../dist/cli/main.js';

await main();

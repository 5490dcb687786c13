#!/usr/bin/env node
// Build step (part of `npm run build`): validate the built-in rule files and cache them, parsed, in
// dist/builtin-rules.json so the CLI does not parse YAML or compile the rule-file schema at each start.
// The cache is used only while its copy of each rule file and template equals the file on disk.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { parseRuleFile, createEngine } = await import(join(root, 'dist/engine/index.js'));
const { writeBuiltinCache, loadBuiltinRuleFiles } = await import(join(root, 'dist/rules-fs.js'));
try {
  const file = writeBuiltinCache((input) => parseRuleFile(input));
  createEngine({ ruleFiles: loadBuiltinRuleFiles() }); // the cached rules must compile
  console.log(`wrote ${file.slice(root.length + 1)}`);
} catch (e) {
  console.error(typeof e.format === 'function' ? e.format() : e.message);
  process.exit(1);
}

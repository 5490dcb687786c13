#!/usr/bin/env node
// Regenerates the files derived from code: schemas/*.json (JSON Schemas for editors and validation),
// docs/rules.md (rule reference) and the README's example of the impact section. Run `npm run gen` after changing a schema, a check or rules/*.yml;
// tests fail while a generated file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const engine = await import(join(root, 'dist/engine/index.js'));

const write = (rel, text) => {
  writeFileSync(join(root, rel), text);
  console.log(`wrote ${rel}`);
};
write('schemas/ruleset.schema.json', `${JSON.stringify(engine.rulesetSchema, null, 2)}\n`);
write('schemas/config.schema.json', `${JSON.stringify(engine.configSchema, null, 2)}\n`);
try {
  const docs = await import(join(root, 'dist/docs/rules-doc.js'));
  const { loadBuiltinRuleFiles } = await import(join(root, 'dist/rules-fs.js'));
  write('docs/rules.md', docs.rulesDoc(loadBuiltinRuleFiles()));
} catch (e) {
  if (e.code !== 'ERR_MODULE_NOT_FOUND') throw e;
}
const example = await import(join(root, 'dist/docs/impact-example.js'));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const updated = example.withExample(readme, await example.impactExample(root));
if (updated !== readme) write('README.md', updated);

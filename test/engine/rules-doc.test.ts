/**
 * docs/rules.md is generated from the checks' metadata and rules/*.yml (src/docs/rules-doc.ts); it must
 * not drift from them. Regenerate with `npm run gen`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesDoc, typeRuleIds, typeRules } from '../../src/docs/rules-doc.js';
import { ALL_RULES, createEngine } from '../../src/engine/index.js';
import { loadBuiltinRuleFiles } from '../../src/rules-fs.js';
import { ROOT } from './helpers.js';

const generated = rulesDoc(loadBuiltinRuleFiles());

test('docs/rules.md is up to date (run `npm run gen`)', () => {
  const current = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');
  if (current !== generated) {
    const a = current.split('\n');
    const b = generated.split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    const at = i === -1 ? Math.min(a.length, b.length) : i;
    throw new Error(
      `docs/rules.md is stale: regenerate it with \`npm run gen\`.\nFirst difference at line ${at + 1}:\n  file:      ${JSON.stringify(a[at] ?? '<end of file>')}\n  generated: ${JSON.stringify(b[at] ?? '<end of file>')}`,
    );
  }
});

test('every rule id is documented with its default severity', () => {
  for (const r of ALL_RULES) expect(generated).toContain(`| \`${r.id}\` | ${r.severity} |`);
});

test('every type-specific rule id and message of every spec type is documented', () => {
  const e = createEngine({ ruleFiles: loadBuiltinRuleFiles() });
  for (const t of e.types()) {
    const type = e.type(t.name)!;
    expect(generated).toContain(`### ${t.name}\n`);
    for (const s of type.sections) expect(generated).toContain(`| ${s.title} |`);
    for (const r of typeRules(type)) expect(generated).toContain(r.message.replace(/\|/g, '\\|').replace(/</g, '&lt;'));
    expect(typeRuleIds(type).length).toBeGreaterThan(0);
  }
});

test('the seeds\' "Common Issues & Fixes" messages appear in the reference', () => {
  for (const m of ['Missing Interfaces section', 'Configuration incomplete', 'No Monitoring section', 'Deployment steps unclear', 'Flow diagram incomplete or missing', 'Step descriptions lack detail', 'No error handling documented', 'Async operations not clearly shown']) {
    expect(generated).toContain(m);
  }
});

test('generation is deterministic and ends with one newline', () => {
  expect(rulesDoc(loadBuiltinRuleFiles())).toBe(generated);
  expect(generated.endsWith('\n')).toBe(true);
  expect(generated.endsWith('\n\n')).toBe(false);
});

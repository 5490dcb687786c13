import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, parseRuleFile } from '../../src/engine/index.js';
import { BUILTIN_CACHE, loadBuiltinRuleFiles, readCache, templateRef } from '../../src/rules-fs.js';

describe('built-in rule cache', () => {
  const sources = loadBuiltinRuleFiles().map(({ path, text, template }) => ({ path, text, template }));
  const root = mkdtempSync(join(tmpdir(), 'sr-cache-'));
  mkdirSync(join(root, 'dist'));
  const write = (entries: unknown) => writeFileSync(join(root, BUILTIN_CACHE), JSON.stringify(entries));

  test('is used when it holds exactly the sources, and compiles to the same engine', () => {
    write(sources.map((s) => ({ ...s, data: parseRuleFile(s) })));
    const cached = readCache(root, sources);
    expect(cached?.every((c) => c.data)).toBe(true);
    expect(createEngine({ ruleFiles: cached! }).types()).toEqual(createEngine({ ruleFiles: sources }).types());
  });

  test('is ignored when a rule file or template changed since the build', () => {
    write(sources.map((s, i) => ({ ...s, text: i === 0 ? `${s.text}\n# edited` : s.text, data: parseRuleFile(s) })));
    expect(readCache(root, sources)).toBeUndefined();
    write(sources.map((s, i) => ({ ...s, template: i === 1 ? 'changed' : s.template, data: parseRuleFile(s) })));
    expect(readCache(root, sources)).toBeUndefined();
  });

  test('is ignored when missing or unreadable', () => {
    writeFileSync(join(root, BUILTIN_CACHE), '{not json');
    expect(readCache(root, sources)).toBeUndefined();
    expect(readCache(join(root, 'nowhere'), sources)).toBeUndefined();
  });
});

test.each([
  ['template: ../templates/x.md\n', '../templates/x.md'],
  ['name: a\ntemplate: "t.md"  # the template\n', 't.md'],
  ["template: 'a b.md'\n", 'a b.md'],
  ['template:\n  nested: 1\n', undefined],
  ['not: [valid\n', undefined],
])('templateRef(%j)', (text, ref) => {
  expect(templateRef(text)).toBe(ref);
});

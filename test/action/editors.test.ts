/**
 * docs/editors.md: the examples an editor user copies work — the `$schema` modelines point at the
 * published schemas, the example config is valid for both the schema and the engine, and the VS Code
 * `yaml.schemas` snippet maps existing schemas.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { parseConfig } from '../../src/engine/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = readFileSync(path.join(root, 'docs/editors.md'), 'utf8');
const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
/** A schema reference as a user would have it, resolved against this repository (the package). */
const inPackage = (ref: string) => path.join(root, ref.replace(/^(\.\.\/)*(\.\/)?(node_modules\/spec-review\/)?/, ''));

describe('docs/editors.md', () => {
  test('the example .github/spec-review.yml is valid for the schema its modeline names and for the engine', () => {
    const example = blocks('yaml').find((b) => b.includes('config.schema.json') && b.includes('fail_on'))!;
    const ref = /\$schema=(\S+)/.exec(example)![1];
    const schema = JSON.parse(readFileSync(inPackage(ref), 'utf8'));
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(schema, parse(example))).toBe(true);
    expect(parseConfig(example, '.github/spec-review.yml')).toMatchObject({ fail_on: 'warning', min_score: 70 });
  });

  test('the VS Code yaml.schemas snippet maps both schemas, which exist', () => {
    const settings = JSON.parse(blocks('json')[0]) as { 'yaml.schemas': Record<string, string[]> };
    const map = settings['yaml.schemas'];
    expect(Object.values(map).flat()).toEqual(expect.arrayContaining(['.github/spec-review.yml', 'rules/*.yml']));
    for (const ref of Object.keys(map)) expect(existsSync(inPackage(ref))).toBe(true);
  });

  test('every built-in rule file starts with a modeline to the ruleset schema', () => {
    for (const f of readdirSync(path.join(root, 'rules')).filter((n) => n.endsWith('.yml'))) {
      const first = readFileSync(path.join(root, 'rules', f), 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../schemas/ruleset.schema.json');
    }
    expect(doc).toContain('# yaml-language-server: $schema=../schemas/ruleset.schema.json');
  });
});

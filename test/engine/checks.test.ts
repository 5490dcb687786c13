/**
 * The generic fixture runner: every folder under test/fixtures/checks/ is one case (see its README.md).
 *
 *   case.yml      path (the repo path the file pretends to have), type?, index?, config?, rule_files?,
 *                 rules, todo?
 *   good.md       must give no finding of the case's rules
 *   bad.md        must give exactly the findings listed in bad.expected (for the case's rules)
 *   bad.expected  one finding a line: `LINE[:COL] RULE [MESSAGE-SUBSTRING]`; `#` starts a comment
 *
 * Files are read as bytes, as the CLI and the app hand them to the engine, so encoding fixtures
 * (binary, invalid UTF-8, BOM, CRLF) are ordinary files. A new case is a new folder; nothing here changes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ALL_RULES, createEngine, validateConfigObject, type Config, type Engine, type Finding, type RepoIndex, type RuleFileInput, type SeveritySetting } from '../../src/engine/index.js';
import { typeRuleIds } from '../../src/docs/rules-doc.js';
import { loadBuiltinRuleFiles, templateRef } from '../../src/rules-fs.js';
import { parseExpected, render, where, type Expected } from './expected.js';
import { ROOT } from './helpers.js';

const DIR = join(ROOT, 'test/fixtures/checks');
const CASE_KEYS = new Set(['path', 'type', 'index', 'config', 'rule_files', 'rules', 'todo']);

interface Case {
  name: string;
  dir: string;
  path: string;
  type?: string;
  index?: string[];
  /** The raw config object (inline `.github/spec-review.yml`), before validation. */
  config?: Record<string, unknown>;
  /** Extra rule files (and their templates) in the case folder, added after the built-in ones. */
  ruleFiles: RuleFileInput[];
  rules: string[];
  todo?: string;
  good?: Uint8Array;
  bad?: Uint8Array;
  expected?: Expected[];
}

const builtinEngine = createEngine({ ruleFiles: loadBuiltinRuleFiles() });
/** Every rule id a finding can carry: the checks', the engine's and the rule files' own (component/interfaces...). */
const KNOWN_RULES = new Set([...ALL_RULES.map((r) => r.id), ...builtinEngine.types().flatMap((t) => typeRuleIds(builtinEngine.type(t.name)!))]);
/** Rules no fixture can trigger: they report a bug in a check, which the fixtures are meant to prevent. */
const UNTESTABLE = new Set(['internal-error']);

function fail(c: { name: string }, file: string, message: string): never {
  throw new Error(`test/fixtures/checks/${c.name}/${file}: ${message}`);
}

function stringList(c: { name: string }, key: string, v: unknown): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(c, 'case.yml', `"${key}" must be a list of strings`);
  return v;
}

function loadCase(name: string): Case {
  const dir = join(DIR, name);
  const c = { name };
  if (!existsSync(join(dir, 'case.yml'))) fail(c, 'case.yml', 'missing (every case folder needs one)');
  const raw = parseYaml(readFileSync(join(dir, 'case.yml'), 'utf8')) as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object') fail(c, 'case.yml', 'must be a mapping');
  for (const k of Object.keys(raw)) if (!CASE_KEYS.has(k)) fail(c, 'case.yml', `unknown key "${k}" (allowed: ${[...CASE_KEYS].join(', ')})`);
  if (typeof raw.path !== 'string' || !raw.path) fail(c, 'case.yml', '"path" (the repository path of the file) is required');
  const ruleFiles = (raw.rule_files === undefined ? [] : stringList(c, 'rule_files', raw.rule_files)).map((f): RuleFileInput => {
    if (!existsSync(join(dir, f))) fail(c, 'case.yml', `rule file "${f}" is not in the case folder`);
    const text = readFileSync(join(dir, f), 'utf8');
    const ref = templateRef(text);
    return { path: f, text, template: ref && existsSync(join(dir, ref)) ? readFileSync(join(dir, ref), 'utf8') : undefined };
  });
  const known = new Set(KNOWN_RULES);
  if (ruleFiles.length) {
    const e = createEngine({ ruleFiles: [...loadBuiltinRuleFiles(), ...ruleFiles] });
    for (const t of e.types()) for (const id of typeRuleIds(e.type(t.name)!)) known.add(id);
  }
  const rules = stringList(c, 'rules', raw.rules);
  if (!rules.length) fail(c, 'case.yml', '"rules" must name at least one rule id');
  for (const r of rules) if (!known.has(r)) fail(c, 'case.yml', `"${r}" is not a rule id (known: ${[...known].join(', ')})`);
  let config: Record<string, unknown> | undefined;
  if (typeof raw.config === 'string') config = (parseYaml(raw.config) as Record<string, unknown> | null) ?? {};
  else if (raw.config && typeof raw.config === 'object') config = raw.config as Record<string, unknown>;
  else if (raw.config !== undefined) fail(c, 'case.yml', '"config" must be a mapping or a YAML string');
  const bytes = (f: string) => (existsSync(join(dir, f)) ? new Uint8Array(readFileSync(join(dir, f))) : undefined);
  const out: Case = {
    name,
    dir,
    path: raw.path,
    type: typeof raw.type === 'string' ? raw.type : undefined,
    index: raw.index === undefined ? undefined : stringList(c, 'index', raw.index),
    config,
    ruleFiles,
    rules,
    todo: typeof raw.todo === 'string' ? raw.todo : undefined,
    good: bytes('good.md'),
    bad: bytes('bad.md'),
  };
  if (!out.good && !out.bad) fail(c, '', 'needs good.md and/or bad.md');
  if (out.bad) {
    if (!existsSync(join(dir, 'bad.expected'))) fail(c, 'bad.expected', 'missing (bad.md needs its expected findings)');
    out.expected = parseExpected(readFileSync(join(dir, 'bad.expected'), 'utf8'), (at, message) => fail(c, `bad.expected:${at}`, message));
    for (const x of out.expected) {
      if (!rules.includes(x.rule)) fail(c, `bad.expected:${x.at}`, `rule "${x.rule}" is not in case.yml "rules" (${rules.join(', ')}), so it would never be compared`);
    }
    if (!out.expected.length) fail(c, 'bad.expected', 'lists no finding: a bad.md must produce at least one');
  } else if (existsSync(join(dir, 'bad.expected'))) fail(c, 'bad.expected', 'present without bad.md');
  return out;
}

const CASES: Case[] = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
  .map(loadCase);

function engineFor(c: Case, overrides: Record<string, SeveritySetting> = {}): Engine {
  const raw = { ...(c.config ?? {}) };
  if (Object.keys(overrides).length) raw.rules = { ...((raw.rules as Record<string, unknown>) ?? {}), ...overrides };
  const config: Config | undefined = Object.keys(raw).length ? validateConfigObject(raw) : undefined;
  return createEngine({ ruleFiles: [...loadBuiltinRuleFiles(), ...c.ruleFiles], config });
}

async function findingsOf(c: Case, content: Uint8Array, engine = engineFor(c)): Promise<Finding[]> {
  const index: RepoIndex | undefined = c.index ? { paths: new Set([c.path, ...c.index]) } : undefined;
  const result = await engine.review({ path: c.path, content }, index, c.type ? { type: c.type } : {});
  return result.findings.filter((f) => c.rules.includes(f.rule));
}

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  if (c.todo) {
    if (c.good) test.todo(`good.md (${c.todo})`);
    if (c.bad) test.todo(`bad.md (${c.todo})`);
    return;
  }
  if (c.good) {
    test(`good.md: no ${c.rules.join(', ')}`, async () => {
      const found = await findingsOf(c, c.good!);
      expect(found.map((f) => `${where(f, true)} ${f.rule} ${f.message}`)).toEqual([]);
    });
  }
  if (c.bad) {
    test('bad.md: findings match bad.expected', async () => {
      const { actual, expected } = render(await findingsOf(c, c.bad!), c.expected!);
      expect(actual).toEqual(expected);
    });
  }
});

describe('severity configuration applies to every rule the fixtures trigger', () => {
  const pairs = CASES.filter((c) => c.bad && !c.todo).flatMap((c) => [...new Set(c.expected!.map((x) => x.rule))].map((rule) => [c.name, rule, c] as const));
  test.each(pairs)('%s: %s set to off gives no finding of it', async (_name, rule, c) => {
    const found = await findingsOf(c, c.bad!, engineFor(c, { [rule]: 'off' }));
    expect(found.filter((f) => f.rule === rule)).toEqual([]);
  });
  test.each(pairs)('%s: %s severity can be overridden', async (_name, rule, c) => {
    const base = (await findingsOf(c, c.bad!)).filter((f) => f.rule === rule);
    const other = base[0].severity === 'notice' ? 'error' : 'notice';
    const found = (await findingsOf(c, c.bad!, engineFor(c, { [rule]: other }))).filter((f) => f.rule === rule);
    expect(found.length).toBe(base.length);
    expect(found.map((f) => f.severity)).toEqual(found.map(() => other));
  });
});

describe('fixture coverage', () => {
  const live = CASES.filter((c) => !c.todo);
  const withTodo = CASES.filter((c) => c.todo);
  const rules = [...KNOWN_RULES].filter((r) => !UNTESTABLE.has(r)).sort();

  test.each(rules)('%s has a bad fixture and a good fixture', (rule) => {
    const bad = live.some((c) => c.expected?.some((x) => x.rule === rule)) || withTodo.some((c) => c.expected?.some((x) => x.rule === rule));
    const good = live.some((c) => c.good && c.rules.includes(rule)) || withTodo.some((c) => c.good && c.rules.includes(rule));
    expect({ rule, bad, good }).toEqual({ rule, bad: true, good: true });
  });

  test('every seed "Common Issues & Fixes" message is asserted verbatim by a fixture', () => {
    const messages = [
      'Missing Interfaces section',
      'Configuration incomplete',
      'No Monitoring section',
      'Deployment steps unclear',
      'Flow diagram incomplete or missing',
      'Step descriptions lack detail',
      'No error handling documented',
      'Async operations not clearly shown',
    ];
    const asserted = live.flatMap((c) => c.expected ?? []).map((x) => x.message ?? '');
    expect(messages.filter((m) => !asserted.some((a) => a.includes(m)))).toEqual([]);
  });
});

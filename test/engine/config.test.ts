/**
 * `.github/spec-review.yml`: parseConfig turns every problem into SpecReviewError('config-invalid')
 * naming file:line; empty files give the defaults; createEngine rejects specs of unknown types.
 */
import { CONFIG_PATH, createEngine, DEFAULT_CONFIG, parseConfig, SpecReviewError, validateConfigObject } from '../../src/engine/index.js';
import { loadBuiltinRuleFiles } from '../../src/rules-fs.js';

function configError(text: string, file?: string): SpecReviewError {
  try {
    parseConfig(text, file);
  } catch (e) {
    if (e instanceof SpecReviewError) return e;
    throw new Error(`expected a SpecReviewError, got ${String(e)}`);
  }
  throw new Error('the config parsed without error');
}

describe('valid configuration', () => {
  test.each([
    ['an empty file', ''],
    ['only comments', '# nothing configured yet\n'],
    ['an empty document marker', '---\n'],
  ])('%s gives the defaults', (_name, text) => {
    expect(parseConfig(text)).toEqual(DEFAULT_CONFIG);
  });

  test('every key is read and merged over the defaults', () => {
    const config = parseConfig(`# yaml-language-server: $schema=../schemas/config.schema.json
specs:
  - path: "design/**/*.md"
    type: component
rules:
  placeholder: notice
  component/monitoring: off
types: [.github/spec-types/adr.yml]
min_score: 70
fail_on: warning
max_file_size: 2048
ignore: ["docs/specs/archive/**"]
comment:
  on_clean: delete
`);
    expect(config).toEqual({
      specs: [{ path: 'design/**/*.md', type: 'component' }],
      rules: { placeholder: 'notice', 'component/monitoring': 'off' },
      types: ['.github/spec-types/adr.yml'],
      min_score: 70,
      fail_on: 'warning',
      max_file_size: 2048,
      ignore: ['docs/specs/archive/**'],
      comment: { on_clean: 'delete' },
    });
  });

  test('Probot\'s _extends is allowed', () => {
    expect(parseConfig('_extends: my-org/.github\nmin_score: 50\n').min_score).toBe(50);
  });
});

describe('invalid configuration names file:line and the problem', () => {
  // `bug`: what the message should add; the case asserts the rest and the bug is a test.todo.
  const cases: { name: string; text: string; line: number; message: RegExp; bug?: string }[] = [
    {
      name: 'unknown key, with a suggestion',
      text: 'min_score: 50\nfail_onn: warning\n',
      line: 2,
      message: /^Unknown key "fail_onn" at top level\. Did you mean "fail_on"\?/,
    },
    {
      name: 'unknown nested key',
      text: 'comment:\n  on-clean: delete\n',
      line: 2,
      message: /^Unknown key "on-clean" at comment\. Did you mean "on_clean"\?/,
    },
    { name: 'bad enum', text: 'fail_on: sometimes\n', line: 1, message: /^fail_on must be one of: "error", "warning", "notice", "never"\.$/ },
    { name: 'bad severity', text: 'rules:\n  placeholder: loud\n', line: 2, message: /^rules\.placeholder must be one of: "error", "warning", "notice", "off"\.$/ },
    { name: 'min_score over 100', text: 'fail_on: error\nmin_score: 150\n', line: 2, message: /^min_score must be <= 100\.$/ },
    { name: 'min_score negative', text: 'min_score: -5\n', line: 1, message: /^min_score must be >= 0\.$/ },
    { name: 'min_score not a number', text: 'min_score: high\n', line: 1, message: /^min_score must be integer\.$/ },
    { name: 'min_score not an integer', text: 'min_score: 50.5\n', line: 1, message: /^min_score must be integer\.$/ },
    { name: 'max_file_size zero', text: 'max_file_size: 0\n', line: 1, message: /^max_file_size must be >= 1\.$/ },
    { name: 'specs entry without type', text: 'specs:\n  - path: "design/*.md"\n', line: 2, message: /^Missing required key "type" at specs\[0\]\.$/ },
    { name: 'types entry that is not a YAML file', text: 'types:\n  - rules/adr.json\n', line: 2, message: /^types\[0\] "rules\/adr\.json" does not match/ },
    { name: 'wrong type of a list', text: 'ignore: "docs/**"\n', line: 1, message: /^ignore must be array\.$/ },
    { name: 'not a mapping', text: '- a\n- b\n', line: 1, message: /^top level must be object\.$/ },
    { name: 'bad YAML syntax', text: 'rules:\n  placeholder: [notice\nmin_score: 5\n', line: 3, message: /^Invalid YAML: / },
    { name: 'duplicate key', text: 'min_score: 5\nmin_score: 6\n', line: 2, message: /^Invalid YAML: .*[Mm]ap keys must be unique/ },
  ];
  for (const c of cases) if (c.bug) test.todo(`${c.name}: message should add ${c.bug}`);
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const err = configError(c.text);
    expect({ code: err.code, file: err.file, line: err.line }).toEqual({ code: 'config-invalid', file: CONFIG_PATH, line: c.line });
    expect(err.message).toMatch(c.message);
    expect(err.format()).toMatch(new RegExp(`^\\.github/spec-review\\.yml:${c.line}(:\\d+)?: .* \\(config-invalid\\)$`));
  });

  test('the file name given is the one reported', () => {
    expect(configError('fail_on: x\n', 'org/.github/spec-review.yml').file).toBe('org/.github/spec-review.yml');
  });
});

describe('validateConfigObject (a config Probot already parsed)', () => {
  test('null and undefined give the defaults', () => {
    expect(validateConfigObject(null)).toEqual(DEFAULT_CONFIG);
    expect(validateConfigObject(undefined)).toEqual(DEFAULT_CONFIG);
  });

  test('problems are config-invalid errors with a line in the re-serialised object', () => {
    let err: unknown;
    try {
      validateConfigObject({ min_score: 10, fail_on: 'sometimes' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecReviewError);
    expect(err).toMatchObject({ code: 'config-invalid', file: CONFIG_PATH, line: 3 });
    expect((err as SpecReviewError).message).toMatch(/^fail_on must be one of/);
  });
});

describe('createEngine checks the config against the rule set', () => {
  test('specs[].type naming no spec type is config-invalid', () => {
    const config = parseConfig('specs:\n  - path: "design/**/*.md"\n    type: component\n  - path: "adr/*.md"\n    type: adr\n');
    let err: unknown;
    try {
      createEngine({ ruleFiles: loadBuiltinRuleFiles(), config });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecReviewError);
    expect(err).toMatchObject({ code: 'config-invalid', file: CONFIG_PATH });
    expect((err as SpecReviewError).message).toBe('specs[1].type "adr" is not a spec type. Did you mean "flow"? (known: component, data-flow, flow-schematic, flow)');
  });
  test('specs[].type naming no spec type reports the line of that entry', () => {
    const text = 'specs:\n  - path: "design/**/*.md"\n    type: component\n  - path: "adr/*.md"\n    type: adr\n';
    expect(() => createEngine({ ruleFiles: loadBuiltinRuleFiles(), config: parseConfig(text), configText: text, configFile: 'x.yml' })).toThrow(
      expect.objectContaining({ code: 'config-invalid', file: 'x.yml', line: 5 }),
    );
  });

  test('unknown rule ids and type names are reported at once, each with its line and the closest known name', () => {
    const text = ['rules:', '  placeholders: off', '  component/monitor: warning', '  section-order: notice', 'specs:', '  - path: "design/**/*.md"', '    type: compnent', ''].join('\n');
    let err: SpecReviewError | undefined;
    try {
      createEngine({ ruleFiles: loadBuiltinRuleFiles(), config: parseConfig(text), configText: text, configFile: CONFIG_PATH });
    } catch (e) {
      err = e as SpecReviewError;
    }
    expect(err).toBeInstanceOf(SpecReviewError);
    expect(err!.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'rules: "placeholders" is not a rule id. Did you mean "placeholder"? (every rule is listed in docs/rules.md)'],
      [3, 'rules: "component/monitor" is not a rule id. Did you mean "component/monitoring"? (every rule is listed in docs/rules.md)'],
      [7, 'specs[0].type "compnent" is not a spec type. Did you mean "component"? (known: component, data-flow, flow-schematic, flow)'],
    ]);
    expect(err!.format().split('\n')).toEqual([
      `${CONFIG_PATH}:2: rules: "placeholders" is not a rule id. Did you mean "placeholder"? (every rule is listed in docs/rules.md) (config-invalid)`,
      `${CONFIG_PATH}:3: rules: "component/monitor" is not a rule id. Did you mean "component/monitoring"? (every rule is listed in docs/rules.md) (config-invalid)`,
      `${CONFIG_PATH}:7: specs[0].type "compnent" is not a spec type. Did you mean "component"? (known: component, data-flow, flow-schematic, flow) (config-invalid)`,
    ]);
  });

  test('rule ids of every type, the engine and the checks are accepted', () => {
    const text = 'rules:\n  placeholder: off\n  section-detail: notice\n  flow-schematic/step-detail: error\n  file-bom: off\n';
    expect(() => createEngine({ ruleFiles: loadBuiltinRuleFiles(), config: parseConfig(text), configText: text })).not.toThrow();
  });

  test('every schema problem of a config is reported, not only the first', () => {
    const err = configError('min_score: high\nfail_on: sometimes\ncoment:\n  on_clean: keep\n');
    expect(err.problems.map((p) => p.line)).toEqual([3, 1, 2]);
    expect(err.problems[0].message).toMatch(/^Unknown key "coment" at top level\. Did you mean "comment"\?/);
  });

  test('specs globs type files outside the spec folders', async () => {
    const e = createEngine({ ruleFiles: loadBuiltinRuleFiles(), config: parseConfig('specs:\n  - path: "design/**/*.md"\n    type: component\n') });
    expect(e.isSpecPath('design/billing/overview.md')).toBe(true);
    expect(e.detectType('design/billing/overview.md')?.type.name).toBe('component');
    const r = await e.review({ path: 'design/billing/overview.md', content: '# Billing\n' });
    expect(r.type).toBe('component');
    expect(r.findings.filter((f) => f.rule === 'file-name' && /belongs in/.test(f.message))).toEqual([]);
  });

  test('ignore globs are never specs', () => {
    const e = createEngine({ ruleFiles: loadBuiltinRuleFiles(), config: parseConfig('ignore: ["docs/specs/archive/**"]\n') });
    expect(e.isSpecPath('docs/specs/archive/cmp-001-old.md')).toBe(false);
    expect(e.isSpecPath('docs/specs/component/cmp-001-new.md')).toBe(true);
  });
});

/**
 * Malformed rule files are SpecReviewError('ruleset-invalid') naming the file, the line and what was
 * expected; valid ones compile, and their `severity:` map is applied.
 */
import { createEngine, SpecReviewError, type RuleFileInput } from '../../src/engine/index.js';
import { compileRuleFiles } from '../../src/engine/ruleset.js';
import { loadBuiltinRuleFiles } from '../../src/rules-fs.js';

const FILE = 'rules/adr.yml';
const TEMPLATE = '# {{title}}\n\n## Context\n\n[Describe the forces at play.]\n';
const VALID = `# An architecture decision record.
name: adr
description: Architecture decision record.
template: ../templates/adr.md
folder: docs/specs/adr
file_prefix: adr
id_prefix: ADR
metadata:
  fields:
    - { name: Title, source: heading, required: true }
    - name: Status
      values: [Proposed, Accepted]
sections:
  - title: Context
    aliases: [Background]
    required: true
    weight: 10
  - title: Decision
    required: true
    requires:
      - message: Decision lists no alternatives
        subsection: { title: Alternatives }
`;

/** 1-based line of the first line containing `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in the rule file`);
  return i + 1;
}

function compileError(text: string, template: string | undefined, path = FILE): SpecReviewError {
  try {
    compileRuleFiles([{ path, text, template }]);
  } catch (e) {
    if (e instanceof SpecReviewError) return e;
    throw new Error(`expected a SpecReviewError, got ${String(e)}`);
  }
  throw new Error('the rule file compiled without error');
}

test('the valid base file compiles', () => {
  const [type] = compileRuleFiles([{ path: FILE, text: VALID, template: TEMPLATE }]);
  expect(type.name).toBe('adr');
  expect([...type.sections[0].vocabulary.keys]).toEqual(['context', 'background']);
});

test('the built-in rule files compile', () => {
  expect(compileRuleFiles(loadBuiltinRuleFiles()).map((t) => t.name).sort()).toEqual(['component', 'data-flow', 'flow', 'flow-schematic']);
});

describe('malformed rule files name the file, line and problem', () => {
  // `bug`: the part of the message the engine gets wrong today; the case asserts the rest and the bug is a test.todo.
  const cases: { name: string; text: string; line: (t: string) => number; message: RegExp; template?: string | null; bug?: string }[] = [
    {
      name: 'unknown top-level key, with a suggestion',
      text: VALID.replace('sections:', 'sectons:'),
      line: (t) => lineOf(t, 'sectons:'),
      message: /Unknown key "sectons" at top level\. Did you mean "sections"\? Allowed keys: /,
    },
    {
      name: 'unknown key inside a section',
      text: VALID.replace('    aliases: [Background]', '    alias: [Background]'),
      line: (t) => lineOf(t, 'alias:'),
      message: /Unknown key "alias" at sections\[0\]\. Did you mean "aliases"\?/,
    },
    {
      name: 'unknown key inside a requirement',
      text: VALID.replace('        subsection: { title: Alternatives }', '        subsection: { title: Alternatives }\n        keyword: [option]'),
      line: (t) => lineOf(t, 'keyword:'),
      message: /Unknown key "keyword" at sections\[1\]\.requires\[0\]\. Did you mean "keywords"\?/,
    },
    {
      name: 'wrong type',
      text: VALID.replace('    weight: 10', '    weight: heavy'),
      line: (t) => lineOf(t, 'weight: heavy'),
      message: /sections\[0\]\.weight must be number/,
    },
    {
      name: 'bad enum value',
      text: VALID.replace('source: heading', 'source: title'),
      line: (t) => lineOf(t, 'source: title'),
      message: /metadata\.fields\[0\]\.source must be one of: "heading", "field"/,
    },
    {
      name: 'bad pattern',
      text: VALID.replace('id_prefix: ADR', 'id_prefix: adr'),
      line: (t) => lineOf(t, 'id_prefix'),
      message: /id_prefix "adr" does not match/,
    },
    {
      name: 'missing required key',
      text: VALID.replace('id_prefix: ADR\n', ''),
      line: () => 2,
      message: /Missing required key "id_prefix" at top level/,
    },
    {
      name: 'requirement without any kind',
      text: VALID.replace('        subsection: { title: Alternatives }\n', ''),
      line: (t) => lineOf(t, '- message: Decision lists no alternatives'),
      message: /sections\[1\]\.requires\[0\] needs at least one of: table, code, diagram/,
    },
    {
      name: 'bad YAML syntax',
      text: VALID.replace('    aliases: [Background]', '    aliases: [Background'),
      line: (t) => lineOf(t, 'aliases: [Background') + 1,
      message: /^Invalid YAML: /,
    },
    {
      name: 'duplicate key',
      text: VALID.replace('folder: docs/specs/adr', 'folder: docs/specs/adr\nfolder: docs/adr'),
      line: (t) => lineOf(t, 'folder: docs/adr'),
      message: /^Invalid YAML: .*[Mm]ap keys must be unique/,
    },
    {
      name: 'duplicate section alias',
      text: VALID.replace('  - title: Decision', '  - title: Decision\n    aliases: [Background]'),
      line: (t) => lineOf(t, '- title: Decision'),
      message: /Section title or alias "Background" of section 2 reads the same as one of section 1/,
    },
    {
      name: 'alias equal to another title after normalising',
      text: VALID.replace('  - title: Decision', '  - title: "1. Context:"'),
      line: (t) => lineOf(t, '1. Context:'),
      message: /"1\. Context:" of section 2 reads the same as one of section 1/,
    },
    {
      name: 'missing template',
      text: VALID,
      template: null,
      line: (t) => lineOf(t, 'template:'),
      message: /Template "\.\.\/templates\/adr\.md" \(relative to this rule file\) does not exist or could not be read/,
    },
    {
      name: 'empty file',
      text: '# nothing but a comment\n',
      line: () => 1,
      message: /File is empty/,
    },
  ];
  for (const c of cases) if (c.bug) test.todo(`${c.name}: message ${c.bug}`);
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const err = compileError(c.text, c.template === null ? undefined : (c.template ?? TEMPLATE));
    expect({ code: err.code, file: err.file, line: err.line }).toEqual({ code: 'ruleset-invalid', file: FILE, line: c.line(c.text) });
    expect(err.message).toMatch(c.message);
    expect(err.format().split('\n')[0]).toMatch(new RegExp(`^${FILE}:${c.line(c.text)}(:\\d+)?: .* \\(ruleset-invalid\\)$`));
  });
});

test('two types with the same file prefix', () => {
  const other = VALID.replace('name: adr', 'name: decision');
  let err: unknown;
  try {
    compileRuleFiles([
      { path: FILE, text: VALID, template: TEMPLATE },
      { path: 'rules/decision.yml', text: other, template: TEMPLATE },
    ]);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(SpecReviewError);
  expect((err as SpecReviewError).code).toBe('ruleset-invalid');
  expect((err as SpecReviewError).message).toBe('Types "adr" and "decision" both use the file prefix "adr".');
  expect((err as SpecReviewError).file).toBe('rules/decision.yml');
  expect((err as SpecReviewError).line).toBe(lineOf(other, 'file_prefix'));
});

test('createEngine reports a malformed rule file the same way', () => {
  const bad: RuleFileInput = { path: FILE, text: VALID.replace('sections:', 'sectons:'), template: TEMPLATE };
  expect(() => createEngine({ ruleFiles: [...loadBuiltinRuleFiles(), bad] })).toThrow(expect.objectContaining({ code: 'ruleset-invalid', file: FILE }));
});

test('a later rule file with a built-in name replaces the built-in type', () => {
  const text = VALID.replace('name: adr', 'name: component').replace('file_prefix: adr', 'file_prefix: cmp').replace('folder: docs/specs/adr', 'folder: docs/specs/component');
  const e = createEngine({ ruleFiles: [...loadBuiltinRuleFiles(), { path: 'rules/component.yml', text, template: TEMPLATE }] });
  expect(e.type('component')?.sections.map((s) => s.title)).toEqual(['Context', 'Decision']);
});

describe('the severity map of a rule file', () => {
  const text = `${VALID}severity:\n  placeholder: error\n  section-content: notice\n  section-order: off\n`;
  const e = createEngine({ ruleFiles: [...loadBuiltinRuleFiles(), { path: FILE, text, template: TEMPLATE }] });
  const doc = '# Use PostgreSQL\n\n## Decision\n\nWe store invoices in PostgreSQL, TBD.\n\n## Context\n\nInvoices need transactions.\n';

  test('sets the severity of checks and requirements for specs of that type', async () => {
    const r = await e.review({ path: 'docs/specs/adr/adr-001-postgres.md', content: doc });
    const by = (rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => `${f.line} ${f.severity}`);
    expect(by('placeholder')).toEqual(['5 error']);
    expect(by('section-content')).toEqual(['3 notice']);
    expect(by('section-order')).toEqual([]);
  });

  test('does not touch other types', async () => {
    const r = await e.review({ path: 'docs/specs/component/cmp-001-x.md', content: '# X\n\nCapacity is TBD.\n' });
    expect(r.findings.filter((f) => f.rule === 'placeholder').map((f) => f.severity)).toEqual(['warning']);
  });

  test('the repository config still wins over it', async () => {
    const withConfig = createEngine({
      ruleFiles: [...loadBuiltinRuleFiles(), { path: FILE, text, template: TEMPLATE }],
      config: { ...e.config, rules: { placeholder: 'notice' } },
    });
    const r = await withConfig.review({ path: 'docs/specs/adr/adr-001-postgres.md', content: doc });
    expect(r.findings.filter((f) => f.rule === 'placeholder').map((f) => f.severity)).toEqual(['notice']);
  });
});

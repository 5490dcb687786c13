/**
 * docs/rules.md, generated from metadata: every check's id, default severity and description
 * (src/engine/checks) and, per spec type, the metadata, sections and type-specific rules its rule file
 * (rules/*.yml) declares. Pure: rule metadata and compiled types in, Markdown out. `npm run gen` writes
 * the file; test/engine/rules-doc.test.ts fails while it is stale.
 */
import { posix } from 'node:path';
import { ALL_RULES, CHECKS, GRAPH_RULES, type RuleInfo } from '../engine/checks/index.js';
import { compileRuleFiles, ruleIdsOf, type RuleFileInput, type SpecType } from '../engine/ruleset.js';
import { describeRequirement } from '../engine/requirements/index.js';
import type { SeveritySetting } from '../engine/types.js';

/** One rule id a spec type declares in its rule file, with where and why it is reported. */
export interface TypeRule {
  id: string;
  /** Default severity for this type (the rule file's `severity:` map wins over the requirement's). */
  severity: SeveritySetting;
  /** What makes it fire, in words. */
  when: string;
  message: string;
}

const DEFAULT_REQUIREMENT_RULE = 'section-content';

/** Every rule id a type's rule file can report (`component/interfaces`...), first appearance order. */
export function typeRuleIds(type: SpecType): string[] {
  return ruleIdsOf(type);
}

/** The type-specific rules of a spec type: its sections' `missing` and `requires` entries and the document's `requires`. */
export function typeRules(type: SpecType): TypeRule[] {
  const out: TypeRule[] = [];
  const override = (id: string) => type.rule.severity?.[id];
  for (const s of type.sections) {
    if (s.missing && s.required) {
      const hint = s.missing.hint ? `: ${s.missing.hint}` : '';
      out.push({ id: s.missing.rule, severity: override(s.missing.rule) ?? 'error', when: `section "${s.title}" is missing`, message: `${s.missing.message}${hint}` });
    }
    if (s.detail) {
      out.push({ id: s.detail.rule, severity: override(s.detail.rule) ?? 'warning', when: `section "${s.title}" holds less than half of what a finished one does`, message: `${s.detail.message}.${s.detail.hint ? ` ${s.detail.hint}` : ''}` });
    }
    for (const req of s.requires ?? []) {
      const id = req.rule ?? DEFAULT_REQUIREMENT_RULE;
      out.push({ id, severity: override(id) ?? req.severity ?? 'warning', when: `section "${s.title}" lacks ${describeRequirement(req)}`, message: `${req.message}.${req.hint ? ` ${req.hint}` : ''}` });
    }
  }
  for (const req of type.rule.requires ?? []) {
    const id = req.rule ?? DEFAULT_REQUIREMENT_RULE;
    out.push({ id, severity: override(id) ?? req.severity ?? 'warning', when: `the document lacks ${describeRequirement(req)}`, message: `${req.message}.${req.hint ? ` ${req.hint}` : ''}` });
  }
  return out;
}

/** Escape a table cell: pipes and angle brackets, newlines folded to spaces; an empty cell shows "-". */
function cell(s: string): string {
  return s ? s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;') : '-';
}

function code(s: string): string {
  return `\`${s}\``;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function typeSection(type: SpecType): string[] {
  const template = posix.normalize(posix.join(posix.dirname(type.source), type.templatePath));
  const out: string[] = [
    `### ${type.name}`,
    '',
    type.description,
    '',
    `- Folder: ${code(`${type.folder}/`)}`,
    `- File name: ${code(`${type.filePrefix}-NNN-slug.md`)}`,
    `- Reference: ${code(`[${type.idPrefix}-NNN]`)}`,
    `- Template: ${code(template)}`,
    `- Rule file: ${code(type.source)}`,
    '',
    `#### Metadata (${type.name})`,
    '',
  ];
  out.push(
    ...table(
      ['Field', 'Required', 'Expected', 'Also accepted as'],
      type.rule.metadata.fields.map((f) => {
        const expected =
          f.source === 'heading'
            ? 'the first `# Heading`'
            : f.values?.length
              ? `one of ${f.values.join(', ')}`
              : f.format === 'date'
                ? 'a date, YYYY-MM-DD'
                : f.format === 'version'
                  ? 'a version, e.g. 1.2.3'
                  : f.format === 'id'
                    ? `an id, ${type.idPrefix}-NNN`
                    : 'any text';
        return [f.name, f.required ? 'yes' : 'no', expected, (f.aliases ?? []).join(', ')];
      }),
    ),
  );
  out.push('', `#### Sections (${type.name})`, '', 'In template order; a section is found by its heading title or an alias.', '');
  out.push(
    ...table(
      ['#', 'Section', 'Also accepted as', 'Required', 'Weight', 'Must contain'],
      type.sections.map((s, i) => [
        String(i + 1),
        s.title,
        (s.aliases ?? []).join(', '),
        s.required ? 'yes' : 'no',
        String(s.weightValue),
        [s.min_words && s.min_words > 1 ? `at least ${s.min_words} words` : '', ...(s.requires ?? []).map(describeRequirement)].filter(Boolean).join('; '),
      ]),
    ),
  );
  const rules = typeRules(type);
  if (rules.length) {
    out.push('', `#### Type-specific rules (${type.name})`, '');
    out.push(...table(['Rule', 'Default severity', 'Reported when', 'Message'], rules.map((r) => [code(r.id), r.severity, r.when, r.message])));
  }
  const overrides = Object.entries(type.rule.severity ?? {});
  if (overrides.length) {
    out.push('', `Severity changes for ${type.name} specs: ${overrides.map(([id, sev]) => `${code(id)} ${sev}`).join(', ')}.`);
  }
  return out;
}

/** The rule reference as Markdown. */
export function renderRulesDoc(rules: readonly RuleInfo[], types: readonly SpecType[]): string {
  const checkIds = new Set(CHECKS.map((c) => c.id));
  const lines: string[] = [
    '# Rules reference',
    '',
    '<!-- Generated by `npm run gen` (src/docs/rules-doc.ts) from src/engine/checks/ and rules/*.yml. Do not edit by hand. -->',
    '',
    'Every finding carries a rule id. Change the severity of a rule, or turn it off, in',
    '`.github/spec-review.yml`:',
    '',
    '```yaml',
    'rules:',
    '  placeholder: notice',
    '  section-order: off',
    '  component/monitoring: warning',
    '```',
    '',
    'A severity set there wins over the one in the rule file of the spec type, which wins over the',
    'default below.',
    '',
    '## Rules for every spec type',
    '',
    ...table(
      ['Rule', 'Default severity', 'Kind', 'Description'],
      rules.map((r) => [code(r.id), r.severity, checkIds.has(r.id) ? 'check' : GRAPH_RULES.some((g) => g.id === r.id) ? 'graph' : 'file', r.description]),
    ),
    '',
    '"check" rules run on each spec; "file" rules are reported while reading the file and deciding its type; "graph" rules are proved by the spec graph across specs (a pull request\'s impact, `spec-review report`).',
    '',
    '## Spec types',
    '',
    ...table(
      ['Type', 'Folder', 'File name', 'Reference'],
      types.map((t) => [`[${t.name}](#${t.name})`, code(`${t.folder}/`), code(`${t.filePrefix}-NNN-slug.md`), code(`[${t.idPrefix}-NNN]`)]),
    ),
    '',
  ];
  for (const t of types) lines.push(...typeSection(t), '');
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** docs/rules.md for the given rule files (e.g. the built-in rules/*.yml). */
export function rulesDoc(ruleFiles: RuleFileInput[]): string {
  return renderRulesDoc(ALL_RULES, compileRuleFiles(ruleFiles));
}

/**
 * docs/rules.md, generated from metadata: every check's id, default severity and description
 * (src/engine/checks) and, per spec type, the metadata, sections and type-specific rules its rule file
 * (rules/*.yml) declares. Pure: rule metadata and compiled types in, Markdown out. `npm run gen` writes
 * the file; test/engine/rules-doc.test.ts fails while it is stale.
 */
import { posix } from 'node:path';
import { ALL_RULES, CHECKS, type RuleInfo } from '../engine/checks/index.js';
import { compileRuleFiles, ruleIdsOf, type RuleFileInput, type SpecType } from '../engine/ruleset.js';
import { DEFAULT_EXPECT } from '../engine/analyze.js';
import { describeRequirement } from '../engine/requirements/index.js';
import type { Expectation } from '../engine/ruleset-schema.js';
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

/** `80 words, or 6 list items, or 2 sub-sections` (each counts as its share). */
function describeExpectation(e: Expectation | undefined): string {
  if (!e) return '';
  const names: [keyof Expectation, string][] = [['words', 'words'], ['items', 'list items'], ['rows', 'table rows'], ['code', 'code blocks'], ['subsections', 'sub-sections']];
  return names.filter(([k]) => e[k]).map(([k, n]) => `${e[k]} ${n}`).join(', or ');
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
  out.push('', `#### Sections (${type.name})`, '', 'In template order; a section is found by its heading title or an alias (see [How headings are read](#how-headings-are-read)).', '');
  out.push(
    ...table(
      ['#', 'Section', 'Also accepted as', 'Required', 'Weight', 'Must contain', 'A finished section holds about'],
      type.sections.map((s, i) => [
        String(i + 1),
        s.title,
        (s.aliases ?? []).join(', '),
        s.required ? 'yes' : 'no',
        String(s.weightValue),
        [s.min_words && s.min_words > 1 ? `at least ${s.min_words} words` : '', ...(s.requires ?? []).map(describeRequirement)].filter(Boolean).join('; '),
        describeExpectation(s.expect ?? (s.weightValue > 0 ? DEFAULT_EXPECT : undefined)),
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
      rules.map((r) => [code(r.id), r.severity, checkIds.has(r.id) ? 'check' : 'file', r.description]),
    ),
    '',
    '"check" rules run on each spec; "file" rules are reported while reading the file and deciding its type.',
    '',
    '## How headings are read',
    '',
    'A heading is reduced to the stems of its words before it is compared: case, emoji and symbols, numbering',
    '(`3.`, `3.1`, `IV.`, `A)`), `&`, `+` and `/` (read as "and"), trailing punctuation, plurals and word',
    'endings (Porter stemmer) and filler words make no difference. A template section is then found:',
    '',
    '1. **for certain** by a heading whose words are those of its title or an alias, or of one part of a heading',
    '   joined by "and" (`Monitoring & Alerting` is Monitoring; `Interfaces / API` is Interfaces); the shallowest',
    '   such heading wins, and a bold line used as a heading (`**Key steps overview**`) counts when no heading does;',
    '2. **by shared words**: a heading at the level of the other sections that shares a word naming only this',
    '   section, or two of its keywords, with at least half of its words accounted for (`Test plan` for',
    '   Testing), or whose sub-heading names it for certain (`### Test Strategy` under `## Test plan`);',
    '3. **by what it holds**: a heading no section claimed whose text carries three of the section\'s own words',
    '   and keywords or meets its requirements (a diagram, a table, steps count more than a word), and, for the',
    '   first template section when it is an introduction (Overview, Summary, Purpose), the first section.',
    '',
    'Sections found in steps 2 and 3 count as present and get a `section-heading` notice at their heading. A',
    'section not found is reported where it belongs — after the previous template section present — with the',
    'headings that would be accepted and, when one came close, the heading that was not taken.',
    '',
    '## How the score is computed',
    '',
    'Each item of a spec\'s score is worth its weight, scaled so the items add up to 100:',
    '',
    '- **a section**: its heading earns 20% of the weight; the other 80% is the share of its requirements met',
    '  (`(1 + met) / (1 + requirements)`, a two-node diagram or a one-line example meeting "a diagram" or "a code',
    '  block" only in part) times its substance: words of the author\'s own, list items (two words that say',
    '  something), table rows (a table needs two), code blocks (five lines make one) and sub-sections with',
    '  fifteen words, against what a finished section holds (the last column below; each part counts as its',
    '  share). Template text, placeholders, filler words, empty `{}` examples and code with an error earn nothing;',
    '- **whole-document requirements**, **metadata** (each field with a problem costs its share) and **no',
    '  placeholders** (a few points each);',
    '- **no errors**: each error-level finding that no item above accounts for costs points.',
    '',
    'A rule that is `off` costs nothing (its item keeps its full credit). The score is 100 minus the losses,',
    'rounded; `spec-review completeness` shows every item that lost points and why.',
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

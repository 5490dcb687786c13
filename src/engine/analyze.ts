/**
 * One pass over a parsed spec against its type: which template sections are present (and how their
 * headings were read), what each holds against what the type expects, which requirements are met,
 * the metadata fields' state and the placeholders left. Checks turn this into findings and the scorer
 * into points, so both always agree.
 */
import type { Nodes } from 'mdast';
import { normalizeLabel, type CodeBlock, type Section, type SpecDoc } from './parse.js';
import { placeholdersInLine, type Placeholder } from './placeholders.js';
import { evaluateRequirement, type Outcome, type RequirementScope } from './requirements/index.js';
import { matchSections, TELLING, type HeadingMatch, type RequirementsMet } from './section-match.js';
import { codeKey, isTemplateKey, templateLineKey, type CompiledSection, type SpecType } from './ruleset.js';

export type { HeadingMatch } from './section-match.js';
import type { Expectation, MetadataField, Requirement } from './ruleset-schema.js';
import { stepsIn, type Step } from './steps.js';
import { codeWeight, measure, rangeSum, substanceRatio, wordSums, type Substance, type WordSums } from './substance.js';

export interface RequirementResult {
  req: Requirement & { weight?: number };
  met: boolean;
  /** Why it is unmet, e.g. `no table with columns Variable, Type`. */
  detail?: string;
  /** How fully it is met, 0..1 (absent: fully). */
  strength?: number;
  line: number;
}

export interface SectionStatus {
  rule: CompiledSection;
  section?: Section;
  /** `close` / `content`: the heading was read as this section by word overlap or by what it holds (a notice says so). */
  match?: HeadingMatch;
  /** Words of the author's own, code included (decides "empty"). */
  words: number;
  filled: boolean;
  requirements: RequirementResult[];
  /** What the section holds, and the ratio against what the type expects (1 = done). */
  substance?: Substance;
  expect?: Expectation;
  ratio: number;
  /** For a missing section: the line where it belongs and a heading that came close but was not taken. */
  belongsAt?: number;
  after?: SectionStatus;
  nearMiss?: Section;
}

export interface MetadataStatus {
  field: MetadataField;
  value?: string;
  line?: number;
  column?: number;
  problem?: 'missing' | 'empty' | 'placeholder' | 'invalid';
  detail?: string;
}

export interface Analysis {
  sections: SectionStatus[];
  document: RequirementResult[];
  metadata: MetadataStatus[];
  placeholders: Placeholder[];
  /** Sections present in the document but in a different order than the template. */
  outOfOrder: { status: SectionStatus; after: SectionStatus }[];
  /** The spec id the document declares in its ID field (`FLOW-001`), with its line. */
  declaredId?: { id: string; line: number; column?: number };
}

/** Words of its own a scope needs before the template's labels in it count towards its keywords. */
const OWN_CONTENT = 15;

/** When no `expect:` is given, a weighted section is done at this many words. */
export const DEFAULT_EXPECT: Expectation = { words: 40 };

/** Whether line `ln` (1-based) of the document is template text; computed once per line. */
function templateLines(doc: SpecDoc, type: SpecType): (ln: number) => boolean {
  const cache = new Int8Array(doc.lines.length + 2);
  return (ln) => {
    if (cache[ln] === 0) {
      const key = templateLineKey(doc.lines[ln - 1] ?? '');
      cache[ln] = !key || isTemplateKey(type, key) ? 1 : 2;
    }
    return cache[ln] === 1;
  };
}

/** A code block copied from the template, a quarter placeholders, broken, or empty (`{}`) is not the author's. */
function isOwnCode(c: CodeBlock, type: SpecType, doc: SpecDoc, byLine: ReadonlyMap<number, Placeholder[]>): boolean {
  if (c.invalid || codeWeight(c) === 0 || type.templateCode.has(codeKey(c.value))) return false;
  let lines = 0;
  let marked = 0;
  for (let ln = c.contentLine; ln < c.endLine; ln++) {
    if (!(doc.lines[ln - 1] ?? '').trim()) continue;
    lines++;
    if (byLine.has(ln)) marked++;
  }
  return marked * 4 < lines;
}

function checkValue(field: MetadataField, value: string, type: SpecType): string | undefined {
  if (field.values?.length) {
    const head = value
      .replace(/^[^\p{L}\p{N}]+/u, '')
      .split(/\s+[-–—(|]|\s*\(|,|;/)[0]
      .trim()
      .toLowerCase();
    if (!field.values.some((v) => v.toLowerCase() === head)) return `"${value}" is not one of ${field.values.join(', ')}`;
  }
  if (field.format === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const d = m ? new Date(`${value}T00:00:00Z`) : undefined;
    if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return `"${value}" is not a date in the form YYYY-MM-DD`;
  }
  if (field.format === 'version' && !/^v?\d+(\.\d+){0,2}([-+][\w.]+)?\b/.test(value)) return `"${value}" is not a version number such as 1.0 or 1.2.3`;
  if (field.format === 'id' && !new RegExp(`^${type.idPrefix}-\\d{3,}$`).test(value)) return `"${value}" is not an id of the form ${type.idPrefix}-NNN`;
  return undefined;
}

const DECLARED_ID = /^[A-Z][A-Z0-9]*-\d+$/;

export interface AnalyzeOptions {
  /** The spec id the file name gives (`FLOW-004`), which the ID field must repeat. */
  nameId?: string;
}

export function analyze(doc: SpecDoc, type: SpecType, opts: AnalyzeOptions = {}): Analysis {
  // Placeholders, line by line (HTML comments are the template's guidance, not content).
  const placeholders: Placeholder[] = [];
  const byLine = new Map<number, Placeholder[]>();
  for (let ln = 1; ln <= doc.lines.length; ln++) {
    if (doc.commentLines.has(ln)) continue;
    const found = placeholdersInLine(doc.lines[ln - 1], ln, type.tokens, doc.literalLines.has(ln));
    if (found.length) {
      placeholders.push(...found);
      byLine.set(ln, found);
    }
  }
  const isTemplate = templateLines(doc, type);
  const sums: WordSums = wordSums(doc, isTemplate, byLine);
  const ownCode = doc.codeBlocks.filter((c) => isOwnCode(c, type, doc, byLine));

  const scopeOf = (from: number, to: number, nodes: readonly Nodes[], subsections: readonly Section[]): RequirementScope => {
    let text: string | undefined;
    let steps: Step[] | undefined;
    const code = ownCode.filter((c) => c.line >= from && c.line <= to);
    const words = rangeSum(sums.all, from + 1, to);
    return {
      doc,
      from,
      to,
      nodes,
      subsections,
      words,
      code: () => code,
      text() {
        if (text === undefined) {
          // Template text (`Invalidation Strategy:` labels) counts once the scope holds content of its own.
          const withTemplate = words >= OWN_CONTENT;
          const own: string[] = [];
          // From the line after the scope's own heading: a section's name is not its content.
          for (let ln = from + 1; ln <= to; ln++) if ((withTemplate || !isTemplate(ln)) && !doc.commentLines.has(ln)) own.push(doc.lines[ln - 1]);
          text = own.join('\n').toLowerCase();
        }
        return text;
      },
      steps: () => (steps ??= stepsIn({ from, to, nodes }, doc)),
    };
  };

  // A section's scope and its requirements' outcomes, once: reading sections by what they hold tries
  // every unclaimed heading against every missing section, and the one taken is evaluated again below.
  const scopes = new Map<Section, { scope: RequirementScope; outcomes: Map<object, Outcome> }>();
  const scopeFor = (s: Section) => {
    let entry = scopes.get(s);
    if (!entry) {
      entry = { scope: scopeOf(s.line, s.endLine, s.nodes, s.subsections), outcomes: new Map() };
      scopes.set(s, entry);
    }
    return entry;
  };
  const outcome = (req: Requirement, s: Section): Outcome => {
    const { scope, outcomes } = scopeFor(s);
    let o = outcomes.get(req);
    if (!o) {
      o = evaluateRequirement(req, scope);
      outcomes.set(req, o);
    }
    return o;
  };

  const weight = (req: Requirement) => (TELLING.some((k) => (req as Record<string, unknown>)[k] !== undefined) ? 3 : 1);
  const meets: RequirementsMet = (rule, s, atLeast = 0) => {
    const reqs = rule.requires ?? [];
    // What the requirements not yet evaluated could still add: stop once `atLeast` is out of reach.
    let open = 0;
    for (const req of reqs) open += weight(req);
    let n = 0;
    for (const req of reqs) {
      if (n + open < atLeast) return n;
      const w = weight(req);
      open -= w;
      if (outcome(req, s).met) n += w;
    }
    return n;
  };
  const matches = matchSections(doc, type, meets);
  const sections: SectionStatus[] = type.sections.map((rule, i) => {
    const { section, match, nearMiss } = matches[i];
    if (!section) return { rule, words: 0, filled: false, requirements: [], ratio: 0, nearMiss };
    const { scope } = scopeFor(section);
    const filled = scope.words >= (rule.min_words ?? 1);
    const requirements = (rule.requires ?? []).map((req) => ({ req, line: section.line, ...outcome(req, section) }));
    const expect = rule.expect ?? (rule.weightValue > 0 ? DEFAULT_EXPECT : undefined);
    const substance = expect ? measure(doc, { from: section.line, to: section.endLine, nodes: section.nodes, subsections: section.subsections }, sums, scope.code(), isTemplate, byLine) : undefined;
    const ratio = expect && substance ? substanceRatio(substance, expect) : 1;
    return { rule, section, match, words: scope.words, filled, requirements, substance, expect, ratio };
  });

  // Where a missing section belongs: after the previous template section present, before the next.
  sections.forEach((s, i) => {
    if (s.section) return;
    const prev = sections.slice(0, i).reverse().find((p) => p.section);
    const next = sections.slice(i + 1).find((p) => p.section);
    if (prev?.section) {
      s.after = prev;
      s.belongsAt = Math.min(doc.lines.length, prev.section.endLine + 1);
      // Land on the next heading rather than a blank line.
      while (s.belongsAt < doc.lines.length && !(doc.lines[s.belongsAt - 1] ?? '').trim()) s.belongsAt++;
    } else s.belongsAt = next?.section?.line ?? (doc.h1?.line ?? 1);
  });

  const whole = scopeOf(0, doc.lines.length, doc.tree.children, doc.sections);
  const document = (type.rule.requires ?? []).map((req) => ({ req, line: doc.h1?.line ?? 1, ...evaluateRequirement(req, whole) }));

  const metadata: MetadataStatus[] = type.rule.metadata.fields.map((field) => {
    if (field.source === 'heading') {
      const title = doc.h1 ?? (typeof doc.frontMatter?.title === 'string' ? { text: doc.frontMatter.title, line: doc.metadata.get('title')?.line ?? 1 } : undefined);
      if (!title) return { field, problem: field.required ? 'missing' : undefined };
      const ph = placeholdersInLine(title.text, title.line, type.tokens, false);
      return { field, value: title.text, line: title.line, problem: ph.length ? 'placeholder' : undefined };
    }
    const keys = [field.name, ...(field.aliases ?? [])].map(normalizeLabel);
    const entry = keys.map((k) => doc.metadata.get(k)).find(Boolean);
    if (!entry) return { field, problem: field.required ? 'missing' : undefined };
    const base = { field, value: entry.value, line: entry.line, column: entry.column };
    if (!entry.value) return { ...base, problem: 'empty' };
    if (placeholdersInLine(entry.value, entry.line, type.tokens, false).length || /^\[[^\]]*\]$/.test(entry.value)) return { ...base, problem: 'placeholder' };
    const invalid = checkValue(field, entry.value, type) ?? (field.format === 'id' && opts.nameId && entry.value.trim() !== opts.nameId ? `"${entry.value.trim()}" is not the id the file name gives (${opts.nameId}): make them the same` : undefined);
    return invalid ? { ...base, problem: 'invalid', detail: invalid } : base;
  });
  const idField = metadata.find((m) => m.field.format === 'id' && m.value && DECLARED_ID.test(m.value.trim()));
  const declaredId = idField ? { id: idField.value!.trim(), line: idField.line!, column: idField.column } : undefined;

  // Order: each present section should come after the previous present one, as in the template.
  const outOfOrder: Analysis['outOfOrder'] = [];
  let last: SectionStatus | undefined;
  for (const s of sections) {
    if (!s.section) continue;
    if (last?.section && s.section.line < last.section.line) {
      if (s.section !== last.section) outOfOrder.push({ status: s, after: last });
    } else last = s;
  }

  return { sections, document, metadata, placeholders, outOfOrder, declaredId };
}

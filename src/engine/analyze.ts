/**
 * One pass over a parsed spec against its type: which template sections are present and filled, which
 * requirements are met, the metadata fields' state and the placeholders left. Checks turn this into
 * findings and the scorer into points, so both always agree.
 */
import type { List, ListItem, Nodes, Table } from 'mdast';
import { normalizeLabel, normalizeTitle, plainText, walk, type CodeBlock, type Section, type SpecDoc } from './parse.js';
import { placeholdersInLine, type Placeholder } from './placeholders.js';
import { codeKey, isTemplateLine, templateLineKey, type CompiledSection, type SpecType } from './ruleset.js';
import type { MetadataField, Requirement } from './ruleset-schema.js';

export interface RequirementResult {
  req: Requirement & { weight?: number };
  met: boolean;
  /** Why it is unmet, e.g. `no table with columns Variable, Type`. */
  detail?: string;
  line: number;
}

export interface SectionStatus {
  rule: CompiledSection;
  section?: Section;
  words: number;
  filled: boolean;
  requirements: RequirementResult[];
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
}

interface Scope {
  from: number;
  to: number;
  nodes: readonly Nodes[];
  subsections: readonly Section[];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}_'’.-]*/gu;
const BOX = /[│┃┌┐└┘├┤┬┴┼─━═║╔╗╚╝▼▲►◄▶◀→←↓↑⟶]|-->|->|<-|==>|\|\s*\|/;
const STEP = /^step\s+\d+/i;

/** Words of real content on a line: template text, placeholders and Markdown syntax excluded. */
const templateCache = new WeakMap<SpecDoc, Int8Array>();

/** Whether line `ln` (1-based) of the document is template text; computed once per line. */
function templateAt(doc: SpecDoc, type: SpecType, ln: number): boolean {
  let cache = templateCache.get(doc);
  if (!cache) {
    cache = new Int8Array(doc.lines.length + 1);
    templateCache.set(doc, cache);
  }
  if (cache[ln] === 0) {
    const line = doc.lines[ln - 1] ?? '';
    cache[ln] = !templateLineKey(line) || isTemplateLine(type, line) ? 1 : 2;
  }
  return cache[ln] === 1;
}

function contentWords(line: string, template: boolean, placeholders: Placeholder[]): number {
  if (template) return 0;
  let s = line;
  for (const p of placeholders) s = s.split(p.token).join(' ');
  s = s.replace(/\*\*[^*]{1,60}\*\*\s*:?/g, ' '); // bold labels like **Actor**: are structure
  const m = s.match(WORD);
  return m ? m.filter((w) => /\p{L}/u.test(w) || w.length > 1).length : 0;
}

const keywordCache = new Map<string, RegExp>();

/** A keyword matches whole words; a trailing `*` makes it a stem (`recover*` → recover, recovery, recovered). */
function keywordPattern(k: string): RegExp {
  let re = keywordCache.get(k);
  if (!re) {
    const stem = k.endsWith('*');
    const body = (stem ? k.slice(0, -1) : k).toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${stem ? '' : '(?![\\p{L}\\p{N}])'}`, 'u');
    keywordCache.set(k, re);
  }
  return re;
}

function tablesIn(nodes: readonly Nodes[]): Table[] {
  const out: Table[] = [];
  walk(nodes, (n) => {
    if (n.type === 'table') out.push(n);
  });
  return out;
}

function listsIn(nodes: readonly Nodes[]): List[] {
  const out: List[] = [];
  walk(nodes, (n) => {
    if (n.type === 'list') out.push(n);
  });
  return out;
}

function hasSubsection(scope: Scope, title: string, aliases: string[] = []): boolean {
  const keys = new Set([title, ...aliases].map(normalizeTitle));
  if (scope.subsections.some((s) => keys.has(s.key) || [...keys].some((k) => s.key.startsWith(`${k} `)))) return true;
  // A paragraph led by a bold label (`**Rollback Procedure**`) counts as a sub-heading.
  let found = false;
  walk(scope.nodes, (n) => {
    if (found || n.type !== 'paragraph') return;
    const first = n.children[0];
    if (first && first.type === 'strong' && keys.has(normalizeTitle(plainText(first)))) found = true;
  });
  return found;
}

function isDiagram(c: CodeBlock): boolean {
  if (c.lang === 'mermaid') return true;
  if (c.lang && !['text', 'txt', 'ascii', 'plaintext', 'none', 'diagram', 'markdown'].includes(c.lang)) return false;
  const lines = c.value.split('\n');
  if (lines.length < 3) return false;
  return lines.filter((l) => BOX.test(l)).length >= 2;
}

/** Bold labels at the start of a list item: `**Actor**: User` → `actor`. */
function itemLabel(item: ListItem): string | undefined {
  const p = item.children[0];
  if (!p || p.type !== 'paragraph') return undefined;
  const first = p.children[0];
  if (!first || first.type !== 'strong') return undefined;
  return normalizeLabel(plainText(first));
}

interface Step {
  name: string;
  line: number;
  labels: Set<string>;
}

/** Steps (`**Step 3: Validate**` paragraphs or `Step 3` headings) with the bold labels of the list items under them. */
function stepsIn(scope: Scope): Step[] {
  const steps: Step[] = [];
  let current: Step | undefined;
  const top = scope.nodes;
  for (const n of top) {
    if (n.type === 'heading') {
      const t = plainText(n).trim();
      current = STEP.test(t) ? { name: t, line: n.position?.start.line ?? 0, labels: new Set() } : undefined;
      if (current) steps.push(current);
      continue;
    }
    if (n.type === 'paragraph') {
      const first = n.children[0];
      const t = first && first.type === 'strong' ? plainText(first).trim() : '';
      if (STEP.test(t)) {
        current = { name: t.replace(/:$/, ''), line: n.position?.start.line ?? 0, labels: new Set() };
        steps.push(current);
      }
      continue;
    }
    if (n.type === 'list' && current) {
      for (const item of n.children) {
        const l = itemLabel(item);
        if (l) current.labels.add(l);
      }
    }
  }
  return steps;
}

function labelPresent(labels: Set<string>, wanted: string): boolean {
  const w = normalizeLabel(wanted);
  for (const l of labels) if (l === w || l.startsWith(w) || w.startsWith(l)) return true;
  return false;
}

/** A code block copied from the template, or mostly placeholders, is not content. */
function isOwnCode(c: CodeBlock, type: SpecType, doc: SpecDoc, byLine: Map<number, Placeholder[]>): boolean {
  if (type.templateCode.has(codeKey(c.value))) return false;
  let lines = 0;
  let marked = 0;
  for (let ln = c.contentLine; ln < c.endLine; ln++) {
    if (!(doc.lines[ln - 1] ?? '').trim()) continue;
    lines++;
    if (byLine.has(ln)) marked++;
  }
  return lines === 0 || marked * 2 <= lines;
}

function evalRequirement(req: Requirement, scope: Scope, doc: SpecDoc, words: number, type: SpecType, byLine: Map<number, Placeholder[]>): { met: boolean; detail?: string } {
  const results: { met: boolean; detail?: string }[] = [];
  const codes = () => doc.codeBlocks.filter((c) => c.line >= scope.from && c.line <= scope.to && isOwnCode(c, type, doc, byLine));
  if (req.table) {
    const wanted = req.table.columns.map(normalizeLabel);
    const ok = tablesIn(scope.nodes).some((t) => {
      const header = (t.children[0]?.children ?? []).map((c) => normalizeLabel(plainText(c)));
      return wanted.every((w) => header.some((h) => h === w || h.startsWith(`${w} `) || h.startsWith(w)));
    });
    results.push(ok ? { met: true } : { met: false, detail: `no table with columns ${req.table.columns.join(', ')}` });
  }
  if (req.code) {
    const langs = req.code.languages?.map((l) => l.toLowerCase());
    const n = codes().filter((c) => c.fenced && (!langs || langs.includes(c.lang ?? 'none'))).length;
    const min = req.code.min ?? 1;
    results.push(n >= min ? { met: true } : { met: false, detail: `no ${langs ? langs.join('/') + ' ' : ''}code block` });
  }
  if (req.diagram) {
    results.push(codes().some(isDiagram) ? { met: true } : { met: false, detail: 'no diagram: a mermaid block, or an ASCII or swimlane drawing in a code block' });
  }
  if (req.subsection) {
    results.push(hasSubsection(scope, req.subsection.title, req.subsection.aliases) ? { met: true } : { met: false, detail: `no "${req.subsection.title}" subsection` });
  }
  if (req.list) {
    const lists = listsIn(scope.nodes).filter((l) => req.list!.ordered === undefined || Boolean(l.ordered) === req.list!.ordered);
    const max = lists.reduce((m, l) => Math.max(m, l.children.length), 0);
    const n = req.list.min_items;
    results.push(max >= n ? { met: true } : { met: false, detail: n === 1 ? `no ${req.list.ordered ? 'numbered ' : ''}list` : `no ${req.list.ordered ? 'numbered ' : ''}list of at least ${n} items` });
  }
  if (req.step_labels) {
    const steps = stepsIn(scope);
    const min = req.step_labels.min_steps ?? 1;
    if (steps.length < min) results.push({ met: false, detail: `no steps found (write each as **Step N: Name** followed by ${req.step_labels.labels.map((l) => `**${l}**`).join(', ')} items)` });
    else {
      const lacking = steps
        .map((s) => ({ s, missing: req.step_labels!.labels.filter((l) => !labelPresent(s.labels, l)) }))
        .filter((x) => x.missing.length);
      if (!lacking.length) results.push({ met: true });
      else {
        const shown = lacking.slice(0, 3).map((x) => `${x.s.name} lacks ${x.missing.join(', ')}`);
        results.push({ met: false, detail: shown.join('; ') + (lacking.length > 3 ? `; and ${lacking.length - 3} more steps` : '') });
      }
    }
  }
  if (req.keywords) {
    const own: string[] = [];
    for (let ln = scope.from; ln <= scope.to; ln++) if (!templateAt(doc, type, ln)) own.push(doc.lines[ln - 1]);
    const text = own.join('\n').toLowerCase();
    const ok = req.keywords.some((k) => keywordPattern(k).test(text));
    results.push(ok ? { met: true } : { met: false, detail: `nothing about ${req.keywords.slice(0, 4).map((k) => k.replace(/\*$/, '')).join(', ')}` });
  }
  if (req.min_words) {
    results.push(words >= req.min_words ? { met: true } : { met: false, detail: `${words} words, expected at least ${req.min_words}` });
  }
  if (results.some((r) => r.met)) return { met: true };
  return { met: false, detail: results.map((r) => r.detail).filter(Boolean).join(' or ') };
}

function wordsIn(doc: SpecDoc, type: SpecType, from: number, to: number, byLine: Map<number, Placeholder[]>): number {
  let words = 0;
  for (let ln = from; ln <= to; ln++) {
    if (doc.commentLines.has(ln)) continue;
    const text = doc.lines[ln - 1] ?? '';
    if (!doc.literalLines.has(ln) && /^\s{0,3}#{1,6}\s/.test(text)) continue; // sub-headings are structure
    if (/^\s*(```|~~~)/.test(text)) continue;
    words += contentWords(text, templateAt(doc, type, ln), byLine.get(ln) ?? []);
  }
  return words;
}

function checkValue(field: MetadataField, value: string, type: SpecType): string | undefined {
  if (field.values?.length) {
    const head = value.split(/\s+[-–(|]|\s*\(|,/)[0].trim().toLowerCase();
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

export function analyze(doc: SpecDoc, type: SpecType): Analysis {
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

  const candidates = doc.sections.filter((s) => !(s.level === 1 && doc.h1 && s.line === doc.h1.line));
  const sections: SectionStatus[] = type.sections.map((rule) => {
    const section = candidates.find((s) => rule.keys.has(s.key));
    if (!section) return { rule, words: 0, filled: false, requirements: [] };
    const words = wordsIn(doc, type, section.line + 1, section.endLine, byLine);
    const filled = words >= (rule.min_words ?? 1);
    const scope: Scope = { from: section.line, to: section.endLine, nodes: section.nodes, subsections: section.subsections };
    const requirements = (rule.requires ?? []).map((req) => ({ req, line: section.line, ...evalRequirement(req, scope, doc, words, type, byLine) }));
    return { rule, section, words, filled, requirements };
  });

  const whole: Scope = { from: 1, to: doc.lines.length, nodes: doc.tree.children, subsections: doc.sections };
  const docWords = wordsIn(doc, type, 1, doc.lines.length, byLine);
  const document = (type.rule.requires ?? []).map((req) => ({ req, line: doc.h1?.line ?? 1, ...evalRequirement(req, whole, doc, docWords, type, byLine) }));

  const metadata: MetadataStatus[] = type.rule.metadata.fields.map((field) => {
    if (field.source === 'heading') {
      if (!doc.h1) return { field, problem: field.required ? 'missing' : undefined };
      const ph = placeholdersInLine(doc.h1.text, doc.h1.line, type.tokens, false);
      return { field, value: doc.h1.text, line: doc.h1.line, problem: ph.length ? 'placeholder' : undefined };
    }
    const keys = [field.name, ...(field.aliases ?? [])].map(normalizeLabel);
    const entry = keys.map((k) => doc.metadata.get(k)).find(Boolean);
    if (!entry) return { field, problem: field.required ? 'missing' : undefined };
    const base = { field, value: entry.value, line: entry.line, column: entry.column };
    if (!entry.value) return { ...base, problem: 'empty' };
    if (placeholdersInLine(entry.value, entry.line, type.tokens, false).length) return { ...base, problem: 'placeholder' };
    const invalid = checkValue(field, entry.value, type);
    return invalid ? { ...base, problem: 'invalid', detail: invalid } : base;
  });

  // Order: each present section should come after the previous present one, as in the template.
  const outOfOrder: Analysis['outOfOrder'] = [];
  let last: SectionStatus | undefined;
  for (const s of sections) {
    if (!s.section) continue;
    if (last?.section && s.section.line < last.section.line) outOfOrder.push({ status: s, after: last });
    else last = s;
  }

  return { sections, document, metadata, placeholders, outOfOrder };
}

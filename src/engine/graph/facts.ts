/**
 * A reviewed spec's facts for the graph (types.ts `SpecFacts`): its status and last-updated date, the
 * `[CMP-001]` references and relative Markdown links it makes, and the component specs its steps or
 * components sections name. Taken from the same parse and analysis the checks use, in one pass over
 * the lines: linear in the document, plus a table of component slugs built once per repository index.
 *
 * Mentions are found conservatively: only in sections whose template title speaks of components or
 * steps (`Components Involved`, `Key Steps Overview`, `Detailed Flow Steps`...), never in code, and
 * only for component specs whose file-name slug has at least two words (`shipment-service` is found
 * in "Shipment Service validates the payload", `ShipmentService` and `shipment_service`; a one-word
 * slug such as `gateway` would match ordinary prose). Short names written as names there (bold, link
 * text, code, a table's first column) are kept too, so the graph builder can match them to component
 * titles that differ from their slugs.
 */
import type { Nodes } from 'mdast';
import type { Analysis } from '../analyze.js';
import { withoutInlineCode } from '../checks/reference.js';
import type { CheckContext } from '../checks/types.js';
import { normalizeLabel, plainText, walk, type SpecDoc } from '../parse.js';
import { basename, dirname, resolvePath } from '../repo-index.js';
import type { SpecType } from '../ruleset.js';
import type { RepoIndex } from '../types.js';
import type { SpecFacts } from './types.js';

/** The spec type whose specs flows name in their steps. */
export const COMPONENT_TYPE = 'component';
/** Template sections where a flow names the components it involves. */
const NAMING_SECTION = /\b(?:components?|steps?|participants?)\b/i;
/** At most this many of each kind of fact per spec: a generated file cannot make the graph explode. */
const MAX_FACTS = 500;
const REFERENCE = /\[([A-Z][A-Z0-9]*)-(\d{1,6})\](?!\()/g;
const MARKDOWN_FILE = /\.(?:md|markdown)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_KEYS = ['last updated', 'updated', 'last modified', 'date'];

/** What the facts are taken from: the same context the checks see. */
export type FactsInput = Pick<CheckContext, 'path' | 'doc' | 'type' | 'types' | 'analysis' | 'index' | 'isSpec'>;

/** `2025-02-30` is not a date. */
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A status as written, its head only (`Stable (production)` → `Stable`); undefined for a placeholder. */
export function statusWord(value: string | undefined): string | undefined {
  if (!value || /[[\]{}|<>]/.test(value)) return undefined;
  const head = value
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .split(/\s+[-–—(|]|\s*\(|,|;/)[0]
    .replace(/[*_`]+/g, '')
    .trim();
  return head && head.length <= 30 && !/^(?:tbd|todo|n\/?a|status)$/i.test(head) ? head : undefined;
}

function statusOf(doc: SpecDoc, analysis: Analysis): string | undefined {
  const field = analysis.metadata.find((m) => normalizeLabel(m.field.name) === 'status');
  if (field?.value && field.problem !== 'placeholder' && field.problem !== 'empty') return statusWord(field.value);
  return field?.value ? undefined : statusWord(doc.metadata.get('status')?.value);
}

function updatedOf(doc: SpecDoc, analysis: Analysis): string | undefined {
  const field = analysis.metadata.find((m) => m.field.format === 'date' && m.value);
  if (field) return field.problem ? undefined : field.value!.trim();
  for (const key of DATE_KEYS) {
    const value = doc.metadata.get(key)?.value.trim();
    if (value && isDate(value)) return value;
  }
  return undefined;
}

/** Words of a name as compared: camelCase split, lower case, punctuation and `-`/`_` as spaces. */
export function nameWords(text: string): string[] {
  return text
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A name as compared: its words joined by single spaces, a trailing `(…)` dropped. */
export function normalizeName(text: string): string {
  return nameWords(text.replace(/\s*\([^)]*\)\s*$/, '')).join(' ');
}

interface SlugEntry {
  words: string[];
  path: string;
}
/** Component specs by the first word of their slug. */
type SlugTable = Map<string, SlugEntry[]>;

const slugCache = new WeakMap<RepoIndex, WeakMap<SpecType, SlugTable>>();

/** The component specs of the index, by slug (`docs/specs/component/cmp-001-shipment-service.md` → shipment service). */
function slugTable(index: RepoIndex, component: SpecType, isSpec: (p: string) => boolean): SlugTable {
  let byType = slugCache.get(index);
  if (!byType) slugCache.set(index, (byType = new WeakMap()));
  let table = byType.get(component);
  if (table) return table;
  table = new Map();
  const prefix = new RegExp(`^${component.filePrefix}-\\d+-`, 'i');
  for (const p of index.paths) {
    if (!MARKDOWN_FILE.test(p)) continue;
    const name = basename(p);
    const inFolder = p.startsWith(`${component.folder}/`);
    if (!inFolder && !prefix.test(name)) continue;
    if (!isSpec(p) && !prefix.test(name)) continue;
    const words = nameWords(name.replace(MARKDOWN_FILE, '').replace(prefix, ''));
    if (words.length < 2) continue;
    const list = table.get(words[0]);
    if (list) list.push({ words, path: p });
    else table.set(words[0], [{ words, path: p }]);
  }
  byType.set(component, table);
  return table;
}

function decodeUrl(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** First occurrence of each key wins; at most MAX_FACTS. */
function adder<T extends { line: number }>(list: T[], key: (t: T) => string): (t: T) => void {
  const seen = new Set<string>();
  return (t) => {
    const k = key(t);
    if (seen.has(k) || list.length >= MAX_FACTS) return;
    seen.add(k);
    list.push(t);
  };
}

export function specFacts(input: FactsInput): SpecFacts {
  const { doc, analysis, path, types, index } = input;
  const facts: SpecFacts = { refs: [], links: [], mentions: [], names: [] };
  const status = statusOf(doc, analysis);
  const updated = updatedOf(doc, analysis);
  if (status) facts.status = status;
  if (updated) facts.updated = updated;

  const prefixes = new Set(types.map((t) => t.idPrefix));
  const addRef = adder(facts.refs, (r) => r.id);
  for (let ln = 1; ln <= doc.lines.length; ln++) {
    if (doc.literalLines.has(ln) || doc.commentLines.has(ln)) continue;
    const line = doc.lines[ln - 1];
    if (!line.includes('-') || !line.includes('[')) continue;
    for (const m of withoutInlineCode(line).matchAll(REFERENCE)) {
      if (prefixes.has(m[1])) addRef({ id: `${m[1]}-${m[2]}`, line: ln });
    }
  }

  const addLink = adder(facts.links, (l) => l.path);
  for (const link of doc.links) {
    const url = link.url.trim();
    if (!url || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
    const target = decodeUrl(url.replace(/[?#].*$/, ''));
    if (!MARKDOWN_FILE.test(target)) continue;
    const resolved = resolvePath(dirname(path), target);
    if (resolved && resolved !== path) addLink({ path: resolved, line: link.line });
  }

  const component = types.find((t) => t.name === COMPONENT_TYPE);
  const naming = analysis.sections.filter((s) => s.section && NAMING_SECTION.test(s.rule.title)).map((s) => s.section!);
  if (!component || !naming.length) return facts;
  const table = index ? slugTable(index, component, input.isSpec) : new Map<string, SlugEntry[]>();
  const addMention = adder(facts.mentions, (m) => m.path);
  const addName = adder(facts.names, (n) => n.name);
  const lines = new Set<number>();
  for (const s of naming) for (let ln = s.line + 1; ln <= s.endLine; ln++) lines.add(ln);
  if (table.size) {
    for (const ln of lines) {
      if (doc.literalLines.has(ln) || doc.commentLines.has(ln)) continue;
      const words = nameWords(doc.lines[ln - 1] ?? '');
      for (let i = 0; i < words.length; i++) {
        for (const entry of table.get(words[i]) ?? []) {
          if (entry.path !== path && entry.words.every((w, k) => words[i + k] === w)) addMention({ path: entry.path, line: ln });
        }
      }
    }
  }
  const name = (text: string, line: number | undefined) => {
    const n = normalizeName(text);
    if (line && n.length >= 3 && n.length <= 60 && n.split(' ').length <= 6) addName({ name: n, line });
  };
  for (const s of naming) {
    walk(s.nodes as Nodes[], (n) => {
      const line = n.position?.start.line;
      if (n.type === 'strong' || n.type === 'link') name(plainText(n), line);
      else if (n.type === 'inlineCode') name(n.value, line);
      else if (n.type === 'table') for (const row of n.children.slice(1)) if (row.children[0]) name(plainText(row.children[0]), row.position?.start.line);
    });
  }
  return facts;
}

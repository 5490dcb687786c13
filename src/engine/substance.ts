/**
 * What a section holds, measured the same way for every type: words of the author's own, list items,
 * table rows, code blocks and sub-sections with content. Template text, placeholders, filler ("stuff",
 * "things", "etc."), empty examples (`{}`), one-row tables and broken code earn nothing. The rule file
 * says what a section holds when it is done (`expect:`); the ratio is the substance part of its score.
 *
 * Words are counted once per line into prefix sums, so any range costs O(1) after one linear pass.
 */
import type { List, ListItem, Nodes, Table } from 'mdast';
import type { CodeBlock, Section, SpecDoc } from './parse.js';
import { plainText, walk } from './parse.js';
import type { Placeholder } from './placeholders.js';
import type { Expectation } from './ruleset-schema.js';

export interface Substance {
  words: number;
  items: number;
  rows: number;
  code: number;
  subsections: number;
}

/** Words that say nothing, however many of them a section holds. */
const FILLER = new Set(['stuff', 'things', 'thing', 'some', 'etc', 'etc.', 'various', 'misc', 'miscellaneous', 'whatever', 'something', 'somehow', 'needed', 'appropriate', 'necessary', 'relevant', 'stuffs', 'lorem', 'ipsum', 'dolor', 'foo', 'bar', 'baz', 'blah', 'xyz']);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}_'’.-]*/gu;
/** The longest filler word: a longer word is never filler (lower-casing never shortens a word). */
const FILLER_LENGTH = Math.max(...[...FILLER].map((w) => w.length));

/** `.`, `'`, `’`, `-`: trailing punctuation a word is compared without. */
function isTrailing(code: number): boolean {
  return code === 46 || code === 39 || code === 0x2019 || code === 45;
}

/** What a character is to {@link WORD}: 1 a letter or digit (starts or continues a word), 2 `_'’.-` (only continues one), 0 neither. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /[A-Za-z0-9]/.test(ch) ? 1 : /[_'.-]/.test(ch) ? 2 : 0;
}
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/**
 * Words of real content in a piece of text: filler, bare numbers and one-letter tokens excluded. The
 * words are {@link WORD}'s matches; called for every line of every document, it scans them with a table
 * for ASCII (a regular expression for other characters) and lower-cases only words short enough to be filler.
 */
export function countWords(text: string): number {
  let n = 0;
  let i = 0;
  const length = text.length;
  let width = 1;
  const classAt = (at: number): number => {
    const c = text.charCodeAt(at);
    if (c < 128) {
      width = 1;
      return ASCII_CLASS[c];
    }
    const cp = text.codePointAt(at)!;
    width = cp > 0xffff ? 2 : 1;
    if (cp === 0x2019) return 2;
    return LETTER_OR_NUMBER.test(String.fromCodePoint(cp)) ? 1 : 0;
  };
  while (i < length) {
    if (classAt(i) !== 1) {
      i += width;
      continue;
    }
    const start = i;
    i += width;
    while (i < length && classAt(i) !== 0) i += width;
    // The first character is a letter or digit, so a word never strips to nothing.
    let end = i;
    while (end > start + 1 && isTrailing(text.charCodeAt(end - 1))) end--;
    if (end - start <= FILLER_LENGTH) {
      const w = text.slice(start, end).toLowerCase();
      if (FILLER.has(w)) continue;
      if (w.length < 2 && !/\p{L}/u.test(w)) continue;
    }
    n++;
  }
  return n;
}

/** Words that carry no content on their own: an item needs two words besides these (`Deploy it` is one). */
const LITTLE = new Set(['a', 'an', 'the', 'it', 'its', 'is', 'are', 'be', 'if', 'and', 'or', 'to', 'of', 'in', 'on', 'at', 'by', 'for', 'with', 'as', 'this', 'that', 'we', 'do', 'does', 'done', 'get', 'gets']);

/** Whether a list item says something: two words that are neither filler nor little words. */
export function itemSays(text: string): boolean {
  let n = 0;
  for (const raw of text.match(WORD) ?? []) {
    const w = raw.toLowerCase().replace(/[.'’-]+$/, '');
    if (w && !FILLER.has(w) && !LITTLE.has(w) && (/\p{L}/u.test(w) || w.length > 1) && ++n >= 2) return true;
  }
  return false;
}

/** A line's text without placeholders and bold labels (`**Actor**:` is structure, not content). */
export function ownText(line: string, placeholders: readonly Placeholder[]): string {
  let s = line;
  for (const p of placeholders) s = s.split(p.token).join(' ');
  if (s.includes('**')) s = s.replace(/\*\*[^*]{1,60}\*\*\s*:?/g, ' ');
  if (s.includes('__')) s = s.replace(/__[^_]{1,60}__\s*:?/g, ' ');
  return s;
}

/** A line whose placeholders are a large part of it is scaffolding: `The service publishes events to [queue / topic]:`. */
export function mostlyPlaceholders(line: string, placeholders: readonly Placeholder[]): boolean {
  if (!placeholders.length) return false;
  const held = placeholders.reduce((a, p) => a + p.token.length, 0);
  return held * 10 >= line.replace(/\s+/g, '').length * 3;
}

/** Per-line word counts of a document as prefix sums: all content words, and prose only (code excluded). */
export interface WordSums {
  all: Int32Array;
  prose: Int32Array;
}

export function wordSums(doc: SpecDoc, isTemplate: (ln: number) => boolean, byLine: ReadonlyMap<number, Placeholder[]>): WordSums {
  const n = doc.lines.length;
  const all = new Int32Array(n + 1);
  const prose = new Int32Array(n + 1);
  for (let ln = 1; ln <= n; ln++) {
    let w = 0;
    const literal = doc.literalLines.has(ln);
    if (!doc.commentLines.has(ln)) {
      const text = doc.lines[ln - 1] ?? '';
      const structure = (!literal && /^\s{0,3}#{1,6}\s/.test(text)) || /^\s*(?:>\s*)*(?:[-*+]\s+)?(?:```|~~~)/.test(text) || /^\s*\|?[\s:|-]+\|[\s:|-]*$/.test(text);
      const ph = byLine.get(ln) ?? [];
      if (!structure && !isTemplate(ln) && !mostlyPlaceholders(text, ph)) w = countWords(ownText(text, ph));
    }
    all[ln] = all[ln - 1] + w;
    prose[ln] = prose[ln - 1] + (literal ? 0 : w);
  }
  return { all, prose };
}

/** Sum over lines from..to (inclusive, 1-based). */
export function rangeSum(sums: Int32Array, from: number, to: number): number {
  const a = Math.max(1, from);
  const b = Math.min(sums.length - 1, to);
  return b < a ? 0 : sums[b] - sums[a - 1];
}

/** A code block's weight as substance: a real example counts 1, a stub a fraction, `{}` nothing. */
export function codeWeight(c: CodeBlock): number {
  const tokens = c.value.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (tokens < 2) return 0;
  const lines = c.value.split('\n').filter((l) => l.trim()).length;
  return Math.min(1, lines / 5);
}

/** The first line of a list item as written, without its marker: `- **Actor**: User` → `**Actor**: User`. */
function itemLine(doc: SpecDoc, item: ListItem): string {
  const ln = item.position?.start.line ?? 0;
  return (doc.lines[ln - 1] ?? '').replace(/^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '');
}

/** Words of its own a sub-section needs to count as one. */
const SUBSECTION_WORDS = 15;

export interface SubstanceScope {
  from: number;
  to: number;
  nodes: readonly Nodes[];
  subsections: readonly Section[];
}

/** What a scope holds. `code` is the author's own, valid code blocks in the scope. */
export function measure(doc: SpecDoc, scope: SubstanceScope, sums: WordSums, code: readonly CodeBlock[], isTemplate: (ln: number) => boolean, byLine: ReadonlyMap<number, Placeholder[]>): Substance {
  let items = 0;
  let rows = 0;
  walk(scope.nodes, (n) => {
    if (n.type === 'list') {
      for (const item of (n as List).children) {
        const ln = item.position?.start.line ?? 0;
        if (isTemplate(ln) || byLine.has(ln)) continue;
        if (itemSays(ownText(itemLine(doc, item), []))) items++;
      }
    } else if (n.type === 'table') {
      const body = (n as Table).children.slice(1).filter((row) => {
        const ln = row.position?.start.line ?? 0;
        if (isTemplate(ln) || byLine.has(ln)) return false;
        return row.children.filter((cell) => countWords(plainText(cell)) > 0).length >= 2;
      });
      // One row is an example of the table, not its content.
      if (body.length >= 2) rows += body.length;
    }
  });
  const codeWeightSum = code.reduce((a, c) => a + codeWeight(c), 0);
  const subsections = scope.subsections.filter((s) => rangeSum(sums.all, s.line + 1, s.endLine) >= SUBSECTION_WORDS).length;
  return { words: rangeSum(sums.prose, scope.from + 1, scope.to), items, rows, code: Math.round(codeWeightSum * 10) / 10, subsections };
}

const KINDS: (keyof Substance)[] = ['words', 'items', 'rows', 'code', 'subsections'];
const NAMES: Record<keyof Substance, [string, string]> = {
  words: ['word', 'words'],
  items: ['list item', 'list items'],
  rows: ['table row', 'table rows'],
  code: ['code block', 'code blocks'],
  subsections: ['sub-section', 'sub-sections'],
};

/** 0..1: what the scope holds against what is expected; each part counts as its share. */
export function substanceRatio(have: Substance, expect: Expectation): number {
  let sum = 0;
  let any = false;
  for (const k of KINDS) {
    const want = expect[k];
    if (!want) continue;
    any = true;
    sum += have[k] / want;
  }
  return any ? Math.min(1, sum) : 1;
}

function counted(n: number, k: keyof Substance): string {
  return `${n} ${NAMES[k][n === 1 ? 0 : 1]}`;
}

/** `12 words, 1 list item (a finished section has about 80 words, or 6 list items, or 2 sub-sections)`. */
export function describeSubstance(have: Substance, expect: Expectation): string {
  const wanted = KINDS.filter((k) => expect[k]);
  const holds = wanted.map((k) => counted(k === 'code' ? Math.floor(have[k]) : have[k], k)).join(', ');
  return `${holds} (a finished section has about ${wanted.map((k) => counted(expect[k]!, k)).join(', or ')}, or a mix)`;
}

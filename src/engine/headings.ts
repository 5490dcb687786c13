/**
 * Headings as authors write them → the template sections they stand for.
 *
 * A heading is reduced to the stems of its words: case, emoji and symbols, numbering (`3.`, `3.1`,
 * `III.`, `A)`), `&`/`+`/`/` (read as "and"), trailing punctuation, plurals and common suffixes
 * (Porter stemmer), a few abbreviations (`async`, `config`, `perf`) and filler words (`the`, `of`)
 * make no difference. Matching then goes in two steps:
 *
 * 1. **Certain**: the heading's stems are exactly those of the section's title or an alias, or of
 *    one part of a heading joined by "and" (`Monitoring & Alerting` is the Monitoring section,
 *    `Error Handling & Retries` is Error Handling).
 * 2. **Close**: the heading shares words with the section's title and aliases (words that name only
 *    this section count double) or its keywords, and at least half of the heading's words are
 *    accounted for. The heading counts as the section, and a notice says how it was read.
 *
 * Linear in the number of headings × sections; stems are cached per distinct word.
 */
import { stemmer } from 'stemmer';
import { ownString } from './own-string.js';

/** Words that carry no meaning in a heading. */
const STOP = new Set(
  ['and', 'or', 'the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'at', 'as', 'from', 'into', 'via', 'per', 'with', 'by', 'our', 'its', 'it', 'this', 'that', 'these', 'those', 'how', 'we', 'us', 'you', 'your', 'is', 'are', 'be', 'vs', 'versus', 'who', 'what', 'when', 'where', 'why', 'which', 'do', 'does', 'did', 'done', 'go', 'goes', 'thing', 'things'],
);

/** Short forms authors use in headings, read as the full word before stemming. */
const ABBREVIATIONS: Record<string, string> = {
  async: 'asynchronous',
  config: 'configuration',
  configs: 'configuration',
  conf: 'configuration',
  perf: 'performance',
  deps: 'dependencies',
  dep: 'dependency',
  env: 'environment',
  envs: 'environments',
  infra: 'infrastructure',
  ops: 'operations',
  apis: 'api',
  qa: 'testing',
  o11y: 'observability',
  obs: 'observability',
  deploy: 'deployment',
  deploys: 'deployment',
  desc: 'description',
  sla: 'sla',
  slas: 'sla',
  slo: 'slo',
  slos: 'slo',
  req: 'requirement',
  reqs: 'requirements',
  impl: 'implementation',
  arch: 'architecture',
  auth: 'authentication',
  err: 'error',
  errs: 'errors',
  msg: 'message',
  msgs: 'messages',
};

/** Stems of words that say little about which section a heading or a text is (`Deployment Process`, `Test Plan`). */
const GENERIC = new Set(
  ['process', 'overview', 'detail', 'details', 'detailed', 'information', 'strategy', 'section', 'description', 'general', 'note', 'notes', 'plan', 'requirement', 'approach', 'model', 'design', 'guide', 'consideration', 'characteristic', 'data', 'flow', 'system', 'service', 'step', 'key', 'main', 'high', 'level', 'other', 'related', 'summary', 'operation', 'management'].map((w) => stemmer(w)),
);

const stemCache = new Map<string, string>();

/** The stem of one lower-case word (`monitoring` → `monitor`, `dependencies` → `depend`). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    const full = ABBREVIATIONS[word] ?? word;
    // Porter leaves a final `y` as `i` (deploy → deploi, but deployment → deploy): fold it back.
    s = ownString(/^[a-z]+$/.test(full) && full.length > 2 ? stemmer(full).replace(/i$/, 'y') : full);
    if (stemCache.size < 50_000) stemCache.set(ownString(word), s);
  }
  return s;
}

// Leading numbering: `3.`, `3.1`, `3.1.2)`, `III.`, `iv)`, `A.`, `b)`, optionally after "Section"/"Part"/"Chapter".
const NUMBERING = /^(?:(?:section|part|chapter|appendix)\s+)?(?:\d+(?:\.\d+)*[.):]?|[ivxlc]+[.)]|[a-z][.)])(?:\s+|$)/;

/**
 * The words of a heading, lower-case, without numbering, emoji, symbols or punctuation; `&`, `+` and
 * `/` become "and". `🚨 6. Error Handling & Recovery:` → `error handling and recovery`.
 */
export function headingWords(title: string): string[] {
  let s = title.normalize('NFKC').toLowerCase();
  s = s.replace(/[&+/]/g, ' and ');
  // Everything but letters, digits, dots (numbering) and spaces goes: emoji, symbols, brackets, dashes.
  s = s.replace(/[^\p{L}\p{N}.\s]+/gu, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(NUMBERING, '');
  return s
    .replace(/\./g, ' ')
    .split(' ')
    .filter((w) => w.length > 1 && !/^\d+$/.test(w));
}

const titleStems = new Map<string, readonly string[]>();

/**
 * Meaningful stems of a heading, in order (filler words dropped). Remembered per title (a repository's
 * headings repeat its templates', and requirements ask about the same sub-headings for every section);
 * the result is shared: never change it.
 */
export function headingStems(title: string): readonly string[] {
  let stems = titleStems.get(title);
  if (stems === undefined) {
    stems = headingWords(title)
      .filter((w) => !STOP.has(w))
      .map(stem);
    if (titleStems.size >= 20_000) titleStems.clear();
    titleStems.set(ownString(title), stems);
  }
  return stems;
}

/** Order-free key of a title: its distinct meaningful stems, sorted. Equal keys are the same heading. */
export function headingKey(title: string): string {
  return keyOfStems(headingStems(title));
}

function keyOf(stems: readonly string[]): string {
  return [...new Set(stems)].sort().join(' ');
}

/** Keys of the parts of a heading joined by "and" (`monitoring and alerting` → `monitor`, `alert`); empty when there is one part. */
function partKeys(words: readonly string[]): string[] {
  if (!words.includes('and')) return [];
  const parts: string[][] = [[]];
  for (const w of words) {
    if (w === 'and') parts.push([]);
    else if (!STOP.has(w)) parts[parts.length - 1].push(stem(w));
  }
  return parts.filter((p) => p.length).map(keyOf);
}

/** What a template section is called and talks about, prepared once per spec type. */
export interface SectionVocabulary {
  /** Keys of the title and every alias. */
  keys: Set<string>;
  /** Stems of the title and aliases → true when no other section of the type uses the stem. */
  names: Map<string, boolean>;
  /** Stems of the section's keywords (single words only). */
  keywords: Set<string>;
  /** Words and stems that show a section's content is about this section (its distinctive names and keywords). */
  evidence: Set<string>;
}

/** Builds every section's vocabulary for one type (distinctiveness needs all of them). */
export function vocabularies(sections: readonly { title: string; aliases?: string[]; keywords: string[] }[]): SectionVocabulary[] {
  const users = new Map<string, Set<number>>();
  const names = sections.map((s, i) => {
    const stems = new Set([s.title, ...(s.aliases ?? [])].flatMap(headingStems));
    for (const st of stems) {
      const set = users.get(st) ?? new Set<number>();
      set.add(i);
      users.set(st, set);
    }
    return stems;
  });
  for (const st of GENERIC) users.set(st, new Set([-1, -2]));
  return sections.map((s, i) => {
    const keywords = new Set(s.keywords.filter((k) => /^[\p{L}\p{N}]+\*?$/u.test(k)).map((k) => stem(k.replace(/\*$/, '').toLowerCase())).filter((k) => !GENERIC.has(k)));
    const distinctive = [...names[i]].filter((st) => users.get(st)!.size === 1 && st.length > 2);
    return {
      keys: new Set([s.title, ...(s.aliases ?? [])].map(headingKey).filter(Boolean)),
      names: new Map([...names[i]].map((st) => [st, users.get(st)!.size === 1])),
      keywords,
      evidence: new Set([...distinctive, ...keywords]),
    };
  });
}

/** How well a heading fits a section: 0 = not at all. */
export function closeness(stems: readonly string[], vocab: SectionVocabulary): { score: number; accounted: number } {
  let score = 0;
  let accounted = 0;
  let named = false;
  let keywordHits = 0;
  for (const st of new Set(stems)) {
    const distinctive = vocab.names.get(st);
    if (distinctive !== undefined) {
      score += distinctive ? 2 : 1;
      accounted++;
      named ||= distinctive;
    } else if (vocab.keywords.has(st)) {
      score += 1;
      accounted++;
      keywordHits++;
    }
  }
  const distinct = new Set(stems).size;
  // A close heading names the section in a word of its own, or in two of its keywords, and half of
  // what the heading says is about the section.
  if (!(named || keywordHits >= 2) || accounted * 2 < distinct) return { score: 0, accounted };
  return { score, accounted };
}

/**
 * The keys a heading is compared by to name a section for certain: its own key first, then the keys
 * of its "and" parts. Computed once per heading, then compared with every section of a type.
 */
export function titleKeys(title: string): string[] {
  const words = headingWords(title);
  return [keyOf(words.filter((w) => !STOP.has(w)).map(stem)), ...partKeys(words)];
}

/** Whether a heading (its {@link titleKeys}) names a section for certain: its key, or the key of one of its "and" parts. */
export function keysNameSection(keys: readonly string[], vocab: SectionVocabulary): boolean {
  for (const k of keys) if (vocab.keys.has(k)) return true;
  return false;
}

/** Whether a sub-heading is the wanted one: same key, starts with it (`Phase 2: Export` for "Phase"), or holds all its words. */
export function subheadingMatches(title: string, wanted: readonly string[]): boolean {
  const stems = headingStems(title);
  const key = keyOfStems(stems);
  for (const w of wanted) {
    const ws = headingStems(w);
    if (!ws.length) continue;
    if (keyOfStems(ws) === key) return true;
    if (ws.every((x) => stems.includes(x))) return true;
  }
  return false;
}

const stemKeys = new WeakMap<readonly string[], string>();

/** {@link keyOf} of a title's (remembered) stems, remembered with them. */
function keyOfStems(stems: readonly string[]): string {
  let key = stemKeys.get(stems);
  if (key === undefined) {
    key = keyOf(stems);
    stemKeys.set(stems, key);
  }
  return key;
}

/** Distinct stems of a text's words (for reading a section by what it holds). */
export function textStems(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}][\p{L}\p{N}]*/gu)) if (!STOP.has(m[0])) out.add(stem(m[0]));
  return out;
}

/** How many of a section's evidence words a text holds (distinct). */
export function evidenceIn(stems: ReadonlySet<string>, vocab: SectionVocabulary): number {
  let n = 0;
  for (const e of vocab.evidence) if (stems.has(e)) n++;
  return n;
}

/** Topics specs often add that no template section stands for (keys made on first use). */
const OTHER_TOPIC_TITLES = ['security', 'privacy', 'compliance', 'risks', 'open questions', 'questions', 'faq', 'glossary', 'appendix', 'changelog', 'change log', 'history', 'revision history', 'alternatives', 'alternatives considered', 'non goals', 'goals and non goals', 'assumptions', 'future work', 'roadmap', 'cost', 'costs', 'team', 'ownership', 'owners', 'contacts', 'license', 'acknowledgements', 'notes', 'todo'];
let otherTopics: Set<string> | undefined;

/**
 * Whether a heading is about a topic no template section stands for (Security, Open Questions,
 * Glossary...): such a heading is never read as a template section by what it holds (a Security section
 * full of alerts and logs is not Monitoring).
 */
export function isOtherTopic(title: string): boolean {
  otherTopics ??= new Set(OTHER_TOPIC_TITLES.map(headingKey));
  return titleKeys(title).some((k) => otherTopics!.has(k));
}

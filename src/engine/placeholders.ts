/**
 * Unfilled template placeholders: `[SYSTEM NAME]`, `[DATA_SOURCE_1]`, `[Component 1]`, `[DATE]`,
 * `YYYY-MM-DD`, `TODO`/`TBD`, `{...}`, left-over `{{variables}}`, and any bracketed token that the
 * type's own template uses (inside inline code, only those). Not flagged: links `[text](url)` / `[text][ref]`, link definitions,
 * footnotes `[^1]`, task lists `- [ ]`, spec references `[CMP-001]`, and indexing such as `a[KEY]`.
 * All patterns are linear (no nested quantifiers); lines are scanned once.
 */

export interface Placeholder {
  token: string;
  line: number;
  column: number;
}

// A bracketed token that does not contain brackets or a newline, at most 200 characters.
const BRACKET = /\[([^[\]\n]{1,200})\]/g;
const WORDS = /\b(TODO|TBD|FIXME|YYYY-MM-DD|XXX-XXX)\b|\{\.\.\.\}|\{…\}|\{\{\s*[A-Za-z_][\w.]*\s*\}\}|\.\.\.TODO/g;
const SPEC_REF = /^[A-Z][A-Z0-9]*-\d+$/;
const ALL_CAPS = /^[A-Z][A-Z0-9_ /&.-]*[A-Z0-9]$/;
const NUMBERED = /^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3} \d+$/;
const INSTRUCTION = /^(?:(?:describe|brief|add|list|enter|insert|your|fill|example|name of|specify|explain|choose|what|how|which|who|when|why|link to|replace)\b|e\.g\.)/i;
/** `[Microservice | Library | Worker]`, `[Yes/No]`: a choice the author has to make. */
const CHOICE = /^[A-Z][^|]{0,40}(?:\s\|\s[^|]{1,40}){1,12}$|^[A-Za-z]{1,12}(?:\/[A-Za-z]{1,12}){1,5}$/;
/** Last words of a phrase that names a slot to fill: `[Component Name]`, `[metric_name]`, `[GET /path]`. */
const SLOT_WORDS = new Set(
  (
    'name title description summary value type id identifier date time version owner team contact url link path endpoint method status detail purpose role reason example ' +
    'text number count amount duration size email address host port region environment component service system flow event field variable topic queue metric alert step ' +
    'phase action actor input output format unit percentage threshold timeout schedule item label key content spec document file filename command response request payload ' +
    'header message condition scenario dependency responsibility module library database source target destination language framework rate limit latency throughput ' +
    'option outcome result question answer trigger subscriber consumer producer volume location retention scheme image registry tag namespace replica probe interval ' +
    'channel severity runbook bucket prefix pattern requirement minimum maximum recommended check rule policy table column store timestamp code ' +
    'average peak typical fallback strategy approach behaviour behavior plan when what why how who where which'
  ).split(' '),
);

/**
 * `[Component Name]`, `[description]`, `[metric_name]`, `[GET /path]`: one to five words ending in a
 * word that names a slot to fill. In prose only: link text such as "Payment Service" is a real name,
 * and `[name]` in code is code.
 */
function isSlot(s: string): boolean {
  if (!/^[A-Za-z/][\w /{}.-]{0,80}$/.test(s)) return false;
  const words = s.split(/[\s_/.{}-]+/).filter(Boolean);
  if (!words.length || words.length > 5) return false;
  const last = words[words.length - 1].toLowerCase();
  return SLOT_WORDS.has(last) || (last.endsWith('s') && SLOT_WORDS.has(last.slice(0, -1))) || (last.endsWith('es') && SLOT_WORDS.has(last.slice(0, -2)));
}

/** The bracketed tokens a template uses: filled specs must not keep any of them. */
export function templateTokens(template: string): Set<string> {
  const out = new Set<string>();
  for (const m of template.matchAll(BRACKET)) {
    const t = m[1].trim();
    if (t && !SPEC_REF.test(t) && t !== ' ' && t.toLowerCase() !== 'x' && !t.startsWith('^')) out.add(t);
  }
  return out;
}

/** `[Component 1](...)`, `[Related Flow 2](...)`: link text that numbers a generic thing. */
const NUMBERED_LINK = /^(?:related |other |another )?(?:component|service|flow|system|document|doc|spec|item|example|link|page|module|dependency|source|target)s? \d+$/i;

/**
 * Whether bracketed text is a placeholder. `where`: in prose every heuristic applies; in code the
 * slot-name one does not (`[name]` is code there); link text is a real name unless unmistakable (a
 * template token, an instruction, `DATA_SOURCE_1`, `Component 1`).
 */
function isPlaceholderText(t: string, tokens: ReadonlySet<string>, where: 'prose' | 'code' | 'link'): boolean {
  const s = t.trim();
  if (!s || s.startsWith('^') || SPEC_REF.test(s)) return false;
  // In prose, `[N]`/`[X]` and a bracketed phrase of four words or more are left for the author.
  if (where === 'prose' && (/^[A-Z]$/.test(s) || (s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 4 && /^\p{L}/u.test(s)))) return true;
  if (tokens.has(s)) return true;
  if (INSTRUCTION.test(s) && s.split(/\s+/).length >= 2) return true;
  if (where === 'link') return (s.includes('_') && ALL_CAPS.test(s)) || NUMBERED_LINK.test(s);
  if (s.length >= 2 && ALL_CAPS.test(s) && /[A-Z].*[A-Z]/.test(s)) return true;
  if (NUMBERED.test(s) || CHOICE.test(s)) return true;
  return where === 'prose' && isSlot(s);
}

/**
 * Placeholders on one line. `line` is 1-based; `skipLinks` is false inside code blocks, where `[x](y)`
 * is not a link.
 */
export function placeholdersInLine(text: string, line: number, tokens: ReadonlySet<string>, inCode: boolean): Placeholder[] {
  const out: Placeholder[] = [];
  if (text.length === 0) return out;
  // Inside an inline code span only the template's own tokens count: `TODO` or `[KEY]` there is usually
  // text about the thing, not a gap left in the spec.
  const spans: [number, number][] = [];
  if (!inCode && text.includes('`')) for (const m of text.matchAll(/(`+)[^`]*?\1/g)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  const inSpan = (i: number) => spans.some(([a, b]) => i >= a && i < b);
  if (text.includes('[')) {
    // A link reference definition `[label]: url` is not a placeholder.
    if (!inCode && /^\s{0,3}\[[^\]]+\]:\s/.test(text)) return out;
    for (const m of text.matchAll(BRACKET)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const before = start > 0 ? text[start - 1] : '';
      const after = text[end] ?? '';
      if (/^\s*[xX ]?\s*$/.test(m[1]) && (inCode || /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+$/.test(text.slice(0, start)) || !m[1].trim())) continue; // task list box
      if (!inCode && (before === ']' || before === '!')) continue; // image, second part of a full reference
      if (!inCode && (after === '(' || after === '[')) {
        // Link text: a placeholder only when unmistakable (`[Component 1](...)`, `[SERVICE NAME](...)`).
        if (!inSpan(start) && isPlaceholderText(m[1], tokens, 'link')) out.push({ token: m[0], line, column: start + 1 });
        continue;
      }
      if (/[\w\])]/.test(before)) continue; // indexing: a[KEY], f()[0]
      // `"[value]"`, `"[ISO-8601 timestamp]"`: a quoted slot name or phrase is a value left to fill, in code too.
      const quoted = (before === '"' && after === '"') || (before === "'" && after === "'");
      if (quoted && /\p{L}/u.test(m[1]) && !/["',]/.test(m[1]) && (/\s/.test(m[1].trim()) || isPlaceholderText(m[1], tokens, 'prose'))) {
        out.push({ token: m[0], line, column: start + 1 });
        continue;
      }
      // `` `[build command]` ``: a code span that is only the bracketed phrase is one too.
      const wholeSpan = before === '`' && after === '`';
      const where = inCode ? 'code' : inSpan(start) && !wholeSpan ? 'span' : 'prose';
      if (where === 'span' ? tokens.has(m[1].trim()) : isPlaceholderText(m[1], tokens, where)) out.push({ token: m[0], line, column: start + 1 });
    }
  }
  if (/[A-Z{.]/.test(text)) {
    for (const m of text.matchAll(WORDS)) if (!inSpan(m.index ?? 0)) out.push({ token: m[0], line, column: (m.index ?? 0) + 1 });
  }
  out.sort((a, b) => a.column - b.column);
  return out;
}

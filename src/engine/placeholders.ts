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
/** `[Microservice | Library | Worker]`: a choice the author has to make. */
const CHOICE = /^[A-Z][^|]{0,40}(?:\s\|\s[^|]{1,40}){1,12}$/;

/** The bracketed tokens a template uses: filled specs must not keep any of them. */
export function templateTokens(template: string): Set<string> {
  const out = new Set<string>();
  for (const m of template.matchAll(BRACKET)) {
    const t = m[1].trim();
    if (t && !SPEC_REF.test(t) && t !== ' ' && t.toLowerCase() !== 'x' && !t.startsWith('^')) out.add(t);
  }
  return out;
}

function isPlaceholderText(t: string, tokens: ReadonlySet<string>): boolean {
  const s = t.trim();
  if (!s || s.startsWith('^') || SPEC_REF.test(s)) return false;
  if (tokens.has(s)) return true;
  if (s.length >= 2 && ALL_CAPS.test(s) && /[A-Z].*[A-Z]/.test(s)) return true;
  if (NUMBERED.test(s) || CHOICE.test(s)) return true;
  return INSTRUCTION.test(s) && s.split(/\s+/).length >= 2;
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
      if (!inCode && (after === '(' || after === '[' || before === ']' || before === '!')) continue; // link / image / full reference
      if (/[\w\])]/.test(before)) continue; // indexing: a[KEY], f()[0]
      if (/^\s*[xX ]?\s*$/.test(m[1])) continue; // task list box
      if (inSpan(start) ? tokens.has(m[1].trim()) : isPlaceholderText(m[1], tokens)) out.push({ token: m[0], line, column: start + 1 });
    }
  }
  if (/[A-Z{.]/.test(text)) {
    for (const m of text.matchAll(WORDS)) if (!inSpan(m.index ?? 0)) out.push({ token: m[0], line, column: (m.index ?? 0) + 1 });
  }
  out.sort((a, b) => a.column - b.column);
  return out;
}

/**
 * Escaping of text taken from users' files (paths, headings, messages that quote a document) before it
 * goes into Markdown that GitHub renders: check-run summaries and the PR comment. The goals:
 * - no notifications: `@user`, `@org/team` never ping, `#12` / `owner/repo#12` never cross-reference;
 * - no HTML: `<details>`, `<img>`, `<!-- -->` render as text;
 * - no broken layout: a `|` cannot split a table cell, a newline cannot end a table row or a list item,
 *   Markdown emphasis/link syntax renders literally.
 * Pure; the one place for this policy.
 */

/** Zero-width space: breaks `@mention` and `#123` autolinks while looking unchanged. */
const ZWSP = '\u200b';

/** Newlines (any kind) and tabs become a single space: everything we render from user text is one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').replace(/\t/g, ' ');
}

/** Break mentions and issue references without changing what the reader sees. */
export function defuseMentions(text: string): string {
  return (
    text
      // @user, @org/team (GitHub logins: letters, digits, hyphens); keep e-mail addresses readable too.
      .replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`)
      // #123, GH-123, owner/repo#123
      .replace(/#(?=\d)/g, `#${ZWSP}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
  );
}

/**
 * Escape user text for inline Markdown (a sentence, a list item, a heading): one line, no HTML,
 * no mentions, Markdown punctuation shown literally.
 */
export function escapeInline(text: string): string {
  const escaped = oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Backslash-escape the punctuation that starts emphasis, code, links, images, strike-through,
    // tables and autolinks. (CommonMark allows a backslash before any ASCII punctuation.)
    .replace(/([\\`*_[\]()~|!])/g, '\\$1');
  return defuseMentions(escaped);
}

/** Escape user text for a GFM table cell (same as inline: `|` is already escaped there). */
export function escapeCell(text: string): string {
  return escapeInline(text);
}

/**
 * Inline code span for user text (paths, rule ids): rendered verbatim, so mentions and HTML are inert.
 * The fence is one backtick longer than the longest run inside. Set `inTable` for a table cell: GFM
 * splits cells on `|` even inside code spans, so it is escaped there (GFM removes the backslash).
 */
export function code(text: string, opts: { inTable?: boolean } = {}): string {
  let body = oneLine(text);
  if (opts.inTable) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick (or is only spaces) needs padding spaces.
  const pad = body.startsWith('`') || body.endsWith('`') || /^ *$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Plain-text fields (check-run annotation title/message) are not rendered as Markdown: only trim size. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  // Do not cut a surrogate pair in half.
  let end = max - ellipsis.length;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end) + ellipsis;
}

/** Text for HTML (an element's content or a quoted attribute value): `& < > " '` as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * Globs from a repository's config (`specs[].path`, `ignore`) compiled to RE2 (re2js): matching takes
 * time linear in the path, whatever the pattern, so no config can hang a review through the file names
 * a pull request chooses (picomatch's backtracking regexes can: `docs/**\/*a*a*a*b.md` took 19 s on a
 * 1,000-character path). Supported: `**` (any depth), `*`, `?`, `[abc]`/`[!abc]`, `{a,b}` (not nested)
 * and `\` escapes; dotfiles match. Extglobs (`+(a|b)`, `!(x)`...) are refused with a clear message.
 */
import { RE2JS } from 're2js';

export const MAX_GLOB_LENGTH = 256;

export class GlobError extends Error {}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function translate(glob: string, inBrace: boolean): string {
  let re = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    const atSegmentStart = i === 0 || glob[i - 1] === '/';
    if (c === '\\') {
      if (i + 1 >= glob.length) throw new GlobError('ends with a lone "\\"');
      re += escapeRe(glob[i + 1]);
      i += 2;
      continue;
    }
    if ('@!+*?'.includes(c) && glob[i + 1] === '(') {
      throw new GlobError(`extglob "${c}(...)" is not supported; use {a,b} or several patterns`);
    }
    if (c === '*' && glob[i + 1] === '*' && atSegmentStart && (i + 2 === glob.length || glob[i + 2] === '/')) {
      if (i + 2 === glob.length) {
        re += '.*';
        i += 2;
      } else {
        re += '(?:[^/]*/)*';
        i += 3;
      }
      continue;
    }
    if (c === '*') {
      while (glob[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        if (!body || body.includes('/') || body.includes('[')) throw new GlobError(`character class "[${glob.slice(i + 1, end)}]" is not supported`);
        re += `[${negate ? '^/' : ''}${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      if (inBrace) throw new GlobError('nested braces are not supported');
      const end = glob.indexOf('}', i);
      if (end < 0) throw new GlobError('"{" is not closed');
      const alternatives = glob.slice(i + 1, end).split(',');
      re += `(?:${alternatives.map((a) => translate(a, true)).join('|')})`;
      i = end;
    } else if (c === '}' && !inBrace) throw new GlobError('"}" without "{"');
    else re += escapeRe(c);
    i++;
  }
  return re;
}

/** Compile a glob to a linear-time matcher. Throws GlobError saying what is wrong. */
export function compileGlob(glob: string): (path: string) => boolean {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`is longer than ${MAX_GLOB_LENGTH} characters`);
  const pattern = RE2JS.compile(`^${translate(glob.replace(/^\.\//, ''), false)}$`);
  return (path) => pattern.matches(path);
}

/** One matcher for several globs. */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.map(compileGlob);
  return (path) => matchers.some((m) => m(path));
}

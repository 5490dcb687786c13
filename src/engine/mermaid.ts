/**
 * Validates the text of a ```mermaid code block with mermaid's own parser (the one GitHub renders
 * with), loaded lazily the first time a mermaid block is seen.
 *
 * Mermaid runs in Node for parsing only: its label sanitiser (DOMPurify) needs a browser window, so when
 * none exists the DOMPurify singleton that mermaid imports gets inert hooks and an identity `sanitize`
 * (we never render, so nothing is ever inserted into a page).
 *
 * Mermaid's parsers are not linear on every input (long runs of blank lines or spaces, thousands of
 * nested blocks, `<tag` without `>`), so the text is first reshaped, in one linear pass, into an
 * equivalent text that is cheap to parse, keeping a map back to the original lines:
 * - blank lines and `%%` comment lines are dropped (mermaid drops comments itself, which would shift
 *   its line numbers anyway); a directive `%%{...}%%` spread over several lines is joined into one;
 * - runs of spaces/tabs longer than {@link MAX_SPACE_RUN} are shortened (columns are mapped back);
 * - more than {@link MAX_NESTING} nested blocks, or more than {@link MAX_TEXT_SIZE} characters (mermaid's
 *   own `maxTextSize`, above which it refuses to render) are reported without parsing.
 * Errors are then turned into one-sentence messages that name the line of the block.
 */
import { certainlyValid } from './mermaid-fast.js';
import { ownString } from './own-string.js';

export interface MermaidProblem {
  /** 1-based, relative to the first line of the code block's content. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  message: string;
}

/** Mermaid's default `maxTextSize`: longer diagrams render as "Maximum text size in diagram exceeded". */
export const MAX_TEXT_SIZE = 50_000;
/** Deepest block nesting (subgraph, loop, alt, `{`...) we hand to the parser. */
export const MAX_NESTING = 100;
/**
 * Longest line handed to the parser. Some of mermaid's rules are quadratic in the length of a line
 * (`A & B & ...`, `;;;...`); a block with a longer line is not checked (no false error either).
 */
export const MAX_LINE_LENGTH = 2_000;
/**
 * Flowcharts and sequence diagrams were measured linear up to MAX_TEXT_SIZE; the other diagram types'
 * databases can be quadratic in the number of items (a `block-beta` of 25,000 items takes minutes), so
 * they are checked up to this many characters and accepted unchecked above it.
 */
export const MAX_OTHER_TEXT_SIZE = 5_000;
/** Longest run of spaces/tabs kept as is. */
const MAX_SPACE_RUN = 64;
/** Longest multi-line `%%{ ... }%%` directive joined into one line. */
const MAX_DIRECTIVE_LINES = 200;
/** At most this many `<word` after the last `>` (mermaid's `<(\w+)([^>]*)>` scan is quadratic on them). */
const MAX_OPEN_TAGS_TAIL = 50;
/** At most this many problems per block (a parser that recovers can report one per token). */
const MAX_PROBLEMS = 5;

// ---------------------------------------------------------------------------------------------
// Loading mermaid

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  parse(text: string, options?: { suppressErrors?: boolean }): Promise<unknown>;
}

let loading: Promise<MermaidApi | null> | undefined;
/** False once loading failed: results computed without the parser are not cached. */
let mermaidLoaded: boolean | undefined;

async function loadMermaid(): Promise<MermaidApi | null> {
  try {
    const purifyModule = (await import('dompurify')) as unknown as { default: Record<string, unknown> };
    const purify = purifyModule.default;
    if (purify && purify.isSupported === false && typeof purify.addHook !== 'function') {
      const noop = (): void => {};
      Object.assign(purify, {
        addHook: noop,
        removeHook: noop,
        removeHooks: noop,
        removeAllHooks: noop,
        setConfig: noop,
        clearConfig: noop,
        isValidAttribute: () => true,
        sanitize: (dirty: unknown) => (typeof dirty === 'string' ? dirty : String(dirty ?? '')),
      });
    }
    const mod = (await import('mermaid')) as unknown as { default: MermaidApi };
    const mermaid = mod.default;
    mermaid.initialize({ startOnLoad: false, logLevel: 'fatal', securityLevel: 'strict' });
    mermaidLoaded = true;
    return mermaid;
  } catch {
    mermaidLoaded = false;
    return null;
  }
}

/** Loads mermaid once; resolves to null when it cannot be loaded (then blocks are not validated). */
export function mermaidParser(): Promise<MermaidApi | null> {
  loading ??= loadMermaid();
  return loading;
}

/** What mermaid's parsers ask of a browser window while parsing (not rendering). */
const WINDOW_STUB = Object.freeze({ CSS: Object.freeze({ supports: () => true }) });

// Mermaid keeps module-level state (config, the current diagram's db): parse one diagram at a time.
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

// ---------------------------------------------------------------------------------------------
// Reshaping the text

interface Prepared {
  /** Lines handed to mermaid. */
  lines: string[];
  /** For each line, its 1-based line in the block. */
  origin: number[];
  /** For each line, the shortened space runs as [compactColumn0, removed] pairs, in order. */
  shrunk: Array<Array<[number, number]> | undefined>;
  /** Lines mermaid removes from the front before its parser sees the text (front matter). */
  prefix: number;
  /** Index in `lines` of the first front-matter line, or -1. */
  frontMatterStart: number;
  /** Index in `lines` of the closing `---` of the front matter, or -1. */
  frontMatterEnd: number;
}

const BLANK = /^[ \t\f\v]*$/;
/** Mermaid removes `%%` comment lines (not directives) before parsing. */
const COMMENT_LINE = /^\s*%%(?!\{)./;

function shrinkSpaces(line: string): { text: string; shrunk?: Array<[number, number]> } {
  // Linear scan; leaves runs of up to MAX_SPACE_RUN untouched.
  let out = '';
  let shrunk: Array<[number, number]> | undefined;
  let last = 0;
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      let j = i;
      while (j < line.length && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j++;
      if (j - i > MAX_SPACE_RUN) {
        out += line.slice(last, i + MAX_SPACE_RUN);
        (shrunk ??= []).push([out.length, j - i - MAX_SPACE_RUN]);
        last = j;
      }
      i = j;
    } else {
      i++;
    }
  }
  if (!shrunk) return { text: line };
  return { text: out + line.slice(last), shrunk };
}

function prepare(source: string): Prepared {
  const raw = source.replace(/\r\n?/g, '\n').split('\n');
  const lines: string[] = [];
  const origin: number[] = [];
  const shrunk: Prepared['shrunk'] = [];
  const push = (text: string, line: number): void => {
    const s = shrinkSpaces(text);
    lines.push(s.text);
    origin.push(line);
    shrunk.push(s.shrunk);
  };

  let i = 0;
  let frontMatterStart = -1;
  let frontMatterEnd = -1;
  let prefix = 0;
  // Front matter: `---` on the first line, closed by a line with the same indentation and `---`.
  // Kept verbatim (mermaid reads it as YAML and then removes it).
  let firstText = 0;
  while (firstText < raw.length && BLANK.test(raw[firstText])) firstText++;
  const fm = /^([ \t]*)---[ \t]*$/.exec(raw[firstText] ?? '');
  if (fm && firstText > 0) {
    // Mermaid reads front matter only at the very start; after blank lines it is a syntax error. Keep
    // one blank line so that mermaid sees the same thing (it trims it before parsing).
    push('', 1);
    prefix = 1;
  } else if (fm) {
    const close = new RegExp(`^${fm[1]}---[ \\t]*$`);
    let end = -1;
    for (let j = 1; j < raw.length; j++) {
      if (close.test(raw[j])) {
        end = j;
        break;
      }
    }
    if (end > 0 && end < raw.length - 1) {
      frontMatterStart = 0;
      frontMatterEnd = end;
      for (let j = 0; j <= end; j++) push(raw[j], j + 1);
      prefix = end + 1;
      i = end + 1;
    }
  }

  for (; i < raw.length; i++) {
    const text = raw[i];
    if (BLANK.test(text) || COMMENT_LINE.test(text)) continue;
    const trimmed = text.trimStart();
    if (trimmed.startsWith('%%{') && !text.includes('}%%')) {
      // A directive over several lines: mermaid removes it with its newlines; join it into one line.
      let j = i + 1;
      while (j < raw.length && j - i < MAX_DIRECTIVE_LINES && !raw[j].includes('}%%')) j++;
      if (j < raw.length && raw[j].includes('}%%')) {
        push(raw.slice(i, j + 1).join(' '), i + 1);
        i = j;
        continue;
      }
    }
    push(text, i + 1);
  }
  // Mermaid removes directives and then trims the start of the text: leading directive lines vanish.
  while (prefix < lines.length && /^\s*%%\{.*\}%%\s*$/.test(lines[prefix])) prefix++;
  return { lines, origin, shrunk, prefix, frontMatterStart, frontMatterEnd };
}

/** Replaces `<` of `<word` occurrences after the last `>` when there are very many of them. */
function defuseOpenTags(text: string): string {
  const lastGt = text.lastIndexOf('>');
  const tail = text.slice(lastGt + 1);
  let count = 0;
  const re = /<\w/g;
  while (re.exec(tail) && count <= MAX_OPEN_TAGS_TAIL) count++;
  if (count <= MAX_OPEN_TAGS_TAIL) return text;
  return text.slice(0, lastGt + 1) + tail.replace(/<(?=\w)/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Diagram kinds and block structure

type Family = 'flowchart' | 'sequence' | 'other';

interface Header {
  keyword: string;
  family: Family;
  /** Index in Prepared.lines of the header line. */
  index: number;
}

function findHeader(p: Prepared): Header | undefined {
  for (let k = p.prefix; k < p.lines.length; k++) {
    const t = p.lines[k].trim();
    if (t.startsWith('%%')) continue; // directives
    const keyword = /^[^\s;:{]+/.exec(t)?.[0] ?? t;
    const family: Family =
      keyword === 'graph' || keyword === 'flowchart' || keyword === 'flowchart-elk'
        ? 'flowchart'
        : keyword === 'sequenceDiagram'
          ? 'sequence'
          : 'other';
    return { keyword, family, index: k };
  }
  return undefined;
}

function label(header: Header | undefined): string {
  if (!header) return 'Mermaid';
  if (header.family === 'flowchart') return 'Mermaid flowchart';
  if (header.family === 'sequence') return 'Mermaid sequence diagram';
  return `Mermaid ${header.keyword}`;
}

const SEQUENCE_OPENERS = new Set(['loop', 'alt', 'opt', 'par', 'par_over', 'critical', 'break', 'rect', 'box']);

interface Block {
  keyword: string;
  index: number;
}

interface Structure {
  /** Blocks still open at the end, outermost first. */
  open: Block[];
  /** An `end`/`}` with nothing open, if any. */
  strayEnd?: number;
  /** First line where nesting went over MAX_NESTING. */
  tooDeep?: number;
}

/** One linear pass over the block keywords of the diagram. */
function structure(p: Prepared, header: Header): Structure {
  const open: Block[] = [];
  const result: Structure = { open };
  for (let k = header.index + 1; k < p.lines.length; k++) {
    const t = p.lines[k].trim();
    const word = /^[A-Za-z_]+/.exec(t)?.[0] ?? '';
    let opens: string | undefined;
    let closes = false;
    if (header.family === 'flowchart') {
      if (word === 'subgraph') opens = 'subgraph';
      else if (word === 'end' && /^end\s*;?\s*$/.test(t)) closes = true;
    } else if (header.family === 'sequence') {
      if (SEQUENCE_OPENERS.has(word) && (t.length === word.length || /\s/.test(t[word.length]))) opens = word;
      else if (word === 'end' && /^end\s*;?\s*$/.test(t)) closes = true;
    } else if (t.endsWith('{') && !t.startsWith('%%')) {
      opens = '{';
    } else if (t === '}') {
      closes = true;
    }
    if (opens) {
      open.push({ keyword: opens, index: k });
      if (open.length > MAX_NESTING && result.tooDeep === undefined) result.tooDeep = k;
    } else if (closes) {
      if (open.length === 0) result.strayEnd ??= k;
      else open.pop();
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Error translation

interface JisonHash {
  text?: string;
  token?: string | number;
  line?: number;
  loc?: { first_line: number; first_column: number; last_line: number; last_column: number };
  expected?: string[];
}

interface LangiumResult {
  lexerErrors?: Array<{ line?: number; column?: number; message?: string }>;
  parserErrors?: Array<{ message?: string; token?: { startLine?: number; startColumn?: number; image?: string } }>;
}

/** Readable names of the parser's token names, for "expected ..." lists. */
const TOKEN_NAMES: Record<string, string> = {
  SQE: "']'",
  PE: "')'",
  DIAMOND_STOP: "'}'",
  STADIUMEND: "')]'",
  SUBROUTINEEND: "']]'",
  CYLINDEREND: "')]'",
  DOUBLECIRCLEEND: "')))'",
  TAGEND: "'>'",
  PIPE: "'|'",
  SEMI: "';'",
  COLON: "':'",
  NEWLINE: 'a line break',
  NL: 'a line break',
  EOF: 'the end of the diagram',
  end: "'end'",
  subgraph: "'subgraph'",
  NODE_STRING: 'a node id',
  ARROW_POINT: "'-->'",
  LINK: "a link such as '-->'",
  ACTOR: 'a participant name',
  SOLID_ARROW: "'->>'",
  DOTTED_ARROW: "'-->>'",
  TXT: "': message'",
  STR: 'a quoted string',
  else: "'else'",
  and: "'and'",
  option: "'option'",
};

function describeExpected(expected: string[] | undefined): string {
  if (!expected?.length) return '';
  const names: string[] = [];
  for (const e of expected) {
    const name = TOKEN_NAMES[e.replace(/^'|'$/g, '')];
    if (name && !names.includes(name)) names.push(name);
    if (names.length === 4) break;
  }
  return names.length ? `; expected ${names.join(', ')}` : '';
}

function describeToken(hash: JisonHash): string {
  const text = hash.text ?? '';
  if (hash.token === 'EOF' || hash.token === 1 || text === '') return 'end of diagram';
  if (text === '\n' || hash.token === 'NEWLINE' || hash.token === 'NL') return 'line break';
  const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  return `'${shown.replace(/\s+/g, ' ')}'`;
}

const BRACKET_PAIRS: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** Column (0-based) of the first bracket or quote left open on the line, if any. */
function unclosedOnLine(line: string): { column: number; char: string } | undefined {
  const stack: Array<{ column: number; char: string }> = [];
  let quote: { column: number; char: string } | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '"') quote = undefined;
    } else if (c === '"') {
      quote = { column: i, char: c };
    } else if (c === '%' && line[i + 1] === '%') {
      break;
    } else if (c in BRACKET_PAIRS) {
      stack.push({ column: i, char: c });
    } else if (c === ']' || c === ')' || c === '}') {
      if (stack.length && BRACKET_PAIRS[stack[stack.length - 1].char] === c) stack.pop();
    }
  }
  return quote ?? stack[0];
}

function originalColumn(p: Prepared, index: number, column0: number): number {
  let col = column0;
  for (const [at, removed] of p.shrunk[index] ?? []) if (column0 >= at) col += removed;
  return col + 1;
}

function nodeIdSuggestion(line: string): string {
  const m = /^\s*[[({>]+\s*"?([^\])}"]*?)"?\s*[\])}]+/.exec(line);
  const inner = m?.[1]?.trim() ?? '';
  const id = inner.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'node1';
  const shape = /^\s*([[({>]+)/.exec(line)?.[1] ?? '[';
  const closing = [...shape].reverse().map((c) => (c === '>' ? ']' : BRACKET_PAIRS[c])).join('');
  return `${id}${shape}${inner || 'label'}${closing}`;
}

function translateJison(p: Prepared, header: Header | undefined, hash: JisonHash): MermaidProblem {
  const what = label(header);
  const loc = hash.loc;
  // A token that starts at the end of a line (after a line break is skipped) is reported on the next line.
  const parsedLine = loc ? (loc.first_line !== loc.last_line ? loc.last_line : loc.first_line) : typeof hash.line === 'number' ? hash.line + 1 : 1;
  const atEnd = describeToken(hash) === 'end of diagram';
  const blocks = header ? structure(p, header) : undefined;

  if (atEnd && blocks && blocks.open.length > 0) {
    const b = blocks.open[blocks.open.length - 1];
    return {
      line: p.origin[b.index],
      message: `${what}: '${b.keyword}' on line ${p.origin[b.index]} is never closed (add '${b.keyword === '{' ? '}' : 'end'}' after its last line)`,
    };
  }

  // Lines of the parsed text are our lines after the removed prefix; the end of the text clamps to the last line.
  const index = Math.min(Math.max(parsedLine - 1 + p.prefix, 0), p.lines.length - 1);
  const lineText = p.lines[index] ?? '';
  const line = p.origin[index] ?? 1;
  let column0 = loc && loc.first_line === loc.last_line ? loc.first_column : undefined;
  if (index === p.prefix && column0 !== undefined) column0 += lineText.length - lineText.trimStart().length;
  // Tokens may include the spaces before them: point at the first visible character.
  if (column0 !== undefined) while (column0 < lineText.length - 1 && /\s/.test(lineText[column0])) column0++;

  if (atEnd) {
    // Nothing left open at block level: look for a bracket or quote left open, from the end.
    for (let k = p.lines.length - 1; k > (header?.index ?? -1); k--) {
      const open = unclosedOnLine(p.lines[k]);
      if (open) {
        const closer = open.char === '"' ? '"' : BRACKET_PAIRS[open.char];
        return {
          line: p.origin[k],
          column: originalColumn(p, k, open.column),
          message: `${what}: '${open.char}' on line ${p.origin[k]} is never closed (expected '${closer}')`,
        };
      }
    }
    return { line, message: `${what}: unexpected end of diagram after line ${line}${describeExpected(hash.expected)}` };
  }

  const token = describeToken(hash);
  const trimmed = lineText.trimStart();
  const first = trimmed[0] ?? '';
  const lead = lineText.length - trimmed.length;

  if (header?.family === 'flowchart' && '[({>'.includes(first) && first !== '' && (column0 === undefined || column0 <= lead + 1)) {
    return {
      line,
      column: originalColumn(p, index, lead),
      message:
        `${what}: unexpected '${first}' on line ${line} (a node id cannot start with '${first}'; ` +
        `write an id before the shape, e.g. ${nodeIdSuggestion(lineText)})`,
    };
  }
  if (blocks?.strayEnd === index) {
    const opener = header?.family === 'flowchart' ? "'subgraph'" : "a block such as 'loop' or 'alt'";
    return { line, column: originalColumn(p, index, lead), message: `${what}: 'end' on line ${line} has no matching ${opener}` };
  }
  const open = unclosedOnLine(lineText);
  if (open) {
    const closer = open.char === '"' ? '"' : BRACKET_PAIRS[open.char];
    return {
      line,
      column: originalColumn(p, index, open.column),
      message: `${what}: '${open.char}' on line ${line} is never closed (expected '${closer}')`,
    };
  }
  let hint = describeExpected(hash.expected);
  const colon = trimmed.indexOf(':');
  if (
    header?.family === 'sequence' &&
    !/^(participant|actor|create|destroy|note|autonumber|activate|deactivate|title|box|links?|properties|details|else|and|option)\b/i.test(trimmed) &&
    !SEQUENCE_OPENERS.has(/^\w+/.exec(trimmed)?.[0] ?? '') &&
    (colon < 0 || column0 === undefined || column0 - lead < colon)
  ) {
    hint = "; a message is written 'A->>B: text' with one of ->> -->> -> --> -x --x -) --)";
  } else if (header?.family === 'flowchart' && /(^|[^-.=<>ox])(-{1}>|={1}>|-{4,}>)/.test(trimmed)) {
    hint = "; links are written -->, ---, -.->, ==>, -->|label| or -- text -->";
  } else if (header?.family === 'flowchart') {
    // `A[Check (fraud)]`: parentheses inside a label start a shape; the label must be quoted.
    const label = /(\b[\w-]+)\[([^\]"]*[()][^\]"]*)\]/.exec(trimmed) ?? /(\b[\w-]+)\{([^}"]*[()][^}"]*)\}/.exec(trimmed);
    if (label) hint = `; a label with ( or ) must be quoted: ${label[1]}["${label[2].trim()}"]`;
  }
  return {
    line,
    column: column0 !== undefined ? originalColumn(p, index, column0) : undefined,
    message: `${what}: unexpected ${token} on line ${line}${hint}`,
  };
}

function translateLangium(p: Prepared, header: Header | undefined, result: LangiumResult): MermaidProblem[] {
  const what = label(header);
  const out: MermaidProblem[] = [];
  const seen = new Set<number>();
  const add = (parsedLine: number | undefined, column: number | undefined, message: string): void => {
    const valid = typeof parsedLine === 'number' && Number.isFinite(parsedLine);
    const index = Math.min(Math.max((valid ? parsedLine : p.lines.length - p.prefix) - 1 + p.prefix, 0), p.lines.length - 1);
    const line = p.origin[index] ?? 1;
    if (seen.has(line) || out.length >= MAX_PROBLEMS) return;
    seen.add(line);
    const col = valid && typeof column === 'number' && Number.isFinite(column) ? originalColumn(p, index, column - 1) : undefined;
    const text = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
    out.push({ line, column: col, message: `${what}: ${valid ? '' : 'at the end of the diagram, '}${text} (line ${line})` });
  };
  for (const e of result.lexerErrors ?? []) add(e.line, e.column, e.message ?? 'unexpected character');
  for (const e of result.parserErrors ?? []) add(e.token?.startLine, e.token?.startColumn, e.message ?? 'syntax error');
  return out;
}

function headerProblem(p: Prepared, header: Header | undefined): MermaidProblem {
  if (!header) {
    return {
      line: p.origin[p.lines.length - 1] ?? 1,
      message: "Mermaid: the diagram is empty (start it with a diagram type such as 'flowchart TD' or 'sequenceDiagram')",
    };
  }
  const line = p.origin[header.index];
  const shown = header.keyword.length > 40 ? `${header.keyword.slice(0, 40)}…` : header.keyword;
  return {
    line,
    column: 1 + (p.lines[header.index].length - p.lines[header.index].trimStart().length),
    message: `Unknown diagram type '${shown}' on line ${line} (expected flowchart, graph, sequenceDiagram, classDiagram, stateDiagram-v2, erDiagram, gantt, pie, ...)`,
  };
}

/** Diagram types that GitHub's mermaid may know through plugins but the bundled one does not: accepted. */
const ACCEPTED_EXTERNAL = new Set(['zenuml']);

function translate(p: Prepared, header: Header | undefined, error: unknown): MermaidProblem[] {
  if (!(error instanceof Error)) return [];
  const e = error as Error & { hash?: JisonHash; result?: LangiumResult; mark?: { line?: number }; reason?: string };
  if (e.name === 'UnknownDiagramError' || e.constructor?.name === 'UnknownDiagramError') {
    if (header && ACCEPTED_EXTERNAL.has(header.keyword)) return [];
    return [headerProblem(p, header)];
  }
  // Jison parsers: syntax errors carry a position; the diagram's own checks reuse the hash without one.
  if (e.hash && /^(Parse|Lexical) error on line/.test(e.message)) return [translateJison(p, header, e.hash)];
  if (e.result && (Array.isArray(e.result.lexerErrors) || Array.isArray(e.result.parserErrors))) {
    const problems = translateLangium(p, header, e.result);
    if (problems.length) return problems;
  }
  if (/YAML/i.test(e.name) && p.frontMatterStart >= 0) {
    // The YAML body is between the two `---` lines.
    const index = Math.max(p.frontMatterStart + 1, Math.min(p.frontMatterStart + 1 + (e.mark?.line ?? 0), p.frontMatterEnd - 1));
    const line = p.origin[index];
    return [{ line, message: `Mermaid front matter: ${(e.reason ?? e.message).split('\n')[0]} (line ${line})` }];
  }
  // Programming errors inside mermaid (or a missing browser API) say nothing about the diagram.
  if (e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError) return [];
  // Errors raised by the diagram's own checks (edge limit, duplicate names...): no position; point at the header.
  const line = header ? p.origin[header.index] : 1;
  const message = e.message.split('\n')[0].replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return [{ line, message: `${label(header)}: ${message.length > 200 ? `${message.slice(0, 200)}…` : message}` }];
}

// ---------------------------------------------------------------------------------------------

// A parse costs a few milliseconds; specs made from one template repeat the same diagrams. Results are
// pure functions of the text, so small ones are remembered (bounded, oldest dropped first).
const CACHE_ENTRIES = 256;
const CACHE_MAX_KEY = 8_192;
const cache = new Map<string, MermaidProblem[]>();

/** Mermaid's verdict on a diagram: [] when it parses. {@link checkWithMermaid} runs it on this thread. */
export type MermaidChecker = (source: string) => Promise<MermaidProblem[]>;

/**
 * Returns [] when the diagram parses, else the problems found. Never throws, never hangs. Diagrams the
 * fast path cannot vouch for go to `full` (a CLI worker thread passes one that asks the main thread,
 * so that only one thread loads mermaid).
 */
export async function checkMermaid(source: string, full: MermaidChecker = checkWithMermaid): Promise<MermaidProblem[]> {
  // Plain diagrams in an unambiguous subset of the syntax need no parser (see mermaid-fast.ts).
  if (typeof source === 'string' && certainlyValid(source)) return [];
  return full(source);
}

/** Mermaid's own verdict, always (the fast path's reference in tests). */
export async function checkWithMermaid(source: string): Promise<MermaidProblem[]> {
  const cacheable = typeof source === 'string' && source.length <= CACHE_MAX_KEY;
  const hit = cacheable ? cache.get(source) : undefined;
  if (hit) return hit.map((p) => ({ ...p }));
  const problems = await check(source);
  if (cacheable && mermaidLoaded !== false) {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(ownString(source), problems.map((p) => ({ ...p, message: ownString(p.message) })));
  }
  return problems;
}

async function check(source: string): Promise<MermaidProblem[]> {
  try {
    const text = typeof source === 'string' ? source : '';
    if (text.length > MAX_TEXT_SIZE) {
      return [
        {
          line: 1,
          message: `Mermaid: the diagram has ${text.length.toLocaleString('en-US')} characters; mermaid does not render more than ${MAX_TEXT_SIZE.toLocaleString('en-US')} (split it into smaller diagrams)`,
        },
      ];
    }
    const p = prepare(text);
    const header = findHeader(p);
    if (!header) return [headerProblem(p, header)];
    const blocks = structure(p, header);
    if (blocks.tooDeep !== undefined) {
      const line = p.origin[blocks.tooDeep];
      return [{ line, message: `${label(header)}: blocks are nested more than ${MAX_NESTING} levels deep on line ${line} (simplify the diagram)` }];
    }
    if (p.lines.some((l) => l.length > MAX_LINE_LENGTH)) return [];
    if (header.family === 'other' && text.length > MAX_OTHER_TEXT_SIZE) return [];
    const mermaid = await mermaidParser();
    if (!mermaid) return [];
    const compact = defuseOpenTags(p.lines.join('\n'));
    return await serialized(async () => {
      // Sequence diagrams' `box` statement asks `window.CSS` whether its colour is a colour; in Node there
      // is no window, so the parse stopped there and later errors went unseen. A stand-in answers yes
      // for as long as one parse runs (parses are serialised), and is removed after it.
      const stub = !('window' in globalThis);
      if (stub) (globalThis as Record<string, unknown>).window = WINDOW_STUB;
      try {
        await mermaid.parse(compact, { suppressErrors: false });
        return [];
      } catch (error) {
        return translate(p, header, error);
      } finally {
        if (stub) delete (globalThis as Record<string, unknown>).window;
      }
    });
  } catch {
    return [];
  }
}

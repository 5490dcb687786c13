/**
 * Finding and parsing `/spec` commands in a comment body. Pure.
 *
 * A command is a line that starts with `/spec` in the comment's *prose*: the Markdown is parsed with the
 * engine's own parser (src/engine/tree.ts: CommonMark + GFM tables on micromark, the one Markdown stack
 * in production) and only paragraph lines count, so a `/spec` line inside a fenced
 * or indented code block, a `>` quote (including its lazy continuation lines, which GitHub renders as
 * part of the quote), an HTML block or comment, a table or a multi-line code span is not a command. The
 * arguments are read from the raw line, not from the rendered text, so `--title "A *b*"` keeps its
 * characters. Several commands run in the order they appear.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Nodes, Root } from 'mdast';
import { parseTree } from '../../engine/tree.js';

export const SUBCOMMANDS = ['scaffold', 'recheck', 'help'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Usage of each subcommand, as shown in replies. */
export const USAGE: Record<Subcommand, string> = {
  scaffold: '/spec scaffold <type> [<id>-]<slug> [--title "Title"]',
  recheck: '/spec recheck',
  help: '/spec help',
};

/** Longest title accepted (it becomes the spec's heading). */
export const MAX_TITLE = 200;
/** Commands run from one comment at most (a longer list is refused as a whole). */
export const MAX_COMMANDS = 10;

/** A `/spec` line found in the prose of a comment. */
export interface CommandLine {
  /** 1-based line in the comment body. */
  line: number;
  /** The line without surrounding white space, as written. */
  raw: string;
}

interface Base {
  line: number;
  raw: string;
}

export type Command =
  | (Base & { name: 'help' })
  | (Base & { name: 'recheck' })
  | (Base & { name: 'scaffold'; type: string; slug: string; title?: string })
  /** A line that is not a valid command: the reply shows the problem, the usage and a suggestion. */
  | (Base & { name: 'invalid'; problem: string; usage: string; suggestion?: string });

const COMMAND_RE = /^\/spec(?=\s|$)/i;
/** Containers whose content is not prose: code, quotes, raw HTML, tables, footnotes, headings. */
const SKIP = new Set(['code', 'blockquote', 'html', 'table', 'footnoteDefinition', 'heading', 'yaml', 'definition']);

/** Lines (1-based) of the body that are paragraph prose and not inside a multi-line code span or inline HTML. */
function proseLines(tree: Root): Set<number> {
  const lines = new Set<number>();
  const covered = new Set<number>();
  const visitInline = (node: Nodes): void => {
    if ((node.type === 'inlineCode' || node.type === 'html') && node.position) {
      // Lines after the first one of a code span/inline HTML start inside it.
      for (let l = node.position.start.line + 1; l <= node.position.end.line; l++) covered.add(l);
    }
    if ('children' in node) for (const child of node.children) visitInline(child as Nodes);
  };
  const visit = (node: Nodes): void => {
    if (SKIP.has(node.type)) return;
    if (node.type === 'paragraph') {
      if (node.position) for (let l = node.position.start.line; l <= node.position.end.line; l++) lines.add(l);
      visitInline(node);
      return;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  for (const l of covered) lines.delete(l);
  return lines;
}

/** The `/spec` lines of a comment body, in order. */
export function findCommandLines(body: string | null | undefined): CommandLine[] {
  if (!body || !/\/spec/i.test(body)) return [];
  const text = body.replace(/\r\n?/g, '\n');
  const prose = proseLines(parseTree(text));
  const out: CommandLine[] = [];
  text.split('\n').forEach((line, i) => {
    const raw = line.trim();
    if (prose.has(i + 1) && COMMAND_RE.test(raw)) out.push({ line: i + 1, raw });
  });
  return out;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '\u201c': '\u201d', '\u2018': '\u2019' };

/** Split arguments like a shell: white space separates, quotes group, `\` escapes inside double quotes. */
export function tokenize(text: string): { tokens: string[] } | { error: string } {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    let token = '';
    while (i < text.length && !/\s/.test(text[i])) {
      const close = QUOTES[text[i]];
      if (close) {
        const open = text[i];
        i++;
        let closed = false;
        while (i < text.length) {
          if (text[i] === close) {
            closed = true;
            i++;
            break;
          }
          if (text[i] === '\\' && open === '"' && i + 1 < text.length) i++;
          token += text[i++];
        }
        if (!closed) return { error: `the quote ${open} is not closed` };
      } else {
        token += text[i++];
      }
    }
    tokens.push(token);
  }
  return { tokens };
}

/** The closest candidate when it is close enough to be a likely typo, else undefined. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (!word || candidates.length === 0) return undefined;
  const best = closest(word.toLowerCase(), candidates);
  const d = distance(word.toLowerCase(), best);
  return d <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function invalid(base: Base, usage: string, problem: string, suggestion?: string): Command {
  return { ...base, name: 'invalid', problem, usage, suggestion };
}

function parseScaffold(base: Base, args: string[]): Command {
  const usage = USAGE.scaffold;
  const positional: string[] = [];
  let title: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const option = eq >= 0 ? arg.slice(0, eq) : arg;
      if (option !== '--title') {
        const near = closestMatch(option.slice(2), ['title']);
        const fixed = near ? rebuild(base.raw, arg, `--${near}${eq >= 0 ? arg.slice(eq) : ''}`) : undefined;
        return invalid(base, usage, `unknown option "${option}"; the only option is --title`, fixed);
      }
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value.trim() === '') return invalid(base, usage, '--title needs a value, e.g. --title "Payment Service"');
      if (title !== undefined) return invalid(base, usage, '--title is given twice');
      if (value.length > MAX_TITLE) return invalid(base, usage, `the title is longer than ${MAX_TITLE} characters`);
      title = value.trim();
    } else {
      positional.push(arg);
    }
  }
  if (positional.length < 2) {
    return invalid(base, usage, positional.length === 0 ? 'the type and the name are missing' : 'the name is missing');
  }
  if (positional.length > 2) {
    return invalid(base, usage, `expected a type and one name, got ${positional.length} words; put a title in --title "..."`);
  }
  return { ...base, name: 'scaffold', type: positional[0].toLowerCase(), slug: positional[1], ...(title !== undefined ? { title } : {}) };
}

/** The command line with one word replaced (for "did you mean"). */
function rebuild(raw: string, word: string, replacement: string): string {
  const at = raw.indexOf(word);
  return at < 0 ? raw : raw.slice(0, at) + replacement + raw.slice(at + word.length);
}

/** Parse one `/spec` line. Never throws: a bad line becomes an `invalid` command. */
export function parseCommand(found: CommandLine): Command {
  const base: Base = { line: found.line, raw: found.raw };
  const rest = found.raw.replace(COMMAND_RE, '');
  const split = tokenize(rest);
  if ('error' in split) return invalid(base, USAGE.scaffold, split.error);
  const [sub, ...args] = split.tokens;
  if (sub === undefined) return { ...base, name: 'help' }; // a bare `/spec` asks for help
  const name = sub.toLowerCase();
  switch (name) {
    case 'help':
      return { ...base, name: 'help' };
    case 'recheck':
      if (args.length > 0) return invalid(base, USAGE.recheck, `recheck takes no arguments (got "${args.join(' ')}")`, '/spec recheck');
      return { ...base, name: 'recheck' };
    case 'scaffold':
      return parseScaffold(base, args);
    default: {
      const near = closestMatch(name, SUBCOMMANDS);
      return invalid(
        base,
        Object.values(USAGE).join('\n'),
        `unknown command "${sub}"`,
        near ? rebuild(found.raw, sub, near) : undefined,
      );
    }
  }
}

/** Every command of a comment, in order. */
export function parseCommands(body: string | null | undefined): Command[] {
  return findCommandLines(body).map(parseCommand);
}

/**
 * micromark events → the part of an mdast tree the checks read.
 *
 * mdast-util-from-markdown builds the whole tree with a fresh context object per event; on spec-sized
 * files that compile step (and the garbage it leaves) is a fifth of the parse. The checks read only
 * some of the tree, so this walks micromark's events once and builds just that part, with the same
 * node types, fields and positions as mdast-util-from-markdown (+ mdast-util-gfm-table and
 * mdast-util-frontmatter) gives for it:
 *
 * - blocks: heading (depth), paragraph, blockquote, list (ordered) / listItem, table / tableRow /
 *   tableCell, code (lang, value), html (value), yaml (value), thematicBreak, definition (url, label);
 * - inline: text (value), inlineCode (value), strong, emphasis, break, html, link (url),
 *   linkReference, image (url), imageReference.
 *
 * Left out (no check reads them): `spread`, `start`, `checked`, `title`, `alt`, `meta`, `identifier`,
 * `referenceType`, `align`, and a list item's exact end. test/engine/tree.test.ts compares this tree with
 * mdast-util-from-markdown's on the fixtures, the seeds, the benchmark corpus and random documents.
 */
import type { Root } from 'mdast';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { parse, postprocess, preprocess } from 'micromark';
import { decodeString } from 'micromark-util-decode-string';
import type { Event, Point as MicromarkPoint, Token } from 'micromark-util-types';

// Only the syntax the checks read: CommonMark, GFM tables and YAML front matter. The other GFM
// constructs (autolink literals, strikethrough, footnotes, task lists) change nothing a check looks at
// and cost a large share of the parse (autolink literals are tried at every character).
const extensions = [gfmTable(), frontmatter(['yaml'])];

interface Point {
  line: number;
  column: number;
  offset: number;
}

interface Node {
  type: string;
  position: { start: Point; end: Point };
  children?: Node[];
  value?: string;
  depth?: number;
  ordered?: boolean;
  lang?: string | null;
  fenced?: boolean;
  url?: string;
  label?: string;
}


/** Nodes whose children are inline content that may span lines (a line ending becomes text; in a link, only in its label). */
const KEEPS_LINE_ENDINGS = new Set(['paragraph', 'heading', 'strong', 'emphasis']);

/** Where character data goes while a token of this type is open, instead of into text nodes. */
const enum Sink {
  None,
  /** Collected into `capture` (code, html, front matter, inline code, info string, destinations, labels). */
  Capture,
  /** Dropped (titles, meta, reference labels, an image's alt text). */
  Drop,
}

const SINKS: Record<string, Sink> = {
  codeFencedFenceInfo: Sink.Capture,
  resourceDestinationString: Sink.Capture,
  definitionDestinationString: Sink.Capture,
  definitionLabelString: Sink.Capture,
  codeFencedFenceMeta: Sink.Drop,
  resourceTitleString: Sink.Drop,
  definitionTitleString: Sink.Drop,
  reference: Sink.Drop,
  tableDelimiterRow: Sink.Drop,
};

/** A piece of the document parsed on its own: where it starts in the whole text. */
interface Piece {
  text: string;
  /** 1-based line of its first line in the document, and the offset of its first character. */
  line: number;
  offset: number;
}

/** Pieces shorter than this are joined with the next: one parse per tiny section costs more than it saves. */
const MIN_PIECE = 4096;
/** Where a piece may start: a top-level ATX heading (column 1). */
const HEADING_LINE = /^#{1,6}(?:[ \t]|$)/;
/** A line that may be a link reference definition (`[label]: url`): such a document is parsed whole. */
const MAYBE_DEFINITION = /^ {0,3}\[[^\]\n]*\]:/m;
/** A document that starts like front matter (the extension's opening fence). */
const FRONT_MATTER_OPEN = /^---[ \t]*\n/;
const FRONT_MATTER_CLOSE = /^---[ \t]*$/;

/**
 * Parse Markdown (CommonMark + GFM tables + YAML front matter) into the tree the checks read.
 *
 * A long document is parsed section by section: micromark keeps every event of a document until it is
 * done, and on a 60 KB spec those (7 MB) outlive the young generation, so the whole-document parse
 * fills the old generation with garbage — most of the CLI's memory and a fifth of its GC time.
 * A top-level ATX heading (`#` in column 1) ends every block that could hold it except a fenced code
 * block or an HTML block still open, and link reference definitions are the one thing that reaches
 * across sections; so a piece with a fenced code or HTML block that its own syntax did not close, or
 * with any definition, sends the whole document to one parse. The result is the same tree
 * (tree.test.ts compares it with mdast-util-from-markdown's).
 */
export function parseTree(text: string, minPiece = MIN_PIECE): Root {
  const pieces = text.length >= 2 * minPiece && !text.includes('\r') && !MAYBE_DEFINITION.test(text) ? split(text, minPiece) : undefined;
  if (pieces && pieces.length > 1) {
    const root = emptyRoot();
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      const part = compile(tokenize(piece.text), piece.line - 1, piece.offset);
      if (part.definitions || part.unclosed) return whole(text);
      if (i === 0 && FRONT_MATTER_OPEN.test(text) && part.root.children![0]?.type !== 'yaml') return whole(text);
      for (const child of part.root.children!) root.children!.push(child);
    }
    const first = root.children![0];
    const last = root.children![root.children!.length - 1];
    if (first && last) root.position = { start: { ...first.position.start }, end: { ...last.position.end } };
    return root as unknown as Root;
  }
  return whole(text);
}

function whole(text: string): Root {
  return compile(tokenize(text), 0, 0).root as unknown as Root;
}

function tokenize(text: string): Event[] {
  return postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
}

/** Pieces of at least `minPiece` characters, each starting at a top-level heading (not inside front matter). */
function split(text: string, minPiece: number): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let pos = 0;
  // Front matter: no piece starts before its closing fence.
  let earliest = 0;
  if (FRONT_MATTER_OPEN.test(text)) {
    earliest = text.length;
    let p = text.indexOf('\n') + 1;
    while (p > 0 && p < text.length) {
      const end = text.indexOf('\n', p);
      if (FRONT_MATTER_CLOSE.test(text.slice(p, end === -1 ? text.length : end))) {
        earliest = end === -1 ? text.length : end + 1;
        break;
      }
      p = end + 1;
    }
  }
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const next = end === -1 ? text.length : end + 1;
    if (pos >= earliest && pos - start >= minPiece && text.length - pos >= minPiece / 2 && HEADING_LINE.test(text.slice(pos, Math.min(next, pos + 8)))) {
      pieces.push({ text: text.slice(start, pos), line: startLine, offset: start });
      start = pos;
      startLine = line;
    }
    pos = next;
    line++;
  }
  pieces.push({ text: text.slice(start), line: startLine, offset: start });
  return pieces;
}

function emptyRoot(): Node {
  return { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
}

/**
 * The tree of one parse, with positions moved by `lineBase` lines and `offsetBase` characters; whether
 * it had a link reference definition, and whether a block in it may have been ended by the end of the
 * text rather than by its own syntax (a fenced code block without its closing fence, or an HTML block
 * other than a closed comment): in a piece, such a block might go on into the next one.
 */
function compile(events: Event[], lineBase: number, offsetBase: number): { root: Node; definitions: boolean; unclosed: boolean } {
  const point = (p: MicromarkPoint): Point => ({ line: p.line + lineBase, column: p.column, offset: p.offset + offsetBase });
  const root = emptyRoot();
  let definitions = false;
  /** A fenced code block without its closing fence, or an HTML block other than a closed comment, anywhere. */
  let unclosed = false;
  /** Fences seen in the open fenced code block: 0 on its opening line, 1 in its content, 2 once closed. */
  let fences = 0;
  const stack: Node[] = [root];
  /** Open sinks: the innermost decides where data goes. */
  const sinks: Sink[] = [];
  let capture = '';
  /** Depth of open images: their label is `alt`, not children. */
  let inImage = 0;
  /** Depth of open link labels (`[text]` of a link or image). */
  let inLabel = 0;
  let inTable = false;
  /** Whether the last thing written in a paragraph was a hard break (the next line ending belongs to it). */
  let atHardBreak = false;
  /** Inside a setext heading between its text and underline (that line ending is not text). */
  let setextSlurp = false;
  /** Links and images whose destination was given inline (`[a](url)`), by their node. */
  const resources = new Set<Node>();

  const top = (): Node => stack[stack.length - 1];
  const open = (type: string, token: Token, extra?: Partial<Node>): Node => {
    const node: Node = { type, position: { start: point(token.start), end: point(token.end) }, children: [], ...extra };
    top().children!.push(node);
    stack.push(node);
    return node;
  };
  const leaf = (type: string, token: Token, extra?: Partial<Node>): Node => {
    const node: Node = { type, position: { start: point(token.start), end: point(token.end) }, ...extra };
    top().children!.push(node);
    return node;
  };
  const close = (token: Token): Node => {
    const node = stack.pop()!;
    node.position.end = point(token.end);
    return node;
  };
  /** Close the open list item, if any (it ends where its last child does). */
  const closeItem = (): void => {
    while (stack.length > 1 && top().type !== 'list') {
      const item = stack.pop()!;
      const last = item.children?.[item.children.length - 1];
      if (last) item.position.end = { ...last.position.end };
    }
  };
  /** Character data: into the open sink, else appended to (or starting) a text node of the current parent. */
  const write = (value: string, token: Token): void => {
    const sink = sinks.length ? sinks[sinks.length - 1] : Sink.None;
    if (sink === Sink.Capture) {
      capture += value;
      return;
    }
    if (sink === Sink.Drop || inImage) return;
    const parent = top();
    const children = parent.children;
    if (!children) return;
    const tail = children[children.length - 1];
    if (tail && tail.type === 'text') {
      tail.value += value;
      tail.position.end = point(token.end);
    } else {
      children.push({ type: 'text', value, position: { start: point(token.start), end: point(token.end) } });
    }
  };
  const startCapture = (sink: Sink): void => {
    sinks.push(sink);
    if (sink === Sink.Capture) capture = '';
  };
  const endCapture = (): string => {
    sinks.pop();
    const value = capture;
    capture = '';
    return value;
  };

  for (let i = 0; i < events.length; i++) {
    const [kind, token, context] = events[i];
    const type = token.type as string;
    if (kind === 'enter') {
      switch (type) {
        case 'atxHeading':
        case 'setextHeading':
          open('heading', token, { depth: 0 });
          break;
        case 'paragraph':
        case 'blockQuote':
          open(type === 'blockQuote' ? 'blockquote' : type, token);
          break;
        case 'listOrdered':
        case 'listUnordered':
          open('list', token, { ordered: type === 'listOrdered' });
          break;
        case 'listItemPrefix':
          // micromark marks where an item starts; the item lasts until the next one or the list's end.
          closeItem();
          open('listItem', token);
          break;
        case 'table':
          inTable = true;
          open('table', token);
          break;
        case 'tableRow':
          open('tableRow', token);
          break;
        case 'tableHeader':
        case 'tableData':
          open('tableCell', token);
          break;
        case 'codeFenced':
          fences = 0;
          // `fenced` is ours (mdast has no such field): a fenced block's content starts on the line after
          // its fence, also in a list item or a quote, where the fence does not start the line.
          open('code', token, { lang: null, value: '', fenced: true });
          startCapture(Sink.Drop);
          break;
        case 'codeIndented':
          open('code', token, { lang: null, value: '' });
          startCapture(Sink.Capture);
          break;
        case 'htmlFlow':
        case 'htmlText':
          leaf('html', token, { value: '' });
          startCapture(Sink.Capture);
          break;
        case 'yaml':
          leaf('yaml', token, { value: '' });
          startCapture(Sink.Capture);
          break;
        case 'codeText':
          leaf('inlineCode', token, { value: '' });
          startCapture(Sink.Capture);
          break;
        case 'thematicBreak':
          leaf('thematicBreak', token);
          break;
        case 'definition':
          definitions = true;
          open('definition', token, { url: '', label: '' });
          break;
        case 'strong':
        case 'emphasis':
          open(type, token);
          break;
        case 'link':
        case 'autolink':
          open('link', token, { url: '' });
          break;
        case 'image':
          open('image', token, { url: '' });
          inImage++;
          break;
        case 'hardBreakEscape':
        case 'hardBreakTrailing':
          leaf('break', token);
          break;
        case 'label':
          inLabel++;
          break;
        default: {
          const sink = SINKS[type];
          if (sink !== undefined) startCapture(sink);
        }
      }
      continue;
    }

    // exit
    switch (type) {
      case 'data':
      case 'codeTextData':
      case 'htmlFlowData':
      case 'htmlTextData':
      case 'yamlValue':
        write(context.sliceSerialize(token), token);
        break;
      case 'codeFlowValue':
        write(context.sliceSerialize(token), token);
        break;
      case 'characterEscape':
      case 'characterReference':
        write(decodeString(context.sliceSerialize(token)), token);
        break;
      case 'autolinkProtocol':
      case 'autolinkEmail': {
        const value = context.sliceSerialize(token);
        write(value, token);
        top().url = type === 'autolinkEmail' ? `mailto:${value}` : value;
        break;
      }
      case 'lineEnding': {
        if (atHardBreak) {
          // The line ending after a hard break is part of the break.
          const parent = top();
          const tail = parent.children?.[parent.children.length - 1];
          if (tail) tail.position.end = point(token.end);
          atHardBreak = false;
          break;
        }
        const sink = sinks.length ? sinks[sinks.length - 1] : Sink.None;
        if (sink === Sink.Capture) capture += context.sliceSerialize(token);
        else if (sink === Sink.None && !setextSlurp && !inImage && (KEEPS_LINE_ENDINGS.has(top().type) || (inLabel > 0 && top().type === 'link'))) {
          write(context.sliceSerialize(token), token);
        }
        break;
      }
      case 'atxHeadingSequence': {
        const node = top();
        if (node.type === 'heading' && !node.depth) node.depth = context.sliceSerialize(token).length;
        break;
      }
      case 'setextHeadingText':
        setextSlurp = true;
        break;
      case 'setextHeadingLineSequence':
        top().depth = context.sliceSerialize(token).charCodeAt(0) === 61 /* = */ ? 1 : 2;
        setextSlurp = false;
        break;
      case 'atxHeading':
      case 'setextHeading':
        setextSlurp = false;
        close(token);
        break;
      case 'paragraph':
      case 'blockQuote':
      case 'tableRow':
      case 'tableHeader':
      case 'tableData':
      case 'strong':
      case 'emphasis':
        close(token);
        break;
      case 'definition':
        delete close(token).children;
        break;
      case 'label':
        inLabel--;
        break;
      case 'table':
        inTable = false;
        close(token);
        break;
      case 'listOrdered':
      case 'listUnordered':
        closeItem();
        close(token);
        break;
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        atHardBreak = true;
        break;
      case 'codeFencedFence':
        if (++fences === 1) {
          // The opening fence is done: what follows is the value.
          sinks[sinks.length - 1] = Sink.Capture;
          capture = '';
        }
        break;
      case 'codeFencedFenceInfo': {
        const info = endCapture();
        top().lang = info;
        break;
      }
      case 'codeFenced': {
        const node = close(token);
        const value = endCapture();
        node.value = fences > 0 ? value.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '') : '';
        delete node.children;
        if (fences < 2) unclosed = true;
        break;
      }
      case 'codeIndented': {
        const node = close(token);
        node.value = endCapture().replace(/(\r?\n|\r)$/g, '');
        delete node.children;
        break;
      }
      case 'htmlFlow':
      case 'htmlText':
      case 'yaml':
      case 'codeText': {
        const parent = top();
        const node = parent.children![parent.children!.length - 1];
        let value = endCapture();
        if (type === 'yaml') value = value.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '');
        else if (type === 'codeText' && inTable) value = value.replace(/\\([\\|])/g, (all: string, c: string) => (c === '|' ? c : all));
        node.value = value;
        node.position.end = point(token.end);
        if (type === 'htmlFlow' && !(value.startsWith('<!--') && value.slice(value.lastIndexOf('\n') + 1).includes('-->'))) unclosed = true;
        break;
      }
      case 'resourceDestinationString':
        top().url = endCapture();
        break;
      case 'resource':
        resources.add(top());
        break;
      case 'definitionDestinationString':
        top().url = endCapture();
        break;
      case 'definitionLabelString':
        top().label = endCapture();
        break;
      case 'link':
      case 'autolink': {
        const node = close(token);
        if (type === 'link' && !resources.has(node)) {
          node.type = 'linkReference';
          delete node.url;
        }
        break;
      }
      case 'image': {
        inImage--;
        const node = close(token);
        delete node.children;
        if (!resources.has(node)) {
          node.type = 'imageReference';
          delete node.url;
        }
        break;
      }
      default:
        if (SINKS[type] !== undefined) endCapture();
    }
  }

  if (events.length) {
    root.position = { start: point(events[0][1].start), end: point(events[events.length - 2]?.[1].end ?? events[0][1].end) };
  }
  return { root, definitions, unclosed };
}

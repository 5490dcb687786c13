/**
 * Markdown → SpecDoc: the mdast tree (micromark + GFM tables + front matter, see tree.ts) plus the views every check
 * needs, computed once: sections by heading, code blocks, links, metadata fields. Pure and linear.
 */
import type { Code, Heading, Nodes, Root, RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { headingKey } from './headings.js';
import { parseTree } from './tree.js';

export interface Section {
  heading: Heading;
  level: number;
  /** Heading text as written (plain text). */
  title: string;
  /** Order-free key of the title used for matching (`3. Error Handling & Recovery` → `error handl recoveri`), see headings.ts. */
  key: string;
  line: number;
  /** Last line of the section (before the next heading of the same or a higher level). */
  endLine: number;
  /** Top-level nodes of the section, subsections included. */
  nodes: RootContent[];
  /** Direct and nested subsections. */
  subsections: Section[];
}

export interface CodeBlock {
  lang: string | null;
  value: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the first content line. */
  contentLine: number;
  endLine: number;
  fenced: boolean;
  /** Set by the engine when an error-level finding sits inside the block: broken code earns no credit. */
  invalid?: boolean;
}

export interface LinkRef {
  url: string;
  line: number;
  column: number;
}

export interface MetadataEntry {
  label: string;
  value: string;
  line: number;
  column: number;
}

export interface SpecDoc {
  text: string;
  lines: string[];
  tree: Root;
  frontMatter: Record<string, unknown> | null;
  frontMatterError?: { message: string; line: number };
  h1?: { text: string; line: number };
  sections: Section[];
  /**
   * Paragraphs that are only bold text (`**Key steps overview**`), used by some authors as headings:
   * each as a section one level below the heading it sits under, up to the next heading or bold line.
   */
  boldHeadings: Section[];
  codeBlocks: CodeBlock[];
  links: LinkRef[];
  /** Metadata fields keyed by normalised label; first occurrence wins. */
  metadata: Map<string, MetadataEntry>;
  /** Lines inside fenced code blocks or HTML comments (1-based line numbers). */
  literalLines: Set<number>;
  commentLines: Set<number>;
}

/** A metadata label or table column as compared: `**Last_Updated:**` → `last updated`. */
export function normalizeLabel(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s/&.-]+/gu, ' ')
    .replace(/[_-]+/g, ' ')
    .replace(/[.:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A place inside a code block (1-based line and column of its value) → the place in the file. A block
 * in a quote or list item has its container's prefix (`> `, `  `) on every line, outside its value.
 */
export function placeInBlock(doc: Pick<SpecDoc, 'lines'>, block: CodeBlock, line: number, column?: number): { line: number; column?: number } {
  const fileLine = block.contentLine + line - 1;
  if (column === undefined) return { line: fileLine };
  const text = doc.lines[fileLine - 1] ?? '';
  const inValue = block.value.split('\n')[line - 1] ?? '';
  const prefix = inValue && text.endsWith(inValue) ? text.length - inValue.length : 0;
  return { line: fileLine, column: column + prefix };
}

/** Plain text of a node (text, inline code and their descendants), iteratively. */
export function plainText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

/** Visit every descendant of the given nodes (depth-first, document order), without recursion. */
export function walk(nodes: readonly Nodes[], visit: (n: Nodes) => void): void {
  const stack: Nodes[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]);
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
}

// `**Key**: value`, `**Key:** value`, `- **Key**: value`.
const BOLD_FIELD = /^\s{0,3}(?:[-*+]\s+)?(?:\*\*|__)([^*_\n]{1,60}?)(:?)(?:\*\*|__)(:?)[ \t]*(.*)$/;
// `Key: value`, `- Key: value` (plain, in the header block, a metadata section or the footer only).
const PLAIN_FIELD = /^\s{0,3}(?:[-*+]\s+)?([A-Za-z][\w/&.-]*(?: [\w/&.-]+){0,3}):[ \t]+(\S.*)$/;
/** Headings of a section that holds the document's metadata. */
const METADATA_SECTION = /^(?:(?:document|doc|spec|specification)\s+)?(?:metadata|meta|info|information|control|details|properties|attributes)$|^about this (?:document|spec)$/;
/** Header cells of a two-column key/value table (not a pair themselves). */
const KEY_HEADER = /^(?:field|key|property|attribute|item|name|metadata|meta|info|)$/;

function addEntry(into: Map<string, MetadataEntry>, label: string, value: string, line: number, column: number): void {
  const key = normalizeLabel(label);
  if (!key || into.has(key)) return;
  into.set(key, { label: label.trim(), value: value.trim(), line, column });
}

function collectMetadata(lines: string[], from: number, to: number, skip: Set<number>, into: Map<string, MetadataEntry>, plain: boolean): void {
  for (let ln = from; ln <= to; ln++) {
    if (skip.has(ln)) continue;
    const text = lines[ln - 1] ?? '';
    const m = BOLD_FIELD.exec(text);
    if (m && (m[2] || m[3] || /^\s*[:：]/.test(m[4]))) {
      const value = m[4].replace(/^\s*[:：]\s*/, '');
      addEntry(into, m[1], value, ln, (text.lastIndexOf(value) + 1) || 1);
      continue;
    }
    if (!plain || text.includes('|')) continue;
    const p = PLAIN_FIELD.exec(text);
    if (p && !/^https?$/i.test(p[1])) addEntry(into, p[1], p[2], ln, (text.indexOf(p[2], text.indexOf(':')) + 1) || 1);
  }
}

/** Two-column key/value tables (`| **Actor** | Customer |`) among the given top-level nodes. */
function collectTableMetadata(nodes: readonly RootContent[], into: Map<string, MetadataEntry>): void {
  for (const n of nodes) {
    if (n.type !== 'table') continue;
    const rows = n.children;
    if (!rows.length || rows[0].children.length < 2) continue;
    rows.forEach((row, i) => {
      const [k, v] = row.children;
      if (!k || !v) return;
      const label = plainText(k).trim();
      const value = plainText(v).trim();
      if (i === 0 && KEY_HEADER.test(normalizeLabel(label))) return;
      const at = v.children[0]?.position?.start ?? v.position?.start;
      addEntry(into, label, value, at?.line ?? row.position?.start.line ?? 1, at?.column ?? 1);
    });
  }
}

/** Line of `key:` inside the front matter (2 = first line after `---`), else the first line after it. */
function frontMatterLine(lines: string[], start: number, end: number, key: string): number {
  const re = new RegExp('^' + key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*:');
  for (let ln = start + 1; ln < end; ln++) if (re.test(lines[ln - 1] ?? '')) return ln;
  return start + 1;
}

export function parseSpec(text: string): SpecDoc {
  const tree = parseTree(text);
  const lines = text.split('\n');
  const literalLines = new Set<number>();
  const commentLines = new Set<number>();
  const codeBlocks: CodeBlock[] = [];
  const links: LinkRef[] = [];
  let frontMatter: SpecDoc['frontMatter'] = null;
  let frontMatterError: SpecDoc['frontMatterError'];

  walk(tree.children, (n) => {
    const pos = n.position;
    if (!pos) return;
    if (n.type === 'code') {
      const c = n as Code & { fenced?: boolean };
      const fenced = c.fenced === true;
      for (let l = pos.start.line; l <= pos.end.line; l++) literalLines.add(l);
      codeBlocks.push({
        lang: c.lang ? c.lang.toLowerCase() : null,
        value: c.value,
        line: pos.start.line,
        contentLine: fenced ? pos.start.line + 1 : pos.start.line,
        endLine: pos.end.line,
        fenced,
      });
    } else if (n.type === 'html') {
      if (/^\s*<!--/.test(n.value)) for (let l = pos.start.line; l <= pos.end.line; l++) commentLines.add(l);
    } else if (n.type === 'yaml') {
      for (let l = pos.start.line; l <= pos.end.line; l++) literalLines.add(l);
      try {
        const data = parseYaml(n.value) as unknown;
        if (data && typeof data === 'object' && !Array.isArray(data)) frontMatter = data as Record<string, unknown>;
      } catch (e) {
        const m = /line (\d+)/.exec(String((e as Error).message));
        frontMatterError = { message: String((e as Error).message).split('\n')[0], line: pos.start.line + (m ? Number(m[1]) : 1) };
      }
    } else if (n.type === 'link' || n.type === 'image' || (n.type === 'definition' && !n.label?.startsWith('^'))) {
      // (`[^1]: note` is a footnote, not a link definition.)
      links.push({ url: n.url, line: pos.start.line, column: pos.start.column });
    }
  });

  // Sections: top-level headings only (headings inside lists or quotes are content).
  const sections: Section[] = [];
  const open: Section[] = [];
  let h1: SpecDoc['h1'];
  const children = tree.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i];
    if (node.type !== 'heading') {
      for (const s of open) s.nodes.push(node);
      continue;
    }
    const title = plainText(node).trim();
    const line = node.position?.start.line ?? 1;
    if (node.depth === 1 && !h1) h1 = { text: title, line };
    while (open.length && open[open.length - 1].level >= node.depth) {
      const closed = open.pop()!;
      closed.endLine = line - 1;
    }
    const section: Section = { heading: node, level: node.depth, title, key: headingKey(title), line, endLine: lines.length, nodes: [], subsections: [] };
    for (const s of open) {
      s.nodes.push(node);
      s.subsections.push(section);
    }
    open.push(section);
    sections.push(section);
  }

  // Bold lines used as headings.
  const boldHeadings: Section[] = [];
  let under: Section | undefined;
  let bold: Section | undefined;
  const closeBold = (line: number) => {
    if (bold) bold.endLine = line - 1;
    bold = undefined;
  };
  for (const node of children) {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'heading') {
      closeBold(line);
      under = sections.find((s) => s.line === line);
      continue;
    }
    const kids = node.type === 'paragraph' ? node.children : [];
    const only = kids.length <= 2 ? kids[0] : undefined;
    const tail = kids[1];
    if (only && only.type === 'strong' && (!tail || (tail.type === 'text' && /^\s*:?\s*$/.test(tail.value)))) {
      closeBold(line);
      const title = plainText(only).trim().replace(/:$/, '');
      if (title.length > 0 && title.length <= 80) {
        bold = { heading: node as unknown as Heading, level: (under?.level ?? 1) + 1, title, key: headingKey(title), line, endLine: under?.endLine ?? lines.length, nodes: [], subsections: [] };
        boldHeadings.push(bold);
      }
      continue;
    }
    if (bold) bold.nodes.push(node);
  }
  if (bold) bold.endLine = Math.min(bold.endLine, lines.length);

  // Metadata: front matter; key/value lines and two-column tables in the header block (before the
  // first section below the title), in a metadata section (`## Metadata`, `## Document Info`) and in
  // the footer (after the last top-level thematic break when no heading follows it). First one wins.
  const metadata = new Map<string, MetadataEntry>();
  const skip = new Set<number>([...literalLines, ...commentLines]);
  if (frontMatter) {
    const fm = children.find((c) => c.type === 'yaml');
    const start = fm?.position?.start.line ?? 1;
    const end = fm?.position?.end.line ?? start;
    for (const [k, v] of Object.entries(frontMatter as Record<string, unknown>)) {
      if (v === null || typeof v === 'object') continue;
      const value = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      addEntry(metadata, k, value, frontMatterLine(lines, start, end, k), 1);
    }
  }
  const firstSection = sections.find((s) => s.level > 1 || (h1 && s.line !== h1.line));
  const headerEnd = firstSection ? firstSection.line - 1 : lines.length;
  collectMetadata(lines, 1, headerEnd, skip, metadata, true);
  collectTableMetadata(
    children.filter((c) => (c.position?.start.line ?? 0) <= headerEnd),
    metadata,
  );
  for (const s of sections) {
    if (!METADATA_SECTION.test(normalizeLabel(s.title))) continue;
    collectMetadata(lines, s.line + 1, s.endLine, skip, metadata, true);
    collectTableMetadata(s.nodes, metadata);
  }
  let lastBreak = -1;
  for (let i = children.length - 1; i >= 0; i--) {
    if (children[i].type === 'heading') break;
    if (children[i].type === 'thematicBreak') {
      lastBreak = children[i].position?.end.line ?? -1;
      break;
    }
  }
  if (lastBreak > 0) {
    collectMetadata(lines, lastBreak + 1, lines.length, skip, metadata, true);
    collectTableMetadata(children.filter((c) => (c.position?.start.line ?? 0) > lastBreak), metadata);
  }

  return { text, lines, tree, frontMatter, frontMatterError, h1, sections, boldHeadings, codeBlocks, links, metadata, literalLines, commentLines };
}

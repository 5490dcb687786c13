/**
 * Markdown → SpecDoc: the mdast tree (micromark + GFM tables + front matter, see tree.ts) plus the views every check
 * needs, computed once: sections by heading, code blocks, links, metadata fields. Pure and linear.
 */
import type { Code, Heading, Nodes, Root, RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { parseTree } from './tree.js';

export interface Section {
  heading: Heading;
  level: number;
  /** Heading text as written (plain text). */
  title: string;
  /** Normalised title used for matching (`1. Overview:` → `overview`). */
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
  codeBlocks: CodeBlock[];
  links: LinkRef[];
  /** Metadata fields keyed by normalised label; first occurrence wins. */
  metadata: Map<string, MetadataEntry>;
  /** Lines inside fenced code blocks or HTML comments (1-based line numbers). */
  literalLines: Set<number>;
  commentLines: Set<number>;
}

/** `1. Overview:` / `Error Handling & Recovery` → `overview` / `error handling and recovery`. */
export function normalizeTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+/, '')
    .replace(/&/g, ' and ')
    .replace(/[*_`:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normalizeLabel(s: string): string {
  return s.toLowerCase().replace(/[:*_]/g, '').replace(/\s+/g, ' ').trim();
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

const METADATA_LINE = /^\s{0,3}(?:[-*+]\s+)?\*\*([^*\n]{1,60}?)(:?)\*\*(:?)[ \t]*(.*)$/;

function collectMetadata(lines: string[], from: number, to: number, skip: Set<number>, into: Map<string, MetadataEntry>): void {
  for (let ln = from; ln <= to; ln++) {
    if (skip.has(ln)) continue;
    const m = METADATA_LINE.exec(lines[ln - 1] ?? '');
    if (!m || (!m[2] && !m[3])) continue;
    const key = normalizeLabel(m[1]);
    if (!key || into.has(key)) continue;
    const value = m[4].trim();
    into.set(key, { label: m[1].trim(), value, line: ln, column: (lines[ln - 1].indexOf(m[4]) + 1) || 1 });
  }
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
      const c = n as Code;
      const fenced = /^\s{0,3}(`{3,}|~{3,})/.test(lines[pos.start.line - 1] ?? '');
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
    const section: Section = { heading: node, level: node.depth, title, key: normalizeTitle(title), line, endLine: lines.length, nodes: [], subsections: [] };
    for (const s of open) {
      s.nodes.push(node);
      s.subsections.push(section);
    }
    open.push(section);
    sections.push(section);
  }

  // Metadata: front matter, the preamble (before the first section below the title) and the footer
  // (after the last top-level thematic break when no heading follows it).
  const metadata = new Map<string, MetadataEntry>();
  const skip = new Set<number>([...literalLines, ...commentLines]);
  if (frontMatter) {
    const fmLine = 2;
    for (const [k, v] of Object.entries(frontMatter)) {
      if (v === null || typeof v === 'object') continue;
      const key = normalizeLabel(k);
      if (!metadata.has(key)) metadata.set(key, { label: k, value: String(v), line: fmLine, column: 1 });
    }
  }
  const firstSection = sections.find((s) => s.level > 1 || (h1 && s.line !== h1.line));
  collectMetadata(lines, 1, firstSection ? firstSection.line - 1 : lines.length, skip, metadata);
  let lastBreak = -1;
  for (let i = children.length - 1; i >= 0; i--) {
    if (children[i].type === 'heading') break;
    if (children[i].type === 'thematicBreak') {
      lastBreak = children[i].position?.end.line ?? -1;
      break;
    }
  }
  if (lastBreak > 0) collectMetadata(lines, lastBreak + 1, lines.length, skip, metadata);

  return { text, lines, tree, frontMatter, frontMatterError, h1, sections, codeBlocks, links, metadata, literalLines, commentLines };
}

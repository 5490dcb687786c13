/**
 * The spec graph from the reviewed files' facts and the repository index: one node per reviewed spec
 * and per spec they point at, one edge per pair of specs (with every way the first points at the
 * second), and the references and links that point at no spec. Pure, deterministic (sorted output),
 * linear in the facts plus the index.
 *
 * - `[CMP-001]` resolves as the `reference` check resolves it: to the specs whose file name carries
 *   the id, else to a reviewed spec whose ID field declares it.
 * - A relative link counts when it lands on a spec; a link to a missing file that would be a spec
 *   (its folder or file-name prefix says so) is dangling — a removed or renamed spec.
 * - A component is mentioned when a flow names it by its file-name slug (facts.ts), or writes a
 *   name (bold, link text, code, a table's first column) equal to its title.
 */
import type { FileResult, RepoIndex } from '../types.js';
import { idKey, lookups } from '../repo-index.js';
import { COMPONENT_TYPE, normalizeName } from './facts.js';
import { GRAPH_VERSION, type DanglingEdge, type EdgeKind, type GraphEdge, type GraphNode, type SpecGraph } from './types.js';

export interface GraphInput {
  /** Reviewed files (repository paths); those with a type and facts become nodes with edges. */
  results: readonly FileResult[];
  index: RepoIndex;
  /** The type and file-name id of a repository path that is (or would be) a spec; undefined for any other file. */
  identify(path: string): { type: string; id?: string } | undefined;
}

const ID = /^([A-Z][A-Z0-9]*)-(\d+)$/;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildSpecGraph(input: GraphInput): SpecGraph {
  const { results, index, identify } = input;
  const nodes = new Map<string, GraphNode>();
  for (const r of results) {
    if (r.type === null) continue;
    const node: GraphNode = { path: r.path, type: r.type, score: r.score, reviewed: true };
    const id = r.id ?? identify(r.path)?.id;
    if (id) node.id = id;
    if (r.title) node.title = r.title;
    if (r.facts?.status) node.status = r.facts.status;
    if (r.facts?.updated) node.updated = r.facts.updated;
    nodes.set(r.path, node);
  }
  const isSpec = (p: string) => nodes.has(p) || (index.paths.has(p) && identify(p) !== undefined);
  const touch = (p: string) => {
    if (nodes.has(p)) return;
    const known = identify(p)!;
    nodes.set(p, { path: p, ...(known.id ? { id: known.id } : {}), type: known.type, score: null, reviewed: false });
  };

  // Ids declared in an ID field by reviewed specs whose file name gives none.
  const declared = new Map<string, string[]>();
  for (const r of results) {
    if (r.type === null || !r.id || identify(r.path)?.id) continue;
    const m = ID.exec(r.id);
    if (!m) continue;
    const key = idKey(m[1], m[2]);
    declared.set(key, [...(declared.get(key) ?? []), r.path]);
  }
  const ids = lookups(index).ids;
  const resolveId = (id: string): string[] => {
    const m = ID.exec(id)!;
    const key = idKey(m[1], m[2]);
    const byName = (ids.get(key) ?? []).filter(isSpec);
    return byName.length ? byName : (declared.get(key) ?? []);
  };

  // Component titles, for names written in flows.
  const titles = new Map<string, string[]>();
  for (const n of nodes.values()) {
    if (n.type !== COMPONENT_TYPE || !n.title || /[[\]{}]/.test(n.title)) continue;
    const key = normalizeName(n.title);
    if (key.length >= 3) titles.set(key, [...(titles.get(key) ?? []), n.path]);
  }

  const edges = new Map<string, { from: string; to: string; via: Set<EdgeKind>; line: number }>();
  const dangling: DanglingEdge[] = [];
  const edge = (from: string, to: string, via: EdgeKind, line: number) => {
    if (from === to) return;
    touch(to);
    const key = `${from}\0${to}`;
    const e = edges.get(key);
    if (!e) edges.set(key, { from, to, via: new Set([via]), line });
    else {
      e.via.add(via);
      e.line = Math.min(e.line, line);
    }
  };
  for (const r of results) {
    if (r.type === null || !r.facts) continue;
    const from = r.path;
    for (const ref of r.facts.refs) {
      const to = resolveId(ref.id);
      if (!to.length) dangling.push({ from, target: ref.id, via: 'reference', line: ref.line });
      for (const t of to) edge(from, t, 'reference', ref.line);
    }
    for (const link of r.facts.links) {
      if (isSpec(link.path)) edge(from, link.path, 'link', link.line);
      else if (!index.paths.has(link.path) && identify(link.path)) dangling.push({ from, target: link.path, via: 'link', line: link.line });
    }
    for (const m of r.facts.mentions) if (isSpec(m.path)) edge(from, m.path, 'mention', m.line);
    for (const n of r.facts.names) for (const t of titles.get(n.name) ?? []) edge(from, t, 'mention', n.line);
  }

  return {
    version: GRAPH_VERSION,
    nodes: [...nodes.values()].sort((a, b) => compare(a.path, b.path)),
    edges: [...edges.values()]
      .map((e): GraphEdge => ({ from: e.from, to: e.to, via: [...e.via].sort(), line: e.line }))
      .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to)),
    dangling: dangling.sort((a, b) => compare(a.from, b.from) || a.line - b.line || compare(a.target, b.target)),
  };
}

/** The same graph with every path passed through `map` (e.g. repository paths → paths relative to the current directory), re-sorted. */
export function relocateGraph(graph: SpecGraph, map: (path: string) => string): SpecGraph {
  return {
    version: graph.version,
    nodes: graph.nodes.map((n) => ({ ...n, path: map(n.path) })).sort((a, b) => compare(a.path, b.path)),
    edges: graph.edges.map((e) => ({ ...e, from: map(e.from), to: map(e.to) })).sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to)),
    dangling: graph.dangling
      .map((d) => ({ ...d, from: map(d.from), target: d.via === 'link' ? map(d.target) : d.target }))
      .sort((a, b) => compare(a.from, b.from) || a.line - b.line || compare(a.target, b.target)),
  };
}

/**
 * What a change to some specs does to the rest of the spec set, from the graph alone (pure, no clock,
 * no I/O): which specs outside the change point at the changed ones ("Affected specs"), a bounded
 * neighbourhood to draw, and the problems the graph proves — a Deprecated spec still referenced by
 * specs in force, a removed or renamed spec still referenced.
 *
 * Costs: linear in the graph's edges plus a sort of what is returned.
 */
import type { Finding, SeveritySetting } from '../types.js';
import type { GraphEdge, GraphNode, SpecGraph } from './types.js';

/** The specs a change touches, as repository paths (the graph's paths). */
export interface ChangeSet {
  /** Specs added or modified, at their new paths (a renamed spec's new path included). */
  changed: readonly string[];
  /** Specs the change adds (a subset of `changed`): they have no score on the base branch. */
  added?: readonly string[];
  /** Specs the change deletes. */
  removed?: readonly string[];
  /** Specs the change renames or moves. */
  renamed?: readonly { from: string; to: string }[];
}

/** Statuses that say "this is how things are now" (compared in lower case). */
export const IN_FORCE_STATUSES = ['current', 'stable', 'approved', 'active', 'accepted', 'released', 'production', 'live'];
/** Statuses that say "do not build on this any more". */
export const DEPRECATED_STATUSES = ['deprecated', 'retired', 'obsolete', 'superseded', 'withdrawn'];

export const isInForce = (n: Pick<GraphNode, 'status'>): boolean => n.status !== undefined && IN_FORCE_STATUSES.includes(n.status.toLowerCase());
export const isDeprecated = (n: Pick<GraphNode, 'status'>): boolean => n.status !== undefined && DEPRECATED_STATUSES.includes(n.status.toLowerCase());

/** A spec as the renderers name it. */
export type SpecRef = Pick<GraphNode, 'path' | 'id' | 'title' | 'type' | 'status' | 'updated' | 'score'>;

function ref(n: GraphNode): SpecRef {
  const out: SpecRef = { path: n.path, type: n.type, score: n.score };
  if (n.id !== undefined) out.id = n.id;
  if (n.title !== undefined) out.title = n.title;
  if (n.status !== undefined) out.status = n.status;
  if (n.updated !== undefined) out.updated = n.updated;
  return out;
}

export interface Referrer extends SpecRef {
  /** How it points at the changed spec, and where (line in the referrer). */
  via: GraphEdge['via'];
  line: number;
  /** How many specs point at the referrer itself: the order of the list (most referenced first). */
  referencedBy: number;
}

export interface AffectedSpec {
  spec: SpecRef;
  /** Specs outside the change that point at `spec`, most referenced first, at most `limit`. */
  referrers: Referrer[];
  /** All of them (referrers.length plus those left out). */
  total: number;
}

export interface AffectedOptions {
  /** Referrers listed per changed spec (default 10). */
  limit?: number;
  /** Changed specs listed (default 20), those with the most referrers first. */
  maxSpecs?: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per node path: the edges that point at it. */
function incoming(graph: SpecGraph): Map<string, GraphEdge[]> {
  const into = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = into.get(e.to);
    if (list) list.push(e);
    else into.set(e.to, [e]);
  }
  return into;
}

/**
 * "Affected specs": for each changed spec in the graph, the specs outside the change that point at
 * it. Changed specs with no such referrer are left out; the result is empty when nothing outside the
 * change points at it.
 */
export function affectedSpecs(graph: SpecGraph, change: ChangeSet, opts: AffectedOptions = {}): { specs: AffectedSpec[]; omitted: number } {
  const limit = opts.limit ?? 10;
  const maxSpecs = opts.maxSpecs ?? 20;
  const inChange = new Set(change.changed);
  const nodes = new Map(graph.nodes.map((n) => [n.path, n]));
  const into = incoming(graph);
  const fanIn = (p: string) => into.get(p)?.length ?? 0;
  const out: AffectedSpec[] = [];
  for (const path of new Set(change.changed)) {
    const node = nodes.get(path);
    if (!node) continue;
    const referrers = (into.get(path) ?? [])
      .filter((e) => !inChange.has(e.from))
      .map((e): Referrer => ({ ...ref(nodes.get(e.from)!), via: e.via, line: e.line, referencedBy: fanIn(e.from) }))
      .sort((a, b) => b.referencedBy - a.referencedBy || compare(a.path, b.path));
    if (referrers.length) out.push({ spec: ref(node), referrers: referrers.slice(0, limit), total: referrers.length });
  }
  out.sort((a, b) => b.total - a.total || compare(a.spec.path, b.spec.path));
  return { specs: out.slice(0, maxSpecs), omitted: Math.max(0, out.length - maxSpecs) };
}

export interface Neighbourhood {
  /** The changed specs first, then their neighbours; `changed` marks the first. */
  nodes: (SpecRef & { changed: boolean })[];
  /** Edges between the nodes kept that touch a changed spec. */
  edges: GraphEdge[];
  /** Specs left out to stay within `maxNodes`, and edges left out to stay within `maxEdges`. */
  omittedNodes: number;
  omittedEdges: number;
}

/**
 * The changed specs and the specs they point at or are pointed at by, bounded: at most `maxNodes`
 * (default 25) nodes — changed specs first, then neighbours with the most edges to them — and at
 * most `maxEdges` (default 60) of the edges between them that touch a changed spec.
 */
export function neighbourhood(graph: SpecGraph, changed: readonly string[], opts: { maxNodes?: number; maxEdges?: number } = {}): Neighbourhood {
  const maxNodes = opts.maxNodes ?? 25;
  const maxEdges = opts.maxEdges ?? 60;
  const nodes = new Map(graph.nodes.map((n) => [n.path, n]));
  const focus = [...new Set(changed)].filter((p) => nodes.has(p)).sort(compare);
  const focusSet = new Set(focus);
  const weight = new Map<string, number>();
  for (const e of graph.edges) {
    if (focusSet.has(e.from) && !focusSet.has(e.to)) weight.set(e.to, (weight.get(e.to) ?? 0) + 1);
    if (focusSet.has(e.to) && !focusSet.has(e.from)) weight.set(e.from, (weight.get(e.from) ?? 0) + 1);
  }
  const neighbours = [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || compare(a, b));
  const keptFocus = focus.slice(0, maxNodes);
  const keptNeighbours = neighbours.slice(0, Math.max(0, maxNodes - keptFocus.length));
  const kept = new Set([...keptFocus, ...keptNeighbours]);
  // Only the edges that touch a changed spec: the neighbours' own references would bury them.
  const between = graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to) && (focusSet.has(e.from) || focusSet.has(e.to)));
  const edges = between.slice(0, maxEdges);
  return {
    nodes: [...keptFocus.map((p) => ({ ...ref(nodes.get(p)!), changed: true })), ...keptNeighbours.map((p) => ({ ...ref(nodes.get(p)!), changed: false }))],
    edges: edges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to)),
    omittedNodes: focus.length + neighbours.length - kept.size,
    omittedEdges: between.length - edges.length,
  };
}

/** A finding the graph proves, and the spec it sits on. */
export interface GraphFinding {
  path: string;
  finding: Finding;
}

export const DEPRECATED_REFERENCE = 'deprecated-reference';
export const REMOVED_REFERENCE = 'removed-reference';

/** Severity overrides by rule id (the config's `rules:`); `off` drops the finding. */
export type RuleSeverities = Readonly<Record<string, SeveritySetting>>;

/** How a node is named in a message: `CMP-002 (Payment Service)`, else its path. */
export function specName(n: Pick<GraphNode, 'path' | 'id' | 'title'>): string {
  if (n.id) return n.title ? `${n.id} (${n.title})` : n.id;
  return n.title ? `"${n.title}" (${n.path})` : n.path;
}

/**
 * Problems the graph proves:
 * - `deprecated-reference` (warning): a spec in force (Current, Stable, Approved…) points at a
 *   Deprecated one — sits on the referring spec, at the reference;
 * - `removed-reference` (error): a spec points at one the change removes or renames away from the path
 *   or id it uses — sits on the referring spec, at the reference. (A rename that keeps the id leaves
 *   `[CMP-003]` resolving; only links by the old path break.)
 *
 * With a change, only problems it is part of are reported: an edge with a changed end, or a reference
 * to what it removed. Without one, every deprecated reference of the graph (the report of every spec).
 */
export function graphFindings(graph: SpecGraph, change?: ChangeSet, rules: RuleSeverities = {}): GraphFinding[] {
  const out: GraphFinding[] = [];
  const nodes = new Map(graph.nodes.map((n) => [n.path, n]));
  const inChange = new Set(change?.changed ?? []);
  const severity = (rule: string, fallback: Finding['severity']) => rules[rule] ?? fallback;
  const deprecated = severity(DEPRECATED_REFERENCE, 'warning');
  if (deprecated !== 'off') {
    for (const e of graph.edges) {
      const from = nodes.get(e.from)!;
      const to = nodes.get(e.to)!;
      if (!isDeprecated(to) || !isInForce(from) || !e.via.some((v) => v !== 'mention')) continue;
      if (change && !inChange.has(e.from) && !inChange.has(e.to)) continue;
      out.push({
        path: e.from,
        finding: { rule: DEPRECATED_REFERENCE, severity: deprecated, message: `This ${from.status} spec references ${specName(to)}, which is ${to.status}: point at its replacement, or mark this spec ${to.status} too.`, line: e.line },
      });
    }
  }
  const removedSeverity = severity(REMOVED_REFERENCE, 'error');
  if (change && removedSeverity !== 'off') {
    const gone = new Map<string, { path: string; id?: string; to?: string }>();
    const idOf = (p: string) => /^([a-z][a-z0-9]*)-(\d+)(?:-|\.md$)/i.exec(p.slice(p.lastIndexOf('/') + 1));
    for (const p of change.removed ?? []) gone.set(p, { path: p });
    for (const r of change.renamed ?? []) gone.set(r.from, { path: r.from, to: r.to });
    // Ids the removed files carried, unless a spec of the graph still carries them.
    const carried = new Set(graph.nodes.map((n) => n.id?.toUpperCase()).filter(Boolean));
    const byId = new Map<string, { path: string; to?: string }>();
    for (const g of gone.values()) {
      const m = idOf(g.path);
      if (!m) continue;
      const key = `${m[1].toUpperCase()}-${Number(m[2])}`;
      byId.set(key, g);
    }
    for (const d of graph.dangling) {
      if (gone.has(d.from)) continue;
      let hit: { path: string; to?: string } | undefined;
      if (d.via === 'link') hit = gone.get(d.target);
      else {
        const m = /^([A-Z][A-Z0-9]*)-(\d+)$/.exec(d.target);
        if (m && !carried.has(d.target.toUpperCase())) hit = byId.get(`${m[1]}-${Number(m[2])}`);
      }
      if (!hit) continue;
      const what = d.via === 'link' ? `a link to ${hit.path}` : `[${d.target}] (${hit.path})`;
      const message = hit.to ? `This spec has ${what}, which this change renames to ${hit.to}: update the ${d.via}.` : `This spec has ${what}, which this change removes: remove or replace the ${d.via}.`;
      out.push({ path: d.from, finding: { rule: REMOVED_REFERENCE, severity: removedSeverity, message, line: d.line } });
    }
  }
  return out.sort((a, b) => compare(a.path, b.path) || a.finding.line - b.finding.line || compare(a.finding.rule, b.finding.rule));
}

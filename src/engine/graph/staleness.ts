/**
 * Staleness: a spec whose Last Updated is older than `stale_after_days` (default 180) and that points
 * at a spec the change touches may need review. The clock is the caller's (`today`); nothing here
 * reads the time.
 */
import type { ChangeSet, SpecRef } from './impact.js';
import type { GraphNode, SpecGraph } from './types.js';

export const DEFAULT_STALE_AFTER_DAYS = 180;
const DAY_MS = 86_400_000;

/** Whole days from `updated` (YYYY-MM-DD) to `today` (a Date, taken as its UTC calendar day); undefined without a date. */
export function ageInDays(updated: string | undefined, today: Date): number | undefined {
  if (!updated) return undefined;
  const then = Date.parse(`${updated}T00:00:00Z`);
  if (Number.isNaN(then)) return undefined;
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.floor((day - then) / DAY_MS);
}

/** Whether a spec's Last Updated is older than `afterDays` days (0 = never stale). */
export function isStale(node: Pick<GraphNode, 'updated'>, today: Date, afterDays: number): boolean {
  const age = ageInDays(node.updated, today);
  return afterDays > 0 && age !== undefined && age > afterDays;
}

export interface StaleSpec extends SpecRef {
  updated: string;
  ageDays: number;
  /** The changed (or removed) specs it points at. */
  references: string[];
}

/**
 * Specs outside the change, older than `afterDays`, that point at a changed or removed spec: oldest
 * first, at most `limit` (default 20); `omitted` counts the rest.
 */
export function staleSpecs(graph: SpecGraph, change: ChangeSet, opts: { today: Date; afterDays?: number; limit?: number }): { specs: StaleSpec[]; omitted: number } {
  const afterDays = opts.afterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const limit = opts.limit ?? 20;
  if (afterDays <= 0) return { specs: [], omitted: 0 };
  const inChange = new Set(change.changed);
  const removed = new Set([...(change.removed ?? []), ...(change.renamed ?? []).map((r) => r.from)]);
  const pointsAt = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (inChange.has(from) || removed.has(from)) return;
    const set = pointsAt.get(from);
    if (set) set.add(to);
    else pointsAt.set(from, new Set([to]));
  };
  for (const e of graph.edges) if (inChange.has(e.to)) add(e.from, e.to);
  for (const d of graph.dangling) if (d.via === 'link' && removed.has(d.target)) add(d.from, d.target);
  const nodes = new Map(graph.nodes.map((n) => [n.path, n]));
  const out: StaleSpec[] = [];
  for (const [path, targets] of pointsAt) {
    const n = nodes.get(path);
    if (!n || !n.updated || !isStale(n, opts.today, afterDays)) continue;
    const spec: StaleSpec = { path: n.path, type: n.type, score: n.score, updated: n.updated, ageDays: ageInDays(n.updated, opts.today)!, references: [...targets].sort() };
    if (n.id) spec.id = n.id;
    if (n.title) spec.title = n.title;
    if (n.status) spec.status = n.status;
    out.push(spec);
  }
  out.sort((a, b) => b.ageDays - a.ageDays || (a.path < b.path ? -1 : 1));
  return { specs: out.slice(0, limit), omitted: Math.max(0, out.length - limit) };
}

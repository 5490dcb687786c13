/**
 * Score movement: for each spec a change touches, its completeness on the base branch and now
 * (`62 → 85`, +23), new specs marked new, removed ones marked removed. Pure; the caller reviews the
 * base versions (the same engine, the base branch's config) and hands both sides in.
 */
import type { FileResult } from '../types.js';
import type { ChangeSet } from './impact.js';

/** What the movement needs of a review result. */
export type ScoredSpec = Pick<FileResult, 'path' | 'score'> & Partial<Pick<FileResult, 'id' | 'title' | 'type'>>;

export type MoveState = 'new' | 'changed' | 'removed';

export interface ScoreMove {
  /** The spec's path now (its base path for a removed spec). */
  path: string;
  /** Its base path when the change renamed it. */
  renamedFrom?: string;
  id?: string;
  title?: string;
  state: MoveState;
  /** Score on the base branch (null: not a spec with a score there, or new). */
  before: number | null;
  /** Score now (null: removed, or no score — unreadable or without a type). */
  after: number | null;
  /** after − before when both are known. */
  delta: number | null;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Moves for every head result of the change (`head`: the changed specs reviewed now) against the base
 * versions found (`base`: the same specs reviewed on the base branch, at their base paths). A spec in
 * `change.added`, or without a base version, is new. Removed specs with a base version are listed as
 * removed. Order: removed last; otherwise largest drop first, then new specs, then by path.
 */
export function scoreMovement(head: readonly ScoredSpec[], base: readonly ScoredSpec[], change: Pick<ChangeSet, 'added' | 'removed' | 'renamed'> = {}): ScoreMove[] {
  const before = new Map(base.map((b) => [b.path, b]));
  const renamedFrom = new Map((change.renamed ?? []).map((r) => [r.to, r.from]));
  const added = new Set(change.added ?? []);
  const moves: ScoreMove[] = [];
  for (const h of head) {
    const from = renamedFrom.get(h.path);
    const b = added.has(h.path) ? undefined : before.get(from ?? h.path);
    const move: ScoreMove = { path: h.path, state: b ? 'changed' : 'new', before: b?.score ?? null, after: h.score, delta: null };
    if (from) move.renamedFrom = from;
    if (h.id ?? b?.id) move.id = h.id ?? b?.id;
    if (h.title ?? b?.title) move.title = h.title ?? b?.title;
    if (move.before !== null && move.after !== null) move.delta = move.after - move.before;
    moves.push(move);
  }
  for (const p of change.removed ?? []) {
    const b = before.get(p);
    if (!b) continue;
    const move: ScoreMove = { path: p, state: 'removed', before: b.score, after: null, delta: null };
    if (b.id) move.id = b.id;
    if (b.title) move.title = b.title;
    moves.push(move);
  }
  const rank = (m: ScoreMove) => (m.state === 'removed' ? 3 : m.state === 'new' ? 2 : m.delta === null ? 2 : m.delta < 0 ? 0 : 1);
  return moves.sort((a, b) => rank(a) - rank(b) || (a.delta ?? 0) - (b.delta ?? 0) || compare(a.path, b.path));
}

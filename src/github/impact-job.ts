/**
 * The engine side of a review's impact on the rest of the spec set (what src/github/impact.ts
 * gathers): review the specs not known yet (for the graph's facts, at the head; for the score
 * movement, the base branch's versions against the base index), build the spec graph of every known
 * spec, and render the impact section (src/report/impact.ts). Plain data in and out, so it runs in a
 * review worker thread (worker-pool.ts) as well as on the calling thread (the Action, tests).
 */
import type { ChangeSet, RuleSeverities, ScoredSpec, SpecGraph } from '../engine/graph/index.js';
import type { FileResult, InputFile, RepoIndex } from '../engine/types.js';
import { impactSection, type ImpactSection } from '../report/impact.js';

/** What the graph needs of a reviewed spec (a review result without its findings). */
export type GraphEntry = Omit<FileResult, 'findings' | 'breakdown'>;

/** A review result as a graph entry (facts kept, findings and breakdown dropped). */
export function graphEntry(r: FileResult): GraphEntry {
  const e: GraphEntry = { path: r.path, type: r.type, score: r.score };
  if (r.id !== undefined) e.id = r.id;
  if (r.title !== undefined) e.title = r.title;
  if (r.facts !== undefined) e.facts = r.facts;
  return e;
}

/** A review result as the score movement needs it. */
export function scoredSpec(r: Pick<FileResult, 'path' | 'score' | 'type' | 'id' | 'title'>): ScoredSpec {
  const s: ScoredSpec = { path: r.path, score: r.score };
  if (r.type) s.type = r.type;
  if (r.id !== undefined) s.id = r.id;
  if (r.title !== undefined) s.title = r.title;
  return s;
}

export interface ImpactJobData {
  change: ChangeSet;
  head: {
    /** Every path at the head (the repository index). */
    paths: string[];
    /** Specs already known: the changed specs' results and cached entries. */
    known: GraphEntry[];
    /** Specs to review for their facts. */
    inputs: InputFile[];
  };
  /** The changed specs at the head whose base version is known or read: their score movement. */
  moved: ScoredSpec[];
  base?: {
    paths: string[];
    /** Base versions already known (cached), at their base paths. */
    known: ScoredSpec[];
    /** Base versions to review, at their base paths. */
    inputs: InputFile[];
  };
  /** Today (ms since the epoch, the caller's clock): staleness. */
  today: number;
  staleAfterDays?: number;
  rules?: RuleSeverities;
  headingLevel?: number;
  maxChars?: number;
}

export interface ImpactJobResult {
  /** Graph entries of `head.inputs` (to cache). */
  entries: GraphEntry[];
  /** Results of `base.inputs` (to cache). */
  base: ScoredSpec[];
  section: ImpactSection;
  /** Specs in the graph (nodes) and references between them (edges). */
  nodes: number;
  edges: number;
}

/** What the job needs of an engine: a review and the graph builder (the real engine has both). */
export interface GraphEngine {
  graph(results: readonly FileResult[], index: RepoIndex): SpecGraph;
}

/** Review one file against an index (the caller applies its per-file limits and reports progress). */
export type ReviewOne = (file: InputFile, index: RepoIndex) => Promise<FileResult>;

export async function runImpactJob(engine: GraphEngine, review: ReviewOne, data: ImpactJobData): Promise<ImpactJobResult> {
  const headIndex: RepoIndex = { paths: new Set(data.head.paths) };
  const entries: GraphEntry[] = [];
  for (const input of data.head.inputs) entries.push(graphEntry(await review(input, headIndex)));
  const base: ScoredSpec[] = [];
  if (data.base) {
    const baseIndex: RepoIndex = { paths: new Set(data.base.paths) };
    for (const input of data.base.inputs) base.push(scoredSpec(await review(input, baseIndex)));
  }
  const results: FileResult[] = [...data.head.known, ...entries].map((e) => ({ ...e, findings: [] }));
  const graph = engine.graph(results, headIndex);
  const section = impactSection(
    {
      graph,
      change: data.change,
      head: data.moved,
      base: data.base ? [...data.base.known, ...base] : undefined,
      today: new Date(data.today),
      staleAfterDays: data.staleAfterDays,
      rules: data.rules,
    },
    { headingLevel: data.headingLevel ?? 3, maxChars: data.maxChars },
  );
  return { entries, base, section, nodes: graph.nodes.length, edges: graph.edges.length };
}

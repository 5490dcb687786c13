/**
 * What a pull request does to the rest of the spec set, for its check run and comment: affected specs
 * (who points at what changed), a bounded Mermaid graph, the graph's findings (a Deprecated spec
 * referenced by specs in force, a removed or renamed spec still referenced), specs that may need
 * review, and each changed spec's score on the base branch and now. The engine work runs in the
 * review's runner (impact-job.ts: a worker thread in the App); this module does the GitHub reads and
 * the caching.
 *
 * **The graph needs every spec's facts** (status, date, what it points at), not only the changed ones.
 * They are computed once per blob: the tree listing the review already made gives every file's blob
 * SHA, and the facts of a spec are cached under its blob SHA, its path, the engine setup (rules and
 * config) and the list of component specs (flows name components by their file names). A push reads
 * nothing for the specs it did not change. Uncached specs are read in batches through GraphQL
 * (blob-batch.ts), at most `graphReads` specs and `readBytes` bytes per review: on a cold cache (the
 * first review of a repository) the rest are counted as not examined and the section says so; the
 * next reviews read them.
 *
 * **Score movement**: the base branch's versions of the changed (and removed) specs are found in the
 * base commit's tree listing (one call) and reviewed with the same engine and config against the base
 * index. Their results are cached under the base tree's SHA (which names the whole base tree), so a
 * later push against the same base reads nothing; at most `baseReads` are read per review.
 *
 * Calls per review: +1 (the base tree, only when a changed spec may exist on the base branch) + G
 * GraphQL queries, G = 0 on a warm cache and at most blob-batch.ts's `maxQueries(graphReads +
 * baseReads, readBytes)` on a cold one, whatever the number of changed specs.
 */
import { createHash } from 'node:crypto';
import type { ChangeSet, GraphFinding, RuleSeverities, ScoredSpec, ScoreMove } from '../engine/graph/index.js';
import type { InputFile, ReviewReport } from '../engine/types.js';
import { impactWithCoverage, type ImpactCoverage } from '../report/impact.js';
import { blobKey, getMany, setMany, type BlobCache } from './blob-cache.js';
import { UNKNOWN_SIZE, fetchBlobs, maxQueries, type BlobAnswer, type BlobRequest } from './blob-batch.js';
import type { PullFile, ReviewClient, TreeResult } from './client.js';
import type { EngineRunner, EngineSetup } from './engine-runner.js';
import type { AppConfig, AppEngine } from './engine-port.js';
import { graphEntry, scoredSpec, type GraphEntry, type ImpactJobData } from './impact-job.js';

/** Specs not seen before read for the graph per review (the rest: "not examined", read by the next reviews). */
export const GRAPH_READS_PER_REVIEW = 500;
/** Base-branch versions of changed specs read per review (the rest get no score movement). */
export const BASE_READS_PER_REVIEW = 100;
/** Bytes read for the graph and the score movement per review. */
export const READ_BYTES_PER_REVIEW = 8 * 1024 * 1024;

export interface ImpactLimits {
  graphReads: number;
  baseReads: number;
  readBytes: number;
}

export const DEFAULT_IMPACT_LIMITS: ImpactLimits = { graphReads: GRAPH_READS_PER_REVIEW, baseReads: BASE_READS_PER_REVIEW, readBytes: READ_BYTES_PER_REVIEW };

/** The most GraphQL queries one review makes for its impact, whatever the pull request holds. */
export function maxImpactQueries(limits: ImpactLimits = DEFAULT_IMPACT_LIMITS): number {
  return maxQueries(limits.graphReads + limits.baseReads, limits.readBytes);
}

export interface ImpactInput {
  client: ReviewClient;
  runner: EngineRunner;
  /** The review's engine: it must build graphs (`graph`, `identify`). */
  engine: AppEngine;
  setup: EngineSetup;
  config: AppConfig;
  headSha: string;
  /** The base commit (the event's `base.sha`), else the base branch. */
  base: string;
  /** The PR's files (removed and renamed ones included). */
  files: readonly PullFile[];
  /** The head's tree listing (the review's index). */
  tree: TreeResult;
  /** The review of the changed specs at the head. */
  report: ReviewReport;
  cache?: BlobCache;
  today: Date;
  signal?: AbortSignal;
  limits?: Partial<ImpactLimits>;
}

export interface ImpactOutcome {
  /** The section for the comment and the check run ('' when there is nothing to say). */
  markdown: string;
  findings: GraphFinding[];
  moves: ScoreMove[];
  coverage: ImpactCoverage;
  /** What was read: specs for the graph, base versions, GraphQL queries; and graph entries found in the cache. */
  reads: { graph: number; base: number; queries: number; cached: number };
}

const MARKDOWN = /\.(?:md|markdown)$/i;
/** Bumped when a cached entry's shape or meaning changes. */
const CACHE_VERSION = 'g1';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The ChangeSet of a PR's files: changed, added, removed and renamed specs. */
export function changeSetOf(files: readonly PullFile[], isSpec: (path: string) => boolean): ChangeSet {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  for (const f of files) {
    const now = isSpec(f.filename);
    const before = f.previous_filename !== undefined && f.previous_filename !== f.filename && isSpec(f.previous_filename);
    if (f.status === 'removed') {
      if (now) removed.push(f.filename);
      continue;
    }
    if (f.status === 'renamed' && f.previous_filename !== undefined) {
      if (before && now) renamed.push({ from: f.previous_filename, to: f.filename });
      else if (before) removed.push(f.previous_filename); // moved out of the spec folders
      else if (now) added.push(f.filename);
      if (now) changed.push(f.filename);
      continue;
    }
    if (!now) continue;
    changed.push(f.filename);
    if (f.status === 'added' || f.status === 'copied') added.push(f.filename);
  }
  return { changed, added, removed, renamed };
}

/**
 * What a spec's facts depend on besides its own bytes and path: the component specs of the repository
 * (a flow names components by their file names). A superset: every Markdown path in the component
 * type's folder or with its file-name prefix; without that type, every Markdown path.
 */
export function componentDigest(engine: Pick<AppEngine, 'types'>, paths: Iterable<string>): string {
  const component = engine.types().find((t) => t.name === 'component');
  const prefix = component?.filePrefix ? new RegExp(`(?:^|/)${component.filePrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+-[^/]*$`, 'i') : undefined;
  const folder = component?.folder ? `${component.folder}/` : undefined;
  const list: string[] = [];
  for (const p of paths) {
    if (!MARKDOWN.test(p)) continue;
    if (!component || (folder && p.startsWith(folder)) || prefix?.test(p)) list.push(p);
  }
  return sha256(list.sort().join('\n'));
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
function decode<T>(bytes: Uint8Array | undefined): T | undefined {
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return undefined;
  }
}

/** Compute the impact section of a review. Throws on GitHub errors and budget stops (the caller reports them). */
export async function reviewImpact(input: ImpactInput): Promise<ImpactOutcome> {
  const { client, engine, config, tree, report } = input;
  if (!engine.graph || !engine.identify || !input.runner.impact) throw new Error('this engine builds no spec graph');
  const identify = engine.identify.bind(engine);
  const limits = { ...DEFAULT_IMPACT_LIMITS, ...input.limits };
  const repo = client.repo;
  const isSpec = (p: string) => MARKDOWN.test(p) && engine.isSpecPath(p);
  const change = changeSetOf(input.files, isSpec);
  const changed = new Set(change.changed);
  if (!changed.size && !change.removed?.length) {
    // Nothing the graph could say (a PR that only edits the config): no read at all.
    return { markdown: '', findings: [], moves: [], coverage: { specs: 0, notExamined: 0 }, reads: { graph: 0, base: 0, queries: 0, cached: 0 } };
  }
  const setupDigest = sha256(JSON.stringify(input.setup));
  const context = componentDigest(engine, tree.paths);
  const maxSize = config.max_file_size;
  const headKey = (path: string, sha: string) => `${blobKey(repo.owner, repo.repo, sha)}:${CACHE_VERSION}:${sha256(`${setupDigest}\n${context}\n${path}`)}`;
  const noFacts = (path: string): GraphEntry => ({ path, type: identify(path)?.type ?? null, score: null });
  let bytesLeft = limits.readBytes;
  const requests: BlobRequest[] = [];
  const read = (key: string, oid: string | undefined, expression: string, size: number | undefined) => {
    requests.push({ key, ...(oid ? { oid } : { expression }), ...(size !== undefined ? { size } : {}) });
    bytesLeft -= size ?? UNKNOWN_SIZE;
  };
  const fits = (size: number | undefined) => (size ?? UNKNOWN_SIZE) <= bytesLeft;

  // 1. Base versions of the changed and removed specs (score movement), read first: they are this PR's own.
  const renamedFrom = new Map((change.renamed ?? []).map((r) => [r.to, r.from]));
  const added = new Set(change.added);
  const wantsBase = [...change.changed.filter((p) => !added.has(p)).map((p) => ({ head: p as string | undefined, base: renamedFrom.get(p) ?? p })), ...(change.removed ?? []).map((p) => ({ head: undefined, base: p }))];
  const baseKnown: ScoredSpec[] = [];
  const baseWanted = new Map<string, string>(); // request key → base path
  const noBaseMove = new Set<string>(); // head paths without a movement (base not read)
  let baseTree: TreeResult | undefined;
  const baseKeys = new Map<string, string>(); // base path → cache key
  if (wantsBase.length) {
    baseTree = await client.getTree(input.base);
    const baseCache = (path: string) => (baseTree!.sha ? `${repo.owner}/${repo.repo}@tree:${baseTree!.sha}:${CACHE_VERSION}:${sha256(`${setupDigest}\n${path}`)}`.toLowerCase() : undefined);
    const present = wantsBase.filter((w) => baseTree!.paths.has(w.base) || baseTree!.truncated);
    for (const w of present) {
      const key = baseCache(w.base);
      if (key) baseKeys.set(w.base, key);
    }
    const keyed = present.filter((w) => baseKeys.has(w.base));
    const cached = input.cache ? await getMany(input.cache, keyed.map((w) => baseKeys.get(w.base)!)) : [];
    const hit = new Map(keyed.map((w, i) => [w.base, decode<ScoredSpec>(cached[i])]));
    let reads = 0;
    for (const w of present) {
      const found = hit.get(w.base);
      if (found) {
        baseKnown.push(found);
        continue;
      }
      const size = baseTree.sizes.get(w.base);
      if (size !== undefined && size > maxSize) {
        baseKnown.push({ path: w.base, score: null });
        continue;
      }
      if (reads >= limits.baseReads || !fits(size)) {
        if (w.head) noBaseMove.add(w.head);
        continue;
      }
      reads++;
      const key = `b:${w.base}`;
      baseWanted.set(key, w.base);
      read(key, baseTree.shas.get(w.base), `${input.base}:${w.base}`, size);
    }
  }

  // 2. Every other spec at the head: its facts from the cache, else read (bounded).
  const others = [...tree.paths].filter((p) => !changed.has(p) && isSpec(p)).sort();
  const known: GraphEntry[] = report.files.filter((f) => changed.has(f.path)).map(graphEntry);
  const keyOf = new Map<string, string>();
  for (const p of others) {
    const sha = tree.shas.get(p);
    if (sha) keyOf.set(p, headKey(p, sha));
  }
  const keyed = others.filter((p) => keyOf.has(p));
  const cachedEntries = input.cache ? await getMany(input.cache, keyed.map((p) => keyOf.get(p)!)) : [];
  const hits = new Map(keyed.map((p, i) => [p, decode<GraphEntry>(cachedEntries[i])]));
  const headWanted = new Map<string, string>(); // request key → path
  const fresh: [string, GraphEntry][] = []; // entries known without the engine, to cache
  let cachedCount = 0;
  let notExamined = 0;
  let limited = false;
  for (const p of others) {
    const hit = hits.get(p);
    if (hit && hit.path === p) {
      known.push(hit);
      cachedCount++;
      continue;
    }
    const size = tree.sizes.get(p);
    if (size !== undefined && size > maxSize) {
      known.push(noFacts(p)); // the engine reads nothing of an oversize file either
      continue;
    }
    if (headWanted.size >= limits.graphReads || !fits(size)) {
      notExamined++;
      limited = true;
      continue;
    }
    const key = `h:${p}`;
    headWanted.set(key, p);
    read(key, tree.shas.get(p), `${input.headSha}:${p}`, size);
  }

  // 3. One batch of GraphQL queries for everything not cached.
  const before = client.calls;
  const answers = requests.length ? await fetchBlobs(client, requests) : new Map<string, BlobAnswer>();
  const queries = client.calls - before;
  const headInputs: InputFile[] = [];
  for (const [key, path] of headWanted) {
    const a = answers.get(key)!;
    if (a.kind === 'text') headInputs.push({ path, content: a.text });
    else if (a.kind === 'binary') {
      const entry = noFacts(path);
      known.push(entry);
      if (keyOf.has(path)) fresh.push([keyOf.get(path)!, entry]);
    } else notExamined++; // gone since the listing, or too large for GitHub to send as text
  }
  const baseInputs: InputFile[] = [];
  for (const [key, path] of baseWanted) {
    const a = answers.get(key)!;
    if (a.kind === 'text') baseInputs.push({ path, content: a.text });
    else if (a.kind === 'binary' || a.kind === 'truncated') baseKnown.push({ path, score: null });
    // missing: not on the base branch (a truncated listing hid it): the spec is new there.
  }

  // 4. The engine: facts of what was read, base versions, the graph, the section.
  const data: ImpactJobData = {
    change,
    head: { paths: [...tree.paths], known, inputs: headInputs },
    moved: report.files.filter((f) => changed.has(f.path) && !noBaseMove.has(f.path)).map(scoredSpec),
    base: baseTree ? { paths: [...baseTree.paths], known: baseKnown, inputs: baseInputs } : { paths: [], known: [], inputs: [] },
    today: input.today.getTime(),
    staleAfterDays: typeof config.stale_after_days === 'number' ? config.stale_after_days : undefined,
    rules: (config.rules ?? {}) as RuleSeverities,
    headingLevel: 3,
  };
  const result = await input.runner.impact({ setup: input.setup, engine, data }, input.signal);

  // 5. Cache what was learnt: facts of the specs read and of the changed specs at the head, base results.
  if (input.cache) {
    const writes: [string, Uint8Array][] = fresh.map(([k, e]) => [k, encode(e)]);
    for (const e of result.entries) if (keyOf.has(e.path)) writes.push([keyOf.get(e.path)!, encode(e)]);
    const changedShas = new Map(input.files.filter((f) => f.sha && f.status !== 'removed').map((f) => [f.filename, f.sha!.toLowerCase()]));
    for (const f of report.files) {
      const sha = changedShas.get(f.path);
      if (sha && f.facts) writes.push([headKey(f.path, sha), encode(graphEntry(f))]);
    }
    for (const b of result.base) if (baseKeys.has(b.path)) writes.push([baseKeys.get(b.path)!, encode(b)]);
    for (const b of baseKnown) if (b.score === null && baseKeys.has(b.path)) writes.push([baseKeys.get(b.path)!, encode(b)]);
    await setMany(input.cache, writes);
  }

  const coverage: ImpactCoverage = {
    specs: others.length,
    notExamined,
    ...(limited ? { readLimit: limits.graphReads } : {}),
    ...(tree.truncated ? { indexTruncated: true } : {}),
    ...(noBaseMove.size ? { movesOmitted: noBaseMove.size, baseReadLimit: limits.baseReads } : {}),
  };
  return {
    markdown: impactWithCoverage(result.section.markdown, coverage, { headingLevel: 3 }),
    findings: result.section.findings,
    moves: result.section.moves,
    coverage,
    reads: { graph: headWanted.size, base: baseWanted.size, queries, cached: cachedCount },
  };
}

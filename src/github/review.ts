/**
 * The review pipeline of one pull request at one head SHA, shared by the hosted App and the Action:
 * trusted config (base branch) → the PR's files → spec contents at the head (by blob SHA, cached) →
 * the repository index → the engine (through an EngineRunner: worker threads in the App) → the
 * "Spec Review" check run, completed → the plan of the one summary comment, handed to a comment sink
 * (the App's paced comment queue; the Action writes it at once). Check runs never wait for comments.
 * Every payload is built by the pure renderers in src/report/.
 *
 * The check run is created when there is something to say: a quick review with at most 50
 * annotations is one write (created completed). A review still running after `quickMs` creates its
 * run in progress first, so the PR shows it running. Annotations are capped per run
 * (MAX_ANNOTATIONS_PER_RUN, errors first), so a run completes within 1 + 20 writes whatever the PR holds.
 *
 * REST calls of the review for N spec files (M of them not in the blob cache), A annotations (capped
 * at 1,000), a PR with ≤ 100 files:
 *   1 config (+1 without a repository config: the owner's `.github`) + 1 files page + 1 tree + M blobs
 *   + max(1, ceil(A/50)) check-run writes (+1 when the review outlasts `quickMs`)
 *   = M + ceil(A/50) + 4, or + 5 without a repository config;
 * then the comment queue: 1 PR head check + 1 comment list + ≤ 1 comment write.
 * Extra: +1 per `_extends` file, +1 per `types:` rule file, +1 for the proposed config when the PR
 * edits it (dry run), +1 per further 100 PR files or 100 comments. No read is made twice.
 * With an engine that builds spec graphs, the impact on other specs (impact.ts) adds 1 (the base tree)
 * + G GraphQL queries, 0 ≤ G ≤ maxImpactQueries() = 14, whatever the number of changed specs.
 */
import type { InputFile, RepoIndex, ReviewReport } from '../engine/types.js';
import { batchAnnotations, capAnnotations, toAnnotations, type Annotation } from '../report/annotations.js';
import { CHECK_RUN_NAME, configErrorOutput, couldNotCompleteOutput, noSpecsOutput, reviewOutput, type CheckRunOutput, type ImpactView } from '../report/check-run.js';
import { graphFindingsReport, impactFailedMarkdown } from '../report/impact.js';
import { compactComment, isClean, noSpecsComment, summaryComment, type DryRun } from '../report/comment.js';
import { blobKey, type BlobCache } from './blob-cache.js';
import { systemClock, type Clock } from './clock.js';
import { ReviewClient, httpStatus, type Octokit, type PullFile } from './client.js';
import { publishComment, type CommentAction, type CommentIdentity, type CommentPlan } from './comments.js';
import { CONFIG_PATH, ConfigLoadError, loadConfig, type LoadedConfig } from './config.js';
import { ReviewBudgetError, inThreadRunner, type EngineRunner } from './engine-runner.js';
import { describeError, isUserFacingError, type AppConfig, type AppEngine, type EnginePort } from './engine-port.js';
import { changeSetOf, reviewImpact, type ImpactLimits, type ImpactOutcome } from './impact.js';
import { mapLimit } from './queue/limiter.js';

export type { CommentAction } from './comments.js';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** The facts of the pull request under review. */
export interface PullFacts {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  /** The base branch: where the trusted configuration is read from. */
  baseRef: string;
  /** The base branch's commit the event names (`base.sha`): the score movement compares with it (else with the branch). */
  baseSha?: string;
}

/** A review running longer than this creates its check run in progress (else it is created completed). */
export const DEFAULT_QUICK_MS = 3_000;

export interface ReviewDeps {
  octokit: Octokit;
  engine: EnginePort;
  log: Logger;
  /** X-GitHub-Delivery of the event that started the review (for logs). */
  deliveryId: string;
  /** Who writes the summary comment (only comments of this identity are edited or deleted). */
  identity: CommentIdentity;
  /** Where the comment plan goes; default: written at once by this review. */
  comments?: (plan: CommentPlan) => Promise<CommentAction>;
  /** Where the engine runs; default: on this thread. */
  runner?: EngineRunner;
  /** Spec contents by blob SHA. */
  blobs?: BlobCache;
  /** The spec graph's facts by blob, and base-branch results by base tree (impact.ts); without it nothing is remembered between reviews. */
  graphCache?: BlobCache;
  /** Reads per review for the impact section (impact.ts). */
  impactLimits?: Partial<ImpactLimits>;
  /** Today, for staleness (default: the system's date). */
  now?: () => Date;
  /** Parallel content downloads (bounded to stay clear of secondary rate limits). */
  concurrency?: number;
  /**
   * Aborted by the watchdog or a shutdown: every later GitHub call (and the one in flight) fails at
   * once, and the review leaves the check run to whoever aborted it (`checkRun` below).
   */
  signal?: AbortSignal;
  /**
   * A cheap hint that a newer head of this PR has been scheduled. Checked before the costly phase;
   * GitHub (the PR's current head) has the last word, so an out-of-order delivery never cancels the
   * review of the real head.
   */
  superseded?: () => boolean | Promise<boolean>;
  /** A check run this review continues (a job picked up again after its worker died). */
  checkRunId?: number;
  /** Called once the check run exists (a replica persists it, so a retry completes the same run). */
  onCheckRun?: (checkRunId: number) => void | Promise<void>;
  clock?: Clock;
  quickMs?: number;
  /** The Action's workflow identity, shown as a hidden line in the comment. */
  workflow?: string;
}

export interface ReviewOutcome {
  conclusion: 'success' | 'failure' | 'cancelled';
  /**
   * What happened, for logs and tests. `superseded`: the PR moved to a newer head; its run is
   * completed as `cancelled` and the comment is left alone. A review stopped by the watchdog or a
   * shutdown is `could-not-complete` with `stopped` set; one over its budget has `budget` set.
   */
  kind: 'reviewed' | 'no-specs' | 'config-error' | 'could-not-complete' | 'superseded';
  stopped?: 'timeout' | 'interrupted';
  budget?: 'time' | 'memory';
  checkRunId?: number;
  comment: CommentAction;
  /** REST calls made by this review (the comment queue's are its own). */
  calls: number;
  report?: ReviewReport;
  /** What the check run's summary says beside the report (set once the engine ran). */
  facts?: ReportFacts;
  /** The impact on other specs, when the engine builds graphs: the graph's findings (counted in the verdict) and what was read. */
  impact?: Pick<ImpactOutcome, 'findings' | 'moves' | 'coverage' | 'reads'> & { error?: string };
  error?: string;
}

/** The verdict and context of a report, for a reporter other than the check run (the Action's fallback). */
export interface ReportFacts {
  failed: boolean;
  failOn: string;
  minScore: number;
  configSource?: string;
  indexTruncated: boolean;
  filesTruncated: boolean;
  removed: number;
}

/**
 * The "Spec Review" check run of one review: created when first needed, completed once. Operations
 * run one after another, so a timer creating the run in progress never races its completion.
 */
export class CheckRunHandle {
  id?: number;
  url?: string;
  completed = false;
  /** complete() was called: showing the run in progress first would only cost a write. */
  private completing = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: ReviewClient,
    readonly headSha: string,
    existingId: number | undefined,
    private readonly onCreated: (id: number) => void | Promise<void> = () => undefined,
    /** Set on the run (`external_id`): a retry of the same job finds the run it created. */
    private readonly externalId?: string,
  ) {
    this.id = existingId;
  }

  /** A retry: adopt the run a previous attempt created (if GitHub has one), so it is completed, not left. */
  async adopt(): Promise<void> {
    if (this.id !== undefined || !this.externalId) return;
    this.id = await this.client.findCheckRun(this.headSha, CHECK_RUN_NAME, this.externalId);
  }

  private queue<T>(op: () => Promise<T>): Promise<T> {
    const next = this.chain.then(op, op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Wait for the operation in flight (a stopped review's last write) to settle. */
  settled(): Promise<unknown> {
    return this.chain;
  }

  /** REST calls made by this handle. */
  get calls(): number {
    return this.client.calls;
  }

  private async create(body: Record<string, unknown>): Promise<void> {
    const run = await this.client.createCheckRun(this.headSha, CHECK_RUN_NAME, this.externalId ? { ...body, external_id: this.externalId } : body);
    this.id = run.id;
    this.url = run.html_url ?? undefined;
    await this.onCreated(run.id);
  }

  /** Show the run in progress (a review that takes a while). */
  start(): Promise<void> {
    return this.queue(async () => {
      if (this.id !== undefined || this.completed || this.completing) return;
      await this.create({ status: 'in_progress', started_at: new Date().toISOString() });
    });
  }

  /** Complete the run: one write when it does not exist yet and ≤ 50 annotations; batches of 50 else. */
  complete(conclusion: 'success' | 'failure' | 'cancelled', output: CheckRunOutput, annotations: readonly Annotation[] = []): Promise<void> {
    this.completing = true;
    return this.queue(async () => {
      if (this.completed) return;
      const batches = batchAnnotations(annotations);
      const done = () => ({ status: 'completed', conclusion, completed_at: new Date().toISOString() });
      const withBatch = (i: number) => ({ output: batches[i] ? { ...output, annotations: batches[i] } : output });
      let next = 0;
      if (this.id === undefined) {
        // Annotations accumulate over updates: all batches but the last go with the run in progress,
        // the last one completes it, so a failure half-way leaves a run the error path can complete.
        await this.create(batches.length <= 1 ? { ...done(), ...withBatch(0) } : { status: 'in_progress', ...withBatch(0) });
        next = 1;
        if (batches.length <= 1) {
          this.completed = true;
          return;
        }
      }
      for (let i = next; i < batches.length - 1; i++) await this.client.updateCheckRun(this.id!, withBatch(i));
      await this.client.updateCheckRun(this.id!, { ...done(), ...withBatch(Math.max(next, batches.length - 1)) });
      this.completed = true;
    });
  }

  /** Complete the run as failed because the review could not finish (`reason` is shown in it). */
  fail(reason: string, deliveryId?: string): Promise<void> {
    return this.complete('failure', couldNotCompleteOutput(reason, deliveryId));
  }
}

function buildEngine(port: EnginePort, config: AppConfig, extra: LoadedConfig['extraRuleFiles']): { engine: AppEngine; setup: { ruleFiles: LoadedConfig['extraRuleFiles']; config: AppConfig } } {
  const ruleFiles = [...port.builtinRuleFiles(), ...extra];
  return { engine: port.createEngine({ ruleFiles, config }), setup: { ruleFiles, config } };
}

/** Files of the PR the engine should review: removed skipped, renamed reviewed under the new name. */
export function selectSpecFiles(files: readonly PullFile[], isSpecPath: (p: string) => boolean): { specs: PullFile[]; removed: number } {
  const specs: PullFile[] = [];
  let removed = 0;
  for (const f of files) {
    if (!isSpecPath(f.filename)) continue;
    if (f.status === 'removed') removed++;
    else specs.push(f);
  }
  return { specs, removed };
}

/**
 * The specs' bytes at the head: by blob SHA (cached: a blob never changes), or by path at the head SHA
 * when the listing has no SHA. Reads at most `maxBytes + 1` bytes of each.
 */
export async function fetchSpecs(client: ReviewClient, specs: readonly PullFile[], headSha: string, maxBytes: number, concurrency: number, blobs?: BlobCache): Promise<InputFile[]> {
  return mapLimit(specs, concurrency, async (f) => {
    const key = f.sha && blobs ? blobKey(client.repo.owner, client.repo.repo, f.sha) : undefined;
    let content = key ? await blobs!.get(key) : undefined;
    if (content === undefined) {
      const read = f.sha ? await client.getBlob(f.sha, maxBytes) : await client.getBytes(f.filename, headSha, maxBytes);
      // A listed file that is gone at the head SHA (a later force-push): reviewed as empty so the
      // engine says so, rather than silently skipped.
      content = read ?? new Uint8Array(0);
      if (key && read && read.byteLength <= maxBytes) await blobs!.set(key, read);
    } else if (content.byteLength > maxBytes + 1) {
      content = content.subarray(0, maxBytes + 1);
    }
    return { path: f.filename, content };
  });
}

/** The output of a run whose head was superseded by a newer push. */
export function supersededOutput(newHead: string): CheckRunOutput {
  return {
    title: 'Superseded by a newer push',
    summary: `This commit is no longer the head of the pull request (now \`${newHead.replace(/[^0-9a-f]/gi, '').slice(0, 40)}\`); its review was cancelled and the newer commit is reviewed instead.`,
  };
}

/**
 * The PR's head when the hint says a newer push was scheduled and GitHub confirms it; else undefined
 * (keep going). One GET, only when the hint fires.
 */
async function movedTo(client: ReviewClient, deps: ReviewDeps, facts: PullFacts): Promise<string | undefined> {
  if (!(await deps.superseded?.())) return undefined;
  const pull = await client.getPull(facts.pullNumber);
  return pull.head.sha !== facts.headSha ? pull.head.sha : undefined;
}

/** Everything a review reads before the engine runs; shared with the Action's read-only review. */
export interface Gathered {
  loaded: LoadedConfig;
  engine: AppEngine;
  setup: { ruleFiles: LoadedConfig['extraRuleFiles']; config: AppConfig };
  files: PullFile[];
  filesTruncated: boolean;
  specs: PullFile[];
  removed: number;
  configEdited: boolean;
}

/** Trusted config, the engine built from it, and the PR's spec files. Throws ConfigLoadError / a user-facing error for a bad config. */
export async function gather(client: ReviewClient, port: EnginePort, facts: PullFacts): Promise<Gathered> {
  const loaded = await loadConfig(client, port, facts.baseRef);
  const { engine, setup } = buildEngine(port, loaded.config, loaded.extraRuleFiles);
  const { files, truncated } = await client.listPullFiles(facts.pullNumber);
  const { specs, removed } = selectSpecFiles(files, (p) => engine.isSpecPath(p));
  const configEdited = files.some((f) => f.filename === CONFIG_PATH && f.status !== 'removed');
  return { loaded, engine, setup, files, filesTruncated: truncated, specs, removed, configEdited };
}

/** GitHub's answer to a write the token has no permission for (a fork's read-only token). */
function isWriteRefusal(err: unknown): boolean {
  return httpStatus(err) === 403 && /not accessible/i.test(err instanceof Error ? err.message : String(err));
}

export function isConfigError(err: unknown): boolean {
  return err instanceof ConfigLoadError || isUserFacingError(err);
}

/** Review one pull request at one head SHA. Never throws once it has started: it completes a run. */
export async function reviewPullRequest(deps: ReviewDeps, facts: PullFacts, run?: CheckRunHandle): Promise<ReviewOutcome> {
  const client = new ReviewClient(deps.octokit, { owner: facts.owner, repo: facts.repo }, deps.signal);
  const handle = run ?? new CheckRunHandle(new ReviewClient(deps.octokit, client.repo), facts.headSha, deps.checkRunId, deps.onCheckRun);
  const log = deps.log;
  const clock = deps.clock ?? systemClock;
  const concurrency = deps.concurrency ?? 8;
  const runner = deps.runner ?? inThreadRunner();
  const quick = clock.setTimeout(() => void handle.start().catch(() => undefined), deps.quickMs ?? DEFAULT_QUICK_MS);
  const outcome = (o: Omit<ReviewOutcome, 'calls' | 'checkRunId'>): ReviewOutcome => ({ ...o, checkRunId: handle.id, calls: client.calls + handle.calls });
  const sendComment = async (plan: CommentPlan): Promise<CommentAction> => (deps.comments ? deps.comments(plan) : publishComment(client, plan, deps.identity, log));
  const plan = (body: string | null, createIfMissing: boolean): CommentPlan => ({ owner: facts.owner, repo: facts.repo, pullNumber: facts.pullNumber, headSha: facts.headSha, body, createIfMissing });

  let reviewed: { report: ReviewReport; facts: ReportFacts } | undefined;
  try {
    // Queued behind a newer push of the same PR: its run says so, and the newer head's review reports.
    const before = await movedTo(client, deps, facts);
    if (before) {
      await handle.complete('cancelled', supersededOutput(before));
      log.info({ deliveryId: deps.deliveryId, headSha: facts.headSha, currentHead: before }, 'superseded by a newer push before it started');
      return outcome({ conclusion: 'cancelled', kind: 'superseded', comment: 'none' });
    }

    // 1. Trusted configuration (base branch), the engine built from it, the PR's spec files.
    let g: Gathered;
    try {
      g = await gather(client, deps.engine, facts);
    } catch (err) {
      if (!isConfigError(err)) throw err;
      const message = describeError(err);
      log.warn({ deliveryId: deps.deliveryId, message }, 'configuration refused');
      await handle.complete('failure', configErrorOutput(message, err instanceof ConfigLoadError ? err.source : undefined));
      return outcome({ conclusion: 'failure', kind: 'config-error', comment: 'none', error: message });
    }
    const config = g.loaded.config;
    const onClean = config.comment?.on_clean ?? 'compact';
    // The impact on other specs needs an engine that builds graphs; a PR that only removes specs has one too.
    const graphs = g.engine.graph !== undefined && g.engine.identify !== undefined && runner.impact !== undefined;
    const removesSpecs = graphs && (changeSetOf(g.files, (p) => g.engine.isSpecPath(p)).removed ?? []).length > 0;

    if (g.specs.length === 0 && !g.configEdited && !removesSpecs) {
      await handle.complete('success', noSpecsOutput());
      // A comment left by an earlier push must not keep showing findings that no longer apply.
      const body = noSpecsComment({ headSha: facts.headSha, checkRunUrl: handle.url, workflow: deps.workflow });
      const comment = await sendComment(plan(onClean === 'delete' ? null : body, false));
      return outcome({ conclusion: 'success', kind: 'no-specs', comment });
    }

    // 2. The costly phase: skipped when a newer push superseded this head.
    const moved = await movedTo(client, deps, facts);
    if (moved) {
      await handle.complete('cancelled', supersededOutput(moved));
      log.info({ deliveryId: deps.deliveryId, headSha: facts.headSha, currentHead: moved }, 'superseded by a newer push; run cancelled');
      return outcome({ conclusion: 'cancelled', kind: 'superseded', comment: 'none' });
    }
    const tree = await client.getTree(facts.headSha);
    const index: RepoIndex = { paths: tree.paths };
    const inputs = await fetchSpecs(client, g.specs, facts.headSha, config.max_file_size, concurrency, deps.blobs);
    let report: ReviewReport;
    try {
      report = await runner.review({ setup: g.setup, engine: g.engine, inputs, index }, deps.signal);
    } catch (err) {
      if (!(err instanceof ReviewBudgetError)) throw err;
      log.warn({ deliveryId: deps.deliveryId, file: err.file, budget: err.budget }, `review over budget: ${err.message}`);
      await handle.fail(err.message, deps.deliveryId);
      return outcome({ conclusion: 'failure', kind: 'could-not-complete', budget: err.budget, comment: 'none', error: err.message });
    }
    // 2b. What the change does to the other specs (its own budget: when it fails, the review still reports).
    let impact: (ImpactView & { outcome?: ImpactOutcome; error?: string }) | undefined;
    if (graphs) {
      try {
        const outcome = await reviewImpact({
          client,
          runner,
          engine: g.engine,
          setup: g.setup,
          config,
          headSha: facts.headSha,
          base: facts.baseSha ?? facts.baseRef,
          files: g.files,
          tree,
          report,
          cache: deps.graphCache,
          today: deps.now?.() ?? new Date(),
          signal: deps.signal,
          limits: deps.impactLimits,
        });
        impact = { markdown: outcome.markdown, findings: outcome.findings, outcome };
      } catch (err) {
        if (deps.signal?.aborted) throw err;
        const reason = describeError(err);
        log.warn({ err, deliveryId: deps.deliveryId }, `the impact on other specs could not be computed: ${reason}`);
        impact = { markdown: impactFailedMarkdown(reason), findings: [], error: reason };
      }
    }
    // The graph's findings count like the review's (their configured severities): on specs in the PR or not.
    const across = impact?.findings.length ? graphFindingsReport(impact.findings) : undefined;
    const failed = g.engine.failed(report) || (across !== undefined && g.engine.failed(across));
    const conclusion = failed ? 'failure' : 'success';
    const verdict: ReportFacts = {
      failed,
      failOn: config.fail_on,
      minScore: config.min_score,
      configSource: g.loaded.source,
      indexTruncated: tree.truncated,
      filesTruncated: g.filesTruncated,
      removed: g.removed,
    };
    reviewed = { report, facts: verdict };

    // 3. Dry run of a proposed config (never affects the conclusion).
    const dryRun = g.configEdited ? await runDryRun(client, deps, facts, g.files, index, concurrency, runner) : undefined;

    // 4. The check run, complete, before anything is said in the conversation.
    const capped = capAnnotations(toAnnotations(across ? { files: [...report.files, ...across.files] } : report));
    const view: ImpactView | undefined = impact?.markdown ? { markdown: impact.markdown, findings: impact.findings } : undefined;
    const output =
      g.specs.length === 0 && !view
        ? noSpecsOutput()
        : reviewOutput(report, { ...verdict, annotationsOmitted: capped.omitted, impact: view });
    await handle.complete(conclusion, output, capped.annotations);

    // 5. The comment plan, written by the comment queue.
    const clean = isClean(report) && !across && !failed && dryRun === undefined;
    const types = g.engine.types().map((t) => t.name);
    const full = () => summaryComment(report, { headSha: facts.headSha, failed, checkRunUrl: handle.url, types, dryRun, workflow: deps.workflow, impact: view });
    let body: string | null;
    if (!clean || onClean === 'keep') body = full();
    else if (onClean === 'delete') body = null;
    else body = compactComment(report, { headSha: facts.headSha, checkRunUrl: handle.url, workflow: deps.workflow, impact: view });
    const comment = await sendComment(plan(body, g.specs.length > 0 || dryRun !== undefined || view !== undefined));
    log.debug?.({ deliveryId: deps.deliveryId, conclusion, files: report.files.length, calls: client.calls, comment }, 'review finished');
    const impactFacts = impact?.outcome
      ? { findings: impact.outcome.findings, moves: impact.outcome.moves, coverage: impact.outcome.coverage, reads: impact.outcome.reads }
      : impact?.error !== undefined
        ? { findings: [], moves: [], coverage: { specs: 0, notExamined: 0 }, reads: { graph: 0, base: 0, queries: 0, cached: 0 }, error: impact.error }
        : undefined;
    return outcome({ conclusion, kind: 'reviewed', comment, report, facts: verdict, ...(impactFacts ? { impact: impactFacts } : {}) });
  } catch (err) {
    if (deps.signal?.aborted) {
      // The watchdog or the shutdown owns the run now; it completes it.
      const stopped = deps.signal.reason === 'interrupted' ? 'interrupted' : 'timeout';
      return outcome({ conclusion: 'failure', kind: 'could-not-complete', stopped, comment: 'none', error: `stopped: ${stopped}` });
    }
    const reason = describeError(err);
    log.error({ err, deliveryId: deps.deliveryId, checkRunId: handle.id }, 'review could not complete');
    try {
      // A token that may not write check runs (a fork's) would be refused again.
      if (!isWriteRefusal(err)) await handle.fail(reason, deps.deliveryId);
    } catch (err2) {
      log.error({ err: err2, deliveryId: deps.deliveryId, checkRunId: handle.id }, 'could not mark the check run as failed');
    }
    // The engine's result when it ran (a reporter without write access can still print it).
    return outcome({ conclusion: 'failure', kind: 'could-not-complete', comment: 'none', error: reason, ...reviewed });
  } finally {
    quick.cancel();
  }
}

/**
 * What the PR's own `.github/spec-review.yml` would report. Reads only the PR's own repository at the
 * head SHA (never another repository, see config.ts); the result is advisory.
 */
async function runDryRun(
  client: ReviewClient,
  deps: ReviewDeps,
  facts: PullFacts,
  files: readonly PullFile[],
  index: RepoIndex,
  concurrency: number,
  runner: EngineRunner,
): Promise<DryRun> {
  try {
    const proposed = await loadConfig(client, deps.engine, facts.headSha, { ownRepositoryOnly: true });
    const { engine, setup } = buildEngine(deps.engine, proposed.config, proposed.extraRuleFiles);
    const { specs } = selectSpecFiles(files, (p) => engine.isSpecPath(p));
    const inputs = await fetchSpecs(client, specs, facts.headSha, proposed.config.max_file_size, concurrency, deps.blobs);
    const report = await runner.review({ setup, engine, inputs, index }, deps.signal);
    return { kind: 'report', report, failed: engine.failed(report), notes: proposed.notes };
  } catch (err) {
    if (isConfigError(err) || err instanceof ReviewBudgetError) return { kind: 'invalid', message: describeError(err) };
    throw err;
  }
}

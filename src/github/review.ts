/**
 * One review of one pull request at one head SHA: the app's I/O. Creates the "Spec Review" check run,
 * reads the trusted config, lists the PR's files, fetches the spec files at the head SHA, builds the
 * repository index, runs the engine, completes the check run (annotations in batches of 50) and keeps
 * the one summary comment current. Every payload is built by the pure renderers in src/report/.
 *
 * REST calls for N spec files, A annotations (PR ≤ 100 files, ≤ 100 comments):
 *   1 create check run + 1 config (+1 when the repo has none: the owner's `.github` fallback)
 *   + 1 files page + 1 tree + N contents + ceil(A/50) check-run updates (at least 1)
 *   + 1 PR head check + 1 comment list + ≤1 comment write
 *   = N + ceil(A/50) + 7, or + 8 without a repo config. Extra: +1 per `_extends` file, +1 per
 *   `types:` rule file, +1 for the proposed config when the PR edits it (dry run), +1 per further
 *   100 PR files or 100 comments. No read is made twice (ReviewClient caches them).
 */
import type { InputFile, RepoIndex, ReviewReport } from '../engine/types.js';
import { batchAnnotations, toAnnotations } from '../report/annotations.js';
import {
  CHECK_RUN_NAME,
  configErrorOutput,
  noSpecsOutput,
  reviewOutput,
  type CheckRunOutput,
} from '../report/check-run.js';
import {
  allClearComment,
  isClean,
  isSummaryComment,
  noSpecsComment,
  summaryComment,
  type DryRun,
} from '../report/comment.js';
import { httpStatus, ReviewClient, type IssueComment, type Octokit, type PullFile } from './client.js';
import { CONFIG_PATH, ConfigLoadError, loadConfig } from './config.js';
import { describeError, isUserFacingError, type AppEngine, type EnginePort } from './engine-port.js';
import { mapLimit } from './scheduler.js';

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
}

export interface ReviewDeps {
  octokit: Octokit;
  engine: EnginePort;
  log: Logger;
  /** X-GitHub-Delivery of the event that started the review (for logs). */
  deliveryId: string;
  /** Parallel content downloads (bounded to stay clear of secondary rate limits). */
  concurrency?: number;
  /**
   * Aborted by the app's watchdog or shutdown: every later GitHub call (and the one in flight) fails
   * at once, and the review leaves the check run to whoever aborted it.
   */
  signal?: AbortSignal;
  /**
   * A cheap local hint that a newer head of this PR has been scheduled. Checked before the costly
   * phase and before the comment; GitHub (the PR's current head) has the last word, so an
   * out-of-order delivery never cancels the review of the real head.
   */
  superseded?: () => boolean;
  /** Called once the check run exists (the app's watchdog completes it if the review hangs). */
  onCheckRun?: (checkRunId: number, client: ReviewClient) => void;
}

/** `refused`: the token may not write comments (a narrow `permissions:` block, a fork's read-only token). */
export type CommentAction = 'created' | 'updated' | 'unchanged' | 'deleted' | 'none' | 'stale' | 'refused';

export interface ReviewOutcome {
  conclusion: 'success' | 'failure' | 'cancelled';
  /**
   * What happened, for logs and tests. `superseded`: the PR moved to a newer head before this review
   * did its costly work; its run (if created) is completed as `cancelled`, the comment is left alone.
   * A review stopped by the watchdog or a shutdown is `could-not-complete` with `stopped` set.
   */
  kind: 'reviewed' | 'no-specs' | 'config-error' | 'could-not-complete' | 'superseded';
  /** Why a review was stopped from outside (watchdog or shutdown). */
  stopped?: 'timeout' | 'interrupted';
  checkRunId?: number;
  comment: CommentAction;
  /** REST calls made by this review. */
  calls: number;
  report?: ReviewReport;
  error?: string;
}


function buildEngine(port: EnginePort, config: ReturnType<EnginePort['parseConfig']>, extra: { path: string; text: string }[]): AppEngine {
  return port.createEngine({ ruleFiles: [...port.builtinRuleFiles(), ...extra], config });
}

/** Files of the PR the engine should review: removed skipped, renamed reviewed under the new name. */
export function selectSpecFiles(files: readonly PullFile[], isSpecPath: (p: string) => boolean): { specs: string[]; removed: number } {
  const specs: string[] = [];
  let removed = 0;
  for (const f of files) {
    if (!isSpecPath(f.filename)) continue;
    if (f.status === 'removed') removed++;
    else specs.push(f.filename);
  }
  return { specs, removed };
}

async function fetchInputs(client: ReviewClient, paths: readonly string[], sha: string, maxBytes: number, concurrency: number): Promise<InputFile[]> {
  const files = await mapLimit(paths, concurrency, async (path) => {
    const content = await client.getBytes(path, sha, maxBytes);
    // A listed file that is gone at the head SHA (a later force-push): review it as empty so the
    // engine says so, rather than silently skipping it.
    return { path, content: content ?? new Uint8Array(0) };
  });
  return files;
}

/** The output of a run whose head was superseded by a newer push. */
export function supersededOutput(newHead: string): CheckRunOutput {
  return {
    title: 'Superseded by a newer push',
    summary: `This commit is no longer the head of the pull request (now \`${newHead.replace(/[^0-9a-f]/gi, '').slice(0, 40)}\`); its review was cancelled and the newer commit is reviewed instead.`,
  };
}

async function completeCheckRun(client: ReviewClient, id: number, conclusion: 'success' | 'failure' | 'cancelled', output: CheckRunOutput, report?: ReviewReport): Promise<void> {
  const batches = report ? batchAnnotations(toAnnotations(report)) : [];
  // Annotations accumulate over updates: all batches but the last go with the run still in progress,
  // the last one completes it, so a failure half-way leaves a run our error path can still complete.
  for (let i = 0; i < batches.length - 1; i++) {
    await client.updateCheckRun(id, { output: { ...output, annotations: batches[i] } });
  }
  const last = batches[batches.length - 1];
  await client.updateCheckRun(id, {
    status: 'completed',
    conclusion,
    completed_at: new Date().toISOString(),
    output: last ? { ...output, annotations: last } : output,
  });
}

interface CommentPlan {
  /** Body when there is something to say. */
  body: string;
  /** Body an existing comment shrinks to when all is clear. */
  cleanBody: string;
  clean: boolean;
  /** Create a comment when none exists yet (false: only touch an existing one). */
  createIfMissing: boolean;
  onClean: 'shrink' | 'keep' | 'delete';
}

function ownComments(comments: readonly IssueComment[]): IssueComment[] {
  return comments.filter((c) => isSummaryComment(c.body) && c.user?.type === 'Bot');
}

/**
 * The comment is a convenience: the check run (already completed) carries the result. When GitHub
 * refuses the write for lack of permission, log it and keep the result instead of failing the review.
 */
async function publishComment(client: ReviewClient, facts: PullFacts, plan: CommentPlan, log: Logger): Promise<CommentAction> {
  try {
    return await writeComment(client, facts, plan, log);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (httpStatus(err) === 403 && /not accessible|permission/i.test(message)) {
      log.warn({ pullNumber: facts.pullNumber, err: message }, 'summary comment refused: the token cannot write issue comments (needs issues: write)');
      return 'refused';
    }
    throw err;
  }
}

async function writeComment(client: ReviewClient, facts: PullFacts, plan: CommentPlan, log: Logger): Promise<CommentAction> {
  // An older head finishing after a newer push must not overwrite the newer result.
  const pull = await client.getPull(facts.pullNumber);
  if (pull.head.sha !== facts.headSha) {
    log.info({ headSha: facts.headSha, currentHead: pull.head.sha }, 'pull request moved on; comment left to the newer review');
    return 'stale';
  }
  const [mine, ...duplicates] = ownComments(await client.listIssueComments(facts.pullNumber));
  for (const dup of duplicates) await client.deleteComment(dup.id);

  let target: string | null;
  if (!plan.clean || plan.onClean === 'keep') target = plan.body;
  else if (plan.onClean === 'shrink') target = mine ? plan.cleanBody : null;
  else target = null; // delete

  if (target === null) {
    if (mine && plan.onClean === 'delete' && plan.clean) {
      await client.deleteComment(mine.id);
      return 'deleted';
    }
    return 'none';
  }
  if (mine) {
    if (mine.body === target) return 'unchanged';
    await client.updateComment(mine.id, target);
    return 'updated';
  }
  if (!plan.createIfMissing) return 'none';
  await client.createComment(facts.pullNumber, target);
  return 'created';
}

/**
 * The PR's head when the local hint says a newer push was scheduled and GitHub confirms it; else
 * undefined (keep going). One GET, only when the hint fires.
 */
async function movedTo(client: ReviewClient, deps: ReviewDeps, facts: PullFacts): Promise<string | undefined> {
  if (!deps.superseded?.()) return undefined;
  const pull = await client.getPull(facts.pullNumber);
  return pull.head.sha !== facts.headSha ? pull.head.sha : undefined;
}

/** Review one pull request at one head SHA. Never throws once the check run exists: it completes it. */
export async function reviewPullRequest(deps: ReviewDeps, facts: PullFacts): Promise<ReviewOutcome> {
  const client = new ReviewClient(deps.octokit, { owner: facts.owner, repo: facts.repo }, deps.signal);
  const log = deps.log;
  const concurrency = deps.concurrency ?? 8;

  // Queued behind a newer push of the same PR: no run for a commit that is no longer the head (the
  // newer head's review reports); nothing is left in progress because nothing was created.
  const before = await movedTo(client, deps, facts);
  if (before) {
    log.info({ deliveryId: deps.deliveryId, headSha: facts.headSha, currentHead: before }, 'superseded by a newer push before it started; skipped');
    return { conclusion: 'cancelled', kind: 'superseded', comment: 'none', calls: client.calls };
  }

  const run = await client.createCheckRun(facts.headSha, CHECK_RUN_NAME);
  deps.onCheckRun?.(run.id, client);
  const checkRunUrl = run.html_url ?? undefined;
  try {
    // 1. Trusted configuration (base branch) and the engine built from it.
    let loaded;
    let engine: AppEngine;
    try {
      loaded = await loadConfig(client, deps.engine, facts.baseRef);
      engine = buildEngine(deps.engine, loaded.config, loaded.extraRuleFiles);
    } catch (err) {
      if (!(err instanceof ConfigLoadError) && !isUserFacingError(err)) throw err;
      const message = describeError(err);
      log.warn({ deliveryId: deps.deliveryId, message }, 'configuration refused');
      await completeCheckRun(client, run.id, 'failure', configErrorOutput(message, err instanceof ConfigLoadError ? err.source : undefined));
      return { conclusion: 'failure', kind: 'config-error', checkRunId: run.id, comment: 'none', calls: client.calls, error: message };
    }
    const config = loaded.config;

    // 2. The PR's files; the spec files among them.
    const { files, truncated: filesTruncated } = await client.listPullFiles(facts.pullNumber);
    const { specs, removed } = selectSpecFiles(files, (p) => engine.isSpecPath(p));
    const configEdited = files.some((f) => f.filename === CONFIG_PATH && f.status !== 'removed');
    const onClean = config.comment?.on_clean ?? 'shrink';

    if (specs.length === 0 && !configEdited) {
      await completeCheckRun(client, run.id, 'success', noSpecsOutput());
      const body = noSpecsComment({ headSha: facts.headSha, checkRunUrl });
      // A comment left by an earlier push must not keep showing findings that no longer apply.
      const comment = await publishComment(client, facts, { body, cleanBody: body, clean: true, createIfMissing: false, onClean }, log);
      return { conclusion: 'success', kind: 'no-specs', checkRunId: run.id, comment, calls: client.calls };
    }

    // 3. Index + contents at the head SHA, then the engine. The costly phase: skip it when a newer
    // push superseded this head, and complete the run as cancelled (never left in progress).
    const moved = await movedTo(client, deps, facts);
    if (moved) {
      await completeCheckRun(client, run.id, 'cancelled', supersededOutput(moved));
      log.info({ deliveryId: deps.deliveryId, headSha: facts.headSha, currentHead: moved }, 'superseded by a newer push; run cancelled');
      return { conclusion: 'cancelled', kind: 'superseded', checkRunId: run.id, comment: 'none', calls: client.calls };
    }
    const tree = await client.getTree(facts.headSha);
    const index: RepoIndex = { paths: tree.paths };
    const inputs = await fetchInputs(client, specs, facts.headSha, config.max_file_size, concurrency);
    const report = await engine.reviewAll(inputs, index);
    const failed = engine.failed(report);
    const conclusion = failed ? 'failure' : 'success';

    // 4. Dry run of a proposed config (never affects the conclusion).
    let dryRun: DryRun | undefined;
    if (configEdited) dryRun = await runDryRun(client, deps.engine, facts, files, index, concurrency);

    // 5. Check run, then the comment.
    const output = specs.length === 0
      ? noSpecsOutput()
      : reviewOutput(report, {
          failed,
          failOn: config.fail_on,
          minScore: config.min_score,
          configSource: loaded.source,
          indexTruncated: tree.truncated,
          filesTruncated,
          removed,
        });
    await completeCheckRun(client, run.id, conclusion, output, report);

    const types = engine.types().map((t) => t.name);
    const body = summaryComment(report, { headSha: facts.headSha, failed, checkRunUrl, types, dryRun });
    const cleanBody = allClearComment({ headSha: facts.headSha, files: report.files.length, checkRunUrl });
    const clean = isClean(report) && !failed && dryRun === undefined;
    const comment = await publishComment(client, facts, { body, cleanBody, clean, createIfMissing: specs.length > 0 || dryRun !== undefined, onClean }, log);
    // The one info line per review is the app's ("review complete", with duration); details at debug.
    log.debug?.({ deliveryId: deps.deliveryId, conclusion, files: report.files.length, calls: client.calls, comment }, 'review finished');
    return { conclusion, kind: 'reviewed', checkRunId: run.id, comment, calls: client.calls, report };
  } catch (err) {
    if (deps.signal?.aborted) {
      // The watchdog or the shutdown owns the run now; it completes it.
      const stopped = deps.signal.reason === 'interrupted' ? 'interrupted' : 'timeout';
      return { conclusion: 'failure', kind: 'could-not-complete', stopped, checkRunId: run.id, comment: 'none', calls: client.calls, error: `stopped: ${stopped}` };
    }
    const reason = describeError(err);
    log.error({ err, deliveryId: deps.deliveryId, checkRunId: run.id }, 'review could not complete');
    try {
      await client.failCheckRun(run.id, reason, deps.deliveryId);
    } catch (err2) {
      log.error({ err: err2, deliveryId: deps.deliveryId, checkRunId: run.id }, 'could not mark the check run as failed');
    }
    return { conclusion: 'failure', kind: 'could-not-complete', checkRunId: run.id, comment: 'none', calls: client.calls, error: reason };
  }
}

/** What the PR's own `.github/spec-review.yml` would report. Reads at the head SHA; result is advisory. */
async function runDryRun(
  client: ReviewClient,
  port: EnginePort,
  facts: PullFacts,
  files: readonly PullFile[],
  index: RepoIndex,
  concurrency: number,
): Promise<DryRun> {
  try {
    const proposed = await loadConfig(client, port, facts.headSha);
    const engine = buildEngine(port, proposed.config, proposed.extraRuleFiles);
    const { specs } = selectSpecFiles(files, (p) => engine.isSpecPath(p));
    const inputs = await fetchInputs(client, specs, facts.headSha, proposed.config.max_file_size, concurrency);
    const report = await engine.reviewAll(inputs, index);
    return { kind: 'report', report, failed: engine.failed(report) };
  } catch (err) {
    if (err instanceof ConfigLoadError || isUserFacingError(err)) return { kind: 'invalid', message: describeError(err) };
    throw err;
  }
}

/**
 * The worker side of the app: what a queued job does, whichever queue delivered it (embedded or
 * BullMQ). A review job runs the pipeline of review.ts under a watchdog: a review still running after
 * `reviewTimeoutMs` (on the injected clock) is aborted and its run completed as timed out; `stopAll`
 * (SIGTERM, a deploy) completes running runs as interrupted. Comment jobs write the summary comment;
 * command jobs run `/spec` commands. Metrics and the one "review complete" log line live here.
 */
import { couldNotCompleteOutput } from '../report/check-run.js';
import type { BlobCache } from './blob-cache.js';
import { systemClock, type Clock } from './clock.js';
import { ReviewClient, type Octokit } from './client.js';
import { commandsOf, runCommands, utcDate, type CommandsOutcome } from './commands/index.js';
import { publishComment, type CommentAction, type CommentIdentity, type CommentPlan } from './comments.js';
import type { EngineRunner } from './engine-runner.js';
import type { EnginePort } from './engine-port.js';
import type { Metrics } from './metrics.js';
import type { ImpactLimits } from './impact.js';
import { pullKey, type CommandsJob, type CommentJob, type EnqueueOptions, type EnqueueResult, type ReviewJob } from './queue/jobs.js';
import { CheckRunHandle, reviewPullRequest, type Logger, type PullFacts, type ReviewOutcome } from './review.js';

/** A review running longer than this is stopped and its run completed as timed out. */
export const DEFAULT_REVIEW_TIMEOUT_MS = 10 * 60 * 1000;

export interface ProcessorDeps {
  /** The installation's Octokit (the Action: the workflow token's). */
  auth(installationId?: number): Promise<Octokit>;
  loadEngine(): Promise<EnginePort>;
  /** The engine runner for an engine port (worker threads for the built-in engine). */
  runner?: (port: EnginePort) => EngineRunner | undefined;
  blobs?: BlobCache;
  /** The spec graph's facts by blob and base results by tree (impact.ts). */
  graphCache?: BlobCache;
  /** Reads per review for the impact section. */
  impactLimits?: Partial<ImpactLimits>;
  identity: CommentIdentity;
  /** Hand a comment to the comment queue (default: write it at once). */
  comments?: (job: CommentJob) => Promise<CommentAction>;
  /** The newest head scheduled for a PR (the "superseded" hint). */
  latestHead(key: string): Promise<string | undefined>;
  /** Enqueue a review (`/spec recheck`). */
  enqueue(job: ReviewJob, options: EnqueueOptions): Promise<EnqueueResult>;
  metrics: Metrics;
  log: Logger;
  clock?: Clock;
  reviewTimeoutMs?: number;
  quickMs?: number;
  concurrency?: number;
  /** The Action's workflow identity (hidden line of its comment). */
  workflow?: string;
  now?: () => Date;
  docsUrl?: string;
  onReviewed?: (outcome: ReviewOutcome, facts: PullFacts) => void;
  onCommands?: (outcome: CommandsOutcome) => void;
}

interface ActiveReview {
  stop(why: 'timeout' | 'interrupted'): Promise<void>;
}

function childLog(log: Logger, bindings: Record<string, unknown>): Logger {
  const withChild = log as Logger & { child?: (b: Record<string, unknown>) => Logger };
  return typeof withChild.child === 'function' ? withChild.child(bindings) : log;
}

export class Processor {
  private readonly active = new Set<ActiveReview>();
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(private readonly deps: ProcessorDeps) {
    this.clock = deps.clock ?? systemClock;
    this.timeoutMs = deps.reviewTimeoutMs ?? DEFAULT_REVIEW_TIMEOUT_MS;
  }

  /** Reviews running now. */
  get running(): number {
    return this.active.size;
  }

  /**
   * A review job: the PR (or the open PRs whose head is the commit), one after another. `onCheckRun`:
   * called once a run exists (a replica stores its id in the job, so a retry completes that run).
   */
  async review(job: ReviewJob, hooks: { onCheckRun?: (checkRunId: number) => void | Promise<void>; externalId?: string; retry?: boolean } = {}): Promise<void> {
    const log = childLog(this.deps.log, { deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, headSha: job.headSha });
    let octokit: Octokit;
    try {
      octokit = await this.deps.auth(job.installationId);
    } catch (err) {
      this.deps.metrics.failures.inc({ kind: 'startup' });
      log.error({ err }, 'could not authenticate as the installation; review not started');
      return;
    }
    let pulls: { number: number; baseRef: string; baseSha?: string }[];
    if (job.pullNumber !== undefined && job.baseRef !== undefined) pulls = [{ number: job.pullNumber, baseRef: job.baseRef, ...(job.baseSha ? { baseSha: job.baseSha } : {}) }];
    else {
      try {
        const found = await new ReviewClient(octokit, { owner: job.owner, repo: job.repo }).listPullsForCommit(job.headSha);
        pulls = found
          .filter((p) => p.state === 'open' && p.head.sha === job.headSha)
          .map((p) => ({ number: p.number, baseRef: p.base.ref, ...(typeof p.base.sha === 'string' ? { baseSha: p.base.sha } : {}) }));
      } catch (err) {
        log.error({ err }, 'could not find the pull requests of this commit');
        return;
      }
      if (pulls.length === 0) log.debug?.({}, 'no open pull request for this commit; nothing to review');
    }
    for (const pr of pulls) {
      const facts: PullFacts = { owner: job.owner, repo: job.repo, pullNumber: pr.number, headSha: job.headSha, baseRef: pr.baseRef, ...(pr.baseSha ? { baseSha: pr.baseSha } : {}) };
      await this.reviewOne(job, facts, octokit, childLog(log, { pull: pr.number }), hooks);
    }
  }

  /**
   * A review job the queue gave up on (with Redis: its process died more than BullMQ's stall limit
   * allows): its run — found by id or external id, else created — is completed as could-not-complete,
   * so a required check never waits on it for good.
   */
  async abandon(job: ReviewJob, reason: string, externalId?: string): Promise<void> {
    const log = childLog(this.deps.log, { deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, headSha: job.headSha });
    try {
      const octokit = await this.deps.auth(job.installationId);
      const client = new ReviewClient(octokit, { owner: job.owner, repo: job.repo });
      const external = externalId && job.pullNumber !== undefined ? `${externalId}#${job.pullNumber}` : undefined;
      const handle = new CheckRunHandle(client, job.headSha, job.checkRunId, undefined, external);
      await handle.adopt();
      await handle.fail(reason, job.deliveryId);
      this.deps.metrics.failures.inc({ kind: 'abandoned' });
      log.error({ checkRunId: handle.id }, `review abandoned: ${reason}`);
    } catch (err) {
      log.error({ err, checkRunId: job.checkRunId }, 'could not complete the run of an abandoned review');
    }
  }

  private async reviewOne(
    job: ReviewJob,
    facts: PullFacts,
    octokit: Octokit,
    log: Logger,
    hooks: { onCheckRun?: (checkRunId: number) => void | Promise<void>; externalId?: string; retry?: boolean },
  ): Promise<void> {
    const deps = this.deps;
    const controller = new AbortController();
    const key = pullKey(facts.owner, facts.repo, facts.pullNumber);
    let engine: EnginePort;
    try {
      engine = await deps.loadEngine();
    } catch (err) {
      deps.metrics.failures.inc({ kind: 'startup' });
      log.error({ err }, 'the engine could not load; review not started');
      return;
    }
    // The run's writes are not aborted with the review's reads: a stop waits for the write in flight
    // and completes the run it created (never an orphan left in progress).
    const runClient = new ReviewClient(octokit, { owner: facts.owner, repo: facts.repo });
    const externalId = hooks.externalId ? `${hooks.externalId}#${facts.pullNumber}` : undefined;
    const handle = new CheckRunHandle(runClient, facts.headSha, job.checkRunId, (id) => hooks.onCheckRun?.(id), externalId);
    if (hooks.retry) {
      try {
        await handle.adopt();
      } catch (err) {
        log.warn({ err }, 'could not look for the run of the previous attempt');
      }
    }
    let finished = false;
    let stoppedOutcome: ReviewOutcome | undefined;
    let release!: () => void;
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const timeoutMs = this.timeoutMs;
    const entry: ActiveReview = {
      async stop(why) {
        if (finished || controller.signal.aborted) return;
        controller.abort(why);
        const minutes = Math.round(timeoutMs / 60000);
        const reason = why === 'timeout' ? `the review timed out after ${minutes >= 1 ? `${minutes} min` : `${timeoutMs} ms`}` : 'the app was restarting (interrupted)';
        log.error({ checkRunId: handle.id, stopped: why }, `review stopped: ${reason}`);
        await handle.settled();
        try {
          await handle.complete('failure', couldNotCompleteOutput(reason, job.deliveryId));
        } catch (err) {
          log.error({ err, checkRunId: handle.id }, 'could not complete the stopped check run');
        }
        stoppedOutcome = { conclusion: 'failure', kind: 'could-not-complete', stopped: why, checkRunId: handle.id, comment: 'none', calls: 0, error: reason };
        release();
      },
    };
    this.active.add(entry);
    const timer = this.clock.setTimeout(() => void entry.stop('timeout'), timeoutMs);
    try {
      const work = reviewPullRequest(
        {
          octokit,
          engine,
          log,
          deliveryId: job.deliveryId,
          identity: deps.identity,
          comments: deps.comments
            ? (plan: CommentPlan) => deps.comments!({ kind: 'comment', installationId: job.installationId, deliveryId: job.deliveryId, plan, identity: deps.identity })
            : undefined,
          runner: deps.runner?.(engine),
          blobs: deps.blobs,
          graphCache: deps.graphCache,
          impactLimits: deps.impactLimits,
          now: deps.now,
          concurrency: deps.concurrency,
          signal: controller.signal,
          superseded: async () => {
            const latest = await deps.latestHead(key);
            return latest !== undefined && latest !== facts.headSha;
          },
          clock: this.clock,
          quickMs: deps.quickMs,
          workflow: deps.workflow,
        },
        facts,
        handle,
      );
      work.catch(() => undefined); // a stopped review may still fail while unwinding
      const outcome = await Promise.race([work, stopped.then(() => undefined)]);
      finished = true;
      const result = outcome ?? stoppedOutcome!;
      const seconds = Math.max(0, (Date.now() - job.receivedAt) / 1000);
      deps.metrics.reviewed(result, seconds);
      log.info(
        {
          deliveryId: job.deliveryId,
          repo: `${facts.owner}/${facts.repo}`,
          pull: facts.pullNumber,
          headSha: facts.headSha,
          trigger: job.trigger,
          kind: result.kind,
          conclusion: result.conclusion,
          files: result.report?.files.length ?? 0,
          findings: result.report ? result.report.summary.errors + result.report.summary.warnings + result.report.summary.notices + (result.impact?.findings.length ?? 0) : 0,
          calls: result.calls,
          comment: result.comment,
          durationMs: Math.round(seconds * 1000),
          ...(result.stopped ? { stopped: result.stopped } : {}),
          ...(result.budget ? { budget: result.budget } : {}),
          ...(result.impact
            ? {
                impact: {
                  findings: result.impact.findings.length,
                  notExamined: result.impact.coverage.notExamined,
                  graphReads: result.impact.reads.graph,
                  baseReads: result.impact.reads.base,
                  queries: result.impact.reads.queries,
                  ...(result.impact.error ? { error: result.impact.error } : {}),
                },
              }
            : {}),
        },
        'review complete',
      );
      deps.onReviewed?.(result, facts);
    } finally {
      timer.cancel();
      this.active.delete(entry);
    }
  }

  /** A comment job: write the plan (the PR must still be at the plan's head). */
  async comment(job: CommentJob): Promise<CommentAction> {
    const log = childLog(this.deps.log, { deliveryId: job.deliveryId, repo: `${job.plan.owner}/${job.plan.repo}`, pull: job.plan.pullNumber });
    const octokit = await this.deps.auth(job.installationId);
    const client = new ReviewClient(octokit, { owner: job.plan.owner, repo: job.plan.repo });
    try {
      const action = await publishComment(client, job.plan, job.identity, log);
      log.debug?.({ action, calls: client.calls }, 'summary comment written');
      return action;
    } catch (err) {
      log.error({ err }, 'could not write the summary comment');
      throw err;
    }
  }

  /** A commands job: the `/spec` commands of one comment. */
  async commands(job: CommandsJob): Promise<void> {
    const deps = this.deps;
    const log = childLog(deps.log, { deliveryId: job.deliveryId });
    const commands = commandsOf(job.payload);
    if (commands.length === 0) return;
    try {
      const [octokit, engine] = await Promise.all([deps.auth(job.installationId), deps.loadEngine()]);
      const outcome = await runCommands(
        {
          octokit,
          engine,
          log,
          deliveryId: job.deliveryId,
          today: utcDate(deps.now?.() ?? new Date()),
          docsUrl: deps.docsUrl,
          review: (facts) =>
            void deps
              .enqueue(
                { kind: 'review', installationId: job.installationId, ...facts, trigger: '/spec recheck', deliveryId: job.deliveryId, receivedAt: Date.now() },
                { auto: false, newHead: true },
              )
              .catch((err: unknown) => log.error({ err }, 'could not enqueue the recheck')),
        },
        job.payload,
        commands,
      );
      deps.onCommands?.(outcome);
    } catch (err) {
      log.error({ err }, 'commands failed');
    }
  }

  /** Stop every running review and complete its run (`interrupted` for a shutdown). */
  async stopAll(why: 'timeout' | 'interrupted'): Promise<void> {
    await Promise.allSettled([...this.active].map((a) => a.stop(why)));
  }
}

/**
 * The Probot app: routes events to the job queue, nothing else. A handler filters (events, actions,
 * closed PRs, other apps' check runs, bots' comments and comments without a command), deduplicates
 * (redeliveries; the two automatic triggers of one push) and enqueues a job; it makes no GitHub call
 * and does no review work, so the webhook is answered at once. The queue (src/github/queue/: in
 * process by default, BullMQ on Redis for replicas) runs the jobs (processor.ts).
 *
 * Triggers: pull_request opened/synchronize/reopened/ready_for_review, check_suite
 * requested/rerequested, check_run rerequested (for the "Spec Review" run only), issue_comment
 * created (the `/spec` commands).
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import { CHECK_RUN_NAME } from '../report/check-run.js';
import type { BlobCache } from './blob-cache.js';
import type { Clock } from './clock.js';
import type { Octokit } from './client.js';
import { commandsOf, type CommandsOutcome, type CommentPayload } from './commands/index.js';
import type { CommentAction, CommentIdentity } from './comments.js';
import { inThreadRunner, type EngineRunner } from './engine-runner.js';
import { loadDefaultEngine, type EnginePort } from './engine-port.js';
import type { ImpactLimits } from './impact.js';
import { defaultMetrics, type Metrics } from './metrics.js';
import { DEFAULT_REVIEW_TIMEOUT_MS } from './processor.js';
import { EmbeddedQueue, DEFAULT_INSTALLATION_CONCURRENCY, type EmbeddedOptions } from './queue/embedded.js';
import type { CommentJob, EnqueueOptions, Job, JobQueue } from './queue/jobs.js';
import type { Logger, PullFacts, ReviewOutcome } from './review.js';
import { WorkerPool, defaultWorkerScript } from './worker-pool.js';

export { DEFAULT_INSTALLATION_CONCURRENCY, DEFAULT_REVIEW_TIMEOUT_MS };

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;
export const CHECK_EVENTS = ['check_suite.requested', 'check_suite.rerequested', 'check_run.rerequested'] as const;

/** What a queue needs to run jobs: the processor's dependencies (src/github/processor.ts) and its limits. */
export type QueueDeps = EmbeddedOptions;

/** A queue the app can route to: it deduplicates deliveries too. */
export interface RoutedQueue extends JobQueue {
  claimDelivery(deliveryId: string): Promise<boolean>;
}

export interface AppOptions {
  /** The engine; defaults to src/engine/ with the built-in rules. Tests inject a fake. */
  loadEngine?: () => Promise<EnginePort>;
  /** This GitHub App's id (default: APP_ID): only comments it wrote are edited or deleted. */
  appId?: number;
  /** Who writes the comment, when not this App (the Action: its workflow). */
  identity?: CommentIdentity;
  /** Delivery ids remembered to ignore redeliveries. */
  deliveryCacheSize?: number;
  /** Called after every review (tests, the Action). */
  onReviewed?: (outcome: ReviewOutcome, facts: PullFacts) => void;
  /** Called after a summary comment was written (tests). */
  onComment?: (action: CommentAction, job: CommentJob) => void;
  /** Parallel content downloads per review. */
  concurrency?: number;
  /** Called after the commands of a comment ran (tests, the Action). */
  onCommands?: (outcome: CommandsOutcome) => void;
  /** The clock for scaffolded specs' dates (tests pin it). */
  now?: () => Date;
  /** The docs link of `/spec help`. */
  docsUrl?: string;
  /** Prometheus metrics (default: the server's `defaultMetrics`). */
  metrics?: Metrics;
  /** Reviews of one installation running at once; the rest wait in a queue. */
  perInstallationConcurrency?: number;
  /** Watchdog: a review running longer is stopped and its check run completed as timed out. */
  reviewTimeoutMs?: number;
  /** Timers of watchdogs and budgets (tests pass a ManualClock). */
  clock?: Clock;
  /** A review running longer than this shows its run in progress; quicker ones are one write. */
  quickMs?: number;
  /** Where the engine runs (default: worker threads for the built-in engine, else this thread). */
  runner?: EngineRunner;
  /** Spec contents by blob SHA (default: in memory, 64 MB). */
  blobs?: BlobCache;
  /** The spec graph's facts by blob and base results by tree (default: in memory, 32 MB; Redis with replicas). */
  graphCache?: BlobCache;
  /** Reads per review for the impact section (default: impact.ts's limits). */
  impactLimits?: Partial<ImpactLimits>;
  /** The queue (default: the embedded one; index.ts passes BullMQ's with REDIS_URL). */
  queue?: (deps: QueueDeps) => RoutedQueue;
  /** The Action's workflow identity. */
  workflow?: string;
  /** Comments written inside the review (the behaviour before the comment queue; bench/app.js compares). */
  inlineComments?: boolean;
  /** The embedded queue's journal directory: review jobs survive a hard kill or a restart (queue/journal.ts). */
  journalDir?: string;
}

export type SpecReviewApp = ApplicationFunction & {
  /** Resolves when every job enqueued so far has finished (tests, the Action). */
  idle(): Promise<void>;
  /** Stop: running reviews complete their runs as interrupted; new events start nothing. */
  shutdown(): Promise<void>;
  /** The queue, once the app is loaded. */
  queue(): RoutedQueue | undefined;
};

interface PullRef {
  number: number;
  head: { sha: string };
  base: { ref: string; sha?: string };
}

interface RepoPayload {
  repository: { name: string; owner: { login: string } };
  installation?: { id?: number };
}

/** `{ baseSha }` when the event names the base commit. */
function baseShaOf(pr: PullRef): { baseSha?: string } {
  return typeof pr.base.sha === 'string' && /^[0-9a-f]{40,64}$/i.test(pr.base.sha) ? { baseSha: pr.base.sha } : {};
}

/** The default engine runner: worker threads when the built-in engine runs from the build. */
function defaultRunner(options: AppOptions): (port: EnginePort) => EngineRunner | undefined {
  if (options.runner) return () => options.runner;
  if (options.loadEngine) return () => inThreadRunner();
  let pool: WorkerPool | undefined;
  return () => {
    if (!defaultWorkerScript()) return inThreadRunner();
    pool ??= new WorkerPool({ clock: options.clock });
    return pool;
  };
}

/** Create the app with injected dependencies. The default export uses the real engine. */
export function createApp(options: AppOptions = {}): SpecReviewApp {
  const metrics = options.metrics ?? defaultMetrics;
  let queue: RoutedQueue | undefined;
  let shuttingDown = false;

  function identity(): CommentIdentity {
    if (options.identity) return options.identity;
    const appId = options.appId ?? Number(process.env.APP_ID);
    if (!Number.isInteger(appId) || appId <= 0) throw new Error('the app id is unknown (set APP_ID): it is how the app recognises its own comments');
    return { kind: 'app', appId };
  }

  function queueDeps(deps: { auth: (installationId?: number) => Promise<Octokit>; log: Logger }): QueueDeps {
    return {
      auth: deps.auth,
      log: deps.log,
      loadEngine: options.loadEngine ?? loadDefaultEngine,
      runner: defaultRunner(options),
      blobs: options.blobs,
      graphCache: options.graphCache,
      impactLimits: options.impactLimits,
      identity: identity(),
      metrics,
      clock: options.clock,
      reviewTimeoutMs: options.reviewTimeoutMs,
      quickMs: options.quickMs,
      concurrency: options.concurrency,
      workflow: options.workflow,
      now: options.now,
      docsUrl: options.docsUrl,
      onReviewed: options.onReviewed,
      onCommands: options.onCommands,
      onComment: options.onComment,
      perInstallationConcurrency: options.perInstallationConcurrency,
      deliveryCacheSize: options.deliveryCacheSize,
      inlineComments: options.inlineComments,
      journalDir: options.journalDir,
    };
  }

  const appFn = (probot: Probot): void => {
    const log = probot.log as unknown as Logger;
    const auth = async (installationId?: number) => (await probot.auth(installationId)) as unknown as Octokit;
    queue = (options.queue ?? ((d: QueueDeps) => new EmbeddedQueue(d)))(queueDeps({ auth, log }));
    const q = queue;

    // A handler that throws is answered 500 by @octokit/webhooks and logged by Probot; the server
    // keeps serving. Counted so an alert can see it.
    probot.onError(() => {
      metrics.failures.inc({ kind: 'handler' });
    });

    async function firstDelivery(context: Context): Promise<boolean> {
      if (shuttingDown) {
        context.log.warn({ deliveryId: context.id }, 'shutting down; event not handled (press Re-run)');
        return false;
      }
      if (await q.claimDelivery(context.id)) return true;
      metrics.ignored.inc({ reason: 'redelivery' });
      context.log.info({ deliveryId: context.id }, 'redelivered webhook ignored');
      return false;
    }

    async function enqueue(context: Context, job: Job, opts: EnqueueOptions): Promise<void> {
      const result = await q.enqueue(job, opts);
      if (result === 'duplicate-trigger') {
        metrics.ignored.inc({ reason: 'duplicate-trigger' });
        context.log.info({ deliveryId: context.id, headSha: job.kind === 'review' ? job.headSha : undefined }, 'already reviewing this head; skipped');
      }
    }

    const repoOf = (p: RepoPayload) => ({ owner: p.repository.owner.login, repo: p.repository.name, installationId: p.installation?.id });

    probot.on([...PULL_REQUEST_EVENTS], async (context) => {
      if (!(await firstDelivery(context))) return;
      const payload = context.payload as unknown as RepoPayload & { action: string; pull_request: PullRef & { state?: string } };
      const pr = payload.pull_request;
      if (pr.state === 'closed') return;
      const auto = payload.action === 'opened' || payload.action === 'synchronize';
      await enqueue(
        context,
        { kind: 'review', ...repoOf(payload), pullNumber: pr.number, headSha: pr.head.sha, baseRef: pr.base.ref, ...baseShaOf(pr), trigger: `pull_request.${payload.action}`, deliveryId: context.id, receivedAt: Date.now() },
        { auto, newHead: true },
      );
    });

    probot.on([...CHECK_EVENTS], async (context) => {
      if (!(await firstDelivery(context))) return;
      const payload = context.payload as unknown as RepoPayload & {
        action: string;
        check_suite?: { head_sha: string; pull_requests: PullRef[] };
        check_run?: { name: string; head_sha: string; pull_requests: PullRef[] };
      };
      const rerun = payload.action === 'rerequested';
      let sha: string;
      let prs: PullRef[];
      if (context.name === 'check_run') {
        const run = payload.check_run!;
        if (run.name !== CHECK_RUN_NAME) return; // another app's run
        sha = run.head_sha;
        prs = run.pull_requests ?? [];
      } else {
        sha = payload.check_suite!.head_sha;
        prs = payload.check_suite!.pull_requests ?? [];
      }
      const base = { kind: 'review' as const, ...repoOf(payload), headSha: sha, trigger: `${context.name}.${payload.action}`, deliveryId: context.id, receivedAt: Date.now() };
      if (prs.length === 0) {
        // Forks: the payload lists no PR. A re-run asks GitHub for the PRs of the commit (in the job).
        if (rerun) await enqueue(context, base, { auto: false, newHead: false });
        return;
      }
      for (const pr of prs) await enqueue(context, { ...base, pullNumber: pr.number, baseRef: pr.base.ref, ...baseShaOf(pr) }, { auto: !rerun, newHead: !rerun });
    });

    // Only `created`: edited and deleted comments never run commands.
    probot.on('issue_comment.created', async (context) => {
      const payload = context.payload as unknown as CommentPayload & RepoPayload;
      if (commandsOf(payload).length === 0) return; // bots and comments without commands: nothing at all
      if (!(await firstDelivery(context))) return;
      const { action, comment, issue, repository } = payload;
      await enqueue(
        context,
        {
          kind: 'commands',
          installationId: payload.installation?.id,
          deliveryId: context.id,
          receivedAt: Date.now(),
          payload: {
            action,
            comment: { id: comment.id, body: comment.body, user: comment.user ? { login: comment.user.login, type: comment.user.type } : null },
            issue: { number: issue.number, pull_request: issue.pull_request ? {} : undefined, state: issue.state },
            repository: { name: repository.name, owner: { login: repository.owner.login }, html_url: repository.html_url },
          },
        },
        {},
      );
    });
  };

  return Object.assign(appFn, {
    idle: async () => {
      await queue?.idle();
    },
    shutdown: async () => {
      shuttingDown = true;
      await queue?.shutdown();
    },
    queue: () => queue,
  });
}

/** The app as Probot loads it (`probot run ./dist/github/app.js`), with the real engine. */
const specReviewApp: SpecReviewApp = createApp();
export default specReviewApp;

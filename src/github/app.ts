/**
 * The Probot app: routes events to reviews, nothing else. The review itself (src/github/review.ts)
 * runs in the background so the webhook is answered at once (GitHub gives up after 10 s, and Probot
 * answers only when handlers return). Reviews of the same pull request run one after another, so two
 * events for one push cannot race to create two comments.
 *
 * Load: reviews of one PR run one after another (a queue per PR); a review waiting behind a newer
 * push of its PR is skipped or cancelled (review.ts checks before its costly phase, GitHub confirms);
 * at most `perInstallationConcurrency` reviews of one installation run at once (src/github/scheduler.ts),
 * so a busy repository cannot starve the others. A watchdog completes a run that takes longer than
 * `reviewTimeoutMs` ("timed out"), and `shutdown()` completes the running ones ("interrupted"), so no
 * check run is left in progress by a hang or a deploy.
 *
 * Triggers: pull_request opened/synchronize/reopened/ready_for_review, check_suite
 * requested/rerequested, check_run rerequested (for the "Spec Review" run only). `issue_comment.created`
 * runs the `/spec` commands (src/github/commands.ts); `/spec recheck` goes through the same scheduler.
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import { CHECK_RUN_NAME } from '../report/check-run.js';
import { ReviewClient } from './client.js';
import { loadDefaultEngine, type EnginePort } from './engine-port.js';
import { commandsOf, runCommands, utcDate, type CommandsOutcome, type CommentPayload } from './commands.js';
import { BoundedSet } from './lru.js';
import { defaultMetrics, type Metrics } from './metrics.js';
import { reviewPullRequest, type Logger, type PullFacts, type ReviewOutcome } from './review.js';
import { InstallationLimiter } from './scheduler.js';

/** Reviews of one installation running at once by default. */
export const DEFAULT_INSTALLATION_CONCURRENCY = 4;
/** A review running longer than this is stopped and its run completed as timed out. */
export const DEFAULT_REVIEW_TIMEOUT_MS = 10 * 60 * 1000;

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;
export const CHECK_EVENTS = ['check_suite.requested', 'check_suite.rerequested', 'check_run.rerequested'] as const;

export interface AppOptions {
  /** The engine; defaults to src/engine/ with the built-in rules. Tests inject a fake. */
  loadEngine?: () => Promise<EnginePort>;
  /** Delivery ids remembered to ignore redeliveries. */
  deliveryCacheSize?: number;
  /** Called after every review (tests, metrics). */
  onReviewed?: (outcome: ReviewOutcome, facts: PullFacts) => void;
  /** Parallel content downloads per review. */
  concurrency?: number;
  /** Called after the commands of a comment ran (tests, metrics). */
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
}

export type SpecReviewApp = ApplicationFunction & {
  /** Resolves when every review started so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
  /**
   * Stop every running review and complete its check run as interrupted ("press Re-run"); queued
   * reviews are dropped. For SIGTERM: a deploy never leaves a run in progress.
   */
  shutdown(): Promise<void>;
};

/** A review in progress, as the watchdog and shutdown see it. */
interface ActiveReview {
  stop(why: 'timeout' | 'interrupted'): Promise<void>;
}

interface PullRef {
  number: number;
  head: { sha: string };
  base: { ref: string };
}

interface RepoPayload {
  repository: { name: string; owner: { login: string } };
}

/** Create the app with injected dependencies. The default export uses the real engine. */
export function createApp(options: AppOptions = {}): SpecReviewApp {
  const loadEngine = options.loadEngine ?? loadDefaultEngine;
  const deliveries = new BoundedSet(options.deliveryCacheSize ?? 1000);
  // Automatic triggers for one push arrive twice (pull_request.synchronize and check_suite.requested):
  // the first one reviews, the second is skipped. Re-runs and reopen/ready events always review.
  const autoReviewed = new BoundedSet(2000);
  const running = new Set<Promise<void>>();
  const queues = new Map<string, Promise<void>>();
  const metrics = options.metrics ?? defaultMetrics;
  const limiter = new InstallationLimiter(options.perInstallationConcurrency ?? DEFAULT_INSTALLATION_CONCURRENCY, (run, wait) => {
    metrics.inFlight.set(run);
    metrics.queued.set(wait);
  });
  const timeoutMs = options.reviewTimeoutMs ?? DEFAULT_REVIEW_TIMEOUT_MS;
  /** The newest head scheduled per PR (from events that say what the head is now, not re-runs). */
  const latestHead = new Map<string, string>();
  const active = new Set<ActiveReview>();
  let shuttingDown = false;

  function schedule(key: string, task: () => Promise<void>): void {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    queues.set(key, next);
    const tracked = next.finally(() => {
      running.delete(tracked);
      if (queues.get(key) === next) {
        queues.delete(key);
        latestHead.delete(key);
      }
    });
    running.add(tracked);
  }

  function childLog(log: Logger, bindings: Record<string, unknown>): Logger {
    const withChild = log as Logger & { child?: (b: Record<string, unknown>) => Logger };
    return typeof withChild.child === 'function' ? withChild.child(bindings) : log;
  }

  /**
   * One review with its watchdog. Resolves when the review finished or was stopped (then at once:
   * the installation slot is freed without waiting for the aborted calls to unwind).
   */
  async function runReview(context: Context, log: Logger, facts: PullFacts, key: string, started: number): Promise<void> {
    const controller = new AbortController();
    let checkRun: { id: number; client: ReviewClient } | undefined;
    let finished = false;
    let stoppedOutcome: ReviewOutcome | undefined;
    let release!: () => void;
    const stopped = new Promise<void>((resolve) => (release = resolve));

    const entry: ActiveReview = {
      async stop(why) {
        if (finished || controller.signal.aborted) return;
        controller.abort(why);
        const minutes = Math.round(timeoutMs / 60000);
        const reason = why === 'timeout' ? `the review timed out after ${minutes >= 1 ? `${minutes} min` : `${timeoutMs} ms`}` : 'the app was restarting (interrupted)';
        log.error({ deliveryId: context.id, checkRunId: checkRun?.id, stopped: why }, `review stopped: ${reason}`);
        if (checkRun) {
          // A fresh client: the review's own one refuses every call once aborted.
          const client = new ReviewClient(checkRun.client.octokit, checkRun.client.repo);
          try {
            await client.failCheckRun(checkRun.id, reason, context.id);
          } catch (err) {
            log.error({ err, deliveryId: context.id, checkRunId: checkRun.id }, 'could not complete the stopped check run');
          }
        }
        stoppedOutcome = { conclusion: 'failure', kind: 'could-not-complete', stopped: why, checkRunId: checkRun?.id, comment: 'none', calls: 0, error: reason };
        release();
      },
    };
    active.add(entry);
    const timer = setTimeout(() => void entry.stop('timeout'), timeoutMs);
    timer.unref?.();
    try {
      const work = (async () => {
        const engine = await loadEngine();
        return reviewPullRequest(
          {
            octokit: context.octokit,
            engine,
            log,
            deliveryId: context.id,
            concurrency: options.concurrency,
            signal: controller.signal,
            superseded: () => {
              const latest = latestHead.get(key);
              return latest !== undefined && latest !== facts.headSha;
            },
            onCheckRun: (id, client) => (checkRun = { id, client }),
          },
          facts,
        );
      })();
      work.catch(() => undefined); // a stopped review may still fail while unwinding
      const outcome = await Promise.race([work, stopped.then(() => undefined)]);
      finished = true;
      const result = outcome ?? stoppedOutcome!;
      const seconds = (Date.now() - started) / 1000;
      metrics.reviewed(result, seconds);
      log.info(
        {
          deliveryId: context.id,
          repo: `${facts.owner}/${facts.repo}`,
          pull: facts.pullNumber,
          headSha: facts.headSha,
          kind: result.kind,
          conclusion: result.conclusion,
          files: result.report?.files.length ?? 0,
          findings: result.report ? result.report.summary.errors + result.report.summary.warnings + result.report.summary.notices : 0,
          calls: result.calls,
          comment: result.comment,
          durationMs: Math.round(seconds * 1000),
          ...(result.stopped ? { stopped: result.stopped } : {}),
        },
        'review complete',
      );
      options.onReviewed?.(result, facts);
    } catch (err) {
      finished = true;
      // Only reachable when the check run could not even be created (or the engine failed to load).
      metrics.failures.inc({ kind: 'startup' });
      log.error({ err, deliveryId: context.id, pull: key, headSha: facts.headSha }, 'review failed before a check run existed');
    } finally {
      clearTimeout(timer);
      active.delete(entry);
    }
  }

  /**
   * Schedule a review. `auto`: an automatic trigger (skipped when this head is already reviewed).
   * `newHead`: the event says this SHA is the PR's head now (not a re-run of an older commit).
   */
  function start(context: Context, log: Logger, facts: PullFacts, auto: boolean, newHead = true): void {
    const key = `${facts.owner}/${facts.repo}#${facts.pullNumber}`;
    const started = Date.now();
    if (shuttingDown) {
      log.warn({ deliveryId: context.id, pull: key, headSha: facts.headSha }, 'shutting down; review not started (press Re-run)');
      return;
    }
    if (auto && !autoReviewed.add(`${key}@${facts.headSha}`)) {
      metrics.ignored.inc({ reason: 'duplicate-trigger' });
      log.info({ deliveryId: context.id, pull: key, headSha: facts.headSha }, 'already reviewing this head; skipped');
      return;
    }
    if (newHead) latestHead.set(key, facts.headSha);
    const installation = String((context.payload as { installation?: { id?: number } }).installation?.id ?? `${facts.owner}`);
    const reviewLog = childLog(log, { deliveryId: context.id, repo: `${facts.owner}/${facts.repo}`, pull: facts.pullNumber, headSha: facts.headSha });
    schedule(key, () => (shuttingDown ? Promise.resolve() : limiter.run(installation, () => runReview(context, reviewLog, facts, key, started))));
  }

  function firstDelivery(context: Context): boolean {
    if (deliveries.add(context.id)) return true;
    metrics.ignored.inc({ reason: 'redelivery' });
    context.log.info({ deliveryId: context.id }, 'redelivered webhook ignored');
    return false;
  }

  function repoOf(payload: RepoPayload): { owner: string; repo: string } {
    return { owner: payload.repository.owner.login, repo: payload.repository.name };
  }

  /** PRs of a check suite/run; when the payload lists none (forks), ask GitHub — for re-runs only. */
  async function pullsFor(context: Context, prs: readonly PullRef[], sha: string, lookup: boolean): Promise<PullRef[]> {
    if (prs.length > 0 || !lookup) return [...prs];
    const client = new ReviewClient(context.octokit, repoOf(context.payload as unknown as RepoPayload));
    const found = await client.listPullsForCommit(sha);
    return found.filter((p) => p.state === 'open' && p.head.sha === sha);
  }

  const appFn = (probot: Probot): void => {
    // A handler that throws is answered 500 by @octokit/webhooks and logged by Probot; the server
    // keeps serving. Count it so an alert can see it.
    // A refused signature arrives here too (its `event` is the verification error): counted apart,
    // a rising rate means a wrong WEBHOOK_SECRET or someone posting forged deliveries.
    probot.onError((error) => {
      const event = (error as { event?: unknown }).event;
      metrics.failures.inc({ kind: event instanceof Error || event === undefined ? 'signature' : 'handler' });
    });

    probot.on([...PULL_REQUEST_EVENTS], async (context) => {
      if (!firstDelivery(context)) return;
      const payload = context.payload as unknown as RepoPayload & { action: string; pull_request: PullRef & { state?: string } };
      const pr = payload.pull_request;
      if (pr.state === 'closed') return;
      const auto = payload.action === 'opened' || payload.action === 'synchronize';
      start(context, context.log as Logger, { ...repoOf(payload), pullNumber: pr.number, headSha: pr.head.sha, baseRef: pr.base.ref }, auto);
    });

    probot.on([...CHECK_EVENTS], async (context) => {
      if (!firstDelivery(context)) return;
      const payload = context.payload as unknown as RepoPayload & {
        action: string;
        check_suite?: { head_sha: string; pull_requests: PullRef[] };
        check_run?: { name: string; head_sha: string; pull_requests: PullRef[] };
      };
      let sha: string;
      let prs: PullRef[];
      const rerun = payload.action === 'rerequested';
      if (context.name === 'check_run') {
        const run = payload.check_run!;
        if (run.name !== CHECK_RUN_NAME) return; // another app's run
        sha = run.head_sha;
        prs = run.pull_requests ?? [];
      } else {
        const suite = payload.check_suite!;
        sha = suite.head_sha;
        prs = suite.pull_requests ?? [];
      }
      let pulls: PullRef[];
      try {
        pulls = await pullsFor(context, prs, sha, rerun);
      } catch (err) {
        context.log.error({ err, deliveryId: context.id }, 'could not find the pull requests of this commit');
        return;
      }
      if (pulls.length === 0) {
        context.log.debug({ deliveryId: context.id, sha }, 'no open pull request for this commit; nothing to review');
        return;
      }
      for (const pr of pulls) {
        start(context, context.log as Logger, { ...repoOf(payload), pullNumber: pr.number, headSha: sha, baseRef: pr.base.ref }, !rerun, !rerun);
      }
    });

    // Only `created`: edited and deleted comments never run commands.
    probot.on('issue_comment.created', async (context) => {
      if (!firstDelivery(context)) return;
      const payload = context.payload as unknown as CommentPayload;
      const commands = commandsOf(payload); // empty for bots and comments without commands: no call at all
      if (commands.length === 0) return;
      const log = context.log as Logger;
      const { owner, repo } = repoOf(payload);
      // Commands of one conversation run one comment after another (two scaffolds must not race for an id).
      schedule(`${owner}/${repo}#${payload.issue.number}:commands`, async () => {
        try {
          const engine = await loadEngine();
          const outcome = await runCommands(
            {
              octokit: context.octokit,
              engine,
              log,
              deliveryId: context.id,
              today: utcDate(options.now?.() ?? new Date()),
              docsUrl: options.docsUrl,
              review: (facts) => start(context, log, facts, false),
            },
            payload,
            commands,
          );
          options.onCommands?.(outcome);
        } catch (err) {
          log.error({ err, deliveryId: context.id }, 'commands failed');
        }
      });
    });
  };

  const idle = async (): Promise<void> => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  const shutdown = async (): Promise<void> => {
    shuttingDown = true;
    await Promise.allSettled([...active].map((a) => a.stop('interrupted')));
    await idle();
  };
  return Object.assign(appFn, { idle, shutdown });
}

/** The app as Probot loads it (`probot run ./dist/github/app.js`), with the real engine. */
const specReviewApp: SpecReviewApp = createApp();
export default specReviewApp;

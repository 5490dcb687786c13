/**
 * The Probot app: routes events to reviews, nothing else. The review itself (src/github/review.ts)
 * runs in the background so the webhook is answered at once (GitHub gives up after 10 s, and Probot
 * answers only when handlers return). Reviews of the same pull request run one after another, so two
 * events for one push cannot race to create two comments.
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
import { reviewPullRequest, type Logger, type PullFacts, type ReviewOutcome } from './review.js';

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
}

export type SpecReviewApp = ApplicationFunction & {
  /** Resolves when every review started so far has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
};

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

  function schedule(key: string, task: () => Promise<void>): void {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    queues.set(key, next);
    const tracked = next.finally(() => {
      running.delete(tracked);
      if (queues.get(key) === next) queues.delete(key);
    });
    running.add(tracked);
  }

  function start(context: Context, log: Logger, facts: PullFacts, auto: boolean): void {
    const key = `${facts.owner}/${facts.repo}#${facts.pullNumber}`;
    if (auto && !autoReviewed.add(`${key}@${facts.headSha}`)) {
      log.info({ deliveryId: context.id, pull: key, headSha: facts.headSha }, 'already reviewing this head; skipped');
      return;
    }
    schedule(key, async () => {
      try {
        const engine = await loadEngine();
        const outcome = await reviewPullRequest(
          { octokit: context.octokit, engine, log, deliveryId: context.id, concurrency: options.concurrency },
          facts,
        );
        options.onReviewed?.(outcome, facts);
      } catch (err) {
        // Only reachable when the check run could not even be created (or the engine failed to load).
        log.error({ err, deliveryId: context.id, pull: key, headSha: facts.headSha }, 'review failed before a check run existed');
      }
    });
  }

  function firstDelivery(context: Context): boolean {
    if (deliveries.add(context.id)) return true;
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
        start(context, context.log as Logger, { ...repoOf(payload), pullNumber: pr.number, headSha: sha, baseRef: pr.base.ref }, !rerun);
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
  return Object.assign(appFn, { idle });
}

/** The app as Probot loads it (`probot run ./dist/github/app.js`), with the real engine. */
const specReviewApp: SpecReviewApp = createApp();
export default specReviewApp;

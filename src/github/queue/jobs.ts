/**
 * The jobs the webhook handler enqueues (plain data: they travel through Redis with replicas) and the
 * queue interface both backends implement: the embedded in-process queue (embedded.ts, the default)
 * and BullMQ on Redis (redis.ts, with REDIS_URL).
 */
import type { CommentIdentity, CommentPlan } from '../comments.js';

/** A review of one pull request at one head (or of the PRs of a commit, for check events from forks). */
export interface ReviewJob {
  kind: 'review';
  installationId?: number;
  owner: string;
  repo: string;
  /** Undefined: find the open PRs whose head is `headSha` first (one call, in the worker). */
  pullNumber?: number;
  headSha: string;
  baseRef?: string;
  /** The base branch's commit the event names (score movement compares with it). */
  baseSha?: string;
  /** The event and action that asked for it (`pull_request.synchronize`, `/spec recheck`...). */
  trigger: string;
  deliveryId: string;
  /** Received at (ms since the epoch): review durations are measured from here. */
  receivedAt: number;
  /** The check run a previous attempt created (a job picked up again after its worker died). */
  checkRunId?: number;
}

/** The `/spec` commands of one new comment. */
export interface CommandsJob {
  kind: 'commands';
  installationId?: number;
  deliveryId: string;
  receivedAt: number;
  payload: {
    action: string;
    comment: { id: number; body?: string | null; user?: { login?: string; type?: string } | null };
    issue: { number: number; pull_request?: unknown; state?: string };
    repository: { name: string; owner: { login: string }; html_url?: string };
  };
}

/** One summary comment to write, after its check run completed. */
export interface CommentJob {
  kind: 'comment';
  installationId?: number;
  deliveryId: string;
  plan: CommentPlan;
  identity: CommentIdentity;
}

export type Job = ReviewJob | CommandsJob;

/** `owner/repo#n`: the key of a pull request (per-PR ordering, newest head). Case-insensitive. */
export function pullKey(owner: string, repo: string, pullNumber: number): string {
  return `${owner}/${repo}#${pullNumber}`.toLowerCase();
}

/** How the handler's enqueue went. */
export type EnqueueResult = 'queued' | 'redelivery' | 'duplicate-trigger' | 'shutting-down';

export interface EnqueueOptions {
  /**
   * An automatic trigger (`opened`, `synchronize`, `check_suite.requested`): skipped when the PR's
   * newest head is already this SHA (the two triggers of one push). Re-runs always run.
   */
  auto?: boolean;
  /** The event says this SHA is the PR's head now (not a re-run of an older commit). */
  newHead?: boolean;
}

/** What the webhook handler hands work to. */
export interface JobQueue {
  /** Enqueue a job; deduplicates deliveries and the two triggers of one push. Answers at once. */
  enqueue(job: Job, options?: EnqueueOptions): Promise<EnqueueResult>;
  /** Resolves when every job enqueued so far has finished (tests, the Action). */
  idle(): Promise<void>;
  /** Stop: running reviews complete their runs as interrupted; queued work stays for a restart (Redis) or is dropped. */
  shutdown(): Promise<void>;
}

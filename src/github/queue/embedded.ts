/**
 * The embedded job queue (the default: no REDIS_URL; `npm start` needs nothing else). Jobs live in
 * this process; the engine work of a review runs in worker threads (worker-pool.ts), so the event loop
 * only does I/O and keeps answering webhooks.
 *
 * Order and fairness: reviews of one PR run one after another; at most `perInstallationConcurrency`
 * reviews of one installation run at once (limiter.ts), so one busy repository cannot starve the
 * others. Newest head wins: the newest head scheduled per PR is the "superseded" hint of older
 * reviews (GitHub confirms). The two automatic triggers of one push are one review: a trigger is a
 * duplicate only when the PR's newest head is already its SHA, so a force-push back to an earlier
 * head is reviewed again. Comments are written from their own queue, one at a time per PR and only
 * the newest plan of a PR, so a review never waits for comment pacing.
 *
 * With a journal directory (index.ts: SPEC_REVIEW_STATE_DIR), review jobs outlive the process
 * (journal.ts): a hard kill or a restart does not leave a check run in progress for good.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_GRAPH_CACHE_BYTES, MemoryBlobCache } from '../blob-cache.js';
import { systemClock } from '../clock.js';
import { BoundedSet } from '../lru.js';
import type { CommentAction } from '../comments.js';
import { Processor, type ProcessorDeps } from '../processor.js';
import { JobJournal } from './journal.js';
import { InstallationLimiter } from './limiter.js';
import { pullKey, type CommentJob, type EnqueueOptions, type EnqueueResult, type Job, type JobQueue, type ReviewJob } from './jobs.js';

/** Reviews of one installation running at once by default. */
export const DEFAULT_INSTALLATION_CONCURRENCY = 4;
/** Longest a comment waits for its installation's reviews before it is written anyway. */
export const COMMENT_YIELD_MS = 60_000;
/** PRs whose newest head is remembered (least recently updated forgotten first). */
const HEADS = 10_000;

export interface EmbeddedOptions extends Omit<ProcessorDeps, 'latestHead' | 'enqueue' | 'comments'> {
  perInstallationConcurrency?: number;
  deliveryCacheSize?: number;
  /** Called when a comment job was written (or replaced by a newer plan: `stale`). */
  onComment?: (action: CommentAction, job: CommentJob) => void;
  /**
   * Write the comment inside the review (it holds its installation slot while comment writes are
   * paced): the behaviour before the comment queue, kept to measure the difference (bench/app.js).
   */
  inlineComments?: boolean;
  /** Where review jobs are journaled until they end (journal.ts); none: a hard kill loses them. */
  journalDir?: string;
}

/** One attempt at a review job: its journal id, whether a previous process tried it, its journal write. */
interface Attempt {
  id: string;
  retry: boolean;
  written?: Promise<unknown>;
}

/** A map that forgets its least recently set keys past `capacity`. */
class BoundedMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

export class EmbeddedQueue implements JobQueue {
  readonly processor: Processor;
  private readonly deliveries: BoundedSet;
  private readonly heads = new BoundedMap<string>(HEADS);
  private readonly chains = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly limiter: InstallationLimiter;
  /** The newest comment plan per PR not yet written. */
  private readonly comments = new Map<string, CommentJob>();
  private stopping = false;
  private readonly journal: JobJournal | undefined;

  constructor(private readonly options: EmbeddedOptions) {
    this.journal = options.journalDir ? new JobJournal(options.journalDir, options.log) : undefined;
    this.deliveries = new BoundedSet(options.deliveryCacheSize ?? 1000);
    const metrics = options.metrics;
    this.limiter = new InstallationLimiter(options.perInstallationConcurrency ?? DEFAULT_INSTALLATION_CONCURRENCY, (run, wait) => {
      metrics.inFlight.set(run);
      metrics.queued.set(wait);
    });
    this.processor = new Processor({
      ...options,
      blobs: options.blobs ?? new MemoryBlobCache(),
      graphCache: options.graphCache ?? new MemoryBlobCache(DEFAULT_GRAPH_CACHE_BYTES),
      latestHead: async (key) => this.heads.get(key),
      enqueue: (job, opts) => this.enqueue(job, opts),
      comments: options.inlineComments ? undefined : async (job) => this.comment(job),
    });
    void this.resume();
  }

  /** Queue again the reviews a previous process journaled and did not finish (oldest first). */
  private async resume(): Promise<void> {
    if (!this.journal) return;
    const clock = this.options.clock ?? systemClock;
    let entries;
    try {
      entries = await this.journal.load(clock.now());
    } catch (err) {
      this.options.log.error({ err, dir: this.journal.dir }, 'journal: could not read the jobs of the previous process');
      return;
    }
    for (const { id, job } of entries) {
      this.options.log.warn({ deliveryId: job.deliveryId, repo: `${job.owner}/${job.repo}`, headSha: job.headSha, checkRunId: job.checkRunId }, 'journal: reviewing again a job the previous process did not finish');
      this.schedule(job, { newHead: true }, { id, retry: true });
    }
  }

  /** False when this delivery id was seen already (a redelivery). */
  async claimDelivery(deliveryId: string): Promise<boolean> {
    return this.deliveries.add(deliveryId);
  }

  async enqueue(job: Job, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    if (this.stopping) return 'shutting-down';
    if (job.kind === 'commands') {
      const key = `${job.payload.repository.owner.login}/${job.payload.repository.name}#${job.payload.issue.number}:commands`.toLowerCase();
      this.chain(key, () => this.processor.commands(job));
      return 'queued';
    }
    if (job.pullNumber !== undefined && options.auto && this.heads.get(pullKey(job.owner, job.repo, job.pullNumber)) === job.headSha) return 'duplicate-trigger';
    // Bookkeeping first, in arrival order (the two triggers of one push, per-PR order); the journal
    // write is awaited before the webhook is answered, and before the review starts.
    const id = randomUUID();
    const journal = this.journal;
    const written = journal
      ? journal.write(id, job).catch((err: unknown) => this.options.log.error({ err, dir: journal.dir }, 'journal: could not record the job (reviewed anyway; a hard kill would lose it)'))
      : undefined;
    this.schedule(job, options, { id, retry: false, written });
    await written;
    return 'queued';
  }

  private schedule(job: ReviewJob, options: EnqueueOptions, attempt: Attempt): void {
    if (job.pullNumber === undefined) {
      this.chain(`${job.owner}/${job.repo}@${job.headSha}`.toLowerCase(), () => this.runReview(job, attempt));
      return;
    }
    const key = pullKey(job.owner, job.repo, job.pullNumber);
    if (options.newHead !== false) this.heads.set(key, job.headSha);
    this.chain(key, () => this.runReview(job, attempt));
  }

  private async runReview(job: ReviewJob, attempt: Attempt): Promise<void> {
    await attempt.written;
    // Stopping: the job stays in the journal, for the next start.
    if (this.stopping) return;
    const journal = this.journal;
    try {
      await this.limiter.run(String(job.installationId ?? job.owner), () =>
        this.processor.review(job, {
          // A run is found again by its id (journaled once it exists) or by its external id.
          onCheckRun: journal && job.pullNumber !== undefined ? (checkRunId) => journal.write(attempt.id, { ...job, checkRunId }).catch(() => undefined) : undefined,
          externalId: journal ? `spec-review:${attempt.id}` : undefined,
          retry: attempt.retry,
        }),
      );
    } finally {
      // A review a shutdown interrupted is finished by the next start (it completes the same run).
      if (journal && !this.stopping) await journal.remove(attempt.id).catch((err: unknown) => this.options.log.warn({ err }, 'journal: could not remove a finished job'));
    }
  }

  /** Jobs with the same key run one after another. */
  private chain(key: string, task: () => Promise<void>): void {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(task, task).catch((err: unknown) => this.options.log.error({ err }, 'job failed'));
    this.chains.set(key, next);
    this.track(next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    }));
  }

  private track(p: Promise<unknown>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /**
   * The comment queue: the review hands its plan over and is done (its check run is complete). The
   * newest plan of a PR replaces one still waiting (only the newest head's comment matters); plans of
   * one PR are written one after another.
   */
  private async comment(job: CommentJob): Promise<CommentAction> {
    const key = pullKey(job.plan.owner, job.plan.repo, job.plan.pullNumber);
    const replaced = this.comments.get(key);
    this.comments.set(key, job);
    if (replaced) {
      this.options.onComment?.('stale', replaced);
      return 'queued';
    }
    this.chain(`${key}:comment`, async () => {
      // Check runs first: GitHub paces an installation's writes (about one a second, comments three),
      // so comments wait while reviews of the installation run or wait — at most COMMENT_YIELD_MS.
      await this.yieldToReviews(job.installationId ?? job.plan.owner);
      const next = this.comments.get(key)!;
      this.comments.delete(key);
      let action: CommentAction = 'none';
      try {
        action = await this.processor.comment(next);
      } finally {
        this.options.onComment?.(action, next);
      }
    });
    return 'queued';
  }

  private yieldToReviews(installation: number | string): Promise<void> {
    const clock = this.options.clock ?? systemClock;
    return new Promise<void>((resolve) => {
      const timer = clock.setTimeout(resolve, COMMENT_YIELD_MS);
      void this.limiter.idle(String(installation)).then(() => {
        timer.cancel();
        resolve();
      });
    });
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    await this.processor.stopAll('interrupted');
    await this.idle();
  }
}

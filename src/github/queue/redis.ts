/**
 * The job queue for replicas (REDIS_URL): BullMQ on Redis, shared by every web and worker process.
 *
 * - Deliveries are deduplicated across replicas (`SET delivery:<id> NX`, kept a day): a redelivery
 *   that reaches another replica is reviewed once.
 * - Newest head wins across replicas: the newest head scheduled per PR lives in Redis (a hash per PR,
 *   updated atomically by a Lua script that also says whether an automatic trigger is the second one
 *   of a push); it is the "superseded" hint of every older review, and GitHub confirms.
 * - Job ids: `review:<pr>@<sha>:<n>` (n counts the heads scheduled for the PR), so the two triggers of
 *   one push are one job, and a force-push back to an earlier head is a new one.
 * - Per-installation concurrency holds across replicas: a job takes a lease in a sorted set per
 *   installation (expiring, renewed while it runs) or goes back to the delayed set for a moment.
 * - A job whose worker dies (SIGKILL, OOM, a lost node) is picked up again by BullMQ's stalled-job
 *   check once its lock expires; the check run id it created is stored in the job, so the retry
 *   completes that same run: no run is left in progress.
 * - Comments go through their own queue; writes of one PR hold a short lock, so two replicas never
 *   create two summary comments.
 * - Spec contents by blob SHA are cached in Redis (RedisBlobCache), bounded in entries and size.
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { RoutedQueue, QueueDeps } from '../app.js';
import type { BlobCache } from '../blob-cache.js';
import type { CommentAction } from '../comments.js';
import { Processor } from '../processor.js';
import type { Logger } from '../review.js';
import { DEFAULT_INSTALLATION_CONCURRENCY } from './embedded.js';
import { pullKey, type CommentJob, type EnqueueOptions, type EnqueueResult, type Job } from './jobs.js';

export type Role = 'all' | 'web' | 'worker';

export interface RedisQueueOptions {
  url: string;
  role: Role;
  log: Logger;
  /** Key prefix (tests run several apps on one Redis). */
  prefix?: string;
  /** Jobs one process runs at once (their engine work shares the worker-thread pool). */
  workerConcurrency?: number;
  /** A job's lock; a worker silent for this long is presumed dead and its job runs again. */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. */
  stalledIntervalMs?: number;
}

const DELIVERY_TTL_S = 24 * 3600;
const HEAD_TTL_S = 30 * 24 * 3600;
const LEASE_MS = 30_000;
const COMMENT_LOCK_MS = 30_000;
/**
 * A part of a BullMQ job id. BullMQ refuses a custom id with a `:` unless it has exactly three parts
 * (`kind:a:b`), so a part never holds one (a delivery id is a request header: anything may come).
 */
function idPart(s: string): string {
  return s.replace(/:/g, '_');
}
/** How BullMQ says it gave up on a job whose worker kept dying (maxStalledCount, maxStartedAttempts). */
const ABANDONED = /(?:stalled|started) more than allowable limit/;

/** The newest head of a PR: `{0}` for a duplicate automatic trigger, else `{1, n}` (n: heads so far). */
const CLAIM_HEAD = `
local cur = redis.call('HGET', KEYS[1], 'sha')
if ARGV[2] == '1' and cur == ARGV[1] then return {0, 0} end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'sha', ARGV[1]) end
redis.call('EXPIRE', KEYS[1], ARGV[4])
return {1, n}`;

/** A lease in a sorted set of expiring leases, if fewer than ARGV[4] are held (or this one is). */
const ACQUIRE_LEASE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
return 0`;

/** Delete a lock only if it is still ours. */
const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

type Client = Redis & {
  claimHead(key: string, sha: string, auto: string, newHead: string, ttl: number): Promise<[number, number]>;
  acquireLease(key: string, token: string, now: number, leaseMs: number, limit: number): Promise<number>;
  releaseLock(key: string, token: string): Promise<number>;
};

function connect(url: string): Client {
  // BullMQ's workers block on Redis: no per-request retry limit (its docs ask for null).
  const client = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false }) as Client;
  client.defineCommand('claimHead', { numberOfKeys: 1, lua: CLAIM_HEAD });
  client.defineCommand('acquireLease', { numberOfKeys: 1, lua: ACQUIRE_LEASE });
  client.defineCommand('releaseLock', { numberOfKeys: 1, lua: RELEASE_LOCK });
  return client;
}

/**
 * Spec contents by blob SHA in Redis: at most `maxEntries` blobs of at most `maxBlobBytes` each, kept
 * `ttlSeconds` each (a day by default). The spec graph's facts use a second instance under their own
 * prefix (more, smaller entries, kept a week), so they never push spec contents out.
 */
export class RedisBlobCache implements BlobCache {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    readonly maxEntries = 2000,
    readonly maxBlobBytes = 256 * 1024,
    readonly ttlSeconds = DELIVERY_TTL_S,
  ) {}

  private name(key: string): string {
    return `${this.prefix}:blob:${key}`;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const v = await this.client.getBuffer(this.name(key));
    return v === null ? undefined : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }

  async getMany(keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.client.mgetBuffer(...keys.map((k) => this.name(k)));
    return values.map((v) => (v === null ? undefined : new Uint8Array(v.buffer, v.byteOffset, v.byteLength)));
  }

  set(key: string, bytes: Uint8Array): Promise<void> {
    return this.setMany([[key, bytes]]);
  }

  /** Several entries in one transaction, then one trim to `maxEntries` (oldest first). */
  async setMany(entries: readonly (readonly [string, Uint8Array])[]): Promise<void> {
    const kept = entries.filter(([, bytes]) => bytes.byteLength <= this.maxBlobBytes);
    if (kept.length === 0) return;
    const index = `${this.prefix}:blobs`;
    const now = Date.now();
    const tx = this.client.multi();
    for (const [key, bytes] of kept) {
      tx.set(this.name(key), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', this.ttlSeconds).zadd(index, now, this.name(key));
    }
    await tx.exec();
    const extra = (await this.client.zcard(index)) - this.maxEntries;
    if (extra > 0) {
      const old = await this.client.zrange(index, 0, extra - 1);
      if (old.length) await this.client.multi().del(...old).zrem(index, ...old).exec();
    }
  }
}

/** Graph entries (a spec's facts, about 1 KB) kept in Redis across installations: a few large repositories' worth. */
const GRAPH_ENTRIES = 20_000;

export class RedisQueue implements RoutedQueue {
  readonly processor: Processor;
  readonly blobs: RedisBlobCache;
  /** The spec graph's facts by blob and base results by tree (impact.ts), under their own prefix and bounds. */
  readonly graph: RedisBlobCache;
  private readonly client: Client;
  private readonly jobs: Queue;
  private readonly comments: Queue;
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private readonly prefix: string;
  private readonly limit: number;
  private stopping = false;
  /** Jobs this process is running now (the in-flight gauge; Prometheus sums it over replicas). */
  private running = 0;

  constructor(
    private readonly deps: QueueDeps,
    private readonly options: RedisQueueOptions,
  ) {
    this.prefix = options.prefix ?? 'spec-review';
    this.limit = deps.perInstallationConcurrency ?? DEFAULT_INSTALLATION_CONCURRENCY;
    this.client = connect(options.url);
    const bull = { connection: this.client, prefix: `${this.prefix}:bull` };
    this.jobs = new Queue('jobs', bull);
    this.comments = new Queue('comments', bull);
    this.blobs = new RedisBlobCache(this.client, this.prefix);
    this.graph = new RedisBlobCache(this.client, `${this.prefix}:graph`, GRAPH_ENTRIES, 64 * 1024, 7 * 24 * 3600);
    this.processor = new Processor({
      ...deps,
      blobs: deps.blobs ?? this.blobs,
      graphCache: deps.graphCache ?? this.graph,
      latestHead: async (key) => (await this.client.hget(this.headKey(key), 'sha')) ?? undefined,
      enqueue: (job, opts) => this.enqueue(job, opts),
      comments: async (job) => this.comment(job),
    });
  }

  private headKey(key: string): string {
    return `${this.prefix}:head:${key}`;
  }

  /** Start taking jobs (roles `all` and `worker`). */
  start(): void {
    if (this.options.role === 'web' || this.workers.length) return;
    const connection = () => {
      const c = connect(this.options.url);
      this.connections.push(c);
      return c;
    };
    const common = {
      connection: connection(),
      prefix: `${this.prefix}:bull`,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      maxStalledCount: 3,
    };
    this.workers.push(new Worker('jobs', (job, token) => this.run(job, token), { ...common, concurrency: this.options.workerConcurrency ?? 8 }));
    this.workers.push(new Worker('comments', (job, token) => this.writeComment(job, token), { ...common, connection: connection(), concurrency: 4 }));
    for (const w of this.workers) w.on('error', (err) => this.options.log.error({ err }, 'queue worker error'));
    this.workers[0].on('failed', (bull, err) => void this.abandoned(bull, err));
  }

  /** BullMQ gave up on a review (its process died too often): complete its run rather than leave it in progress. */
  private async abandoned(bull: BullJob | undefined, err: Error): Promise<void> {
    const job = bull?.data as Job | undefined;
    if (!bull || job?.kind !== 'review' || !ABANDONED.test(err.message)) return;
    await this.processor.abandon(job, `the review was started ${bull.attemptsStarted || 'several'} times and the process running it stopped each time (${err.message})`, `spec-review:${bull.id}`);
  }

  async claimDelivery(deliveryId: string): Promise<boolean> {
    return (await this.client.set(`${this.prefix}:delivery:${deliveryId}`, '1', 'EX', DELIVERY_TTL_S, 'NX')) === 'OK';
  }

  async enqueue(job: Job, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    if (this.stopping) return 'shutting-down';
    if (job.kind === 'commands') return this.add('commands', job, `commands:${idPart(job.deliveryId)}:${job.payload.comment.id}`);
    if (job.pullNumber === undefined) return this.add('review', job, `review:${idPart(job.deliveryId)}:${job.headSha}`);
    const key = pullKey(job.owner, job.repo, job.pullNumber);
    const [fresh, n] = await this.client.claimHead(this.headKey(key), job.headSha, options.auto ? '1' : '0', options.newHead === false ? '0' : '1', HEAD_TTL_S);
    if (!fresh) return 'duplicate-trigger';
    return this.add('review', job, `review:${key}@${job.headSha}:${n}`);
  }

  /** Add a job to the shared queue (kept a while once done, for dedupe and inspection); the gauges follow. */
  private async add(name: 'commands' | 'review', job: Job, jobId: string): Promise<EnqueueResult> {
    await this.jobs.add(name, job, { jobId, removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 24 * 3600 } });
    await this.refreshGauges();
    return 'queued';
  }

  /** A job of the `jobs` queue, within its installation's share of the replicas' capacity. */
  private async run(bull: BullJob, token?: string): Promise<void> {
    const job = bull.data as Job;
    const lease = `${this.prefix}:installation:${job.installationId ?? (job.kind === 'review' ? job.owner : job.payload.repository.owner.login)}`;
    const id = bull.id ?? randomUUID();
    if (!(await this.client.acquireLease(lease, id, Date.now(), LEASE_MS, this.limit))) {
      // The installation has its share running (on any replica): come back in a moment.
      await bull.moveToDelayed(Date.now() + 500 + Math.floor(Math.random() * 500), token);
      throw new DelayedError();
    }
    const renew = setInterval(() => void this.client.acquireLease(lease, id, Date.now(), LEASE_MS, this.limit).catch(() => undefined), LEASE_MS / 3);
    this.running++;
    void this.refreshGauges(); // not awaited: a gauge never delays a review
    try {
      if (job.kind === 'commands') await this.processor.commands(job);
      else {
        await this.processor.review(job, {
          // A retry after this worker dies completes the same run: its id is kept in the job, and the
          // run carries the job id (found again when the worker died before the id was stored).
          onCheckRun: job.pullNumber !== undefined ? (checkRunId) => bull.updateData({ ...job, checkRunId }) : undefined,
          externalId: `spec-review:${id}`,
          retry: bull.attemptsStarted > 1 || bull.stalledCounter > 0,
        });
      }
    } finally {
      clearInterval(renew);
      this.running--;
      await this.client.zrem(lease, id).catch(() => undefined);
      void this.refreshGauges();
    }
  }

  /**
   * The gauges: jobs running in this process, and jobs waiting in the shared queue (for a worker, or
   * delayed for their installation's slot) — the same on every replica: alert on its max, not its sum.
   */
  private async refreshGauges(): Promise<void> {
    this.deps.metrics.inFlight.set(this.running);
    try {
      const c = await this.jobs.getJobCounts('waiting', 'delayed', 'prioritized');
      this.deps.metrics.queued.set((c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0));
    } catch {
      // Redis unreachable: the gauge keeps its last value; the job's own error path reports the outage.
    }
  }

  /** Hand a comment to the comments queue (the review is done with it). */
  private async comment(job: CommentJob): Promise<CommentAction> {
    const key = pullKey(job.plan.owner, job.plan.repo, job.plan.pullNumber);
    await this.comments.add('comment', job, { jobId: `comment:${key}@${job.plan.headSha}:${randomUUID()}`, removeOnComplete: { count: 1000 }, removeOnFail: { age: 24 * 3600 } });
    return 'queued';
  }

  /** Write one comment; writes of one PR hold a short lock (one writer at a time across replicas). */
  private async writeComment(bull: BullJob, token?: string): Promise<CommentAction> {
    const job = bull.data as CommentJob;
    const lock = `${this.prefix}:lock:comment:${pullKey(job.plan.owner, job.plan.repo, job.plan.pullNumber)}`;
    const mine = randomUUID();
    if ((await this.client.set(lock, mine, 'PX', COMMENT_LOCK_MS, 'NX')) !== 'OK') {
      await bull.moveToDelayed(Date.now() + 300 + Math.floor(Math.random() * 300), token);
      throw new DelayedError();
    }
    let action: CommentAction = 'none';
    try {
      action = await this.processor.comment(job);
      return action;
    } finally {
      await this.client.releaseLock(lock, mine).catch(() => undefined);
      this.deps.onComment?.(action, job);
    }
  }

  /** Resolves when no job is waiting, delayed or running (tests; polls the counts). */
  async idle(): Promise<void> {
    for (;;) {
      const [a, b] = await Promise.all([this.jobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized'), this.comments.getJobCounts('waiting', 'active', 'delayed', 'prioritized')]);
      if (Object.values(a).every((n) => n === 0) && Object.values(b).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stop taking jobs; running reviews complete their runs as interrupted; close the connections. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    await this.processor.stopAll('interrupted');
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([this.jobs.close(), this.comments.close()]);
    for (const c of [this.client, ...this.connections]) c.disconnect();
  }
}

/** The BullMQ queue factory for createApp, and its start (index.ts). */
export function redisQueueFor(options: RedisQueueOptions): { queue: (deps: QueueDeps) => RoutedQueue; start(): void } {
  let created: RedisQueue | undefined;
  return {
    queue: (deps) => (created = new RedisQueue(deps, options)),
    start: () => created?.start(),
  };
}

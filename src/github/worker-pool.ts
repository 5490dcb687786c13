/**
 * The hosted app's engine runner: a pool of worker threads (cores − 1 by default) that review pull
 * requests off the event loop that answers webhooks. One review runs in one worker at a time; reviews
 * beyond the pool's size wait in FIFO order.
 *
 * Budgets: a review taking longer than `budgetMs` (wall clock of its worker, from the injected clock)
 * is stopped by terminating its worker — the only way to stop JavaScript that does not yield — and a
 * fresh worker takes its place. A worker over `memoryMb` of heap dies alone (V8's resource limits);
 * the process and the other reviews carry on. Either way the review rejects with a ReviewBudgetError
 * naming the file it was on and what made that file expensive.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputFile, ReviewReport } from '../engine/types.js';
import { systemClock, type Clock, type Timer } from './clock.js';
import { ReviewBudgetError, type EngineJob, type EngineRunner, type EngineSetup, type ImpactJob } from './engine-runner.js';
import type { ImpactJobData, ImpactJobResult } from './impact-job.js';
import { describeCost } from './review-limits.js';
import { ReviewAbortedError } from './client.js';

/** Default time budget of one review's engine work. */
export const DEFAULT_REVIEW_BUDGET_MS = 60_000;
/** Default heap limit of one review worker (old generation). */
export const DEFAULT_WORKER_MEMORY_MB = 512;

/** Main → worker: a review of files, or the impact of a change (impact-job.ts). */
export type PoolTask = {
  id: number;
  setupKey: string;
  setup: EngineSetup;
} & ({ kind: 'review'; inputs: InputFile[]; indexPaths: string[] } | { kind: 'impact'; impact: ImpactJobData });
/**
 * Worker → main: the file it starts on (for an impact task, counted over its head inputs then its base
 * inputs), its report or impact, or an error.
 */
export type PoolReply =
  | { id: number; progress: number }
  | { id: number; report: ReviewReport }
  | { id: number; impact: ImpactJobResult }
  | { id: number; error: string };

/**
 * Worker threads by default: one per core, the event loop counting as one (as the CLI does), so the
 * thread that answers webhooks always has a core of its own: acknowledgement p99 stays under 100 ms
 * while every review thread is busy (bench/app.js, "ack").
 */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export interface PoolOptions {
  /** Worker threads (default: defaultPoolSize()). */
  size?: number;
  /** The worker entry (default: review-worker.js next to this module, from the build). */
  script?: string;
  budgetMs?: number;
  memoryMb?: number;
  clock?: Clock;
  /** Called when a worker starts on a file (logs, tests). */
  onProgress?: (path: string) => void;
}

/** The worker entry next to this module, when it exists (the build); undefined when running from sources. */
export function defaultWorkerScript(): string | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const file = fileURLToPath(new URL('./review-worker.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

interface Pending {
  setup: EngineSetup;
  /** The files the task reviews, in order (the file a budget stop names). */
  inputs: readonly InputFile[];
  /** The task without its id and setup key. */
  task: { kind: 'review'; inputs: InputFile[]; indexPaths: string[] } | { kind: 'impact'; impact: ImpactJobData };
  signal?: AbortSignal;
  resolve(value: ReviewReport | ImpactJobResult): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  task?: { id: number; pending: Pending; file: number; timer: Timer; onAbort?: () => void };
}

function setupKey(setup: EngineSetup): string {
  return createHash('sha256').update(JSON.stringify(setup)).digest('hex');
}

export class WorkerPool implements EngineRunner {
  readonly size: number;
  private readonly script: string;
  private readonly budgetMs: number;
  private readonly memoryMb: number;
  private readonly clock: Clock;
  private readonly onProgress?: (path: string) => void;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers replaced after a budget stop or a crash (tests, metrics). */
  restarts = 0;

  constructor(options: PoolOptions = {}) {
    const script = options.script ?? defaultWorkerScript();
    if (!script) throw new Error('review-worker.js not found next to worker-pool.js: run `npm run build` first');
    this.script = script;
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.budgetMs = options.budgetMs ?? DEFAULT_REVIEW_BUDGET_MS;
    this.memoryMb = options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
    this.clock = options.clock ?? systemClock;
    this.onProgress = options.onProgress;
  }

  review(job: EngineJob, signal?: AbortSignal): Promise<ReviewReport> {
    return this.submit<ReviewReport>(job.setup, job.inputs, { kind: 'review', inputs: job.inputs, indexPaths: [...job.index.paths] }, signal);
  }

  /** A change's impact in a worker: the same budgets as a review (the time budget names the file it was on). */
  impact(job: ImpactJob, signal?: AbortSignal): Promise<ImpactJobResult> {
    const inputs = [...job.data.head.inputs, ...(job.data.base?.inputs ?? [])];
    return this.submit<ImpactJobResult>(job.setup, inputs, { kind: 'impact', impact: job.data }, signal);
  }

  private submit<T extends ReviewReport | ImpactJobResult>(setup: EngineSetup, inputs: readonly InputFile[], task: Pending['task'], signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the review pool is closed'));
    if (signal?.aborted) return Promise.reject(new ReviewAbortedError(signal.reason));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ setup, inputs, task, signal, resolve: resolve as Pending['resolve'], reject });
      this.dispatch();
    });
  }

  /** Reviews running and waiting. */
  get busy(): { running: number; waiting: number } {
    return { running: this.slots.filter((s) => s.task).length, waiting: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the review pool is closed'));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        if (s.task) this.finish(s, new Error('the review pool is closed'));
        return s.worker.terminate().catch(() => 0);
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      if (pending.signal?.aborted) {
        pending.reject(new ReviewAbortedError(pending.signal.reason));
        continue;
      }
      this.start(slot, pending);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: PoolReply) => this.onReply(slot, reply));
    worker.on('error', (err) => this.onDeath(slot, err));
    worker.on('exit', (code) => this.onDeath(slot, new Error(`the review worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    const id = this.nextId++;
    const timer = this.clock.setTimeout(() => this.overBudget(slot, id), this.budgetMs);
    slot.task = { id, pending, file: 0, timer };
    if (pending.signal) {
      const onAbort = () => {
        if (slot.task?.id !== id) return;
        this.replace(slot, new ReviewAbortedError(pending.signal!.reason));
      };
      pending.signal.addEventListener('abort', onAbort, { once: true });
      slot.task.onAbort = onAbort;
    }
    slot.worker.postMessage({ id, setupKey: setupKey(pending.setup), setup: pending.setup, ...pending.task } satisfies PoolTask);
  }

  private onReply(slot: Slot, reply: PoolReply): void {
    const task = slot.task;
    if (!task || task.id !== reply.id) return;
    if ('progress' in reply) {
      task.file = reply.progress;
      const file = this.fileOf(task);
      if (file) this.onProgress?.(file.path);
      return;
    }
    if ('report' in reply) this.finish(slot, undefined, reply.report);
    else if ('impact' in reply) this.finish(slot, undefined, reply.impact);
    else this.finish(slot, new Error(reply.error));
    this.dispatch();
  }

  /** Settle the slot's task and free the slot. */
  private finish(slot: Slot, err?: Error, result?: ReviewReport | ImpactJobResult): void {
    const task = slot.task;
    if (!task) return;
    slot.task = undefined;
    task.timer.cancel();
    if (task.onAbort) task.pending.signal?.removeEventListener('abort', task.onAbort);
    if (err) task.pending.reject(err);
    else task.pending.resolve(result!);
  }

  private fileOf(task: NonNullable<Slot['task']>): InputFile | undefined {
    return task.pending.inputs[task.file];
  }

  private overBudget(slot: Slot, id: number): void {
    const task = slot.task;
    if (!task || task.id !== id) return;
    const file = this.fileOf(task);
    const seconds = Math.round(this.budgetMs / 100) / 10;
    const message = file
      ? `the review was stopped after ${seconds} s (its time budget) while reviewing ${file.path} (${describeCost(file.content)}); split that file or simplify its diagrams`
      : `the review was stopped after ${seconds} s (its time budget)`;
    this.replace(slot, new ReviewBudgetError(message, file?.path, 'time'));
  }

  /** Terminate the slot's worker (stopping the task with `err`) and start a fresh one in its place. */
  private replace(slot: Slot, err: Error): void {
    this.finish(slot, err);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate().catch(() => 0);
    this.restarts++;
    if (!this.closed) this.dispatch();
  }

  private onDeath(slot: Slot, err: Error): void {
    if (!this.slots.includes(slot)) return;
    const task = slot.task;
    let reason = err;
    if (task) {
      const file = this.fileOf(task);
      const oom = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(err.message);
      if (oom) {
        reason = new ReviewBudgetError(
          `the review ran out of memory (${this.memoryMb} MB) while reviewing ${file ? `${file.path} (${describeCost(file.content)})` : 'the pull request'}; split that file`,
          file?.path,
          'memory',
        );
      }
    }
    this.replace(slot, reason);
  }
}

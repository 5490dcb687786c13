/**
 * Review many files, delivering FileResults in input order while holding only FileResults (never every
 * document tree). Few files are reviewed on the main thread; more than PARALLEL_THRESHOLD are spread over
 * worker threads, each building its engine once from the same EngineSetup.
 *
 * Workers run `worker.js` next to this module. From the compiled package (dist/cli/) it exists; when the
 * CLI runs from TypeScript sources (jest) there is no worker.js next to review.ts, and the review runs
 * in-thread — same results, one core.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../engine/index.js';
import type { FileResult, RepoIndex } from '../engine/types.js';
import { readBounded } from './read.js';
import type { EngineSetup } from './setup.js';
import type { Target } from './targets.js';

export const PARALLEL_THRESHOLD = 32;

export interface ReviewOptions {
  type?: string;
  /** Maximum worker threads (default: available cores). 1 = main thread only. */
  jobs?: number;
}

/** Messages between the main thread and a worker. */
export interface WorkerInit {
  setup: EngineSetup;
  indexPaths: string[];
  type?: string;
}
export interface WorkerTask {
  id: number;
  abs: string;
  repoPath: string;
}
export type WorkerReply = { id: number; result: FileResult } | { id: number; error: string };

/** Review one file on this thread (also what each worker does). */
export async function reviewOne(engine: Engine, target: { abs: string; repoPath: string }, index: RepoIndex, type?: string): Promise<FileResult> {
  let file: { content: Uint8Array; size: number };
  try {
    file = await readBounded(target.abs, engine.config.max_file_size);
  } catch (err) {
    return {
      path: target.repoPath,
      type: null,
      score: null,
      findings: [{ rule: 'file-encoding', severity: 'error', message: `Cannot read the file: ${(err as Error).message}.`, line: 1 }],
    };
  }
  return engine.review({ path: target.repoPath, content: file.content, size: file.size }, index, type ? { type } : undefined);
}

export function workerScript(): string | undefined {
  const url = new URL('./worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return undefined;
  const file = fileURLToPath(url);
  return existsSync(file) ? file : undefined;
}

export function workerCount(files: number, jobs?: number): number {
  if (files <= PARALLEL_THRESHOLD) return 1;
  const cores = jobs ?? availableParallelism();
  return Math.max(1, Math.min(cores, Math.ceil(files / 8)));
}

/**
 * Review `targets`, calling `onResult` for each in input order. Returns when all are done.
 */
export async function reviewTargets(
  engine: Engine,
  setup: EngineSetup,
  targets: readonly Target[],
  index: RepoIndex,
  options: ReviewOptions,
  onResult: (result: FileResult, position: number) => void,
): Promise<void> {
  const workers = workerCount(targets.length, options.jobs);
  const script = workers > 1 ? workerScript() : undefined;
  if (!script) {
    for (let i = 0; i < targets.length; i++) onResult(await reviewOne(engine, targets[i], index, options.type), i);
    return;
  }
  await reviewInWorkers(script, workers, setup, targets, index, options, onResult);
}

async function reviewInWorkers(
  script: string,
  count: number,
  setup: EngineSetup,
  targets: readonly Target[],
  index: RepoIndex,
  options: ReviewOptions,
  onResult: (result: FileResult, position: number) => void,
): Promise<void> {
  const init: WorkerInit = { setup, indexPaths: [...index.paths], type: options.type };
  const pending = new Map<number, FileResult>();
  let nextToSend = 0;
  let nextToEmit = 0;
  /** Tasks each worker holds at once: enough to never idle, few enough to bound memory. */
  const depth = 4;

  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(err);
    };
    const feed = (worker: Worker): void => {
      if (nextToSend < targets.length) {
        const id = nextToSend++;
        const task: WorkerTask = { id, abs: targets[id].abs, repoPath: targets[id].repoPath };
        worker.postMessage(task);
      }
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(script, { workerData: init });
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if ('error' in reply) {
          fail(new Error(`Reviewing ${targets[reply.id].repoPath} failed: ${reply.error}`));
          return;
        }
        pending.set(reply.id, reply.result);
        try {
          while (pending.has(nextToEmit)) {
            const result = pending.get(nextToEmit)!;
            pending.delete(nextToEmit);
            onResult(result, nextToEmit);
            nextToEmit++;
          }
        } catch (err) {
          fail(err as Error);
          return;
        }
        if (nextToEmit === targets.length) {
          failed = true; // done: ignore late events from terminating workers
          Promise.all(pool.map((p) => p.terminate())).then(() => resolve(), () => resolve());
          return;
        }
        feed(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (!failed && nextToEmit < targets.length) fail(new Error(`A review worker stopped unexpectedly (exit code ${code}).`));
      });
      for (let d = 0; d < depth; d++) feed(worker);
    }
  });
}

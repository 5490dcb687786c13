/**
 * Review many files, delivering FileResults in input order while holding only FileResults (never every
 * document tree). Few files are reviewed on the main thread alone; more than PARALLEL_THRESHOLD are
 * shared between the main thread and worker threads (one fewer than `--jobs`, default the available
 * cores), each worker building its engine once from the same EngineSetup. Mermaid's parser (about
 * 65 MB once loaded) runs only on the main thread: a worker asks it about the few diagrams the fast
 * path cannot vouch for.
 *
 * Workers run `worker.js` next to this module. From the build (dist/bin/, dist/cli/) it exists; when the
 * CLI runs from TypeScript sources (jest) there is no worker.js next to review.ts, and the review runs
 * in-thread — same results, one core.
 */
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../engine/index.js';
import { checkWithMermaid, type MermaidProblem } from '../engine/mermaid.js';
import type { FileResult, RepoIndex } from '../engine/types.js';
import { readBounded } from './read.js';
import type { EngineSetup } from './setup.js';
import type { Target } from './targets.js';

export const PARALLEL_THRESHOLD = 32;

export interface ReviewOptions {
  type?: string;
  /** Threads reviewing files, the main thread included (default: available cores). 1 = main thread only. */
  jobs?: number;
  /** Whether results carry the spec graph's facts (default true): as the main thread's engine was made. */
  facts?: boolean;
}

/** Messages between the main thread and a worker. */
export interface WorkerInit {
  setup: EngineSetup;
  indexPaths: string[];
  type?: string;
  /** Whether results carry the spec graph's facts (the main thread's engine says). */
  facts: boolean;
}
/** Main → worker: a file to review, or mermaid's verdict on a diagram the worker asked about. */
export type WorkerTask = { id: number; abs: string; repoPath: string } | { mermaidId: number; problems: MermaidProblem[] };
/** Worker → main: a file's result, or a diagram for mermaid. */
export type WorkerReply = { id: number; result: Outcome } | { id: number; error: string } | { mermaidId: number; source: string };

/** A file that could not be read: it is not reviewed, and the run says so and exits 2. */
export interface Unreadable {
  path: string;
  /** Why, in words, without the absolute path (`symbolic link loop`). */
  unreadable: string;
}
export type Outcome = FileResult | Unreadable;

export function isUnreadable(outcome: Outcome): outcome is Unreadable {
  return 'unreadable' in outcome;
}

/** Why a file could not be opened, in words (the error's own message names the absolute path). */
export function readFailure(err: unknown, abs: string): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOENT':
      try {
        if (lstatSync(abs).isSymbolicLink()) return `symbolic link to a missing file (${readlinkSync(abs)})`;
      } catch {
        // gone altogether
      }
      return 'no such file (removed while the review ran?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'a directory, not a file';
    default: {
      const code = (err as NodeJS.ErrnoException).code;
      return code ? `${code.toLowerCase()} error` : (err as Error).message.split(abs).join('<file>');
    }
  }
}

/** Review one file on this thread (also what each worker does). */
export async function reviewOne(engine: Engine, target: { abs: string; repoPath: string }, index: RepoIndex, type?: string): Promise<Outcome> {
  let file: { content: Uint8Array; size: number };
  try {
    file = await readBounded(target.abs, engine.config.max_file_size);
  } catch (err) {
    return { path: target.repoPath, unreadable: readFailure(err, target.abs) };
  }
  return engine.review({ path: target.repoPath, content: file.content, size: file.size }, index, type ? { type } : undefined);
}

export function workerScript(): string | undefined {
  const url = new URL('./worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return undefined;
  const file = fileURLToPath(url);
  return existsSync(file) ? file : undefined;
}

/** Threads that review `files` files, the main thread included. */
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
  onResult: (outcome: Outcome, position: number) => void,
): Promise<void> {
  const threads = workerCount(targets.length, options.jobs);
  const script = threads > 1 ? workerScript() : undefined;
  if (!script) {
    for (let i = 0; i < targets.length; i++) onResult(await reviewOne(engine, targets[i], index, options.type), i);
    return;
  }
  boundHeapGrowth();
  await reviewInThreads(script, threads - 1, engine, setup, targets, index, options, onResult);
}

/**
 * When memory is plentiful V8 lets a heap grow to about four times its live data before a full
 * collection; with two threads parsing, the benchmark's 3,000-file review then peaks near 320 MB. Three
 * times the live data keeps it near 270 MB; twice (the setting until the benchmark measured whole
 * processes) kept it near 230 MB but cost a quarter more CPU than V8's default, three times about a
 * tenth (README, Benchmark). V8 flags are per process: this is set only when the review is spread over
 * threads, and not over a value given to node by the user.
 */
function boundHeapGrowth(): void {
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  if (!given.includes('heap-growing-percent')) setFlagsFromString('--heap-growing-percent=200');
}

/** Files a worker holds at once: enough that it never waits for the main thread, few enough to bound memory. */
const DEPTH = 4;

async function reviewInThreads(
  script: string,
  workers: number,
  engine: Engine,
  setup: EngineSetup,
  targets: readonly Target[],
  index: RepoIndex,
  options: ReviewOptions,
  onResult: (outcome: Outcome, position: number) => void,
): Promise<void> {
  const init: WorkerInit = { setup, indexPaths: [...index.paths], type: options.type, facts: options.facts ?? true };
  const pending = new Map<number, Outcome>();
  const pool: Worker[] = [];
  let nextToSend = 0;
  let nextToEmit = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;

  const fail = (err: Error): void => {
    failure ??= err;
    wake?.();
  };
  /** Hand results on in input order; they may arrive in any order. */
  const deliver = (id: number, result: Outcome): void => {
    pending.set(id, result);
    while (pending.has(nextToEmit)) {
      const r = pending.get(nextToEmit)!;
      pending.delete(nextToEmit);
      onResult(r, nextToEmit);
      nextToEmit++;
    }
    if (nextToEmit === targets.length) wake?.();
  };
  const feed = (worker: Worker): void => {
    if (failure || nextToSend >= targets.length) return;
    const id = nextToSend++;
    worker.postMessage({ id, abs: targets[id].abs, repoPath: targets[id].repoPath } satisfies WorkerTask);
  };

  try {
    for (let w = 0; w < workers; w++) {
      const worker = new Worker(script, { workerData: init });
      pool.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (failure) return;
        if ('mermaidId' in reply) {
          void checkWithMermaid(reply.source).then((problems) => {
            if (!failure) worker.postMessage({ mermaidId: reply.mermaidId, problems } satisfies WorkerTask);
          });
          return;
        }
        if ('error' in reply) {
          fail(new Error(`Reviewing ${targets[reply.id].repoPath} failed: ${reply.error}`));
          return;
        }
        try {
          deliver(reply.id, reply.result);
        } catch (err) {
          fail(err as Error);
          return;
        }
        feed(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (nextToEmit < targets.length) fail(new Error(`A review worker stopped unexpectedly (exit code ${code}).`));
      });
      for (let d = 0; d < DEPTH; d++) feed(worker);
    }
    // The main thread reviews files too, one at a time, between the workers' messages.
    while (!failure && nextToSend < targets.length) {
      const id = nextToSend++;
      deliver(id, await reviewOne(engine, targets[id], index, options.type));
    }
    // Then it waits for the workers' last files.
    while (!failure && nextToEmit < targets.length) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  } finally {
    failure ??= new Error('stopped');
    await Promise.all(pool.map((w) => w.terminate().catch(() => 0)));
  }
}

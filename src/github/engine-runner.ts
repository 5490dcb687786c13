/**
 * Where a review's engine work runs. The hosted app runs it in worker threads (worker-pool.ts), so PR
 * content never runs on the event loop that answers webhooks, and a review over its time or memory
 * budget is stopped by terminating its worker. The Action (one event per process) and tests with an
 * injected engine run it on the calling thread (`inThreadRunner`). Both apply the per-file limits of
 * review-limits.ts, so both report the same findings.
 */
import type { InputFile, RepoIndex, ReviewReport } from '../engine/types.js';
import type { AppConfig, AppEngine, RuleFileInput } from './engine-port.js';
import { runImpactJob, type ImpactJobData, type ImpactJobResult } from './impact-job.js';
import { limitFindings } from './review-limits.js';

/** What a worker needs to build the engine the review uses (the base branch's config and rule files). */
export interface EngineSetup {
  ruleFiles: RuleFileInput[];
  config: AppConfig;
}

export interface EngineJob {
  setup: EngineSetup;
  /** The same engine, built on the calling thread (in-thread runners use it). */
  engine: AppEngine;
  inputs: InputFile[];
  index: RepoIndex;
}

/** The impact of a change on the other specs (impact-job.ts), with the engine that computes it. */
export interface ImpactJob {
  setup: EngineSetup;
  /** The same engine, built on the calling thread (in-thread runners use it; it must build graphs). */
  engine: AppEngine;
  data: ImpactJobData;
}

export interface EngineRunner {
  /** Review every input; rejects with ReviewBudgetError when the review is over its budget. */
  review(job: EngineJob, signal?: AbortSignal): Promise<ReviewReport>;
  /** Compute a change's impact (its own budget, like a review); rejects with ReviewBudgetError when over it. */
  impact?(job: ImpactJob, signal?: AbortSignal): Promise<ImpactJobResult>;
  close?(): Promise<void>;
}

/** A review stopped because it went over its time or memory budget. The message names the file. */
export class ReviewBudgetError extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly budget: 'time' | 'memory',
  ) {
    super(message);
    this.name = 'ReviewBudgetError';
  }
}

/** The review on the calling thread. */
export function inThreadRunner(): EngineRunner {
  return {
    async review(job) {
      const report = await job.engine.reviewAll(job.inputs, job.index);
      const files = report.files.map((f) => limitFindings(f));
      return files.every((f, i) => f === report.files[i]) ? report : { files, summary: summarize(files) };
    },
    async impact(job) {
      const engine = job.engine;
      if (!engine.graph) throw new Error('this engine builds no spec graph');
      const graphEngine = { graph: engine.graph.bind(engine) };
      return runImpactJob(graphEngine, async (file, index) => limitFindings(await engine.review(file, index)), job.data);
    },
  };
}

export function summarize(files: ReviewReport['files']): ReviewReport['summary'] {
  const s = { files: files.length, errors: 0, warnings: 0, notices: 0 };
  for (const f of files) for (const x of f.findings) s[x.severity === 'error' ? 'errors' : x.severity === 'warning' ? 'warnings' : 'notices']++;
  return s;
}

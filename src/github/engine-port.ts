/**
 * What the app needs from the engine, as a port: the real engine (src/engine/index.ts) satisfies it
 * structurally, tests pass a small fake. The app never imports the engine statically, so the engine
 * stays replaceable and the app's tests do not depend on the built-in rules.
 */
import type { SpecGraph } from '../engine/graph/types.js';
import type { FileResult, InputFile, RepoIndex, ReviewReport } from '../engine/types.js';

export type SeveritySetting = 'error' | 'warning' | 'notice' | 'off';

/** The subset of the engine's Config the app reads. */
export interface AppConfig {
  types: string[];
  fail_on: string;
  min_score: number;
  max_file_size: number;
  comment: { on_clean: 'compact' | 'shrink' | 'keep' | 'delete' };
  [key: string]: unknown;
}

export interface RuleFileInput {
  path: string;
  text: string;
  template?: string;
}

export interface AppEngine {
  readonly config: AppConfig;
  /** The spec types (the real engine also gives each type's folder and file-name prefix). */
  types(): { name: string; folder?: string; filePrefix?: string }[];
  isSpecPath(path: string): boolean;
  review(file: InputFile, index?: RepoIndex, opts?: { type?: string }): Promise<FileResult>;
  reviewAll(files: InputFile[], index?: RepoIndex): Promise<ReviewReport>;
  failed(report: ReviewReport): boolean;
  /**
   * The spec graph of reviewed files in a repository (the real engine). An engine without it gets no
   * impact section: no affected specs, score movement or graph findings, and no call to find them.
   */
  graph?(results: readonly FileResult[], index: RepoIndex): SpecGraph;
  /** The type and file-name id of a path that is (or would be) a spec, by its path alone. */
  identify?(path: string): { type: string; id?: string } | undefined;
}

/** The engine module's functions the app uses (plus the built-in rule files, read by an fs helper). */
export interface EnginePort {
  parseConfig(text: string, file?: string): AppConfig;
  DEFAULT_CONFIG: AppConfig;
  createEngine(opts: { ruleFiles: RuleFileInput[]; config?: AppConfig }): AppEngine;
  builtinRuleFiles(): RuleFileInput[];
}

export { isUserFacingError, type UserFacingError } from '../engine/errors.js';
import { isUserFacingError } from '../engine/errors.js';

/** `file:line: message` for a user-facing error, else the message. */
export function describeError(err: unknown): string {
  if (isUserFacingError(err)) return err.format();
  if (err instanceof Error) return err.message;
  return String(err);
}

let cached: Promise<EnginePort> | undefined;

/**
 * The real engine, loaded on first use (dynamic import keeps this module free of a static dependency
 * on src/engine/, so the app's tests run with a fake engine).
 */
export function loadDefaultEngine(): Promise<EnginePort> {
  cached ??= (async () => {
    const engineModule = '../engine/index.js';
    const rulesModule = '../rules-fs.js';
    const engine = (await import(engineModule)) as {
      parseConfig: EnginePort['parseConfig'];
      DEFAULT_CONFIG: AppConfig;
      createEngine: EnginePort['createEngine'];
    };
    const rules = (await import(rulesModule)) as { loadBuiltinRuleFiles(): RuleFileInput[] };
    let builtins: RuleFileInput[] | undefined;
    return {
      parseConfig: engine.parseConfig,
      DEFAULT_CONFIG: engine.DEFAULT_CONFIG,
      createEngine: engine.createEngine,
      builtinRuleFiles: () => (builtins ??= rules.loadBuiltinRuleFiles()),
    };
  })().catch((err: unknown) => {
    cached = undefined; // try again on the next review instead of failing forever
    throw err;
  });
  return cached;
}

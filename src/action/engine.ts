/**
 * The engine as the app's EnginePort, imported statically so the bundler puts it in the Action's
 * bundle (the app's own loader imports it by a computed path, which a bundler cannot follow), and the
 * Action's `fail-level` / `min-score` inputs applied on top of whatever config the app loads.
 *
 * The overrides sit in the port because every config the app uses — the repository's file, its
 * `_extends` chain, the defaults when there is no file, the dry run of a proposed file — passes through
 * `parseConfig` / `DEFAULT_CONFIG` / `createEngine`. So the check run's conclusion, its "fails on /
 * minimum score" line and `engine.failed()` all agree with the inputs, with no change to src/github.
 */
import { createEngine, DEFAULT_CONFIG, parseConfig, type Config } from '../engine/index.js';
import type { AppConfig, EnginePort } from '../github/engine-port.js';
import { loadBuiltinRuleFiles } from '../rules-fs.js';
import { DEFAULT_CONFIG_PATH, type FailLevel } from './inputs.js';

export interface ConfigOverrides {
  failLevel?: FailLevel;
  minScore?: number;
}

/** A config with the overrides applied (a new object; the input is not changed). */
export function applyOverrides<T extends { fail_on: string; min_score: number }>(config: T, overrides: ConfigOverrides): T {
  let out = config;
  if (overrides.failLevel !== undefined) out = { ...out, fail_on: overrides.failLevel };
  if (overrides.minScore !== undefined) out = { ...out, min_score: overrides.minScore };
  return out;
}

/**
 * The app names its config `.github/spec-review.yml` in the labels it hands to parseConfig
 * (`path@ref`, `owner/repo:path@ref`); with the `config` input those reads went to another file, so
 * error messages (file:line) must name that one.
 */
export function relabel(file: string | undefined, configPath: string): string | undefined {
  if (file === undefined || configPath === DEFAULT_CONFIG_PATH) return file;
  return file.replace(/(^|:)\.github\/spec-review\.yml(?=@|$| )/, (_m, lead: string) => `${lead}${configPath}`);
}

/** A port whose every config carries the overrides, and whose errors name the configured file. */
export function withOverrides(port: EnginePort, overrides: ConfigOverrides, configPath = DEFAULT_CONFIG_PATH): EnginePort {
  if (overrides.failLevel === undefined && overrides.minScore === undefined && configPath === DEFAULT_CONFIG_PATH) return port;
  return {
    parseConfig: (text, file) => applyOverrides(port.parseConfig(text, relabel(file, configPath)), overrides),
    DEFAULT_CONFIG: applyOverrides(port.DEFAULT_CONFIG, overrides),
    createEngine: (opts) => port.createEngine({ ...opts, config: applyOverrides(opts.config ?? port.DEFAULT_CONFIG, overrides) }),
    builtinRuleFiles: () => port.builtinRuleFiles(),
  };
}

/** The real engine with the built-in rules (read from rules/ next to the Action's files). */
export function actionEnginePort(): EnginePort {
  let builtins: ReturnType<EnginePort['builtinRuleFiles']> | undefined;
  return {
    parseConfig: (text, file) => parseConfig(text, file) as unknown as AppConfig,
    DEFAULT_CONFIG: DEFAULT_CONFIG as unknown as AppConfig,
    createEngine: (opts) => createEngine({ ruleFiles: opts.ruleFiles, config: opts.config as unknown as Config | undefined }) as unknown as ReturnType<EnginePort['createEngine']>,
    builtinRuleFiles: () => (builtins ??= loadBuiltinRuleFiles()),
  };
}

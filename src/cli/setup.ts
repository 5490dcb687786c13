/**
 * Everything an engine is built from, read from disk once: the configuration file and the rule files
 * (built-in, plus the config's extra `types`, each with its template). Workers get this same data and
 * build identical engines without touching the disk again.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, parseConfig, SpecReviewError, type Config, type RuleFileInput } from '../engine/index.js';
import { loadBuiltinRuleFiles, templateRef } from '../rules-fs.js';
import { relativePosix } from './repo.js';
import type { FailOn } from './args.js';

export { CONFIG_PATH as DEFAULT_CONFIG_PATH } from '../engine/config-path.js';
import { CONFIG_PATH as DEFAULT_CONFIG_PATH } from '../engine/config-path.js';

export interface EngineSetup {
  ruleFiles: RuleFileInput[];
  config: Config;
  /** The config file used, relative to the cwd (undefined: defaults). */
  configFile?: string;
  /** Its text, so problems the engine finds in it (an unknown rule id) name their line. */
  configText?: string;
}

export interface SetupOptions {
  cwd: string;
  root: string;
  /** --config (relative to the cwd). */
  configPath?: string;
  minScore?: number;
  failOn?: FailOn;
}

/** 1-based line of the first occurrence of `needle` in `text` (for errors about config values). */
function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

function readText(abs: string, display: string, code: string): string {
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message;
    throw new SpecReviewError(code, `Cannot read ${display}: ${reason}.`, { file: display });
  }
}

/**
 * Read one extra rule file and the template it names (`template:`, relative to the rule file).
 * A rule file that does not parse is passed on as is: the engine reports it with file:line.
 */
export function readRuleFile(abs: string, display: string): RuleFileInput {
  const text = readText(abs, display, 'ruleset-invalid');
  const ref = templateRef(text);
  if (!ref) return { path: display, text };
  const templateAbs = path.resolve(path.dirname(abs), ref);
  if (!existsSync(templateAbs)) {
    throw new SpecReviewError('ruleset-invalid', `Template "${ref}" not found (looked for ${display === abs ? templateAbs : relativePosix(path.dirname(abs), templateAbs)} next to the rule file).`, {
      file: display,
      line: lineOf(text, 'template:'),
    });
  }
  return { path: display, text, template: readFileSync(templateAbs, 'utf8') };
}

export function loadSetup(opts: SetupOptions): EngineSetup {
  let configAbs: string | undefined;
  if (opts.configPath !== undefined) {
    configAbs = path.resolve(opts.cwd, opts.configPath);
    if (!existsSync(configAbs)) {
      throw new SpecReviewError('config-not-found', `Configuration file not found: ${opts.configPath}.`);
    }
  } else {
    const candidate = path.join(opts.root, ...DEFAULT_CONFIG_PATH.split('/'));
    if (existsSync(candidate)) configAbs = candidate;
  }
  let config: Config = structuredClone(DEFAULT_CONFIG);
  let configFile: string | undefined;
  let configText = '';
  if (configAbs) {
    configFile = relativePosix(opts.cwd, configAbs);
    configText = readText(configAbs, configFile, 'config-invalid');
    config = parseConfig(configText, configFile);
  }
  if (opts.minScore !== undefined) config = { ...config, min_score: opts.minScore };
  if (opts.failOn !== undefined) config = { ...config, fail_on: opts.failOn };

  const ruleFiles = [...loadBuiltinRuleFiles()];
  for (const typePath of config.types) {
    const abs = path.resolve(opts.root, typePath);
    const display = relativePosix(opts.cwd, abs);
    if (!existsSync(abs)) {
      throw new SpecReviewError('config-invalid', `Rule file "${typePath}" listed in types does not exist (paths are relative to the repository root).`, {
        file: configFile,
        line: lineOf(configText, typePath),
      });
    }
    ruleFiles.push(readRuleFile(abs, display));
  }
  return { ruleFiles, config, configFile, configText };
}

/**
 * Reads `.github/spec-review.yml` the way Probot's `context.config()` does — from a trusted ref (the
 * PR's base branch; the default branch for the `.github` fallback and `_extends`), falling back to the
 * owner's `.github` repository, following `_extends` — but hands the *text* to the engine's
 * parseConfig so that errors name the file and line. Never reads config from a PR head, except for the
 * dry run, which does not affect the result.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { RepoRef, ReviewClient } from './client.js';
import { readRuleFile } from '../rules-fs.js';
import type { AppConfig, EnginePort, RuleFileInput } from './engine-port.js';

import { CONFIG_PATH } from '../engine/config-path.js';

export { CONFIG_PATH };
const MAX_EXTENDS = 5;
/**
 * Limits on what a configuration may hold, checked before anything is merged or compiled: the app
 * reads configs written by anyone who can push to a default branch (and, for the dry run, by anyone
 * who opens a PR). Real configurations are a few hundred bytes with a handful of globs.
 */
export const CONFIG_LIMITS = {
  /** Bytes of one file in the chain. */
  bytes: 64 * 1024,
  /** Entries of one list (`specs`, `types`, `ignore`) or keys of `rules`, after the merge. */
  listLength: 500,
} as const;

/** A configuration problem the user must fix; `message` already names file:line when known. */
export class ConfigLoadError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
    this.name = 'ConfigLoadError';
  }
}

export interface LoadedConfig {
  config: AppConfig;
  /** `owner/repo:.github/spec-review.yml@ref`, or undefined when no file exists (defaults). */
  source?: string;
  /** Extra rule files named by `types:`, read from the same ref as the config. */
  extraRuleFiles: RuleFileInput[];
  /** What the loader chose not to do (the dry run's `_extends` outside the repository). */
  notes?: string[];
}

function label(repo: RepoRef, path: string, ref: string | undefined, home: RepoRef): string {
  const where = repo.owner === home.owner && repo.repo === home.repo ? path : `${repo.owner}/${repo.repo}:${path}`;
  return ref ? `${where}@${ref}` : where;
}

/** Blank `_extends:` (top level) without moving any line, so the engine's line numbers stay right. */
export function blankExtends(text: string): string {
  return text.replace(/^_extends[ \t]*:.*$/gm, (line) => `#${' '.repeat(Math.max(0, line.length - 1))}`);
}

/** Probot's `_extends` forms: `repo`, `owner/repo`, `repo:path`, `owner/repo:path`. */
export function parseExtends(value: string, owner: string, path: string): { repo: RepoRef; path: string } | null {
  const m = /^(?:([A-Za-z0-9_.-]+)\/)?([A-Za-z0-9_.-]+)(?::(.+))?$/.exec(value.trim());
  if (!m) return null;
  return { repo: { owner: m[1] ?? owner, repo: m[2] }, path: m[3] ?? path };
}

function isEmptyYaml(text: string): boolean {
  return text.split(/\r?\n/).every((l) => /^\s*(#.*)?$/.test(l));
}

function readExtends(text: string): unknown {
  try {
    const data = parseYaml(text) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)._extends : undefined;
  } catch {
    return undefined; // parseConfig reports the syntax error with its line
  }
}

function plainYaml(text: string): Record<string, unknown> {
  const data = parseYaml(blankExtends(text)) as unknown;
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** `base` then the items of `over` not already in it (by value): one pass over each, linear. */
function concatUnique(base: readonly unknown[], over: readonly unknown[]): unknown[] {
  const seen = new Set(base.map((x) => JSON.stringify(x)));
  const out = [...base];
  for (const x of over) {
    const key = JSON.stringify(x);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(x);
    }
  }
  return out;
}

/** Deep merge like Probot's config (deepmerge): objects merge, arrays concatenate, `over` wins. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    if (Array.isArray(b) && Array.isArray(v)) out[k] = concatUnique(b, v);
    else if (b && v && typeof b === 'object' && typeof v === 'object' && !Array.isArray(b) && !Array.isArray(v))
      out[k] = mergeConfig(b as Record<string, unknown>, v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

/** Refuse a configuration over CONFIG_LIMITS, naming the file and the list. */
function checkSizes(data: Record<string, unknown>, source: string): void {
  for (const key of ['specs', 'types', 'ignore', 'rules']) {
    const v = data[key];
    const n = Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;
    if (n > CONFIG_LIMITS.listLength) {
      throw new ConfigLoadError(`${source}: ${key} has ${n.toLocaleString('en-US')} entries; at most ${CONFIG_LIMITS.listLength} are allowed`, source);
    }
  }
}

/** The text of one config file, or null; refused when over CONFIG_LIMITS.bytes. */
async function readConfigText(client: ReviewClient, path: string, ref: string | undefined, repo: RepoRef, source: () => string): Promise<string | null> {
  const bytes = await client.getBytes(path, ref, CONFIG_LIMITS.bytes, repo);
  if (bytes === null) return null;
  if (bytes.byteLength > CONFIG_LIMITS.bytes) {
    const where = source();
    throw new ConfigLoadError(`${where}: the file is larger than ${CONFIG_LIMITS.bytes / 1024} KB, the most a configuration may be`, where);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function parseWith(engine: EnginePort, text: string, source: string): AppConfig {
  try {
    return isEmptyYaml(text) ? engine.DEFAULT_CONFIG : engine.parseConfig(text, source);
  } catch (err) {
    const e = err as { format?: () => string; message?: string };
    throw new ConfigLoadError(typeof e.format === 'function' ? e.format() : `${source}: ${e.message ?? String(err)}`, source);
  }
}

export interface LoadOptions {
  /**
   * The dry run of a configuration proposed by a pull request: read only the PR's own repository (no
   * owner `.github` fallback, no `_extends` into another repository). Anyone can open a PR; what the
   * preview prints must never come from a repository the PR's author may not read.
   */
  ownRepositoryOnly?: boolean;
}

/**
 * Load the configuration that applies to a pull request. `ref` is the base branch (trusted); pass the
 * head SHA only for the dry run (with `ownRepositoryOnly`). Throws ConfigLoadError for a file the
 * engine refuses or one over CONFIG_LIMITS.
 */
export async function loadConfig(client: ReviewClient, engine: EnginePort, ref: string | undefined, options: LoadOptions = {}): Promise<LoadedConfig> {
  const home = client.repo;
  let repo: RepoRef = home;
  let path = CONFIG_PATH;
  let fileRef = ref;
  let text = await readConfigText(client, path, fileRef, repo, () => label(home, CONFIG_PATH, ref, home));
  if (text === null && home.repo !== '.github' && !options.ownRepositoryOnly) {
    // Probot's fallback: the owner's `.github` repository, default branch.
    repo = { owner: home.owner, repo: '.github' };
    fileRef = undefined;
    text = await readConfigText(client, path, undefined, repo, () => label(repo, CONFIG_PATH, undefined, home));
  }
  if (text === null) return { config: engine.DEFAULT_CONFIG, extraRuleFiles: [] };

  const firstSource = label(repo, path, fileRef, home);
  // Each file in the chain is validated on its own (errors name that file and line).
  const chain: { text: string; source: string }[] = [{ text, source: firstSource }];
  const seen = new Set([`${repo.owner}/${repo.repo}:${path}`]);
  const notes: string[] = [];
  let ext = readExtends(text);
  while (ext !== undefined) {
    const current = chain[chain.length - 1];
    if (typeof ext !== 'string') throw new ConfigLoadError(`${current.source}: _extends must be a string like "owner/repo" or "repo:path.yml"`, current.source);
    const target = parseExtends(ext, repo.owner, path);
    if (!target) throw new ConfigLoadError(`${current.source}: _extends "${ext}" is not "repo", "owner/repo" or "owner/repo:path"`, current.source);
    if (options.ownRepositoryOnly && (target.repo.owner.toLowerCase() !== home.owner.toLowerCase() || target.repo.repo.toLowerCase() !== home.repo.toLowerCase())) {
      // Not read, not even asked for: its existence is not revealed either.
      notes.push(`_extends points outside this repository, so the preview does not follow it (it reads only this repository at the pull request's head); the check itself uses the base branch's configuration`);
      break;
    }
    const key = `${target.repo.owner}/${target.repo.repo}:${target.path}`;
    if (seen.has(key)) throw new ConfigLoadError(`${current.source}: _extends "${ext}" loops back to a file already loaded`, current.source);
    if (chain.length > MAX_EXTENDS) throw new ConfigLoadError(`${current.source}: _extends chain is longer than ${MAX_EXTENDS} files`, current.source);
    seen.add(key);
    repo = target.repo;
    path = target.path;
    // Extended files are read from their repository's default branch, as Probot does; the dry run
    // reads its own repository at the PR's head.
    const extRef = options.ownRepositoryOnly ? ref : undefined;
    const source = label(repo, path, extRef, home);
    const next = await readConfigText(client, path, extRef, repo, () => source);
    if (next === null) throw new ConfigLoadError(`${current.source}: _extends "${ext}" points to ${source}, which does not exist`, current.source);
    chain.push({ text: next, source });
    ext = readExtends(next);
  }

  for (const file of chain) {
    checkSizes(plainYamlOrEmpty(file.text), file.source);
    parseWith(engine, blankExtends(file.text), file.source);
  }
  let config: AppConfig;
  let source = firstSource;
  if (chain.length === 1) {
    config = parseWith(engine, blankExtends(text), firstSource);
  } else {
    let merged: Record<string, unknown> = {};
    for (const file of [...chain].reverse()) merged = mergeConfig(merged, plainYaml(file.text));
    source = `${firstSource} (with _extends ${chain.slice(1).map((f) => f.source).join(', ')})`;
    checkSizes(merged, source);
    config = parseWith(engine, stringifyYaml(merged), source);
  }

  // Extra spec types (rule files) live in the repository that holds the config, at the same ref.
  const extraRuleFiles: RuleFileInput[] = [];
  for (const typePath of config.types ?? []) {
    const ruleFile = await readRuleFile(typePath, async (p) => (await client.getText(p, ref)) ?? undefined);
    if (!ruleFile) throw new ConfigLoadError(`${source}: types: rule file "${typePath}" does not exist at ${ref ?? 'the default branch'}`, source);
    extraRuleFiles.push(ruleFile);
  }
  return { config, source, extraRuleFiles, ...(notes.length ? { notes } : {}) };
}

/** The YAML as an object for the size check; a syntax error is left to parseConfig (it names the line). */
function plainYamlOrEmpty(text: string): Record<string, unknown> {
  try {
    return plainYaml(text);
  } catch {
    return {};
  }
}

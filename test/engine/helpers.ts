import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine, type Config, type Engine, type RepoIndex } from '../../src/engine/index.js';
import { loadBuiltinRuleFiles } from '../../src/rules-fs.js';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export function engine(config?: Config): Engine {
  return createEngine({ ruleFiles: loadBuiltinRuleFiles(), config });
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A repository index holding the given paths. */
export function index(...paths: string[]): RepoIndex {
  return { paths: new Set(paths) };
}

/** Every file below a folder, as repository-relative paths. */
export function walkFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walkFiles(full, base));
    else out.push(relative(base, full));
  }
  return out;
}

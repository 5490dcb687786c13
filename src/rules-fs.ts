/**
 * File-system side of the rule set (not part of the pure engine): reads the built-in `rules/*.yml` and
 * their templates from the package, and a repository's extra rule files named in its config.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { RuleFileInput } from './engine/index.js';

/** The package root: the folder holding package.json and rules/ (works from src/ and dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'rules')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('spec-review: cannot find the package root (rules/ folder)');
}

/** The `template:` path a rule file names, or undefined when the YAML does not parse (the engine reports that). */
export function templateRef(text: string): string | undefined {
  // The usual form, a plain top-level `template: path` line, without parsing the YAML.
  const m = /^template:[ \t]*(["']?)([^"'\n#]+?)\1[ \t]*(?:#.*)?$/m.exec(text);
  if (m) return m[2];
  try {
    const data = parse(text) as { template?: unknown } | null;
    return typeof data?.template === 'string' ? data.template : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Read one extra rule file and the template it names (relative to the rule file) through a reader —
 * the file system for the CLI, the contents API for the app. Undefined when the rule file does not
 * exist; a template that cannot be read stays undefined and the engine reports it at its line.
 */
export async function readRuleFile(path: string, read: (path: string) => Promise<string | undefined>): Promise<RuleFileInput | undefined> {
  const text = await read(path);
  if (text === undefined) return undefined;
  const ref = templateRef(text);
  const templatePath = ref ? posix.normalize(posix.join(posix.dirname(path), ref)) : undefined;
  const template = templatePath && !templatePath.startsWith('..') ? await read(templatePath) : undefined;
  return { path, text, template };
}

let builtin: RuleFileInput[] | undefined;

/** Where `npm run build` caches the built-in rules, parsed and validated (dist/builtin-rules.json). */
export const BUILTIN_CACHE = 'dist/builtin-rules.json';

function readBuiltinSources(root: string): RuleFileInput[] {
  const dir = join(root, 'rules');
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const ref = templateRef(text);
      const tpl = ref ? join(dir, ref) : undefined;
      return { path: `rules/${f}`, text, template: tpl && existsSync(tpl) ? readFileSync(tpl, 'utf8') : undefined };
    });
}

/** The cache, when it exists and was built from exactly these sources (compared by content). */
export function readCache(root: string, sources: RuleFileInput[]): RuleFileInput[] | undefined {
  const file = join(root, BUILTIN_CACHE);
  if (!existsSync(file)) return undefined;
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as RuleFileInput[];
    const same = cached.length === sources.length && cached.every((c, i) => c.path === sources[i].path && c.text === sources[i].text && c.template === sources[i].template);
    return same ? cached : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The built-in rule files (rules/*.yml) with their templates, read once. When the build's cache matches
 * the sources, each comes with its parsed and validated data, which saves parsing YAML and compiling the
 * JSON Schema at every start of the CLI.
 */
export function loadBuiltinRuleFiles(): RuleFileInput[] {
  if (builtin) return builtin;
  const root = packageRoot();
  const sources = readBuiltinSources(root);
  builtin = readCache(root, sources) ?? sources;
  return builtin;
}

/** Build step: parse and validate the built-in rule files and write the cache. */
export function writeBuiltinCache(parse: (input: RuleFileInput) => RuleFileInput['data']): string {
  const root = packageRoot();
  const entries = readBuiltinSources(root).map((s) => ({ ...s, data: parse(s) }));
  const file = join(root, BUILTIN_CACHE);
  writeFileSync(file, `${JSON.stringify(entries)}\n`);
  return file;
}

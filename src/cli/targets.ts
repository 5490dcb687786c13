/**
 * Which files a `validate`/`completeness` run reviews, from the command line's paths:
 * - a file is always reviewed;
 * - a directory is searched (node_modules and .git skipped) for Markdown files that are specs by the
 *   rule that types a file named directly (spec-files.ts: the type folders, the config's globs minus
 *   its ignores, a file-name prefix, a `type:` in the front matter), or for every Markdown file when
 *   --type forces a type;
 * - a glob is matched (picomatch) against the files under its base directory, paths relative to the cwd;
 *   every match is reviewed;
 * - no paths: every spec in the repository index (outside node_modules), by the same rule.
 * Order is the command line's, each expansion sorted; duplicates are dropped.
 */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from './io.js';
import { relativePosix, SKIP_DIRS, toPosix, walkFiles, type Repository } from './repo.js';

export interface Target {
  /** Absolute path on disk. */
  abs: string;
  /** Repository-relative POSIX path (what the engine sees). */
  repoPath: string;
}

const MARKDOWN = /\.(md|markdown)$/i;

export interface TargetContext {
  cwd: string;
  repo: Repository;
  /** Whether a file found by a walk is a spec (its repository path and its path on disk). */
  isSpec(repoPath: string, abs: string): boolean;
  /** --type given: every Markdown file found in a directory counts. */
  forcedType: boolean;
}

function isSymbolicLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

export function isGlob(arg: string): boolean {
  return picomatch.scan(arg).isGlob;
}

export function resolveTargets(args: readonly string[], ctx: TargetContext): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (abs: string): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, repoPath: relativePosix(ctx.repo.root, abs) });
  };
  const wanted = (abs: string): boolean => {
    if (!MARKDOWN.test(abs)) return false;
    return ctx.forcedType || ctx.isSpec(relativePosix(ctx.repo.root, abs), abs);
  };

  if (args.length === 0) {
    for (const repoPath of [...ctx.repo.paths].sort()) {
      if (repoPath.split('/').some((seg) => SKIP_DIRS.has(seg))) continue;
      const abs = path.join(ctx.repo.root, ...repoPath.split('/'));
      if (ctx.isSpec(repoPath, abs)) add(abs);
    }
    return out;
  }

  for (const arg of args) {
    const abs = path.resolve(ctx.cwd, arg);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile() || (!stat && isSymbolicLink(abs))) {
      // A named file is always reviewed; a symbolic link that does not resolve (a loop, a missing
      // target) too, so that the review says what is wrong with it.
      add(abs);
    } else if (stat?.isDirectory()) {
      for (const file of walkFiles(abs)) if (wanted(file)) add(file);
    } else if (isGlob(arg)) {
      const pattern = toPosix(arg).replace(/^(\.\/)+/, '');
      const scan = picomatch.scan(pattern);
      const base = path.resolve(ctx.cwd, scan.base || '.');
      const match = picomatch(pattern, { dot: false });
      const matched = walkFiles(base).filter((file) => match(relativePosix(ctx.cwd, file)));
      if (matched.length === 0) throw new UsageError(`No files match the pattern "${arg}".`);
      for (const file of matched) add(file);
    } else {
      throw new UsageError(`No such file or directory: ${arg}`);
    }
  }
  return out;
}

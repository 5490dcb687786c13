/**
 * The repository the reviewed files live in: its root (the git root, else the working directory) and
 * its index (every file path, repository-relative, POSIX) so references and relative links resolve
 * against the whole repository, not only the files named on the command line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Directories never searched. */
export const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Walk up from `start` to the nearest directory holding `.git` (a directory, or a file in worktrees). */
export function findGitRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** `to` relative to `from`, POSIX separators ('' becomes '.'). */
export function relativePosix(from: string, to: string): string {
  return toPosix(path.relative(from, to)) || '.';
}

/**
 * Every file under `dir` (absolute paths, sorted per directory), skipping node_modules and .git.
 * Symbolic links to files are listed, and so are links that do not resolve (a loop, a missing target:
 * as `git ls-files` lists them, so a review reports them); symbolic links to directories are not
 * followed (no cycles).
 */
export function walkFiles(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walkFiles(full, out);
    } else if (entry.isFile()) {
      out.push(full);
    } else if (entry.isSymbolicLink()) {
      try {
        if (statSync(full).isFile()) out.push(full);
      } catch {
        out.push(full); // a loop or a missing target
      }
    }
  }
  return out;
}

/** Paths from `git ls-files` (tracked + untracked, minus ignored), or undefined when git is unusable. */
function gitListFiles(root: string): string[] | undefined {
  const result = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.split('\0').filter((p) => p !== '');
}

export interface Repository {
  /** Absolute root directory. */
  root: string;
  /** Whether the root is a git repository. */
  git: boolean;
  /** Repository-relative POSIX paths of every file. */
  paths: Set<string>;
}

/** The repository of the files under `start`: its git root and index, else `fallback` and a walk of it. */
export function openRepository(start: string, fallback: string): Repository {
  const gitRoot = findGitRoot(start);
  const root = gitRoot ?? path.resolve(fallback);
  const listed = gitRoot ? gitListFiles(gitRoot) : undefined;
  const paths = new Set(listed ?? walkFiles(root).map((abs) => relativePosix(root, abs)));
  return { root, git: gitRoot !== undefined, paths };
}

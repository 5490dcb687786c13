import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A throw-away repository: files by repo-relative path; `git: true` runs `git init` (and .gitignore applies). */
export function makeRepo(files: Record<string, string | Uint8Array>, opts: { git?: boolean } = {}): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'spec-review-cli-')));
  made.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  if (opts.git) {
    const r = spawnSync('git', ['init', '-q'], { cwd: root });
    if (r.status !== 0) throw new Error('git init failed');
  }
  return root;
}

export function cleanupRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A component spec in the shape of the seed, with references/links given by the caller. */
export function componentSpec(title: string, extra = ''): string {
  return `# ${title}

**Type:** Component
**Version:** 1.0
**Status:** Draft
**Last Updated:** 2025-01-15

## Overview

${title} accepts payment requests from the checkout flow and forwards them to the payment provider.
It owns the payment records and publishes events when a payment settles or fails.

${extra}
`;
}

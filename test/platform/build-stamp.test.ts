/**
 * scripts/build-stamp.mjs: `npm start` builds only when dist/ is stale. Run as `npm start` runs it, on
 * a throw-away tree laid out like the repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/build-stamp.mjs', import.meta.url));
let root: string;

function stamp(mode: string): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [script, mode, '--root', root], { encoding: 'utf8', env: { ...process.env, npm_execpath: '' } });
  return { code: r.status, stderr: r.stderr };
}

function write(rel: string, text = 'x', mtime?: Date): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  if (mtime) utimesSync(abs, mtime, mtime);
}

const past = new Date(Date.now() - 3600_000);
const future = new Date(Date.now() + 3600_000);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'spec-review-stamp-'));
  for (const rel of ['src/cli/main.ts', 'rules/component.yml', 'templates/component.md', 'package.json', 'package-lock.json', 'tsconfig.json']) write(rel, 'x', past);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A build that produced every output. */
function build(): void {
  expect(stamp('begin').code).toBe(0);
  for (const rel of ['dist/github/index.js', 'dist/bin/main.js', 'dist/bin/worker.js', 'dist/builtin-rules.json']) write(rel);
  expect(stamp('finish').code).toBe(0);
}

describe('build stamp', () => {
  test('never built, then built: stale, then fresh', () => {
    expect(stamp('check')).toEqual({ code: 1, stderr: 'dist/ is stale: dist/ has not been built.\n' });
    build();
    expect(stamp('check')).toEqual({ code: 0, stderr: '' });
  });

  test('a source, rule or template changed after the build started: stale, naming the file', () => {
    build();
    write('templates/component.md', 'y', future);
    expect(stamp('check')).toEqual({ code: 1, stderr: 'dist/ is stale: templates/component.md changed since the last build.\n' });
    build();
    write('src/cli/main.ts', 'y', future);
    expect(stamp('check').stderr).toBe('dist/ is stale: src/cli/main.ts changed since the last build.\n');
  });

  test('a file added or removed (even with an old mtime, as a rename keeps it): stale', () => {
    build();
    write('src/cli/new.ts', 'x', past);
    expect(stamp('check').stderr).toBe('dist/ is stale: files were added, removed or renamed since the last build.\n');
    build();
    rmSync(path.join(root, 'src/cli/new.ts'));
    expect(stamp('check').code).toBe(1);
  });

  test('a missing output or an unfinished build: stale', () => {
    build();
    rmSync(path.join(root, 'dist/bin/worker.js'));
    expect(stamp('check').stderr).toBe('dist/ is stale: dist/bin/worker.js is missing.\n');
    build();
    expect(stamp('begin').code).toBe(0); // a build that was interrupted
    expect(stamp('check').stderr).toBe('dist/ is stale: the last build did not finish.\n');
  });

  test('ensure does nothing on a fresh tree (no build is run: this tree has no build script)', () => {
    build();
    expect(stamp('ensure')).toEqual({ code: 0, stderr: '' });
  });
});

/**
 * scripts/*.sh copied into another repository (as the seeds suggest) find the CLI the way a user
 * installed it — node_modules/.bin (here or in a parent folder), then PATH — and otherwise say how to
 * install it and exit 2, never the package manager's 404 with exit 1 (which reads as "findings").
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupRepos, makeRepo } from './temp-repo.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Only the system's tools: no spec-review, no node_modules/.bin of this project. */
const SYSTEM_PATH = '/usr/bin:/bin';

afterAll(cleanupRepos);

beforeAll(() => {
  for (const dir of SYSTEM_PATH.split(':')) {
    if (existsSync(path.join(dir, 'spec-review'))) throw new Error(`${dir}/spec-review exists: these tests need a PATH without the CLI`);
  }
});

/** Another repository with a copy of scripts/ (and scripts/lib/). */
function otherRepo(): string {
  const root = makeRepo({ 'README.md': '# other project\n', 'docs/specs/component/cmp-001-a.md': '# A\n' }, { git: true });
  cpSync(path.join(projectRoot, 'scripts', 'lib'), path.join(root, 'scripts', 'lib'), { recursive: true });
  for (const name of ['validate-spec.sh', 'generate-spec.sh', 'check-completeness.sh']) cpSync(path.join(projectRoot, 'scripts', name), path.join(root, 'scripts', name));
  return root;
}

/** An executable that prints its name and arguments, one per line, and exits with `code`. */
function fakeCli(file: string, name: string, code = 0): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\necho "${name}"\nprintf '%s\\n' "$@"\nexit ${code}\n`);
  chmodSync(file, 0o755);
}

function run(root: string, script: string, args: string[], opts: { cwd?: string; path?: string } = {}) {
  return spawnSync('bash', [path.join(root, 'scripts', script), ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    env: { HOME: root, PATH: opts.path ?? SYSTEM_PATH },
  });
}

describe('wrapper scripts in another repository', () => {
  test('without the CLI: how to install it, exit 2', () => {
    const root = otherRepo();
    for (const [script, args] of [['validate-spec.sh', ['docs']], ['check-completeness.sh', []], ['generate-spec.sh', ['component', 'payment-service']]] as const) {
      const r = run(root, script, [...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'spec-review: the spec-review CLI is not installed.\n' +
          'Install it in this repository:   npm install --save-dev spec-review\n' +
          'or for your user:                npm install --global spec-review\n' +
          'then run this script again.\n',
      );
    }
  });

  test('a CLI on PATH (global install) runs with the arguments, and its exit code is the script’s', () => {
    const root = otherRepo();
    const bin = path.join(root, '.fake-global');
    fakeCli(path.join(bin, 'spec-review'), 'global', 1);
    const r = run(root, 'generate-spec.sh', ['flow', 'checkout-flow', '--title', 'Checkout Flow'], { path: `${bin}:${SYSTEM_PATH}` });
    expect(r.stdout).toBe('global\nscaffold\nflow\ncheckout-flow\n--title\nCheckout Flow\n');
    expect(r.status).toBe(1);
  });

  test('a local install (node_modules/.bin) wins over PATH, also from a subfolder', () => {
    const root = otherRepo();
    const bin = path.join(root, '.fake-global');
    fakeCli(path.join(bin, 'spec-review'), 'global');
    fakeCli(path.join(root, 'node_modules', '.bin', 'spec-review'), 'local');
    const top = run(root, 'validate-spec.sh', ['docs/specs'], { path: `${bin}:${SYSTEM_PATH}` });
    expect(top.stdout).toBe('local\nvalidate\ndocs/specs\n');
    expect(top.status).toBe(0);
    const sub = run(root, 'check-completeness.sh', ['--min-score', '80', '.'], { cwd: path.join(root, 'docs'), path: `${bin}:${SYSTEM_PATH}` });
    expect(sub.stdout).toBe('local\ncompleteness\n--min-score\n80\n.\n');
  });
});

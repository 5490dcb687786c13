/**
 * The pre-commit hook (.pre-commit-hooks.yaml) exercised the way pre-commit runs it: in a git repository,
 * the staged files filtered by the hook's `files` regex and `types`, passed as arguments after `entry`.
 * The CLI runs in-process (run()), so this pins the hook config and the CLI's file-argument behaviour.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cli } from '../cli/run-cli.js';
import { cleanupRepos, makeRepo } from '../cli/temp-repo.js';

afterAll(cleanupRepos);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  types?: string[];
  pass_filenames?: boolean;
}
const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'spec-review')!;

/** identify's tags for the `types:` filter, as far as this hook needs them. */
function tags(file: string): string[] {
  return /\.(md|markdown|mdown|mkdn)$/i.test(file) ? ['file', 'text', 'markdown'] : ['file', 'text'];
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** What `pre-commit run` does for this hook: staged files → filter → entry + files. */
async function preCommit(repo: string) {
  const staged = git(repo, 'diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter(Boolean);
  const re = new RegExp(hook.files);
  const files = staged.filter((f) => re.test(f) && (hook.types ?? []).every((t) => tags(f).includes(t)));
  const [command, ...args] = hook.entry.split(' ');
  expect(command).toBe('spec-review'); // the package's bin
  const out = await cli([...args, ...files], { cwd: repo });
  return { files, ...out };
}

const fixture = (name: string) => readFileSync(path.join(root, 'test/fixtures/specs', name), 'utf8');
const GOOD = fixture('cmp-001-export-service.md');
/** The committed specs the good one references (so it passes). */
const COMMITTED = {
  'docs/specs/flow-schematic/flow-001-user-bulk-export.md': fixture('flow-001-user-bulk-export.md'),
  'docs/specs/flow/flw-001-export-job-processing.md': fixture('flw-001-export-job-processing.md'),
  'docs/specs/data-flow/dfl-001-market-data-pipeline.md': fixture('dfl-001-market-data-pipeline.md'),
};
const BAD = '# Payment service\n\nTODO: everything\n';

describe('.pre-commit-hooks.yaml', () => {
  test('declares the spec-review hook: node, spec Markdown files, file names as arguments', () => {
    expect(hook).toMatchObject({ entry: 'spec-review validate', language: 'node', pass_filenames: true, types: ['markdown'] });
    const re = new RegExp(hook.files);
    expect(re.test('docs/specs/component/cmp-001-x.md')).toBe(true);
    expect(re.test('docs/specs/notes.txt')).toBe(false);
    expect(re.test('README.md')).toBe(false);
    expect(re.test('other/docs/specs/a.md')).toBe(false);
  });

  test('a staged spec with errors fails the commit and is named; other staged files are not passed', async () => {
    const repo = makeRepo(
      {
        ...COMMITTED,
        'docs/specs/component/cmp-001-export-service.md': GOOD,
        'docs/specs/component/cmp-002-payment-service.md': BAD,
        'docs/specs/notes.txt': 'not a spec',
        'README.md': '# readme\n',
      },
      { git: true },
    );
    git(repo, 'add', '-A');
    git(repo, 'reset', '-q', '--', ...Object.keys(COMMITTED)); // committed earlier: not part of this commit
    const out = await preCommit(repo);
    expect(out.files.sort()).toEqual(['docs/specs/component/cmp-001-export-service.md', 'docs/specs/component/cmp-002-payment-service.md']);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('docs/specs/component/cmp-002-payment-service.md');
    expect(out.stdout).not.toContain('README.md');
  });

  test('only what is staged is reviewed: a broken spec left unstaged does not block the commit', async () => {
    const repo = makeRepo({ ...COMMITTED, 'docs/specs/component/cmp-001-export-service.md': GOOD }, { git: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    // Stage a clean edit; leave a broken new spec untracked.
    makeRepoFile(repo, 'docs/specs/component/cmp-001-export-service.md', `${GOOD}\n`);
    makeRepoFile(repo, 'docs/specs/component/cmp-002-payment-service.md', BAD);
    git(repo, 'add', 'docs/specs/component/cmp-001-export-service.md');
    const out = await preCommit(repo);
    expect(out.files).toEqual(['docs/specs/component/cmp-001-export-service.md']);
    expect(out.stderr).toBe('');
    expect(out.stdout).not.toContain('cmp-002');
    expect(out.code).toBe(0);
  });
});

function makeRepoFile(repo: string, rel: string, content: string): void {
  const abs = path.join(repo, ...rel.split('/'));
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

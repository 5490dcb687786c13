import { openRepository } from '../../src/cli/repo.js';
import { resolveTargets } from '../../src/cli/targets.js';
import { UsageError } from '../../src/cli/io.js';
import { cleanupRepos, makeRepo } from './temp-repo.js';
import path from 'node:path';

afterAll(cleanupRepos);

const files = {
  'docs/specs/component/cmp-001-a.md': '# A',
  'docs/specs/component/deep/cmp-002-b.md': '# B',
  'docs/specs/component/README.md': '# readme',
  'docs/specs/component/diagram.png': 'png',
  'docs/guide.md': '# not a spec',
  'node_modules/pkg/docs/specs/component/cmp-009-x.md': '# vendored',
  'ignored/docs/specs/component/cmp-003-c.md': '# ignored by git',
  '.gitignore': 'ignored/\n',
};

/** Stand-in for the spec rule (spec-files.ts): Markdown under docs/specs/ except README. */
const isSpec = (p: string) => /(^|\/)docs\/specs\/.*\.md$/.test(p) && !p.endsWith('README.md');

describe('resolveTargets', () => {
  test('directories recurse, keep spec Markdown, skip node_modules', () => {
    const root = makeRepo(files);
    const repo = openRepository(root, root);
    const t = resolveTargets(['docs'], { cwd: root, repo, isSpec, forcedType: false });
    expect(t.map((x) => x.repoPath)).toEqual(['docs/specs/component/cmp-001-a.md', 'docs/specs/component/deep/cmp-002-b.md']);
    // --type: every Markdown file of the directory
    const forced = resolveTargets(['docs'], { cwd: root, repo, isSpec, forcedType: true });
    expect(forced.map((x) => x.repoPath)).toContain('docs/guide.md');
  });

  test('globs are matched relative to the cwd; named files always count; duplicates dropped', () => {
    const root = makeRepo(files);
    const repo = openRepository(root, root);
    const ctx = { cwd: path.join(root, 'docs'), repo, isSpec, forcedType: false };
    const t = resolveTargets(['specs/**/cmp-*.md', 'guide.md', './specs/component/cmp-001-a.md'], ctx);
    expect(t.map((x) => x.repoPath)).toEqual(['docs/specs/component/cmp-001-a.md', 'docs/specs/component/deep/cmp-002-b.md', 'docs/guide.md']);
    expect(() => resolveTargets(['specs/**/*.txt'], ctx)).toThrow(new UsageError('No files match the pattern "specs/**/*.txt".'));
    expect(() => resolveTargets(['nope.md'], ctx)).toThrow('No such file or directory: nope.md');
  });

  test('no paths: every spec path in the index (git respects .gitignore)', () => {
    const root = makeRepo(files, { git: true });
    const repo = openRepository(path.join(root, 'docs'), root);
    expect(repo.root).toBe(root);
    expect(repo.git).toBe(true);
    const t = resolveTargets([], { cwd: root, repo, isSpec, forcedType: false });
    expect(t.map((x) => x.repoPath)).toEqual(['docs/specs/component/cmp-001-a.md', 'docs/specs/component/deep/cmp-002-b.md']);
  });

  test('without git the index is a walk that skips node_modules and .git', () => {
    const root = makeRepo(files);
    const repo = openRepository(root, root);
    expect(repo.git).toBe(false);
    expect(repo.paths.has('ignored/docs/specs/component/cmp-003-c.md')).toBe(true);
    expect([...repo.paths].some((p) => p.startsWith('node_modules/'))).toBe(false);
  });
});

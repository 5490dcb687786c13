/**
 * The built CLI as users run it: `node bin/spec-review.js` (the bundle in dist/bin/, and the scripts/
 * wrappers), including the worker-thread path, which only exists in the build. `npm test` builds
 * dist/ first when it is stale (scripts/build-stamp.mjs); run on its own against a stale dist/, this
 * file fails and says so rather than testing an old build.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { assertBuilt } from '../helpers/built.js';
import { cli } from './run-cli.js';
import { cleanupRepos, componentSpec, makeRepo } from './temp-repo.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(projectRoot, 'bin', 'spec-review.js');

beforeAll(assertBuilt);
afterAll(cleanupRepos);

describe('compiled CLI (dist/)', () => {
  function node(args: string[], cwd: string) {
    return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  }

  test('worker threads give the same results, in the same order, as the in-process review', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 45; i++) {
      files[`docs/specs/component/cmp-${String(i).padStart(3, '0')}-s${i}.md`] = componentSpec(`Service ${i}`, i % 3 ? `See [CMP-${String(i + 1).padStart(3, '0')}].` : '[TODO]');
    }
    const root = makeRepo(files, { git: true });
    const spawned = node(['validate', 'docs', '--format', 'json', '--jobs', '2'], root);
    expect(spawned.stderr).toBe('');
    const inProcess = await cli(['validate', 'docs', '--format', 'json'], { cwd: root });
    expect(spawned.stdout).toBe(inProcess.stdout);
    expect(spawned.status).toBe(inProcess.code);
    expect(JSON.parse(spawned.stdout).files).toHaveLength(45);
  });

  test("diagrams that need mermaid's own parser are judged on the main thread, with the same findings", async () => {
    const diagrams = [
      '```mermaid\ngraph TD\n  A[Start] --> B{Valid?}\n  B -->|yes| C[Done]\n```', // plain: the fast path
      '```mermaid\ngraph TD\n  A --> B\n  click A callback\n  classDef hot fill:#f96\n```', // valid, needs mermaid
      '```mermaid\ngraph TD\n  A[Start --> \n  B(]\n```', // invalid
      '```mermaid\nsequenceDiagram\n  participant A\n  A->>B: hi\n  Note over A,B: x\n  loop every minute\n    A-->>B: ping\n  end\n```',
      '```mermaid\nsequenceDiagram\n  A->>B hi\n```', // invalid
    ];
    const files: Record<string, string> = {};
    for (let i = 1; i <= 40; i++) {
      files[`docs/specs/component/cmp-${String(i).padStart(3, '0')}-m${i}.md`] = componentSpec(`Mermaid ${i}`, diagrams[i % diagrams.length]);
    }
    const root = makeRepo(files, { git: true });
    const spawned = node(['validate', 'docs', '--format', 'json', '--jobs', '3'], root);
    expect(spawned.stderr).toBe('');
    const inProcess = await cli(['validate', 'docs', '--format', 'json'], { cwd: root });
    expect(spawned.stdout).toBe(inProcess.stdout);
    const mermaidFindings = (JSON.parse(spawned.stdout) as { files: { findings: { rule: string }[] }[] }).files.flatMap((f) => f.findings).filter((f) => f.rule === 'code-mermaid');
    expect(mermaidFindings).toHaveLength(16); // 2 invalid diagrams × 8 files each
  });

  test('exit codes and messages from the real process', () => {
    const root = makeRepo({ '.github/spec-review.yml': 'min_score: abc\n', 'docs/specs/component/cmp-001-a.md': componentSpec('A') });
    const bad = node(['validate'], root);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^spec-review: \.github\/spec-review\.yml:1/);
    expect(node(['--version'], root).status).toBe(0);
    expect(node(['bogus'], root).status).toBe(2);
  });

  test('scripts/*.sh pass their arguments to the CLI', () => {
    const root = makeRepo({ 'README.md': '# x\n' }, { git: true });
    const gen = spawnSync('bash', [path.join(projectRoot, 'scripts', 'generate-spec.sh'), 'component', 'cmp-001-descriptive-slug'], { cwd: root, encoding: 'utf8' });
    expect(gen.status).toBe(0);
    expect(gen.stdout).toBe('docs/specs/component/cmp-001-descriptive-slug.md\n');
    const file = 'docs/specs/component/cmp-001-descriptive-slug.md';
    const val = spawnSync('bash', [path.join(projectRoot, 'scripts', 'validate-spec.sh'), file], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(val.status).toBe(1); // an unfilled template has errors
    expect(val.stdout).toContain(file);
    const comp = spawnSync('bash', [path.join(projectRoot, 'scripts', 'check-completeness.sh'), file], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(comp.stdout).toMatch(/component {2}\d+\/100/);
    const usage = spawnSync('bash', [path.join(projectRoot, 'scripts', 'generate-spec.sh')], { cwd: root, encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});

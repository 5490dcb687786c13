/**
 * The platform the project states and runs on: the Node.js lines in package.json `engines` (also named
 * in the README), the Action's runtime, the image's base, the bundles' target, the official actions our
 * workflows and doc examples use, and every installed package accepting each supported Node.js line
 * (so `npm ci` prints no EBADENGINE on any of them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> };

/** The lowest version of each supported line: `^20.19.0 || ^22.13.0 || >=24` → 20.19.0, 22.13.0, 24.0.0. */
const lines = pkg.engines.node.split('||').map((r) => semver.minVersion(r.trim())!.version);
const majors = lines.map((v) => semver.major(v));
const CURRENT = Math.max(...majors);

/** Current major versions of the official actions (each runs on Node 24). */
const ACTION_MAJORS: Record<string, number> = {
  'actions/checkout': 6,
  'actions/setup-node': 6,
  'github/codeql-action': 4,
};

/** README.md, docs/**, workflows and action metadata: every file that may show a workflow. */
function workflowSources(): string[] {
  const out = ['README.md', 'action.yml'];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.(md|ya?ml)$/.test(e.name)) out.push(rel);
    }
  };
  walk('docs');
  walk('.github');
  return out;
}

describe('supported Node.js versions', () => {
  test('engines names maintained lines and still admits Node 20, which the tests here run on', () => {
    expect(majors).toEqual([20, 22, 24]);
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  test('the README states the same lines', () => {
    const readme = read('README.md');
    const stated = /Supported Node\.js versions: ([^]+?)\n\n/.exec(readme);
    expect(stated).not.toBeNull();
    for (const major of majors) expect(stated![1]).toContain(`${major}`);
    expect(readme).toContain(pkg.engines.node);
  });

  test('every installed package accepts the lowest version of each supported line (no EBADENGINE)', () => {
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!where || !range) continue;
      for (const v of lines) if (!semver.satisfies(v, range)) refused.push(`${where.replace(/^node_modules\//, '')} (node ${range}) refuses ${v}`);
    }
    expect(refused).toEqual([]);
  });

  test('the bundles are built for the lowest supported line', () => {
    const targets = [...read('scripts/esbuild-node.mjs').matchAll(/target: '([^']+)'/g)].map((m) => m[1]);
    expect(targets).toEqual([`node${Math.min(...majors)}`]);
  });
});

describe('runtimes', () => {
  test('the Action runs on the current Node.js', () => {
    const action = parse(read('action.yml')) as { runs: { using: string } };
    expect(action.runs.using).toBe(`node${CURRENT}`);
  });

  test('the image builds and runs on a maintained LTS slim image', () => {
    const bases = [...read('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      const m = /^node:(\d+)-bookworm-slim$/.exec(base);
      expect(m).not.toBeNull();
      expect(majors.filter((x) => x >= 22)).toContain(Number(m![1]));
    }
  });
});

describe('workflows and doc examples', () => {
  const uses = workflowSources().flatMap((file) =>
    [...read(file).matchAll(/uses:\s*['"]?([\w.-]+\/[\w.-]+)(?:\/[\w./-]+)?@([^\s'"]+)/g)].map((m) => ({ file, action: m[1], ref: m[2] })),
  );

  test('official actions are on their current major version', () => {
    const official = uses.filter((u) => u.action.startsWith('actions/') || u.action.startsWith('github/'));
    expect(official.length).toBeGreaterThan(0);
    for (const u of official) {
      const want = ACTION_MAJORS[u.action];
      if (want === undefined) throw new Error(`${u.file}: ${u.action} is not in ACTION_MAJORS: add its current (Node 24) major version`);
      expect(`${u.file}: ${u.action}@${u.ref}`).toBe(`${u.file}: ${u.action}@v${want}`);
    }
  });

  test('node-version in workflows and examples is a supported line, the CI matrix tests every one', () => {
    for (const file of workflowSources()) {
      for (const m of read(file).matchAll(/node-version:\s*['"]?([^\s'"]+)/g)) {
        if (m[1].startsWith('${{')) continue;
        expect(`${file}: node-version ${m[1]}`).toBe(`${file}: node-version ${CURRENT}`);
      }
    }
    const ci = parse(read('.github/workflows/ci.yml')) as { jobs: { test: { strategy: { matrix: { node: number[] } } } } };
    expect([...ci.jobs.test.strategy.matrix.node].sort()).toEqual([...majors].sort());
  });
});

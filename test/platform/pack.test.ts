/**
 * The CLI in another team's repository without a registry (README, "Use it in your repository"):
 * `npm pack` makes the release tarball; a fresh project installs it as a devDependency with `npm ci
 * --offline` — its lockfile pins the tarball (by integrity) and exactly our lockfile's production
 * dependencies, so npm takes everything from its cache and never reaches the network — and then
 * `npx spec-review --help`, `validate` and `report` run from that project. dist/ must be current (npm
 * test builds it first; the tarball packs it as a release would).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from '../helpers/built.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: Record<string, string>;
  license: string;
  overrides?: Record<string, unknown>;
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };

let project: string;
let tarball: string;
let files: string[];
let install: SpawnSyncReturns<string>;

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  // npm's own environment: no color, no update check, the user's cache; nothing from a parent npm run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(?!config_cache$)/i.test(k)));
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
}

beforeAll(() => {
  assertBuilt();
  project = realpathSync(mkdtempSync(path.join(tmpdir(), 'spec-review-pack-')));
  // The release tarball, as `npm pack` makes it (dist/ is already built: no scripts run).
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', project], root);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info[0].files.map((f) => f.path);
  tarball = info[0].filename;
  // A team's repository that keeps the tarball under tools/ and a spec of its own.
  mkdirSync(path.join(project, 'tools'));
  renameSync(path.join(project, tarball), path.join(project, 'tools', tarball));
  const spec = `file:tools/${tarball}`;
  // Our lockfile's versions hold under our `overrides` (content-type 2.1.0 for Octokit, README): the team's project repeats them.
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'team-repo', private: true, devDependencies: { [pkg.name]: spec }, overrides: pkg.overrides }, null, 2)}\n`);
  const packages: Record<string, Record<string, unknown>> = {
    '': { name: 'team-repo', devDependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(path.join(project, 'tools', tarball))).digest('base64')}`,
      dev: true,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  // Everything our production tree may install: its packages, and those shared with the dev tree
  // (`devOptional`: an optional dependency of ours that a devDependency also uses). npm drops what the
  // new tree does not reach.
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev || !key.startsWith('node_modules/')) continue;
    const { devOptional: _shared, ...rest } = entry;
    packages[key] = { ...rest, dev: true, ...(entry.devOptional ? { optional: true } : {}) };
  }
  writeFileSync(path.join(project, 'package-lock.json'), `${JSON.stringify({ name: 'team-repo', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  mkdirSync(path.join(project, 'docs', 'specs', 'component'), { recursive: true });
  writeFileSync(
    path.join(project, 'docs', 'specs', 'component', 'cmp-001-ledger.md'),
    '# Ledger\n\n**Type**: Service\n**Version**: 1.0\n**Status**: Draft\n\n## Purpose\n\nThe ledger books every payment and answers balance queries for the rest of the platform.\n',
  );
  spawnSync('git', ['init', '-q'], { cwd: project });
  install = npm(['ci', '--offline', '--no-audit', '--no-fund'], project);
}, 300_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const npx = (args: string[]) => spawnSync('npx', ['--no-install', 'spec-review', ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_offline: 'true' } });

describe('the release tarball in another repository', () => {
  test('npm pack holds the CLI bundle, the rules, templates and schemas — no tests, no sources', () => {
    expect(tarball).toBe(`${pkg.name}-${pkg.version}.tgz`);
    for (const f of ['bin/spec-review.js', 'dist/bin/main.js', 'dist/bin/worker.js', 'dist/builtin-rules.json', 'rules/component.yml', 'templates/component.md', 'schemas/config.schema.json', 'package.json', 'README.md']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('bench/'))).toEqual([]);
  });

  test('installs offline with npm ci', () => {
    expect({ status: install.status, stderr: install.status === 0 ? '' : install.stderr }).toEqual({ status: 0, stderr: '' });
    expect(existsSync(path.join(project, 'node_modules', '.bin', 'spec-review'))).toBe(true);
  });

  test('npx spec-review --help, validate and report run from it', () => {
    const help = npx(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: spec-review <command> \[options\]/);
    expect(help.stdout).toContain('report [paths|globs...]');
    const validate = npx(['validate', '--format', 'json']);
    expect(validate.stderr).toBe('');
    const json = JSON.parse(validate.stdout);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['docs/specs/component/cmp-001-ledger.md']);
    expect(json.graph.nodes).toHaveLength(1);
    const report = npx(['report', '-o', 'spec-report.html']);
    expect(report.status).toBe(0);
    expect(readFileSync(path.join(project, 'spec-report.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });
});

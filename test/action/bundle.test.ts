/**
 * The committed bundle: action.yml points at it, it is not git-ignored, and it runs — the real
 * action/dist/index.js started as a runner starts it (node, env, event file), against a local stand-in
 * for the GitHub API (GITHUB_API_URL), with a write token and with a fork's read-only token.
 * Staleness: action/dist/sources.json (written by scripts/build-action.mjs) holds a digest of every
 * source the bundle was made from; the first test compares them with the working tree, so a bundle
 * left stale by a source change fails here by name. CI also rebuilds and runs `git diff --exit-code action/dist`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { HEAD } from '../github/helpers/setup.js';
import { cleanupDirs, forkPullPayload, workflow, workflowPullPayload } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string };
  inputs: Record<string, { default?: string; required?: boolean }>;
};

describe('action/dist', () => {
  test('was built from the sources as they are now (else: npm run build:action, and commit action/dist)', () => {
    const recorded = JSON.parse(readFileSync(path.join(root, 'action/dist/sources.json'), 'utf8')) as {
      'package-lock.json': string;
      files: Record<string, string>;
    };
    const digest = (rel: string) => (existsSync(path.join(root, rel)) ? createHash('sha256').update(readFileSync(path.join(root, rel))).digest('hex') : 'missing');
    const changed = [['package-lock.json', recorded['package-lock.json']] as const, ...Object.entries(recorded.files)]
      .filter(([rel, sha]) => digest(rel) !== sha)
      .map(([rel]) => rel);
    expect(Object.keys(recorded.files)).toContain('src/action/index.ts');
    // A new source file the bundle would take is caught by CI's rebuild-and-diff; a changed one, here.
    expect({ changedSinceActionDistWasBuilt: changed }).toEqual({ changedSinceActionDistWasBuilt: [] });
  });
});

describe('action.yml', () => {
  test('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/dist/index.js' });
    expect(existsSync(path.join(root, action.runs.main))).toBe(true);
    // The chunks are ES modules whatever the package.json above them says.
    expect(JSON.parse(readFileSync(path.join(root, 'action/dist/package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  test('declares the inputs the entry reads, with their defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'fail-level', 'github-token', 'min-score']);
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
    expect(action.inputs.config.default).toBe('.github/spec-review.yml');
    expect(action.inputs['fail-level'].default).toBe('');
    expect(action.inputs['min-score'].default).toBe('');
  });

  test('the example workflows use only declared inputs and grant what docs/action.md says', () => {
    type Step = { uses?: string; with?: Record<string, unknown> };
    type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    const load = (name: string) => parse(readFileSync(path.join(root, 'docs/workflows', name), 'utf8')) as Workflow;
    const full = load('spec-review.yml');
    expect(full.permissions).toEqual({ checks: 'write', 'pull-requests': 'write', issues: 'write', contents: 'write' });
    expect(Object.keys(full.on).sort()).toEqual(['issue_comment', 'pull_request']);
    expect(load('spec-review-read-only.yml').permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
    expect(Object.keys(load('spec-review-forks.yml').on)).toContain('pull_request_target');
    for (const name of ['spec-review.yml', 'spec-review-read-only.yml', 'spec-review-forks.yml']) {
      const steps = Object.values(load(name).jobs).flatMap((j) => j.steps);
      const ours = steps.filter((st) => st.uses?.startsWith('spec-review/spec-review@'));
      expect(ours).toHaveLength(1);
      for (const key of Object.keys(ours[0].with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
      // No checkout: the action reads through the API (and must never run a fork's code).
      expect(steps.some((st) => st.uses?.startsWith('actions/checkout'))).toBe(false);
    }
    const scanning = load('code-scanning.yml');
    expect(scanning.permissions['security-events']).toBe('write');
  });

  test('the bundle is not git-ignored (it must be committed for `uses:` to work)', () => {
    const r = spawnSync('git', ['check-ignore', '-q', '--no-index', 'action/dist/index.js'], { cwd: root });
    expect(r.status).toBe(1); // 1 = not ignored; 0 = ignored
  });
});

// A stand-in for the GitHub REST API: answers what one review asks, records the requests.
interface Seen {
  method: string;
  path: string;
  body: string;
}
let server: http.Server;
let apiUrl: string;
let seen: Seen[] = [];
let refuseWrites = false;
const SPEC = 'docs/specs/component/cmp-001-pay.md';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://localhost');
      seen.push({ method: req.method ?? '', path: u.pathname, body });
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      const write = req.method !== 'GET';
      if (write && refuseWrites) return json(403, { message: 'Resource not accessible by integration' });
      if (req.method === 'POST' && u.pathname.endsWith('/check-runs')) return json(201, { id: 7, html_url: 'https://example.invalid/runs/7' });
      if (req.method === 'PATCH' && u.pathname.endsWith('/check-runs/7')) return json(200, {});
      if (u.pathname.includes('/contents/.github')) return json(404, { message: 'Not Found' });
      if (u.pathname.endsWith('/pulls/2/files')) return json(200, [{ filename: SPEC, status: 'added' }]);
      if (u.pathname.includes('/git/trees/')) return json(200, { tree: [{ path: SPEC, type: 'blob', size: 50 }], truncated: false });
      if (u.pathname.endsWith(`/contents/${encodeURIComponent(SPEC)}`)) {
        res.writeHead(200, { 'content-type': 'application/vnd.github.raw' });
        // A broken mermaid block: the lazily loaded mermaid chunk must work in the bundle too.
        return res.end('# Pay\n\n```mermaid\nflowchart TD\n  A-->\n```\n');
      }
      if (u.pathname.endsWith('/pulls/2')) return json(200, { number: 2, head: { sha: HEAD } });
      if (u.pathname.endsWith('/issues/2/comments')) return req.method === 'GET' ? json(200, []) : json(201, { id: 1 });
      json(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  cleanupDirs();
  await new Promise((resolve) => server.close(resolve));
});

function runBundle(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'action/dist/index.js')], {
      env: { PATH: process.env.PATH ?? '', ...env, GITHUB_API_URL: apiUrl },
      cwd: root,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the bundle runs the app', () => {
  test('write token: check run created completed, comment posted, mermaid checked', async () => {
    seen = [];
    refuseWrites = false;
    const run = workflow('pull_request', workflowPullPayload());
    const r = await runBundle(run.io.env as Record<string, string>);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const writes = seen.filter((s) => s.method !== 'GET').map((s) => `${s.method} ${s.path}`);
    // The run is created completed in one write (≤ 50 annotations), then the comment.
    expect(writes).toEqual([
      'POST /repos/Codertocat/Hello-World/check-runs',
      'POST /repos/Codertocat/Hello-World/issues/2/comments',
    ]);
    const done = JSON.parse(seen.find((s) => s.method === 'POST' && s.path.endsWith('/check-runs'))!.body);
    expect(done).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(done.output.annotations.some((a: { title: string }) => a.title === 'code-mermaid')).toBe(true);
  });

  test('read-only token: annotations as workflow commands, exit code from the findings', async () => {
    seen = [];
    refuseWrites = true;
    const run = workflow('pull_request', forkPullPayload(), { 'fail-level': 'never' });
    const r = await runBundle(run.io.env as Record<string, string>);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning::Spec Review: the token may not write/m);
    expect(r.stdout).toMatch(new RegExp(`^::error file=${SPEC},line=5,.*title=code-mermaid::`, 'm'));
    expect(seen.filter((s) => s.method !== 'GET')).toHaveLength(1); // only the refused check run
    expect(run.summary()).toContain('fails on: never');
  });
});

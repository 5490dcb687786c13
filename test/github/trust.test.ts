/**
 * Trust and observability (issue 5): minimum permissions, secrets never in logs, the process policy,
 * one structured log line per review.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import nock from 'nock';
import { RequestError } from '@octokit/request-error';
import { parse } from 'yaml';
import { processGuards } from '../../src/github/index.js';
import { createLogger, scrubSecrets } from '../../src/github/logger.js';
import { Metrics, statusClass } from '../../src/github/metrics.js';
import { API, BASE_REF, HEAD, PR, R, contents, harness, prPayload } from './helpers/setup.js';

afterEach(() => {
  nock.cleanAll();
});

describe('app.yml', () => {
  test('asks for exactly the minimum permissions and events', () => {
    const manifest = parse(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8')) as Record<string, any>;
    expect(manifest.default_permissions).toEqual({
      checks: 'write',
      pull_requests: 'read',
      issues: 'write',
      contents: 'write',
      metadata: 'read',
    });
    expect([...manifest.default_events].sort()).toEqual(['check_run', 'check_suite', 'issue_comment', 'pull_request']);
  });
});

describe('secrets never reach the logs', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const PEM = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
  const SECRET = 'webhook-secret-value-123';

  async function capture(): Promise<{ log: Awaited<ReturnType<typeof createLogger>>; text: () => string }> {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = await createLogger({ level: 'debug', secrets: [PEM, SECRET], stream });
    return { log, text: () => lines.join('') };
  }

  test('an Octokit request error carrying an Authorization header, through a child logger', async () => {
    const { log, text } = await capture();
    const child = log.child({ name: 'octokit' });
    // @octokit/request-error masks its own header; a hand-made error (another library, a wrapped
    // error) does not: both are logged.
    const octokitError = new RequestError('Bad credentials', 401, {
      request: { method: 'GET', url: `${API}/repos/o/r`, headers: { authorization: `token ${TOKEN}` } },
      response: { status: 401, url: `${API}/repos/o/r`, headers: {}, data: { message: 'Bad credentials' } },
    });
    const raw = Object.assign(new Error(`request failed with token ${TOKEN}`), {
      request: { headers: { authorization: `token ${TOKEN}` }, auth: { privateKey: PEM } },
    });
    child.error({ err: octokitError }, 'review could not complete');
    child.error({ err: raw, deliveryId: 'd-1' }, 'review could not complete');
    child.warn({ options: { auth: { privateKey: PEM, appId: 1 }, token: TOKEN } }, 'octokit options');
    child.info(`installation token ${TOKEN} refreshed; key ${PEM}`);
    child.info({ headers: { Authorization: `Bearer ${TOKEN}` } }, 'request');
    child.debug({ secret: SECRET, body: `x ${SECRET} y` }, 'webhook');
    const out = text();
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(TOKEN.slice(4)); // not even the token's body
    expect(out).not.toContain('PRIVATE KEY');
    expect(out).not.toContain(PEM.split('\n')[1]); // a line of the key itself
    expect(out).not.toContain(SECRET);
    expect(out).toContain('[Redacted]');
    // The rest of the line survives: redaction is targeted, not a blank log.
    expect(out).toContain('review could not complete');
    expect(out).toContain('"deliveryId":"d-1"');
    expect(out).toContain('Bad credentials');
  });

  test('scrubSecrets: tokens, JWTs, key blocks and scheme values; harmless text untouched', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjEyM30.c2lnbmF0dXJlLXZhbHVl';
    expect(scrubSecrets(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [Redacted]');
    expect(scrubSecrets(`pat github_pat_11ABCDEFG0123456789_abcdefghijkl here`)).toBe('pat [Redacted] here');
    expect(scrubSecrets('-----BEGIN RSA PRIVATE KEY-----\nabc')).toBe('[Redacted]'); // even truncated
    expect(scrubSecrets('Missing required section "Interfaces" in docs/specs/a.md')).toBe('Missing required section "Interfaces" in docs/specs/a.md');
  });
});

describe('process policy', () => {
  function logs() {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _e, cb) {
        lines.push(JSON.parse(String(chunk)));
        cb();
      },
    });
    return { lines, stream };
  }

  test('an unhandled rejection is logged and counted; the process does not exit', async () => {
    const { lines, stream } = logs();
    const log = await createLogger({ stream });
    const exits: number[] = [];
    const metrics = new Metrics();
    const guards = processGuards(log, async () => undefined, (c) => exits.push(c), metrics);
    guards.onUnhandledRejection(new Error('lost promise'));
    expect(exits).toEqual([]);
    expect(lines[0]).toMatchObject({ level: 50, msg: expect.stringContaining('keeps serving'), err: expect.objectContaining({ message: 'lost promise' }) });
    expect((await metrics.failures.get()).values[0]).toMatchObject({ labels: { kind: 'unhandled' }, value: 1 });
  });

  test('an uncaught exception completes running reviews (stop) once, then exits 1; SIGTERM exits 0', async () => {
    const { lines, stream } = logs();
    const log = await createLogger({ stream });
    const exits: number[] = [];
    let stops = 0;
    const guards = processGuards(log, async () => void stops++, (c) => exits.push(c), new Metrics());
    await guards.onUncaughtException(new Error('bug'));
    await guards.onSignal('SIGTERM'); // already stopping: no second stop
    expect(stops).toBe(1);
    expect(exits).toEqual([1]);
    expect(lines[0]).toMatchObject({ level: 60 });
    const { stream: s2 } = logs();
    const exits2: number[] = [];
    const g2 = processGuards(await createLogger({ stream: s2 }), async () => undefined, (c) => exits2.push(c), new Metrics());
    await g2.onSignal('SIGTERM');
    expect(exits2).toEqual([0]);
  });
});

describe('observability', () => {
  test('one info line per review with delivery id, repo, PR, head SHA, duration and result', async () => {
    const metrics = new Metrics();
    const h = harness({ metrics });
    const scope = nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 7 })
      .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
      .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [])
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('pull_request', prPayload('opened'), 'obs-1');
    scope.done();
    const done = h.logs.filter((l) => l.msg === 'review complete');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({
      level: 30,
      deliveryId: 'obs-1',
      repo: 'Codertocat/Hello-World',
      pull: PR,
      headSha: HEAD,
      kind: 'no-specs',
      conclusion: 'success',
      calls: 4, // 2 config reads + 1 files page + 1 check run (the comment queue's 2 reads are its own)
      durationMs: expect.any(Number),
    });
    const reviews = (await metrics.reviews.get()).values;
    expect(reviews).toEqual([expect.objectContaining({ labels: { kind: 'no-specs', conclusion: 'success' }, value: 1 })]);
    expect((await metrics.duration.get()).values.find((v) => v.metricName === 'spec_review_review_duration_seconds_count')?.value).toBe(1);
  });

  test('redeliveries and duplicate triggers are counted as ignored', async () => {
    const metrics = new Metrics();
    const h = harness({ metrics });
    const scope = nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 7 })
      .get(contents('.github/spec-review.yml')).query(true).reply(404, {})
      .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [])
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('pull_request', prPayload('opened'), 'same');
    await h.receive('pull_request', prPayload('opened'), 'same');
    await h.receive('pull_request', prPayload('synchronize'), 'other');
    scope.done();
    const ignored = Object.fromEntries((await metrics.ignored.get()).values.map((v) => [v.labels.reason, v.value]));
    expect(ignored).toEqual({ redelivery: 1, 'duplicate-trigger': 1 });
  });

  test('status classes keep rate limits apart', () => {
    expect([200, 201, 304, 404, 403, 429, 502, undefined].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '403', '429', '5xx', 'error']);
  });
});

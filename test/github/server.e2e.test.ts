/** End to end: the real HTTP server on 127.0.0.1, signed webhooks over HTTP, GitHub answered by nock. */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import nock from 'nock';
import { Probot, Server } from 'probot';
import { createApp } from '../../src/github/app.js';
import type { ReviewOutcome } from '../../src/github/review.js';
import { fakeEngine } from './helpers/fake-engine.js';
import { API, BASE_REF, HEAD, PR, R, RAW, TestOctokit, contents, memoryLogger, prPayload } from './helpers/setup.js';

const SECRET = 'e2e-secret';
const outcomes: ReviewOutcome[] = [];
const app = createApp({ loadEngine: async () => fakeEngine, onReviewed: (o) => outcomes.push(o) });
let server: Server;
let base: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const port = await freePort();
  const log = memoryLogger([]);
  server = new Server({
    host: '127.0.0.1',
    port,
    log,
    Probot: Probot.defaults({
      appId: 123,
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      secret: SECRET,
      Octokit: TestOctokit,
      log,
    }),
  });
  await server.load(app);
  await server.start();
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.stop();
  nock.cleanAll();
});

function post(body: string, signature: string, id: string) {
  return fetch(`${base}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': id,
      'x-hub-signature-256': signature,
    },
    body,
  });
}

const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

test('GET /ping answers (Docker HEALTHCHECK)', async () => {
  const res = await fetch(`${base}/ping`);
  expect(res.status).toBe(200);
});

test('a signed pull_request webhook is answered at once and reviewed against GitHub', async () => {
  const spec = 'docs/specs/component/cmp-001-pay.md';
  const posted: Record<string, unknown>[] = [];
  const scope = nock(API)
    .post('/app/installations/1/access_tokens')
    .reply(201, { token: 'inst-token', expires_at: '2999-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' })
    .post(`${R}/check-runs`, (b) => b.name === 'Spec Review' && b.status === 'in_progress')
    .matchHeader('authorization', 'token inst-token')
    .reply(201, { id: 7, html_url: 'https://github.com/x/runs/7' })
    .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
    .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
    .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'added' }])
    .get(`${R}/git/trees/${HEAD}`).query({ recursive: '1' }).reply(200, { tree: [{ path: spec, type: 'blob' }], truncated: false })
    .get(contents(spec)).query({ ref: HEAD }).reply(200, '# Pay\n', RAW)
    .patch(`${R}/check-runs/7`, (b) => b.status === 'completed' && b.conclusion === 'failure').reply(200, {})
    .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
    .get(`${R}/issues/${PR}/comments`).query(true).reply(200, [])
    .post(`${R}/issues/${PR}/comments`, (b) => (posted.push(b), true)).reply(201, { id: 1 });

  const body = JSON.stringify(prPayload('opened'));
  const res = await post(body, sign(body), 'e2e-1');
  expect(res.status).toBe(200);
  await app.idle();
  scope.done();
  expect(outcomes).toHaveLength(1);
  expect(posted).toHaveLength(1);
});

test('a bad signature is refused with 4xx before any GitHub call', async () => {
  const before = outcomes.length;
  const body = JSON.stringify(prPayload('opened'));
  const res = await post(body, sign(body + 'tampered'), 'e2e-2');
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  await app.idle();
  expect(outcomes.length).toBe(before);
  expect(nock.pendingMocks()).toEqual([]);
  // Any GitHub call would have failed loudly: the network is disabled and no scope is pending.
});

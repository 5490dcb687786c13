/** End to end: the app's HTTP server on 127.0.0.1, signed webhooks over HTTP, GitHub answered by nock. */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { connect } from 'node:net';
import nock from 'nock';
import { Probot } from 'probot';
import { createApp } from '../../src/github/app.js';
import { Metrics } from '../../src/github/metrics.js';
import { MAX_WEBHOOK_BYTES, pingHandler, startServer, webhookReceiver, type AppServer } from '../../src/github/server.js';
import type { ReviewOutcome } from '../../src/github/review.js';
import { fakeEngine } from './helpers/fake-engine.js';
import { API, BASE_REF, HEAD, PR, R, RAW, TestOctokit, contents, memoryLogger, prPayload } from './helpers/setup.js';

const SECRET = 'e2e-secret';
const outcomes: ReviewOutcome[] = [];
const metrics = new Metrics();
/** When set, reviews wait for it before they start (to prove the answer comes first). */
let gate: Promise<void> | null = null;
const app = createApp({
  metrics,
  appId: 123,
  loadEngine: async () => {
    if (gate) await gate;
    return fakeEngine;
  },
  onReviewed: (o) => outcomes.push(o),
});
/** Another app on the same server whose handler throws: the server must keep serving. */
const throwingApp = (probot: Probot) => {
  probot.on('issues.opened', async () => {
    throw new Error('handler bug');
  });
};
let server: AppServer;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const log = memoryLogger([]);
  // Every line the server logs, as text: nothing of an unverified payload may appear in it.
  const textLog = new Proxy(log, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v === 'function' && ['info', 'warn', 'error', 'debug', 'fatal'].includes(String(prop))) {
        return (...args: unknown[]) => {
          logLines.push(JSON.stringify(args, (_k, x) => (x instanceof Error ? { message: x.message, stack: x.stack } : x)));
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return v;
    },
  });
  const probot = new Probot({
    appId: 123,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    secret: SECRET,
    Octokit: TestOctokit,
    log: textLog,
  });
  await probot.load(app);
  await probot.load(throwingApp);
  server = await startServer([webhookReceiver({ probot, secret: SECRET, log: textLog, metrics }), pingHandler, metrics.handler('/metrics')], { host: '127.0.0.1', port: 0, log: textLog });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.stop();
  nock.cleanAll();
});

function post(body: string, signature: string, id: string, event = 'pull_request') {
  return fetch(`${base}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
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
    .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
    .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
    .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'added' }])
    .get(`${R}/git/trees/${HEAD}`).query({ recursive: '1' }).reply(200, { tree: [{ path: spec, type: 'blob' }], truncated: false })
    .get(contents(spec)).query({ ref: HEAD }).reply(200, '# Pay\n', RAW)
    .post(`${R}/check-runs`, (b) => b.name === 'Spec Review' && b.status === 'completed' && b.conclusion === 'failure')
    .matchHeader('authorization', 'token inst-token')
    .reply(201, { id: 7, html_url: 'https://github.com/x/runs/7' })
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

/**
 * A POST to the webhook path over a raw socket (nock intercepts node:http clients and would buffer the
 * body itself): headers, then body chunks until the server answers or closes. `sent`: bytes the
 * kernel accepted before the server's answer.
 */
function rawPost(headers: Record<string, string | number>, chunks: () => Iterable<Buffer>, chunked = false): Promise<{ status: number; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0), sent });
    };
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      if (answer.includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    const all: Record<string, string | number> = {
      host: '127.0.0.1',
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': 'forged',
      'x-hub-signature-256': 'sha256=' + '0'.repeat(64),
      ...headers,
    };
    socket.write(`POST /api/github/webhooks HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
    const it = chunks()[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        if (done) return;
        const next = it.next();
        if (next.done) return;
        const data = chunked ? Buffer.concat([Buffer.from(`${next.value.byteLength.toString(16)}\r\n`), next.value, Buffer.from('\r\n')]) : next.value;
        sent += next.value.byteLength;
        if (!socket.write(data)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

test('a body declared over 25 MB is refused with 413 before a byte of it is read (issue 11)', async () => {
  const declared = 200 * 1024 * 1024;
  // The client sends the headers only and waits: the answer comes from the Content-Length alone.
  const res = await rawPost({ 'content-length': declared }, () => []); // the body never comes
  expect(res.status).toBe(413);
  expect(res.sent).toBe(0);
  expect((await fetch(`${base}/ping`)).status).toBe(200);
});

test('a chunked body growing past 25 MB is cut off with 413 as soon as it passes the limit (issue 11)', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const res = await rawPost({ 'transfer-encoding': 'chunked' }, () => Array(200).fill(chunk), true); // 200 MB if the server kept reading
  // 413, or the connection reset by the server's close before the client read the answer (the kernel
  // drops an answer when unread request bytes are still arriving): never a read to the end.
  expect([413, 0]).toContain(res.status);
  // The server stopped reading at the limit: the client could not push the 200 MB through.
  expect(res.sent).toBeLessThan(MAX_WEBHOOK_BYTES + 64 * 1024 * 1024);
  expect(res.sent).toBeLessThan(200 * 1024 * 1024);
  expect((await fetch(`${base}/ping`)).status).toBe(200);
  const oversize = (await metrics.failures.get()).values.find((v) => v.labels.kind === 'oversize');
  expect(oversize?.value).toBe(2);
});

test('a forged (unsigned) delivery is refused and nothing of its payload is logged (issue 11)', async () => {
  const before = logLines.length;
  const marker = 'FORGED-PAYLOAD-MARKER-7f3a';
  const body = JSON.stringify({ ...prPayload('opened'), note: marker });
  const res = await post(body, 'sha256=' + 'ab'.repeat(32), 'forged-1');
  expect(res.status).toBe(400);
  const logged = logLines.slice(before).join('\n');
  expect(logged).toContain('forged-1'); // the refusal is logged, with the delivery id
  expect(logged).toContain('signature does not match');
  expect(logged).not.toContain(marker);
  expect(logged).not.toContain('Hello-World'); // nor any other part of the payload
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

const TOKEN = () =>
  nock(API)
    .post('/app/installations/1/access_tokens')
    .optionally()
    .reply(201, { token: 'inst-token', expires_at: '2999-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' });

test('the delivery is acknowledged before the review starts (the review waits; the answer does not)', async () => {
  let release!: () => void;
  gate = new Promise<void>((r) => (release = r));
  const before = outcomes.length;
  const head = 'd'.repeat(40);
  const token = TOKEN();
  const scope = nock(API)
    .get(contents('.github/spec-review.yml')).query(true).reply(404, {})
    .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
    .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [])
    .post(`${R}/check-runs`).reply(201, { id: 8 })
    .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: head } })
    .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
  const body = JSON.stringify(prPayload('synchronize', head));
  const res = await post(body, sign(body), 'e2e-gated');
  expect(res.status).toBe(200);
  expect(outcomes.length).toBe(before); // answered while the review had not even started
  expect(scope.isDone()).toBe(false);
  release();
  gate = null;
  await app.idle();
  scope.done();
  token.done();
  expect(outcomes.length).toBe(before + 1);
});

test('a 300-file PR: acknowledgement latency measured (reported, sanity bound only), the review completes', async () => {
  const head = 'e'.repeat(40);
  const specs = Array.from({ length: 300 }, (_, i) => `docs/specs/component/cmp-${String(i).padStart(3, '0')}-x.md`);
  const patches: Record<string, any>[] = [];
  const token = TOKEN();
  const scope = nock(API)
    .post(`${R}/check-runs`, (b) => (patches.push(b), true)).reply(201, { id: 9 })
    .get(contents('.github/spec-review.yml')).query(true).reply(404, {})
    .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
    .get(`${R}/pulls/${PR}/files`).query((q) => q.page === '1').reply(200, specs.slice(0, 100).map((filename) => ({ filename, status: 'added' })))
    .get(`${R}/pulls/${PR}/files`).query((q) => q.page === '2').reply(200, specs.slice(100, 200).map((filename) => ({ filename, status: 'added' })))
    .get(`${R}/pulls/${PR}/files`).query((q) => q.page === '3').reply(200, specs.slice(200).map((filename) => ({ filename, status: 'added' })))
    .get(`${R}/pulls/${PR}/files`).query((q) => q.page === '4').reply(200, [])
    .get(`${R}/git/trees/${head}`).query(true).reply(200, { tree: specs.map((path) => ({ path, type: 'blob' })) })
    .get(/\/contents\/docs/).query({ ref: head }).times(300).reply(200, '# Spec\n\nTODO\n', RAW)
    .patch(`${R}/check-runs/9`, (b) => (patches.push(b), true)).times(11).reply(200, {})
    .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: head } })
    .get(`${R}/issues/${PR}/comments`).query(true).reply(200, [])
    .post(`${R}/issues/${PR}/comments`).reply(201, { id: 2 });
  const body = JSON.stringify(prPayload('synchronize', head));
  const t0 = performance.now();
  const res = await post(body, sign(body), 'e2e-300');
  const ackMs = performance.now() - t0;
  expect(res.status).toBe(200);
  const t1 = performance.now();
  await app.idle();
  const reviewMs = performance.now() - t1 + ackMs;
  scope.done();
  token.done();
  process.stdout.write(`\n[e2e] 300-file PR: webhook acknowledged in ${ackMs.toFixed(1)} ms; review finished ${reviewMs.toFixed(0)} ms after the POST\n`);
  expect(ackMs).toBeLessThan(10_000); // GitHub's delivery deadline; a sanity bound, not a benchmark
  const last = outcomes[outcomes.length - 1];
  expect(last.report?.files).toHaveLength(300);
  // 600 findings (300 errors + 300 warnings) → 12 requests of 50 annotations: created in progress with
  // the first, the last completes the run.
  expect(patches.map((p) => p.output.annotations.length)).toEqual(Array(12).fill(50));
  expect(patches[0]).toMatchObject({ status: 'in_progress' });
  expect(patches[11]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  // The review's REST calls: N contents + ceil(A/50) check-run writes + floor(F/100) + 1 = 4 pages of
  // files (the last one empty: page 3 was full) + config and its .github fallback + tree. The comment
  // queue's (PR head, comment list, comment write) are its own.
  expect(last.calls).toBe(300 + 12 + 4 + 3);
});

test('a handler that throws is answered 500, logged, and the server keeps serving', async () => {
  const payload = JSON.parse(JSON.stringify(prPayload('opened')));
  payload.action = 'opened';
  payload.issue = { number: 1, title: 't', user: { login: 'x' } };
  const body = JSON.stringify(payload);
  const res = await post(body, sign(body), 'e2e-throw', 'issues');
  expect(res.status).toBe(500);
  expect((await fetch(`${base}/ping`)).status).toBe(200);
  const failures = (await metrics.failures.get()).values.find((v) => v.labels.kind === 'handler');
  expect(failures?.value).toBe(1);
  const forged = (await metrics.failures.get()).values.find((v) => v.labels.kind === 'signature');
  expect(forged?.value).toBe(2); // the forged delivery and the bad-signature test above
});

test('GET /metrics serves the Prometheus metrics on the same server', async () => {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  expect(text).toMatch(/^spec_review_reviews_total\{kind="reviewed",conclusion="failure"\} 2$/m);
  expect(text).toMatch(/^spec_review_reviews_total\{kind="no-specs",conclusion="success"\} 1$/m);
  expect(text).toMatch(/^spec_review_findings_total\{severity="error"\} 301$/m);
  expect(text).toMatch(/^spec_review_findings_total\{severity="warning"\} 300$/m);
  expect(text).toMatch(/^spec_review_review_duration_seconds_count 3$/m);
  expect(text).toMatch(/^spec_review_failures_total\{kind="handler"\} 1$/m);
  expect(text).toContain('# TYPE spec_review_github_requests_total counter');
});

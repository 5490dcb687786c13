/**
 * PR content never runs on the event loop that answers webhooks (issue 11): reviews run in worker
 * threads (the built worker script), so while CPU-heavy reviews run, deliveries are acknowledged and
 * /ping answers; a review over its budget completes its run with a message naming the file.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createHmac } from 'node:crypto';
import nock from 'nock';
import { Probot } from 'probot';
import { createApp } from '../../src/github/app.js';
import { ManualClock } from '../../src/github/clock.js';
import { loadDefaultEngine } from '../../src/github/engine-port.js';
import { Metrics } from '../../src/github/metrics.js';
import type { ReviewOutcome } from '../../src/github/review.js';
import { pingHandler, startServer, webhookReceiver, type AppServer } from '../../src/github/server.js';
import { WorkerPool } from '../../src/github/worker-pool.js';
import { API, R, RAW, TestOctokit, contents, memoryLogger, prPayload } from './helpers/setup.js';
import { inlineWorker, workerScript } from './helpers/worker-script.js';

const SECRET = 'off-loop-secret';
let script: string;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  script = await workerScript();
});
afterAll(async () => {
  for (const c of closers) await c();
  nock.cleanAll();
});

/** A spec whose review is CPU-heavy: `count` diagrams that need mermaid's full parser (~10 ms of CPU each). */
function heavySpec(n: number, count = 50): string {
  const diagrams = Array.from({ length: count }, (_, i) => `\`\`\`mermaid\nclassDiagram\n  A${n}x${i} <|-- B${i}\n\`\`\`\n`).join('\n');
  return `# Heavy ${n}\n\n## Overview\n\n${diagrams}`;
}

/** GitHub for `count` PRs, each with one heavy spec (persisted interceptors, matched by path). */
function github(count: number) {
  const spec = (n: number) => `docs/specs/component/cmp-${String(n).padStart(3, '0')}-heavy.md`;
  return nock(API)
    .persist()
    .get(/\/contents\/\.github%2Fspec-review\.yml/).query(true).reply(404, {})
    .get(/\/pulls\/\d+\/files/).query(true).reply((uri) => [200, [{ filename: spec(Number(/pulls\/(\d+)/.exec(uri)![1])), status: 'added' }]])
    .get(/\/git\/trees\//).query(true).reply(200, { tree: Array.from({ length: count }, (_, i) => ({ path: spec(i + 1), type: 'blob' })) })
    .get(/\/contents\/docs%2Fspecs/).query(true).reply((uri) => [200, heavySpec(Number(/cmp-(\d+)/.exec(decodeURIComponent(uri))![1])), RAW])
    .post(`${R}/check-runs`).reply(201, { id: 7 })
    .patch(/\/check-runs\/7/).reply(200, {})
    .get(/\/pulls\/\d+$/).reply(200, (uri: string) => ({ head: { sha: 'f'.repeat(40) }, number: Number(/pulls\/(\d+)/.exec(uri)![1]) }))
    .get(/\/issues\/\d+\/comments/).query(true).reply(200, []);
}

test('while 20 CPU-heavy reviews run in worker threads, every delivery is acknowledged and /ping answers', async () => {
  const metrics = new Metrics();
  const pool = new WorkerPool({ script, size: 2 });
  closers.push(() => pool.close());
  const outcomes: ReviewOutcome[] = [];
  const app = createApp({ appId: 1, loadEngine: loadDefaultEngine, runner: pool, metrics, onReviewed: (o) => outcomes.push(o), perInstallationConcurrency: 20 });
  const log = memoryLogger([]);
  const probot = new Probot({ githubToken: 't', Octokit: TestOctokit, log });
  await probot.load(app);
  const server: AppServer = await startServer([webhookReceiver({ probot, secret: SECRET, log, metrics }), pingHandler], { host: '127.0.0.1', port: 0, log });
  closers.push(() => server.stop());
  const base = `http://127.0.0.1:${server.port}`;
  github(20);
  const post = (payload: unknown, id: string) => {
    const body = JSON.stringify(payload);
    return fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': id, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
      body,
    });
  };

  for (let n = 1; n <= 20; n++) {
    const p = prPayload('opened', 'f'.repeat(40));
    p.pull_request.number = n;
    expect((await post(p, `heavy-${n}`)).status).toBe(200);
  }
  // The reviews are running (in the workers) or queued: now measure what a webhook sender sees.
  const latencies: number[] = [];
  let duringReviews = 0;
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const res = i % 2 ? await fetch(`${base}/ping`) : await post(prPayload('closed'), `probe-${i}`);
    latencies.push(performance.now() - t0);
    expect(res.status).toBe(200);
    if (pool.busy.running > 0) duringReviews++;
  }
  expect(duringReviews).toBe(40); // every probe was answered while reviews were still running
  await app.idle();
  expect(outcomes).toHaveLength(20);
  expect(outcomes.every((o) => o.kind === 'reviewed')).toBe(true);
  nock.cleanAll();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  process.stdout.write(`\n[off-loop] 40 deliveries and pings during 20 heavy reviews: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms (the bound is a benchmark figure, not asserted)\n`);
});

test('a review over its time budget completes its run: failure, naming the file and what made it expensive', async () => {
  const hog = inlineWorker('hog-app', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (t) => { parentPort.postMessage({ id: t.id, progress: 0 }); for (;;) {} });\n");
  const clock = new ManualClock();
  let onFile!: () => void;
  const started = new Promise<void>((resolve) => (onFile = resolve));
  const pool = new WorkerPool({ script: hog, size: 1, budgetMs: 60_000, clock, onProgress: () => onFile() });
  closers.push(() => pool.close());
  const outcomes: ReviewOutcome[] = [];
  const writes: Record<string, any>[] = [];
  const app = createApp({ appId: 1, loadEngine: loadDefaultEngine, runner: pool, clock, quickMs: 120_000, onReviewed: (o) => outcomes.push(o), metrics: new Metrics() });
  const probot = new Probot({ githubToken: 't', Octokit: TestOctokit, log: memoryLogger([]) });
  await probot.load(app);
  const spec = 'docs/specs/component/cmp-001-heavy.md';
  const scope = nock(API)
    .get(contents('.github/spec-review.yml')).query(true).reply(404, {})
    .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
    .get(`${R}/pulls/2/files`).query(true).reply(200, [{ filename: spec, status: 'added' }])
    .get(/\/git\/trees\//).query(true).reply(200, { tree: [{ path: spec, type: 'blob' }] })
    .get(contents(spec)).query(true).reply(200, heavySpec(1, 100), RAW)
    .post(`${R}/check-runs`, (b) => (writes.push(b), true)).reply(201, { id: 7 });
  await probot.receive({ id: 'budget-1', name: 'pull_request', payload: prPayload('opened') } as never);
  await started;
  clock.advance(60_000);
  await app.idle();
  scope.done();
  expect(writes).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
  expect(writes[0].output.summary).toContain(`the review was stopped after 60 s (its time budget) while reviewing ${spec} (`);
  expect(writes[0].output.summary).toContain('100 mermaid diagrams');
  expect(outcomes[0]).toMatchObject({ kind: 'could-not-complete', budget: 'time' });
});

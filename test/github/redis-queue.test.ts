/**
 * The BullMQ queue on a real Redis (started by the test, stopped by pid), with two app instances in
 * this process standing for two replicas: deliveries deduplicated across them, the two triggers of a
 * push reviewed once, newest head wins, per-installation concurrency across replicas. GitHub is nock.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { Probot } from 'probot';
import { createApp, type SpecReviewApp } from '../../src/github/app.js';
import type { CommentAction } from '../../src/github/comments.js';
import type { AppEngine, EnginePort } from '../../src/github/engine-port.js';
import { Metrics } from '../../src/github/metrics.js';
import { redisQueueFor } from '../../src/github/queue/redis.js';
import type { ReviewOutcome } from '../../src/github/review.js';
import { loadDefaultEngine } from '../../src/github/engine-port.js';
import { fakeEngine } from './helpers/fake-engine.js';
import { RepoFixture } from './helpers/repo-fixture.js';
import { startRedis, type RedisServer } from './helpers/redis.js';
import { API, APP_ID, BASE_REF, HEAD, PR, R, RAW, TestOctokit, contents, examplePayload, memoryLogger, ownComment, prPayload } from './helpers/setup.js';

type Body = Record<string, any>;
let redis: RedisServer;
let run = 0;
const apps: SpecReviewApp[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.shutdown();
  nock.cleanAll();
});
afterAll(async () => {
  await redis.stop();
});

interface Replica {
  app: SpecReviewApp;
  probot: Probot;
  outcomes: ReviewOutcome[];
  comments: CommentAction[];
  receive(name: string, payload: Record<string, unknown>, id: string): Promise<void>;
}

/** Two (or more) replicas on one Redis: each its own app, Probot and BullMQ workers. */
async function replicas(n: number, options: { engine?: EnginePort; perInstallationConcurrency?: number } = {}): Promise<Replica[]> {
  const prefix = `test-${process.pid}-${++run}`;
  const out: Replica[] = [];
  for (let i = 0; i < n; i++) {
    const outcomes: ReviewOutcome[] = [];
    const comments: CommentAction[] = [];
    const log = memoryLogger([]);
    const redisQueue = redisQueueFor({ url: redis.url, role: 'all', log, prefix, lockDurationMs: 5_000, stalledIntervalMs: 5_000 });
    const app = createApp({
      appId: APP_ID,
      loadEngine: async () => options.engine ?? fakeEngine,
      metrics: new Metrics(),
      perInstallationConcurrency: options.perInstallationConcurrency,
      queue: redisQueue.queue,
      onReviewed: (o) => outcomes.push(o),
      onComment: (a) => comments.push(a),
    });
    const probot = new Probot({ githubToken: 't', Octokit: TestOctokit, log });
    await probot.load(app);
    redisQueue.start();
    apps.push(app);
    out.push({ app, probot, outcomes, comments, receive: (name, payload, id) => probot.receive({ id, name, payload } as never) });
  }
  return out;
}

async function idle(rs: Replica[]): Promise<void> {
  await Promise.all(rs.map((r) => r.app.idle()));
}

/** One review of a PR with no spec file: config ×2, files, the run, the comment queue's two reads. */
function noSpecReview(head = HEAD, runs: Body[] = []) {
  return nock(API)
    .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
    .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
    .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: 'src/a.ts', status: 'added' }])
    .post(`${R}/check-runs`, (b: Body) => (runs.push(b), b.head_sha === head)).reply(201, { id: 7 })
    .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: head } })
    .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
}

describe('deduplication across replicas', () => {
  test('a redelivery reaching the other replica is reviewed once', async () => {
    const [a, b] = await replicas(2);
    const scope = noSpecReview();
    await a.receive('pull_request', prPayload('opened'), 'redelivered-1');
    await b.receive('pull_request', prPayload('opened'), 'redelivered-1');
    await idle([a, b]);
    scope.done();
    expect(a.outcomes.length + b.outcomes.length).toBe(1);
  });

  test('pull_request.synchronize on one replica and check_suite.requested on the other: one review', async () => {
    const [a, b] = await replicas(2);
    const scope = noSpecReview();
    const suite = examplePayload('check_suite', 'requested');
    suite.check_suite.head_sha = HEAD;
    suite.check_suite.pull_requests = [{ number: PR, head: { sha: HEAD }, base: { ref: BASE_REF } }];
    await a.receive('pull_request', prPayload('synchronize'), 'sync-1');
    await b.receive('check_suite', suite, 'suite-1');
    await idle([a, b]);
    scope.done();
    expect(a.outcomes.length + b.outcomes.length).toBe(1);
  });
});

describe('newest head wins across replicas', () => {
  test('two pushes on different replicas: one completed run per head, the comment of the newest', async () => {
    const A = 'a'.repeat(40);
    const B = 'b'.repeat(40);
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const [r1, r2] = await replicas(2);
    const runs: Body[] = [];
    const posted: Body[] = [];
    // Both heads' reads; GitHub says the head is B throughout (A was pushed, then B at once).
    const scope = nock(API)
      .persist()
      .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
      .get(contents('.github/spec-review.yml', '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'modified' }])
      .get(/\/git\/trees\//).query(true).reply(200, { tree: [{ path: spec, type: 'blob' }] })
      .get(contents(spec)).query(true).reply(200, '# x\n', RAW)
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(() => [200, posted.map((p, i) => ownComment(100 + i, p.body))])
      .post(`${R}/check-runs`, (b: Body) => (runs.push(b), true)).reply(201, () => ({ id: runs.length }))
      .post(`${R}/issues/${PR}/comments`, (b: Body) => (posted.push(b), true)).reply(201, { id: 100 })
      .patch(/\/issues\/comments\/\d+/, (b: Body) => (posted.push(b), true)).reply(200, {});
    await r1.receive('pull_request', prPayload('synchronize', A), 'push-a');
    await r2.receive('pull_request', prPayload('synchronize', B), 'push-b');
    await idle([r1, r2]);
    scope.persist(false);
    const byHead = (sha: string) => runs.filter((r) => r.head_sha === sha);
    expect(byHead(A)).toHaveLength(1);
    expect(byHead(B)).toHaveLength(1);
    expect(byHead(A)[0]).toMatchObject({ status: 'completed' });
    expect(byHead(B)[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    // Only the newest head's comment was written.
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toContain(`spec-review:head=${B}`);
  });
});

describe('per-installation concurrency across replicas', () => {
  test('with a limit of 1, reviews of one installation never overlap, whichever replica runs them', async () => {
    let running = 0;
    let most = 0;
    const slow: EnginePort = {
      ...fakeEngine,
      createEngine: (opts) => {
        const e = fakeEngine.createEngine(opts);
        return {
          ...e,
          reviewAll: async (files, index) => {
            running++;
            most = Math.max(most, running);
            await new Promise((r) => setTimeout(r, 100)); // the overlap window a second replica would use
            running--;
            return e.reviewAll(files, index);
          },
        } satisfies AppEngine;
      },
    };
    const rs = await replicas(2, { engine: slow, perInstallationConcurrency: 1 });
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = nock(API)
      .persist()
      .get(/\/contents\/\.github/).query(true).reply(404, {})
      .get(/\/pulls\/\d+\/files/).query(true).reply(200, [{ filename: spec, status: 'added' }])
      .get(/\/git\/trees\//).query(true).reply(200, { tree: [{ path: spec, type: 'blob' }] })
      .get(/\/contents\/docs/).query(true).reply(200, '## Interfaces\n', RAW)
      .post(/\/check-runs$/).reply(201, { id: 7 })
      .get(/\/pulls\/\d+$/).reply(200, (uri: string) => ({ head: { sha: `${/pulls\/(\d+)/.exec(uri)![1]}`.padStart(40, '0') } }))
      .get(/\/issues\/\d+\/comments/).query(true).reply(200, [])
      .post(/\/issues\/\d+\/comments/).reply(201, { id: 1 });
    for (let n = 1; n <= 4; n++) {
      const p = prPayload('opened', `${n}`.padStart(40, '0'));
      p.pull_request.number = n;
      await rs[n % 2].receive('pull_request', p, `inst-${n}`);
    }
    await idle(rs);
    scope.persist(false);
    expect(rs[0].outcomes.length + rs[1].outcomes.length).toBe(4);
    expect(most).toBe(1);
  });
});

describe('blob cache in Redis', () => {
  test('bounded: blobs over the size cap are not stored; past the entry cap the oldest go first', async () => {
    const { Redis } = await import('ioredis');
    const { RedisBlobCache } = await import('../../src/github/queue/redis.js');
    const client = new Redis(redis.url);
    try {
      const cache = new RedisBlobCache(client, `blobs-${process.pid}`, 3, 8);
      await cache.set('o/r@big', new Uint8Array(9));
      expect(await cache.get('o/r@big')).toBeUndefined();
      for (const k of ['a', 'b', 'c', 'd']) await cache.set(`o/r@${k}`, new TextEncoder().encode(k));
      expect(await cache.get('o/r@a')).toBeUndefined();
      expect(new TextDecoder().decode(await cache.get('o/r@d'))).toBe('d');
      expect(await client.zcard(`blobs-${process.pid}:blobs`)).toBe(3);
    } finally {
      client.disconnect();
    }
  });

  test('getMany / setMany: one round trip each; the graph cache has its own prefix and bounds, so it never evicts spec contents', async () => {
    const { Redis } = await import('ioredis');
    const { RedisBlobCache } = await import('../../src/github/queue/redis.js');
    const client = new Redis(redis.url);
    try {
      const prefix = `mix-${process.pid}`;
      const blobs = new RedisBlobCache(client, prefix, 2, 64);
      const graph = new RedisBlobCache(client, `${prefix}:graph`, 3, 64, 7 * 24 * 3600);
      await blobs.set('o/r@x', new TextEncoder().encode('x'));
      await graph.setMany(['a', 'b', 'c', 'd', 'e'].map((k) => [`o/r@${k}`, new TextEncoder().encode(k)] as const));
      expect(await client.zcard(`${prefix}:graph:blobs`)).toBe(3);
      const got = await graph.getMany(['o/r@a', 'o/r@e', 'o/r@x']);
      expect(got.filter(Boolean)).toHaveLength(1);
      expect(new TextDecoder().decode(got[1])).toBe('e');
      expect(new TextDecoder().decode(await blobs.get('o/r@x'))).toBe('x'); // untouched by the graph's trim
      expect(await client.ttl(`${prefix}:graph:blob:o/r@e`)).toBeGreaterThan(24 * 3600);
    } finally {
      client.disconnect();
    }
  });
});

describe('the spec graph across replicas', () => {
  test('a review fills the graph cache in Redis (no graph cache in process with REDIS_URL); the next review, whichever replica runs it, reads no spec the first read', async () => {
    const BASE = 'ba5e'.repeat(10);
    const specPath = (n: number) => `docs/specs/component/cmp-00${n}-service-${n}.md`;
    const spec = (n: number, extra = '') => `# Service ${n}\n\n**Status**: Current\n\n## Overview\n\nCalls [CMP-001].${extra}\n`;
    const others = Object.fromEntries([2, 3, 4, 5].map((n) => [specPath(n), spec(n)]));
    const [a, b] = await replicas(2, { engine: await loadDefaultEngine() });
    const heads = ['1'.repeat(40), '2'.repeat(40)];
    const reviews: ReviewOutcome[] = [];
    for (const [i, head] of heads.entries()) {
      nock.cleanAll();
      const repo = new RepoFixture({ [head]: { ...others, [specPath(1)]: spec(1, ` Push ${i}.`) }, [BASE]: { ...others, [specPath(1)]: spec(1) } });
      const scope = nock(API)
        .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(200, 'fail_on: never\n', RAW)
        .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [repo.pullFile(head, specPath(1), 'modified')]);
      repo.tree(scope, head);
      repo.tree(scope, BASE, { treeSha: 'e'.repeat(40) });
      scope
        .post(`${R}/check-runs`).reply(201, { id: 7 })
        .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: head } })
        .get(`${R}/issues/${PR}/comments`).query(true).reply(200, [])
        .post(`${R}/issues/${PR}/comments`).reply(201, { id: 1 });
      repo.restBlobs(nock(API));
      repo.graphqlBlobs();
      const payload = prPayload(i === 0 ? 'opened' : 'synchronize', head);
      payload.pull_request.base.sha = BASE;
      await (i === 0 ? a : b).receive('pull_request', payload, `graph-${process.pid}-${i}`);
      await idle([a, b]);
      scope.done();
      reviews.push(...[...a.outcomes, ...b.outcomes].filter((o) => !reviews.includes(o)));
    }
    expect(reviews).toHaveLength(2);
    const [first, second] = reviews;
    expect(first.impact!.reads).toMatchObject({ graph: 4, base: 1, queries: 1, cached: 0 });
    // The four specs' facts and the base result come from Redis: no GraphQL query.
    expect(second.impact!.reads).toEqual({ graph: 0, base: 0, queries: 0, cached: 4 });
    expect(second.impact!.moves).toEqual([expect.objectContaining({ path: specPath(1), state: 'changed' })]);
  });
});

describe('a job BullMQ gives up on', () => {
  test('a review whose process kept dying (over the stall limit) has its run completed as could-not-complete, not left in progress', async () => {
    const prefix = `test-${process.pid}-abandon`;
    const logs: Record<string, unknown>[] = [];
    const log = memoryLogger(logs);
    const redisQueue = redisQueueFor({ url: redis.url, role: 'all', log, prefix, lockDurationMs: 5_000, stalledIntervalMs: 5_000 });
    const app = createApp({ appId: APP_ID, loadEngine: async () => fakeEngine, metrics: new Metrics(), queue: redisQueue.queue });
    const probot = new Probot({ githubToken: 't', Octokit: TestOctokit, log });
    await probot.load(app);
    apps.push(app);
    // The job as a replica left it (its run's id stored), marked the way BullMQ's stalled-job check marks
    // a job that stalled more often than maxStalledCount: the next worker to take it fails it.
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('jobs', { connection, prefix: `${prefix}:bull` });
    const job = { kind: 'review', owner: 'Codertocat', repo: 'Hello-World', pullNumber: PR, baseRef: BASE_REF, headSha: HEAD, trigger: 'pull_request.synchronize', deliveryId: 'died-4-times', receivedAt: Date.now(), checkRunId: 42 };
    const added = await queue.add('review', job, { jobId: 'review:abandoned:1' });
    await connection.hset(`${prefix}:bull:jobs:${added.id}`, 'defa', 'job stalled more than allowable limit');
    let completed!: (body: Body) => void;
    const patched = new Promise<Body>((resolve) => (completed = resolve));
    const scope = nock(API).patch(`${R}/check-runs/42`, (b: Body) => (completed(b), true)).reply(200, { id: 42 });
    redisQueue.start();
    const body = await patched;
    expect(body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(body.output.summary).toMatch(/stalled more than allowable limit/);
    expect(body.output.summary).toContain('died-4-times');
    await new Promise((r) => setImmediate(r));
    scope.done();
    await queue.close();
    connection.disconnect();
  });
});

describe('job ids', () => {
  test('a /spec command and a commit review are queued whatever the delivery id holds (BullMQ refuses some ids with ":")', async () => {
    const prefix = `test-${process.pid}-ids`;
    const redisQueue = redisQueueFor({ url: redis.url, role: 'web', log: memoryLogger([]), prefix });
    const metrics = new Metrics();
    const app = createApp({ appId: APP_ID, loadEngine: async () => fakeEngine, metrics, queue: redisQueue.queue });
    await new Probot({ githubToken: 't', Octokit: TestOctokit, log: memoryLogger([]) }).load(app);
    apps.push(app);
    const q = app.queue()!;
    const payload = { action: 'created', comment: { id: 77, body: '/spec help' }, issue: { number: PR, pull_request: {} }, repository: { name: 'Hello-World', owner: { login: 'Codertocat' } } };
    for (const deliveryId of ['72d3162e-cc78-11e3-81ab-4c9367dc0958', 'a:b', 'a:b:c:d']) {
      expect(await q.enqueue({ kind: 'commands', deliveryId, receivedAt: Date.now(), payload })).toBe('queued');
      expect(await q.enqueue({ kind: 'review', owner: 'Codertocat', repo: 'Hello-World', headSha: HEAD, trigger: 'check_suite.requested', deliveryId, receivedAt: Date.now() })).toBe('queued');
    }
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const jobs = new Queue('jobs', { connection, prefix: `${prefix}:bull` });
    expect((await jobs.getWaiting()).length).toBe(6);
    // With Redis the gauges count the shared queue (nothing runs on a web process).
    expect((await metrics.queued.get()).values[0].value).toBe(6);
    expect((await metrics.inFlight.get()).values[0].value).toBe(0);
    await jobs.close();
    connection.disconnect();
  });
});

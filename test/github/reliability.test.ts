/**
 * Load and faults (issue 5): per-installation limits, superseded heads, the watchdog, shutdown,
 * GitHub 5xx / timeouts / rate limits through the real retry and throttling plugins, and bounds.
 * No timed assertions: timers only decide *when* something happens, never what is asserted.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { createApp } from '../../src/github/app.js';
import { MAX_COMMENT_PAGES, MAX_PR_FILES, ReviewClient } from '../../src/github/client.js';
import type { AppEngine, EnginePort } from '../../src/github/engine-port.js';
import { Metrics } from '../../src/github/metrics.js';
import { createAppOctokit } from '../../src/github/octokit.js';
import type { ReviewOutcome } from '../../src/github/review.js';
import { InstallationLimiter } from '../../src/github/queue/limiter.js';
import { ManualClock } from '../../src/github/clock.js';
import { fakeEngine } from './helpers/fake-engine.js';
import { API, BASE_REF, HEAD, PR, R, RAW, TestOctokit, contents, harness, memoryLogger, prPayload } from './helpers/setup.js';

const CONFIG = '.github/spec-review.yml';
const SPEC = 'docs/specs/component/cmp-001-pay.md';
type Body = Record<string, any>;

afterEach(() => {
  nock.cleanAll();
});

/** A promise with its resolve function (Node 20 has no Promise.withResolvers). */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves once `predicate` holds, checking after every turn of the event loop (no fixed delay). */
async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((r) => setImmediate(r));
}

/** The engine, with `reviewAll` replaced (to make a review hang at a known point). */
function engineWith(reviewAll: AppEngine['reviewAll']): EnginePort {
  return { ...fakeEngine, createEngine: (opts) => ({ ...fakeEngine.createEngine(opts), reviewAll }) };
}

/** Calls until the engine runs: config (none, twice), files (one spec), tree, content. */
function upToEngine(head = HEAD) {
  return nock(API)
    .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(404, {})
    .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
    .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: SPEC, status: 'added' }])
    .get(`${R}/git/trees/${head}`).query(true).reply(200, { tree: [{ path: SPEC, type: 'blob' }] })
    .get(contents(SPEC)).query({ ref: head }).reply(200, '# x\n', RAW);
}

describe('per-installation concurrency', () => {
  test('the limiter runs at most N tasks per key, queues the rest FIFO, and other keys never wait', async () => {
    const limiter = new InstallationLimiter(2);
    const gates = Array.from({ length: 5 }, () => deferred());
    const order: string[] = [];
    const a = gates.map((g, i) => limiter.run('A', async () => { order.push(`A${i}`); await g.promise; }));
    const b = limiter.run('B', async () => { order.push('B'); });
    await b; // B finished while A is saturated
    expect(limiter.running('A')).toBe(2);
    expect(limiter.queued('A')).toBe(3);
    expect(order).toEqual(['A0', 'A1', 'B']);
    gates[1].resolve();
    await until(() => order.length === 4);
    expect(order[3]).toBe('A2'); // first in, first out
    for (const g of gates) g.resolve();
    await Promise.all(a);
    expect(limiter.running()).toBe(0);
    expect(limiter.queued()).toBe(0);
  });

  test('one busy installation does not starve another: 2 slots for installation 1, installation 2 runs at once', async () => {
    const gate = deferred();
    const entered: number[] = [];
    let inFlight = 0;
    let maxInFlightFirst = 0;
    const metrics = new Metrics();
    const h = harness({
      metrics,
      perInstallationConcurrency: 2,
      loadEngine: async () => {
        // Reviews reach loadEngine only once they hold a slot: count them per installation.
        inFlight++;
        maxInFlightFirst = Math.max(maxInFlightFirst, inFlight);
        await gate.promise;
        inFlight--;
        throw new Error('engine unavailable (test stops here: no GitHub call)');
      },
    });
    const app = h.app;
    const events = [];
    for (let n = 1; n <= 5; n++) {
      const p = prPayload('opened', `${n}`.repeat(40));
      p.pull_request.number = 100 + n;
      p.installation = { id: 1 };
      events.push(h.probot.receive({ id: `busy-${n}`, name: 'pull_request', payload: p } as never).then(() => entered.push(1)));
    }
    const other = prPayload('opened', 'a'.repeat(40));
    other.pull_request.number = 500;
    other.installation = { id: 2 };
    other.repository.name = 'other-repo';
    events.push(h.probot.receive({ id: 'other-1', name: 'pull_request', payload: other } as never).then(() => entered.push(2)));
    await Promise.all(events); // every webhook answered while the reviews wait
    await until(() => inFlight === 3);
    expect((await metrics.queued.get()).values[0].value).toBe(3); // 3 of installation 1 wait
    expect((await metrics.inFlight.get()).values[0].value).toBe(3); // 2 of installation 1 + 1 of installation 2
    gate.resolve();
    await app.idle();
    expect(maxInFlightFirst).toBe(3);
    const failures = await metrics.failures.get();
    expect(failures.values.find((v) => v.labels.kind === 'startup')?.value).toBe(6);
  });
});

describe('superseded heads', () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);

  test('a newer push arriving mid-review: the older run is completed as cancelled before its costly phase', async () => {
    const h = harness();
    const writes: Body[] = [];
    const older = nock(API)
      .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(404, {})
      .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true)
      .reply(async () => {
        // While A lists its files, B is pushed (the webhook is answered at once).
        await h.probot.receive({ id: 'push-b', name: 'pull_request', payload: prPayload('synchronize', B) } as never);
        return [200, [{ filename: SPEC, status: 'modified' }]];
      })
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } }) // GitHub confirms: the head moved on
      .post(`${R}/check-runs`, (b: Body) => (writes.push(b), b.head_sha === A)).reply(201, { id: 1 });
    const newer = nock(API)
      .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(404, {})
      .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: 'src/a.ts', status: 'modified' }])
      .post(`${R}/check-runs`, (b: Body) => b.head_sha === B).reply(201, { id: 2 })
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);

    await h.receive('pull_request', prPayload('synchronize', A), 'push-a');
    older.done(); // no tree, no contents, no comment for A
    newer.done();
    expect(writes).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'cancelled', output: expect.objectContaining({ title: 'Superseded by a newer push' }) })]);
    expect(h.outcomes.map((o) => [o.kind, o.conclusion])).toEqual([['superseded', 'cancelled'], ['no-specs', 'success']]);
  });

  test('reviews queued behind a newer push of their PR read nothing: one write completes each run as cancelled', async () => {
    const gate = deferred();
    let loads = 0;
    const h = harness({ loadEngine: async () => (++loads === 1 ? (await gate.promise, fakeEngine) : fakeEngine) });
    // HEAD and A wait (HEAD in loadEngine, A in the PR's queue) while B is pushed. Each checks GitHub
    // once at its start (the hint fired), sees the head moved to B, and completes its run as cancelled.
    const cancelled: Body[] = [];
    const skipped = nock(API)
      .get(`${R}/pulls/${PR}`).times(2).reply(200, { head: { sha: B } })
      .post(`${R}/check-runs`, (b: Body) => b.head_sha !== B && (cancelled.push(b), true)).times(2).reply(201, { id: 1 });
    const reviewB = nock(API)
      .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(404, {})
      .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: 'src/x.ts', status: 'added' }])
      .post(`${R}/check-runs`, (b: Body) => b.head_sha === B).reply(201, { id: 3 })
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.probot.receive({ id: 'q-1', name: 'pull_request', payload: prPayload('opened', HEAD) } as never);
    await h.probot.receive({ id: 'q-a', name: 'pull_request', payload: prPayload('synchronize', A) } as never);
    await h.probot.receive({ id: 'q-b', name: 'pull_request', payload: prPayload('synchronize', B) } as never);
    gate.resolve();
    await h.app.idle();
    skipped.done();
    reviewB.done();
    expect(cancelled.map((b) => [b.head_sha, b.status, b.conclusion])).toEqual([[HEAD, 'completed', 'cancelled'], [A, 'completed', 'cancelled']]);
    expect(h.outcomes.map((o) => [o.kind, o.calls])).toEqual([['superseded', 2], ['superseded', 2], ['no-specs', 4]]);
  });

  test('out-of-order deliveries (older head delivered last) never cancel the real head: GitHub has the last word', async () => {
    const gate = deferred();
    let loads = 0;
    const h = harness({ loadEngine: async () => (++loads === 1 ? (await gate.promise, fakeEngine) : fakeEngine) });
    const posted: Body[] = [];
    // B (the real head) delivered first, A (older) late: the hint for B fires, GitHub says B is the head.
    const reviewB = nock(API)
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } })
      .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(404, {})
      .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: SPEC, status: 'added' }])
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } })
      .get(`${R}/git/trees/${B}`).query(true).reply(200, { tree: [{ path: SPEC, type: 'blob' }] })
      .get(contents(SPEC)).query({ ref: B }).reply(200, '# x\n', RAW)
      .post(`${R}/check-runs`, (b: Body) => b.head_sha === B).reply(201, { id: 2 })
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, [])
      .post(`${R}/issues/${PR}/comments`, (b: Body) => (posted.push(b), true)).reply(201, { id: 9 });
    const reviewA = nock(API)
      .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(404, {})
      .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: 'src/x.ts', status: 'added' }])
      .post(`${R}/check-runs`, (b: Body) => b.head_sha === A).reply(201, { id: 1 })
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: B } }); // A's comment is stale: left alone
    await h.probot.receive({ id: 'o-b', name: 'pull_request', payload: prPayload('synchronize', B) } as never);
    await h.probot.receive({ id: 'o-a', name: 'pull_request', payload: prPayload('synchronize', A) } as never);
    gate.resolve();
    await h.app.idle();
    reviewB.done();
    reviewA.done();
    expect(h.outcomes.map((o) => o.kind)).toEqual(['reviewed', 'no-specs']);
    expect(h.comments.sort()).toEqual(['created', 'stale']);
    expect(posted).toHaveLength(1);
  });
});

describe('no check run is left in progress', () => {
  test('watchdog (injected clock, no wall-clock race): a review that hangs is stopped and its run completed as timed out', async () => {
    const entered = deferred();
    const hang = engineWith(async () => {
      entered.resolve();
      return new Promise(() => undefined); // never settles
    });
    const clock = new ManualClock();
    const writes: Body[] = [];
    const h = harness({ loadEngine: async () => hang, reviewTimeoutMs: 60_000, quickMs: 3_000, clock });
    const scope = upToEngine()
      .post(`${R}/check-runs`, (b: Body) => (writes.push(b), true)).reply(201, { id: 7 })
      .patch(`${R}/check-runs/7`, (b: Body) => (writes.push(b), true)).reply(200, {});
    await h.probot.receive({ id: 'hang-1', name: 'pull_request', payload: prPayload('opened') } as never);
    await entered.promise; // the engine is running (and will never return)
    clock.advance(3_000); // still running after quickMs: the run is shown in progress
    await until(() => writes.length === 1);
    expect(writes[0]).toMatchObject({ status: 'in_progress' });
    clock.advance(57_000); // the watchdog fires at 60 s
    await h.app.idle();
    scope.done();
    expect(writes[1]).toMatchObject({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: 'Spec Review could not complete' }) });
    expect(writes[1].output.summary).toContain('timed out after 1 min');
    expect(writes[1].output.summary).toContain('hang-1');
    expect(h.outcomes[0]).toMatchObject({ kind: 'could-not-complete', stopped: 'timeout', checkRunId: 7 });
    expect(h.logs.some((l) => l.deliveryId === 'hang-1' && l.level === 50 && String(l.msg).includes('timed out'))).toBe(true);
  });

  test('watchdog before the run exists: the stopped review creates its run, completed', async () => {
    const entered = deferred();
    const hang = engineWith(async () => {
      entered.resolve();
      return new Promise(() => undefined);
    });
    const clock = new ManualClock();
    const writes: Body[] = [];
    const h = harness({ loadEngine: async () => hang, reviewTimeoutMs: 1_000, quickMs: 5_000, clock });
    const scope = upToEngine().post(`${R}/check-runs`, (b: Body) => (writes.push(b), true)).reply(201, { id: 8 });
    await h.probot.receive({ id: 'hang-2', name: 'pull_request', payload: prPayload('opened') } as never);
    await entered.promise;
    clock.advance(1_000);
    await h.app.idle();
    scope.done();
    expect(writes).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(writes[0].output.summary).toContain('timed out after 1000 ms');
  });

  test('shutdown (SIGTERM, a deploy): running reviews are completed as interrupted, new events start nothing', async () => {
    const entered = deferred();
    const hang = engineWith(async () => {
      entered.resolve();
      return new Promise(() => undefined);
    });
    const writes: Body[] = [];
    const h = harness({ loadEngine: async () => hang, clock: new ManualClock() });
    const scope = upToEngine().post(`${R}/check-runs`, (b: Body) => (writes.push(b), true)).reply(201, { id: 7 });
    await h.probot.receive({ id: 'deploy-1', name: 'pull_request', payload: prPayload('opened') } as never);
    await entered.promise;
    await h.app.shutdown();
    scope.done();
    expect(writes[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(writes[0].output.summary).toContain('interrupted');
    expect(h.outcomes[0]).toMatchObject({ stopped: 'interrupted' });
    // After shutdown: no GitHub call at all (the network is disabled and no scope is pending).
    await h.receive('pull_request', prPayload('reopened'), 'after-shutdown');
    expect(h.outcomes).toHaveLength(1);
  });
});

describe('GitHub faults through the real retry and throttling plugins', () => {
  /** The production Octokit (createAppOctokit) with waits scaled to milliseconds. */
  function faultHarness(metrics: Metrics, requestTimeoutMs = 200) {
    const Base = createAppOctokit({ maxRetries: 3, maxWaitSeconds: 60 }, ProbotOctokit, { metrics, requestTimeoutMs });
    const Fast = Base.defaults((o: Record<string, any> = {}) => ({
      ...o,
      retry: { retryAfterBaseValue: 1 },
      throttle: { ...o.throttle, retryAfterBaseValue: 1, minimumSecondaryRateRetryAfter: 0 },
    })) as typeof ProbotOctokit;
    const outcomes: ReviewOutcome[] = [];
    const logs: Record<string, unknown>[] = [];
    const app = createApp({ loadEngine: async () => fakeEngine, appId: 123, onReviewed: (o) => outcomes.push(o), metrics });
    const probot = new Probot({ githubToken: 't', Octokit: Fast, log: memoryLogger(logs) });
    void probot.load(app);
    return {
      outcomes,
      logs,
      async receive(payload: Record<string, unknown>, id: string) {
        await probot.receive({ id, name: 'pull_request', payload } as never);
        await app.idle();
      },
    };
  }
  const secondary = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };

  test('502, 500, a timeout, 429 and a secondary 403 on the way are retried; the review completes normally', async () => {
    const metrics = new Metrics();
    const h = faultHarness(metrics);
    const writes: Body[] = [];
    const scope = nock(API)
      .get(contents(CONFIG)).query(true).reply(500, { message: 'Server Error' })
      .get(contents(CONFIG)).query(true).reply(404, {})
      .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(429, { message: 'Too Many Requests' }, { 'retry-after': '1' })
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: 'src/a.ts', status: 'added' }])
      .post(`${R}/check-runs`).reply(502, { message: 'Bad Gateway' })
      .post(`${R}/check-runs`).reply(403, secondary, { 'retry-after': '1' })
      .post(`${R}/check-runs`, (b: Body) => (writes.push(b), true)).reply(201, { id: 7 })
      .get(`${R}/pulls/${PR}`).delay(5000).reply(200, { head: { sha: HEAD } }) // hangs past the request timeout
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive(prPayload('opened'), 'faults-1');
    scope.done();
    expect(h.outcomes[0]).toMatchObject({ kind: 'no-specs', conclusion: 'success' });
    expect(writes).toHaveLength(1);
    const byStatus = Object.fromEntries((await metrics.githubRequests.get()).values.map((v) => [v.labels.status, v.value]));
    // Every attempt is counted (retried ones too): what an alert on 5xx/403/429 rates needs to see.
    // Counted once each, also through the installation's Octokit derived from the app's.
    expect(byStatus).toEqual({ '2xx': 4, '4xx': 2, '5xx': 2, '429': 1, '403': 1, error: 1 });
  });

  test('GitHub still failing after the retries: the run is completed "could not complete", counted as a github failure', async () => {
    const metrics = new Metrics();
    const h = faultHarness(metrics);
    const writes: Body[] = [];
    const scope = nock(API)
      .get(contents(CONFIG)).query(true).reply(404, {})
      .get(contents(CONFIG, '/repos/Codertocat/.github')).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).times(4).reply(502, { message: 'Bad Gateway' }) // 1 + 3 retries
      .post(`${R}/check-runs`, (b: Body) => (writes.push(b), true)).reply(201, { id: 7 });
    await h.receive(prPayload('opened'), 'faults-2');
    scope.done();
    expect(writes[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Spec Review could not complete' } });
    expect(writes[0].output.summary).toContain('faults-2');
    const failures = (await metrics.failures.get()).values;
    expect(failures).toEqual([expect.objectContaining({ labels: { kind: 'github' }, value: 1 })]);
  });

  test('a primary rate limit asking for a long wait is not waited for: the run completes at once', async () => {
    const metrics = new Metrics();
    const h = faultHarness(metrics);
    const writes: Body[] = [];
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const scope = nock(API)
      .get(contents(CONFIG)).query(true).reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
      .post(`${R}/check-runs`, (b: Body) => (writes.push(b), true)).reply(201, { id: 7 });
    await h.receive(prPayload('opened'), 'faults-3');
    scope.done();
    expect(writes[0].output.summary).toContain('API rate limit exceeded');
    expect(h.logs.some((l) => String(l.msg).includes('giving up'))).toBe(true);
  });
});

describe('bounds', () => {
  const client = () => new ReviewClient(new TestOctokit({ auth: 't' } as never), { owner: 'Codertocat', repo: 'Hello-World' });

  test(`a PR with more than ${MAX_PR_FILES} files: 30 pages read, no more, and the listing is marked truncated`, async () => {
    const page = (p: number) => Array.from({ length: 100 }, (_, i) => ({ filename: `docs/specs/component/f-${p}-${i}.md`, status: 'added' }));
    const scope = nock(API).get(`${R}/pulls/${PR}/files`).query((q) => Number(q.page) <= 30).times(30).reply((uri) => [200, page(Number(new URL(uri, API).searchParams.get('page')))]);
    const c = client();
    const { files, truncated } = await c.listPullFiles(PR);
    scope.done();
    expect(files).toHaveLength(MAX_PR_FILES);
    expect(truncated).toBe(true);
    expect(c.calls).toBe(30);
  });

  test(`a conversation with endless comments: at most ${MAX_COMMENT_PAGES} pages are read`, async () => {
    const full = Array.from({ length: 100 }, (_, i) => ({ id: i, body: 'spam', user: { type: 'User' } }));
    const scope = nock(API).get(`${R}/issues/${PR}/comments`).query(true).times(MAX_COMMENT_PAGES).reply(200, full);
    const c = client();
    const comments = await c.listIssueComments(PR);
    scope.done();
    expect(comments).toHaveLength(MAX_COMMENT_PAGES * 100);
    expect(c.calls).toBe(MAX_COMMENT_PAGES);
  });

  test('an aborted client refuses further calls (a stopped review cannot write)', async () => {
    const controller = new AbortController();
    controller.abort('timeout');
    const c = new ReviewClient(new TestOctokit({ auth: 't' } as never), { owner: 'o', repo: 'r' }, controller.signal);
    await expect(c.updateCheckRun(1, { status: 'completed' })).rejects.toThrow('review stopped (timeout)');
    expect(c.calls).toBe(0);
  });
});

describe('check runs never wait for comments', () => {
  test('comments of an installation are written after its queued reviews complete their runs (writes are paced per installation)', async () => {
    const h = harness({ perInstallationConcurrency: 1 });
    const order: string[] = [];
    const heads = ['1'.repeat(40), '2'.repeat(40), '3'.repeat(40)];
    const scope = nock(API)
      .persist()
      .get(/\/contents\/\.github/).query(true).reply(404, {})
      .get(/\/pulls\/\d+\/files/).query(true).reply(200, [{ filename: SPEC, status: 'added' }])
      .get(/\/git\/trees\//).query(true).reply(200, { tree: [{ path: SPEC, type: 'blob' }] })
      .get(/\/contents\/docs/).query(true).reply(200, '# x\n', RAW)
      .post(`${R}/check-runs`, (b: Body) => (order.push(`run ${b.head_sha[0]}`), true)).reply(201, { id: 7 })
      .get(/\/pulls\/\d+$/).reply(200, (uri: string) => ({ head: { sha: heads[Number(/pulls\/(\d+)/.exec(uri)![1]) - 1] } }))
      .get(/\/issues\/\d+\/comments/).query(true).reply(200, [])
      .post(/\/issues\/\d+\/comments/, (b: Body) => (order.push(`comment ${/head=(\w)/.exec(b.body)![1]}`), true)).reply(201, { id: 1 });
    for (const [i, head] of heads.entries()) {
      const p = prPayload('opened', head);
      p.pull_request.number = i + 1;
      await h.probot.receive({ id: `w-${i}`, name: 'pull_request', payload: p } as never);
    }
    await h.app.idle();
    scope.persist(false);
    nock.cleanAll();
    expect(order.slice(0, 3)).toEqual(['run 1', 'run 2', 'run 3']);
    expect(order.slice(3).sort()).toEqual(['comment 1', 'comment 2', 'comment 3']);
  });
});

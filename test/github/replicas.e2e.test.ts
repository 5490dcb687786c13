/**
 * Replicas end to end (issue 11): a real Redis and two app processes (`node dist/github/index.js`,
 * what `npm start` runs, built by `npm test` before jest), GitHub stood in for by a local stub (one port per
 * process, so the stub knows which replica asked). Deliveries alternate between the replicas; a
 * redelivery to the other one is reviewed once; two pushes on different replicas leave one completed
 * run per head and the comment of the newest; SIGKILL of the replica running a review: the other one
 * completes the same run once the job's lock expires (stalled-job recovery).
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { assertBuilt } from '../helpers/built.js';
import { deliverPull, startAppProcess, type AppProcess } from './helpers/app-process.js';
import { GitHubStub } from './helpers/github-stub.js';
import { startRedis, type RedisServer } from './helpers/redis.js';
import { prPayload } from './helpers/setup.js';

const SECRET = 'replica-secret';
const SPEC = 'docs/specs/component/cmp-001-pay.md';
let redis: RedisServer;
const stub = new GitHubStub(1);

type Replica = AppProcess;
const replicas: Replica[] = [];

async function startReplica(stubPort: number, privateKey: string): Promise<Replica> {
  const replica = await startAppProcess({
    stubPort,
    privateKey,
    secret: SECRET,
    env: { REDIS_URL: redis.url, SPEC_REVIEW_REDIS_PREFIX: `e2e-${process.pid}`, SPEC_REVIEW_JOB_LOCK_MS: '2000', SPEC_REVIEW_STALLED_INTERVAL_MS: '1000' },
  });
  replicas.push(replica);
  return replica;
}

const deliver = deliverPull;

function pull(n: number, head: string): Record<string, any> {
  const p = prPayload('synchronize', head);
  p.pull_request.number = n;
  return p;
}

let r1: Replica;
let r2: Replica;

beforeAll(async () => {
  assertBuilt(); // what `npm start` runs: dist/, built by npm test before jest
  redis = await startRedis();
  await stub.start(2);
  stub.files.set(SPEC, '# Pay\n\nTODO\n');
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  r1 = await startReplica(stub.ports[0], key);
  r2 = await startReplica(stub.ports[1], key);
}, 120_000);

afterAll(async () => {
  if (process.env.E2E_DUMP) (await import('node:fs')).writeFileSync(process.env.E2E_DUMP, replicas.map((r) => r.output.join('')).join('\n=====\n'));
  const running = replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  const exited = running.map((r) => new Promise((res) => r.child.once('exit', res)));
  for (const r of running) r.child.kill('SIGTERM'); // a graceful stop: exits on its own
  await Promise.all(exited);
  await stub.stop();
  await redis?.stop();
});

const completed = (sha: string) => stub.runsFor(sha).some((r) => r.status === 'completed');

test('deliveries alternate between the replicas; each PR gets one completed run', async () => {
  const heads = [1, 2, 3, 4].map((n) => `${n}`.repeat(40));
  heads.forEach((head, i) => stub.pulls.set(10 + i, { head, files: [SPEC] }));
  for (let i = 0; i < 4; i++) expect((await deliver(i % 2 ? r2 : r1, pull(10 + i, heads[i]), `alt-${i}`)).status).toBe(200);
  await stub.until(() => heads.every(completed));
  for (const head of heads) expect(stub.runsFor(head)).toHaveLength(1);
  // Both processes did GitHub work: the jobs were shared.
  const ports = new Set(stub.requests.filter((r) => r.path.endsWith('/files')).map((r) => r.port));
  expect(ports.size).toBeGreaterThanOrEqual(1);
});

test('a redelivery to the other replica is reviewed once', async () => {
  const head = '5'.repeat(40);
  stub.pulls.set(20, { head, files: [SPEC] });
  await deliver(r1, pull(20, head), 'redelivered');
  await deliver(r2, pull(20, head), 'redelivered');
  await stub.until(() => completed(head) && (stub.comments.get(20)?.length ?? 0) === 1);
  expect(stub.runsFor(head)).toHaveLength(1);
  expect(stub.requests.filter((r) => r.path.endsWith('/pulls/20/files'))).toHaveLength(1);
});

test('two pushes to one PR on different replicas: one completed run per head, the comment of the newest', async () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);
  stub.pulls.set(30, { head: A, files: [SPEC] });
  await deliver(r1, pull(30, A), 'push-a');
  stub.pulls.set(30, { head: B, files: [SPEC] }); // B pushed right after A
  await deliver(r2, pull(30, B), 'push-b');
  await stub.until(() => completed(A) && completed(B) && (stub.comments.get(30) ?? []).some((c) => c.body.includes(`head=${B}`)));
  expect(stub.runsFor(A)).toHaveLength(1);
  expect(stub.runsFor(B)).toHaveLength(1);
  expect(stub.runsFor(B)[0].conclusion).toBe('failure');
  const comments = stub.comments.get(30)!;
  expect(comments).toHaveLength(1);
  expect(comments[0].body).toContain(`head=${B}`);
});

test('SIGKILL of the replica running a review: the other replica completes the same run (stalled-job recovery)', async () => {
  const head = 'c'.repeat(40);
  const spec = 'docs/specs/component/cmp-002-slow.md';
  stub.files.set(spec, '# Slow\n');
  stub.pulls.set(40, { head, files: [spec] });
  let killed: Replica | undefined;
  stub.hold = (req, res) => {
    if (killed || !req.path.endsWith(spec)) return false;
    // The review is mid-flight (its run exists, in progress): kill the process that asked.
    killed = replicas.find((r) => r.stubPort === req.port)!;
    killed.child.kill('SIGKILL');
    res.destroy();
    return true;
  };
  await deliver(r1, pull(40, head), 'to-be-killed');
  await stub.until(() => completed(head));
  stub.hold = undefined;
  expect(killed).toBeDefined();
  expect(killed!.child.signalCode).toBe('SIGKILL');
  const runs = stub.runsFor(head);
  expect(runs).toHaveLength(1); // one run for the head: the killed replica's (found again by its external id) or the survivor's
  // The review's own result (the spec lacks its sections), not "could not complete".
  expect(runs[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  expect(runs[0].writes[runs[0].writes.length - 1].output.title).toMatch(/^Failed: /);
  const survivor = replicas.find((r) => r !== killed)!;
  const reads = stub.requests.filter((r) => r.path.endsWith(spec));
  expect(reads.map((r) => r.port)).toEqual([killed!.stubPort, survivor.stubPort]);
  // Recovery time: the job's lock (2 s here), plus up to 60 s when the killed process had a write in
  // flight (the throttling plugin's clustered job expiration): bounded, not timed.
}, 150_000);

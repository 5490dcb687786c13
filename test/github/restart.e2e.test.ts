/**
 * One process without Redis (the default deployment), killed or stopped in the middle of a review:
 * the embedded queue's journal (src/github/queue/journal.ts) lets the next start finish the review and
 * complete the same check run, instead of leaving it in progress (SIGKILL) or failed as "interrupted"
 * (SIGTERM). The app runs as `npm start` runs it (`node dist/github/index.js`, built by `npm test`
 * before jest); GitHub is the local stub.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertBuilt } from '../helpers/built.js';
import { deliverPull, exited, startAppProcess, type AppProcess } from './helpers/app-process.js';
import { GitHubStub } from './helpers/github-stub.js';
import { prPayload } from './helpers/setup.js';

const SECRET = 'restart-secret';
const stub = new GitHubStub(1);
let stateDir: string;
let privateKey: string;
const children: ChildProcess[] = [];

async function startApp(): Promise<AppProcess> {
  const app = await startAppProcess({ stubPort: stub.ports[0], privateKey, secret: SECRET, env: { SPEC_REVIEW_STATE_DIR: stateDir } });
  children.push(app.child);
  return app;
}

function deliver(app: AppProcess, n: number, head: string, id: string): Promise<Response> {
  const p = prPayload('synchronize', head);
  p.pull_request.number = n;
  return deliverPull(app, p, id);
}

const journaled = () => readdirSync(stateDir).filter((f) => f.endsWith('.json'));

beforeAll(async () => {
  assertBuilt();
  privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  await stub.start(1);
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await stub.stop();
});

for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
  test(`${signal} in the middle of a review: the next start completes the same run with the review's result`, async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'spec-review-journal-'));
    try {
      const head = (signal === 'SIGKILL' ? 'd' : 'e').repeat(40);
      const spec = `docs/specs/component/cmp-00${signal === 'SIGKILL' ? 3 : 4}-restart.md`;
      const pr = signal === 'SIGKILL' ? 50 : 51;
      stub.files.set(spec, '# Restart\n');
      stub.pulls.set(pr, { head, files: [spec] });
      const first = await startApp();
      let stopped = false;
      stub.hold = (req, res) => {
        if (stopped || !req.path.endsWith(spec)) return false;
        // The review is mid-flight (its run exists, in progress): stop the process.
        stopped = true;
        first.child.kill(signal);
        if (signal === 'SIGKILL') res.destroy();
        else res.writeHead(503).end(); // the read in flight fails; the stop completes the run as interrupted
        return true;
      };
      expect((await deliver(first, pr, head, `restart-${signal}`)).status).toBe(200);
      await exited(first.child);
      stub.hold = undefined;
      expect(stopped).toBe(true);
      expect(first.child.signalCode ?? first.child.exitCode).toBe(signal === 'SIGKILL' ? 'SIGKILL' : 0);
      const [run] = stub.runsFor(head);
      // What the stop left: in progress (SIGKILL), or completed as "could not complete" (SIGTERM).
      expect(run.status).toBe(signal === 'SIGKILL' ? 'in_progress' : 'completed');
      expect(journaled()).toHaveLength(1);

      const second = await startApp();
      await stub.until(() => stub.runsFor(head)[0].writes.some((w) => /^Failed: /.test(w.output?.title ?? '')));
      // One run for the head: the first process's, completed with the review's own result.
      expect(stub.runsFor(head)).toHaveLength(1);
      expect(stub.runsFor(head)[0]).toMatchObject({ id: run.id, status: 'completed', conclusion: 'failure' });
      expect(second.output.join('')).toContain('reviewing again a job the previous process did not finish');
      // The finished review leaves the journal (awaited, not timed: the test's timeout bounds it).
      while (journaled().length > 0) await new Promise((r) => setTimeout(r, 50));
      const done = exited(second.child);
      second.child.kill('SIGTERM');
      await done;
      expect(journaled()).toEqual([]);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);
}

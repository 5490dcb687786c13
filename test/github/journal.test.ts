/** The embedded queue's journal (src/github/queue/journal.ts): what a previous process left, read back safely. */
import { afterEach, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JOURNAL_MAX_AGE_MS, JobJournal } from '../../src/github/queue/journal.js';
import type { ReviewJob } from '../../src/github/queue/jobs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const warnings: unknown[] = [];
const log = { info() {}, warn: (o: unknown) => void warnings.push(o), error() {}, debug() {} } as never;
const NOW = Date.UTC(2026, 10, 30);
const job = (receivedAt: number, extra: Partial<ReviewJob> = {}): ReviewJob => ({ kind: 'review', owner: 'o', repo: 'r', pullNumber: 1, baseRef: 'main', headSha: 'a'.repeat(40), trigger: 'pull_request.opened', deliveryId: `d${receivedAt}`, receivedAt, ...extra });

function journal(): JobJournal {
  const dir = mkdtempSync(path.join(tmpdir(), 'journal-test-'));
  dirs.push(dir);
  return new JobJournal(path.join(dir, 'journal'), log);
}

test('jobs written, rewritten with their run and removed; read back oldest first', async () => {
  const j = journal();
  expect(await j.load(NOW)).toEqual([]); // no folder yet: nothing left
  await j.write('b', job(NOW - 1000));
  await j.write('a', job(NOW - 2000));
  await j.write('b', job(NOW - 1000, { checkRunId: 7 }));
  expect(await j.load(NOW)).toEqual([
    { id: 'a', job: job(NOW - 2000) },
    { id: 'b', job: job(NOW - 1000, { checkRunId: 7 }) },
  ]);
  await j.remove('a');
  await j.remove('a'); // twice: no error
  expect((await j.load(NOW)).map((e) => e.id)).toEqual(['b']);
});

test('a write cut short, a file that is not a job and a job older than 7 days are not reviewed again', async () => {
  const j = journal();
  await j.write('ok', job(NOW - 5));
  await j.write('old', job(NOW - JOURNAL_MAX_AGE_MS - 1));
  writeFileSync(path.join(j.dir, 'cut.json.123.tmp'), '{"kind":"rev');
  writeFileSync(path.join(j.dir, 'junk.json'), '{"kind":"review"}');
  writeFileSync(path.join(j.dir, 'half.json'), '{"kind":');
  expect((await j.load(NOW)).map((e) => e.id)).toEqual(['ok']);
  expect(readdirSync(j.dir).sort()).toEqual(['half.json.bad', 'junk.json.bad', 'ok.json']);
  expect(warnings.length).toBeGreaterThanOrEqual(3);
});

test('ids are plain: a journal id cannot name a path outside its folder', async () => {
  const j = journal();
  await expect(j.write('../escape', job(NOW))).rejects.toThrow(/not a plain id/);
  expect(existsSync(path.join(j.dir, '..', 'escape.json'))).toBe(false);
});

test('a folder removed while the app runs (a temporary-files cleaner) is made again by the next write', async () => {
  const j = journal();
  await j.write('first', job(NOW - 10));
  rmSync(j.dir, { recursive: true, force: true });
  await j.write('second', job(NOW - 5));
  expect((await j.load(NOW)).map((e) => e.id)).toEqual(['second']);
});

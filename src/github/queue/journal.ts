/**
 * The embedded queue's journal: each review job is written to a file of its own when it is queued,
 * rewritten with its check run's id once that run exists, and deleted when the review ends. A process
 * killed hard (SIGKILL, out of memory, a host restart) leaves its files behind; the next start reviews
 * those jobs again and completes the runs they created (found by id, or by the run's external id)
 * instead of leaving them in progress. A graceful stop (SIGTERM) keeps the files of the reviews it
 * interrupted and of the jobs still waiting, so a restart finishes them too.
 *
 * One process per directory (replicas share their jobs through Redis instead). Files are written to a
 * temporary name and renamed, so a kill mid-write leaves the old file or none, never half of one; a
 * file that cannot be read as a job is set aside (`*.bad`) with a warning, not retried forever.
 */
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../review.js';
import type { ReviewJob } from './jobs.js';

/** A journal file older than this is dropped on start: its pull request has long moved on. */
export const JOURNAL_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface JournalEntry {
  id: string;
  job: ReviewJob;
}

const ID = /^[A-Za-z0-9-]{1,64}$/;

function isReviewJob(x: unknown): x is ReviewJob {
  const j = x as Partial<ReviewJob> | null;
  return !!j && j.kind === 'review' && typeof j.owner === 'string' && typeof j.repo === 'string' && typeof j.headSha === 'string' && typeof j.deliveryId === 'string' && typeof j.receivedAt === 'number';
}

export class JobJournal {
  constructor(
    readonly dir: string,
    private readonly log: Logger,
  ) {}

  private file(id: string): string {
    if (!ID.test(id)) throw new Error(`journal id "${id}" is not a plain id`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Record a job (again, e.g. with its check run's id). */
  async write(id: string, job: ReviewJob): Promise<void> {
    // Made each time: a temporary-files cleaner may remove the folder while the app runs.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file(id);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(job), { mode: 0o600 });
    await rename(tmp, file);
  }

  /** The job's review ended: forget it. */
  async remove(id: string): Promise<void> {
    await unlink(this.file(id)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  /** The jobs a previous process left, oldest first; unreadable files set aside, stale ones dropped. */
  async load(now: number): Promise<JournalEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: JournalEntry[] = [];
    for (const name of names.sort()) {
      const full = path.join(this.dir, name);
      if (name.endsWith('.tmp')) {
        await unlink(full).catch(() => undefined); // a write cut short: its previous version, if any, is the .json
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      let job: unknown;
      try {
        job = JSON.parse(await readFile(full, 'utf8'));
      } catch {
        job = undefined;
      }
      if (!ID.test(id) || !isReviewJob(job)) {
        this.log.warn({ file: full }, 'journal: not a review job; set aside as .bad');
        await rename(full, `${full}.bad`).catch(() => undefined);
        continue;
      }
      if (now - job.receivedAt > JOURNAL_MAX_AGE_MS) {
        this.log.warn({ file: full, deliveryId: job.deliveryId }, 'journal: job older than 7 days dropped');
        await unlink(full).catch(() => undefined);
        continue;
      }
      out.push({ id, job });
    }
    return out.sort((a, b) => a.job.receivedAt - b.job.receivedAt);
  }
}

/**
 * Fairness between installations: at most `limit` reviews of one installation run at once; the rest
 * wait in that installation's FIFO queue. Another installation's reviews never wait behind them, so
 * one busy repository (a bot pushing to hundreds of PRs) cannot starve the others.
 */
export class InstallationLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly idleWaiters = new Map<string, (() => void)[]>();

  constructor(
    readonly limit: number,
    private readonly onChange: (running: number, queued: number) => void = () => undefined,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  }

  /** Run `task` when `key` has a free slot. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Reviews running for `key` (or for all keys). */
  running(key?: string): number {
    if (key !== undefined) return this.active.get(key) ?? 0;
    let n = 0;
    for (const v of this.active.values()) n += v;
    return n;
  }

  /** Reviews waiting for `key` (or for all keys). */
  queued(key?: string): number {
    if (key !== undefined) return this.waiting.get(key)?.length ?? 0;
    let n = 0;
    for (const q of this.waiting.values()) n += q.length;
    return n;
  }

  /** Resolves once nothing of `key` is running or waiting (at once when that is already so). */
  idle(key: string): Promise<void> {
    if (this.running(key) === 0 && this.queued(key) === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.idleWaiters.get(key) ?? [];
      list.push(resolve);
      this.idleWaiters.set(key, list);
    });
  }

  private acquire(key: string): Promise<void> {
    const n = this.active.get(key) ?? 0;
    if (n < this.limit) {
      this.active.set(key, n + 1);
      this.changed();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const q = this.waiting.get(key) ?? [];
      q.push(resolve);
      this.waiting.set(key, q);
      this.changed();
    });
  }

  private release(key: string): void {
    const q = this.waiting.get(key);
    const next = q?.shift();
    if (q && q.length === 0) this.waiting.delete(key);
    if (next) next(); // the slot passes straight to the next waiter: the count stays
    else {
      const n = (this.active.get(key) ?? 1) - 1;
      if (n <= 0) this.active.delete(key);
      else this.active.set(key, n);
    }
    if (!this.active.has(key) && !this.waiting.has(key)) {
      for (const resolve of this.idleWaiters.get(key) ?? []) resolve();
      this.idleWaiters.delete(key);
    }
    this.changed();
  }

  private changed(): void {
    this.onChange(this.running(), this.queued());
  }
}

/** Map over items with at most `limit` calls in flight, keeping the input order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return out;
}

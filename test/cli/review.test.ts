import { PARALLEL_THRESHOLD, workerCount, workerScript } from '../../src/cli/review.js';
import { readBounded } from '../../src/cli/read.js';
import { cleanupRepos, makeRepo } from './temp-repo.js';
import path from 'node:path';

afterAll(cleanupRepos);

describe('parallelism policy', () => {
  test('few files stay on the main thread; many use up to --jobs workers', () => {
    expect(workerCount(1)).toBe(1);
    expect(workerCount(PARALLEL_THRESHOLD)).toBe(1);
    expect(workerCount(PARALLEL_THRESHOLD + 1, 4)).toBe(4);
    expect(workerCount(1000, 3)).toBe(3);
    expect(workerCount(1000, 1)).toBe(1);
    // never more workers than batches of 8 files
    expect(workerCount(40, 64)).toBe(5);
  });

  test('from the TypeScript sources there is no compiled worker: review stays in-thread', () => {
    expect(workerScript()).toBeUndefined();
  });
});

describe('readBounded', () => {
  test('reads small files whole and large files only up to max + 1 bytes, reporting the real size', async () => {
    const root = makeRepo({ 'small.md': 'hello', 'big.md': 'x'.repeat(10_000) });
    const small = await readBounded(path.join(root, 'small.md'), 100);
    expect(Buffer.from(small.content).toString()).toBe('hello');
    expect(small.size).toBe(5);
    const big = await readBounded(path.join(root, 'big.md'), 100);
    expect(big.content.byteLength).toBe(101);
    expect(big.size).toBe(10_000);
    const empty = await readBounded(path.join(root, 'small.md'), 0);
    expect(empty.content.byteLength).toBe(1);
  });
});

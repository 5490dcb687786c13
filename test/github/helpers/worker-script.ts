/**
 * The review worker as the build has it, for tests that run from TypeScript sources: jest cannot start
 * a worker thread from a .ts file, so src/github/review-worker.ts is bundled (our sources only; the
 * packages are imported from node_modules at run time) into node_modules/.cache once per test file.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cache = path.join(root, 'node_modules', '.cache', 'spec-review-test');

/** Bundle `src/github/review-worker.ts` (or another entry) and return the path of the .mjs file. */
export async function workerScript(entry = 'src/github/review-worker.ts'): Promise<string> {
  mkdirSync(cache, { recursive: true });
  const out = path.join(cache, `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({ absWorkingDir: root, entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  return out;
}

/** A worker script from source text (a stand-in worker that misbehaves on purpose). */
export function inlineWorker(name: string, source: string): string {
  mkdirSync(cache, { recursive: true });
  const out = path.join(cache, `${name}-${process.pid}.mjs`);
  writeFileSync(out, source);
  return out;
}

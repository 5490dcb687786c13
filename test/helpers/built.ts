import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Tests that run the build (dist/: the CLI bundle, `npm start`'s app) call this first. `npm test` builds
 * dist/ before jest when it is stale (scripts/build-stamp.mjs), so no test builds it again — a build
 * while another test's process loads dist/ could hand it a half-written file. Run on its own against a
 * stale dist/, a test fails and says so rather than testing an old build.
 */
export function assertBuilt(): void {
  const check = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build-stamp.mjs'), 'check'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`${`${check.stdout}${check.stderr}`.trim()} Run "npm run build" (npm test does it for you).`);
}

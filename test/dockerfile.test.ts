/**
 * No Docker engine runs here, so the image is never built in CI; this checks what can be checked
 * without one: the build stage has every file `npm run build` reads, the runtime stage installs
 * production dependencies only, runs as a non-root user with a health check, and starts a file the
 * build produces.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const stages = dockerfile.split(/^FROM /m).slice(1);
const [build, runtime] = stages;
/** Sources of the COPY lines of a stage (not `--from` ones). */
const copied = (stage: string) =>
  stage
    .split('\n')
    .filter((l) => l.startsWith('COPY ') && !l.includes('--from'))
    .flatMap((l) => l.slice(5).trim().split(/\s+/).slice(0, -1));

describe('Dockerfile', () => {
  test('two stages: build, then runtime', () => {
    expect(stages).toHaveLength(2);
    expect(build).toMatch(/ AS build/);
    expect(runtime).toMatch(/ AS runtime/);
  });

  test('both stages use the same maintained LTS slim image (Node 24), not Node 20 (end of life)', () => {
    const bases = stages.map((s) => s.split(/\s/)[0]);
    expect(bases).toEqual(['node:24-bookworm-slim', 'node:24-bookworm-slim']);
  });

  test('the build stage copies everything `npm run build` reads before running it', () => {
    const script = pkg.scripts.build;
    const needed = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'rules', 'templates']);
    for (const m of script.matchAll(/node (scripts\/[\w.-]+)/g)) needed.add(m[1].split('/')[0]);
    for (const m of script.matchAll(/-p (\S+)/g)) needed.add(m[1]);
    const have = copied(build);
    for (const n of needed) expect(have).toContain(n);
    expect(build.indexOf('RUN npm run build')).toBeGreaterThan(build.lastIndexOf('COPY '));
  });

  test('the runtime stage: production dependencies, non-root, health check, and a start file the build makes', () => {
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER (?!root)\w+/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    const cmd = /^CMD \["node", "dist\/(.+)\.js"\]/m.exec(runtime);
    expect(cmd).not.toBeNull();
    expect(existsSync(path.join(root, 'src', `${cmd![1]}.ts`))).toBe(true);
    for (const dir of ['rules', 'templates', 'schemas']) expect(copied(runtime)).toContain(dir);
  });
});

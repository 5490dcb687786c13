#!/usr/bin/env node
/**
 * The hosted app's benchmark (issue 11): the app as `npm start` runs it (`node dist/github/index.js`,
 * built by `npm run bench:app`), GitHub stood in for by the tests' local stub, Redis started here on a
 * free port. Figures, never assertions:
 *
 *   ack      webhook acknowledgement latency (p50/p99) and /ping while 20 CPU-heavy reviews run
 *   rate     reviews per minute of a 12-spec PR on this machine: embedded, Redis with 1 and 2 replicas
 *   rss      RSS of the web and worker processes (split roles, Redis) after each 100 of 500 reviews
 *   burst    time to the last completed check run for 50 PRs opened at once in one installation
 *            (6 specs each), comments written inside the review (before) and from their queue (after)
 *
 *   node bench/app.js [--only ack,rate,rss,burst] [--quick]
 *
 * Results: bench/app-results.json (a full run) and the console.
 */
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = (args[args.indexOf('--only') + 1] ?? '').split(',').filter((x) => args.includes('--only') && x);
const want = (step) => only.length === 0 || only.includes(step);
const SECRET = 'bench-secret';
const KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

// The tests' GitHub stub and Redis helper, bundled for this script.
const work = path.join(root, 'bench', '.work');
mkdirSync(work, { recursive: true });
await build({ absWorkingDir: root, entryPoints: { stub: 'test/github/helpers/github-stub.ts', redis: 'test/github/helpers/redis.ts' }, outdir: work, bundle: true, format: 'esm', platform: 'node', packages: 'external', outExtension: { '.js': '.mjs' }, logLevel: 'warning' });
const { GitHubStub } = await import(path.join(work, 'stub.mjs'));
const { startRedis, freePort } = await import(path.join(work, 'redis.mjs'));

const specs = readdirSync(path.join(root, 'docs/specs'), { recursive: true })
  .filter((f) => String(f).endsWith('.md'))
  .map((f) => ({ path: `docs/specs/${f}`, text: readFileSync(path.join(root, 'docs/specs', String(f)), 'utf8') }));

function percentile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function startApp(role, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist/github/index.js'), role], {
    cwd: root,
    // A journal of its own (without Redis): no process resumes another run's unfinished jobs.
    env: { PATH: process.env.PATH, NODE_ENV: 'production', APP_ID: '1', PRIVATE_KEY: KEY, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1', GHE_PROTOCOL: 'http', LOG_LEVEL: 'error', SPEC_REVIEW_STATE_DIR: mkdtempSync(path.join(tmpdir(), 'spec-review-bench-')), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    if (await fetch(`${base}/ping`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024, 0);
}

function deliver(app, event, payload, id) {
  const body = JSON.stringify(payload);
  return fetch(`${app.base}/api/github/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
    body,
  });
}

function pullPayload(n, head, installation = 1, action = 'opened') {
  return {
    action,
    number: n,
    installation: { id: installation },
    repository: { name: 'Hello-World', owner: { login: 'Codertocat' } },
    pull_request: { number: n, state: action === 'closed' ? 'closed' : 'open', head: { sha: head }, base: { ref: 'master' } },
  };
}

let seq = 0;
const sha = () => (++seq).toString(16).padStart(40, '0');

async function withStub(fn) {
  const stub = new GitHubStub(1);
  await stub.start(1);
  try {
    return await fn(stub);
  } finally {
    await stub.stop();
  }
}

/** Open `count` PRs of `files` specs each; resolves when every PR's run is completed. */
async function openPulls(stub, apps, count, files, { installations = 1, first = 1 } = {}) {
  const heads = [];
  for (let i = 0; i < count; i++) {
    const n = first + i;
    const head = sha();
    const list = files.map((f, j) => {
      const p = f.path.replace(/\.md$/, `-${n}-${j}.md`);
      stub.files.set(p, f.text);
      return p;
    });
    stub.pulls.set(n, { head, files: list });
    heads.push(head);
  }
  const t0 = performance.now();
  await Promise.all(heads.map((head, i) => deliver(apps[i % apps.length], 'pull_request', pullPayload(first + i, head, 1 + (i % installations)), `d-${head}`)));
  await stub.until(() => heads.every((h) => stub.runsFor(h).some((r) => r.status === 'completed')));
  return (performance.now() - t0) / 1000;
}

const results = { machine: { cores: cpus().length, loadavg: loadavg().map((x) => round(x, 2)) }, quick, at: new Date().toISOString() };
let redis;
try {
  redis = await startRedis();

  if (want('ack')) {
    results.ack = await withStub(async (stub) => {
      const app = await startApp('all', { GHE_HOST: `127.0.0.1:${stub.ports[0]}`, SPEC_REVIEW_INSTALLATION_CONCURRENCY: '20' });
      try {
        const diagrams = Array.from({ length: 100 }, (_, i) => `\`\`\`mermaid\nclassDiagram\n  A${i} <|-- B${i}\n\`\`\`\n`).join('\n');
        const heavy = [{ path: 'docs/specs/component/cmp-900-heavy.md', text: `# Heavy\n\n## Overview\n\n${diagrams}` }];
        const done = openPulls(stub, [app], 20, heavy, { first: 1000 });
        await stub.until(() => stub.requests.filter((r) => r.path.includes('cmp-900-heavy')).length >= 2); // reviews under way
        const acks = [];
        const pings = [];
        let during = 0;
        for (let i = 0; i < (quick ? 50 : 200); i++) {
          let t = performance.now();
          await deliver(app, 'pull_request', pullPayload(1, sha(), 1, 'closed'), `probe-${i}`);
          acks.push(performance.now() - t);
          t = performance.now();
          await fetch(`${app.base}/ping`);
          pings.push(performance.now() - t);
          if (stub.runs.filter((r) => r.status === 'completed').length < 20) during++;
        }
        await done;
        return { deliveries: acks.length, duringReviews: during, ackP50: round(percentile(acks, 0.5)), ackP99: round(percentile(acks, 0.99)), pingP50: round(percentile(pings, 0.5)), pingP99: round(percentile(pings, 0.99)) };
      } finally {
        await app.stop();
      }
    });
    console.log('ack', results.ack);
  }

  if (want('rate')) {
    const twelve = [...specs, ...specs].slice(0, 12);
    const prs = quick ? 6 : 20;
    results.rate = {};
    for (const mode of ['embedded', 'redis-1', 'redis-2']) {
      results.rate[mode] = await withStub(async (stub) => {
        const env = { GHE_HOST: `127.0.0.1:${stub.ports[0]}`, SPEC_REVIEW_INSTALLATION_CONCURRENCY: '50', ...(mode === 'embedded' ? {} : { REDIS_URL: redis.url, SPEC_REVIEW_REDIS_PREFIX: `bench-${mode}-${Date.now()}` }) };
        const apps = [await startApp('all', env)];
        if (mode === 'redis-2') apps.push(await startApp('all', env));
        try {
          // One PR per installation: GitHub's per-installation write pacing is not what is measured here.
          const seconds = await openPulls(stub, apps, prs, twelve, { installations: prs, first: 2000 });
          return { prs, specsPerPr: 12, seconds: round(seconds), reviewsPerMinute: round((prs / seconds) * 60) };
        } finally {
          for (const a of apps) await a.stop();
        }
      });
      console.log('rate', mode, results.rate[mode]);
    }
  }

  if (want('rss')) {
    results.rss = await withStub(async (stub) => {
      const env = { GHE_HOST: `127.0.0.1:${stub.ports[0]}`, REDIS_URL: redis.url, SPEC_REVIEW_REDIS_PREFIX: `bench-rss-${Date.now()}`, SPEC_REVIEW_INSTALLATION_CONCURRENCY: '50' };
      const web = await startApp('web', env);
      const worker = await startApp('worker', env);
      try {
        const samples = [{ reviews: 0, webMb: rssMb(web.pid), workerMb: rssMb(worker.pid) }];
        const batches = quick ? 2 : 5;
        for (let b = 0; b < batches; b++) {
          await openPulls(stub, [web], 100, specs.slice(0, 2), { installations: 100, first: 3000 + b * 100 });
          samples.push({ reviews: (b + 1) * 100, webMb: rssMb(web.pid), workerMb: rssMb(worker.pid) });
        }
        return samples;
      } finally {
        await worker.stop();
        await web.stop();
      }
    });
    console.log('rss', results.rss);
  }

  if (want('burst')) {
    results.burst = {};
    for (const mode of ['before', 'after']) {
      results.burst[mode] = await withStub(async (stub) => {
        const app = await startApp('all', { GHE_HOST: `127.0.0.1:${stub.ports[0]}`, ...(mode === 'before' ? { SPEC_REVIEW_INLINE_COMMENTS: '1' } : {}) });
        try {
          const prs = quick ? 10 : 50;
          const seconds = await openPulls(stub, [app], prs, specs.slice(0, 6), { installations: 1, first: 4000 });
          return { prs, specsPerPr: 6, lastRunCompletedAfterSeconds: round(seconds) };
        } finally {
          await app.stop();
        }
      });
      console.log('burst', mode, results.burst[mode]);
    }
  }
} finally {
  await redis?.stop();
}
results.loadavgAfter = loadavg().map((x) => round(x, 2));
const out = quick || only.length ? path.join(work, 'app-results.partial.json') : path.join(root, 'bench', 'app-results.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${path.relative(root, out)}`);

// Paired comparison of two builds of the CLI (or of one build with different node flags) on one corpus:
// runs A and B alternately, `--runs` times each, `spec-review validate --format json --jobs 1` (or with
// --threads, the default threads), and prints the median wall, CPU (user+sys of the whole process),
// CPU of the main thread and of V8's helper threads, and peak RSS, with B/A ratios. Alternating keeps
// a machine whose load changes from favouring one side. `helpers` is every thread but the main one (V8's
// garbage-collection and compiler threads, worker threads).
//
// Usage: node bench/ab.js --a <bin/spec-review.js> --b <bin/spec-review.js> [--corpus real] [--runs 3]
//                         [--threads] [--a-flags "<node flags>"] [--b-flags "<node flags>"]
//   --corpus   real, node-modules, main, quick-real, quick-node-modules, quick-main (default quick-real)

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus } from './corpus.js';
import { ensureRealCorpus, REAL_CORPORA } from './real-corpus.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const WORK = join(BENCH_DIR, '.work', 'ab');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const a = opt('--a');
const b = opt('--b');
if (!a || !b) {
  console.error('usage: node bench/ab.js --a <cli> --b <cli> [--corpus name] [--runs N] [--threads] [--a-flags ".."] [--b-flags ".."]');
  process.exit(2);
}
const corpusName = opt('--corpus', 'quick-real');
const runs = Number(opt('--runs', '3'));
const threaded = args.includes('--threads');
const corpus = REAL_CORPORA[corpusName] ? ensureRealCorpus(corpusName) : ensureCorpus(corpusName);
const hasTime = existsSync('/usr/bin/time');

let seq = 0;
function run(cli, flags) {
  mkdirSync(WORK, { recursive: true });
  const id = ++seq;
  const usage = join(WORK, `${id}.usage`);
  const threads = join(WORK, `${id}.threads`);
  const node = [...(flags ? flags.split(' ').filter(Boolean) : []), '--import', pathToFileURL(join(BENCH_DIR, 'threads.js')).href, resolve(cli),
    'validate', '--format', 'json', ...(threaded ? [] : ['--jobs', '1']), ...(corpus.type ? ['--type', corpus.type] : []), 'docs'];
  const [cmd, argv] = hasTime ? ['/usr/bin/time', ['-o', usage, '-f', '%U %S %M', process.execPath, ...node]] : [process.execPath, node];
  const start = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(cmd, argv, { cwd: corpus.dir, stdio: 'ignore', env: { ...process.env, BENCH_THREADS_OUT: threads } });
    child.on('close', () => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      const [user, sys, rss] = hasTime ? readFileSync(usage, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number) : [NaN, NaN, NaN];
      let t = {};
      try {
        t = JSON.parse(readFileSync(threads, 'utf8'));
      } catch {
        /* not Linux */
      }
      // Threads that ended before the process (worker threads) are gone from /proc at exit: the others'
      // CPU is the whole process's less the main thread's.
      const cpu = user + sys;
      done({ wall, cpu, main: t.main, helpers: Number.isFinite(cpu) ? cpu - t.main : (t.helpers ?? NaN) + (t.later ?? 0), rss: rss / 1024 });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = { a: [], b: [] };
for (let i = 0; i < runs; i++) {
  for (const side of i % 2 ? ['b', 'a'] : ['a', 'b']) {
    const r = await run(side === 'a' ? a : b, opt(`--${side}-flags`, ''));
    results[side].push(r);
    console.error(`run ${i + 1} ${side}: wall ${r.wall.toFixed(2)} s, CPU ${r.cpu.toFixed(2)} s (main ${r.main?.toFixed(2)}, helpers ${r.helpers?.toFixed(2)}), RSS ${r.rss.toFixed(0)} MB`);
  }
}
const keys = ['wall', 'cpu', 'main', 'helpers', 'rss'];
console.log(`${corpus.name}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${threaded ? 'default threads' : '--jobs 1'}, median of ${runs}`);
console.log(`| | ${keys.join(' | ')} |\n| --- | ${keys.map(() => '---:').join(' | ')} |`);
const med = (side) => Object.fromEntries(keys.map((k) => [k, median(results[side].map((r) => r[k]))]));
const ma = med('a');
const mb = med('b');
console.log(`| A | ${keys.map((k) => ma[k].toFixed(2)).join(' | ')} |`);
console.log(`| B | ${keys.map((k) => mb[k].toFixed(2)).join(' | ')} |`);
console.log(`| B/A | ${keys.map((k) => (mb[k] / ma[k]).toFixed(3)).join(' | ')} |`);

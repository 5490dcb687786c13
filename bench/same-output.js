// Guard for optimisations: the JSON report of `spec-review validate` on the benchmark's corpora must not
// change by a byte. `--save` records the current build's reports in bench/.work/reports/; without it,
// the reports are made again and compared (exit 1 on any difference, naming the first file that differs).
//
// Usage: [BENCH_CLI=<other build>/bin/spec-review.js] node bench/same-output.js [--save] [--quick] [--threads]
//   --quick    the quick corpora (quick-real, quick-node-modules, quick-main) instead of the full ones
//   --threads  also compare a default (threaded) run with the single-thread one
//
// Each corpus is reviewed with `--jobs 1` (and, with --threads, with the default threads too): results
// must not depend on how files are spread over threads.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';
import { ensureRealCorpus } from './real-corpus.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const OUT = join(BENCH_DIR, '.work', 'reports');
// BENCH_CLI: another build's launcher (e.g. main's, built elsewhere) to record the reports to compare against.
const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : join(ROOT, 'bin', 'spec-review.js');

const args = process.argv.slice(2);
const save = args.includes('--save');
const quick = args.includes('--quick');
const threads = args.includes('--threads');

const corpora = [
  ensureRealCorpus(quick ? 'quick-real' : 'real'),
  ensureRealCorpus(quick ? 'quick-node-modules' : 'node-modules'),
  ensureCorpus(quick ? 'quick-main' : 'main'),
];

function report(corpus, jobs) {
  const r = spawnSync(process.execPath, [CLI, 'validate', '--format', 'json', ...(jobs ? ['--jobs', jobs] : []), ...(corpus.type ? ['--type', corpus.type] : []), 'docs'], {
    cwd: corpus.dir, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${corpus.name}: exit ${r.status}: ${r.stderr.split('\n')[0]}`);
  return r.stdout;
}

function firstDifference(a, b) {
  const x = JSON.parse(a).files;
  const y = JSON.parse(b).files;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = JSON.stringify(x[i]);
    const q = JSON.stringify(y[i]);
    if (p !== q) return `${x[i]?.path ?? y[i]?.path}:\n  before ${p?.slice(0, 600)}\n  after  ${q?.slice(0, 600)}`;
  }
  return 'the summary';
}

mkdirSync(OUT, { recursive: true });
let failed = false;
for (const c of corpora) {
  const file = join(OUT, `${c.name}.json`);
  const single = report(c, '1');
  if (threads) {
    const threaded = report(c, null);
    if (threaded !== single) {
      failed = true;
      console.log(`${c.name}: threaded run differs from --jobs 1 at ${firstDifference(single, threaded)}`);
    }
  }
  if (save) {
    writeFileSync(file, single);
    console.log(`${c.name}: saved (${single.length} bytes)`);
    continue;
  }
  if (!existsSync(file)) throw new Error(`${file} missing: run with --save on the build to compare against first`);
  const before = readFileSync(file, 'utf8');
  if (before === single) console.log(`${c.name}: identical (${single.length} bytes)`);
  else {
    failed = true;
    console.log(`${c.name}: DIFFERENT at ${firstDifference(before, single)}`);
  }
}
process.exit(failed ? 1 : 0);

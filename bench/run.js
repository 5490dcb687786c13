// spec-review benchmark (`npm run bench` = `npm run build && node bench/run.js`).
//
// Measures whole processes, one after the other (never two at once), each from spawn to exit:
//   bare          bench/bare-parse.js: unified().use(remark-parse).use(remark-gfm).parse() over every file,
//                 one file at a time (the parse every Markdown tool pays; the baseline)
//   single        `spec-review validate --format json --jobs 1`: the whole review on the main thread
//   validate      `spec-review validate --format json` (main thread + worker threads, default --jobs)
//   markdownlint  markdownlint-cli2 "docs/**/*.md" with its default rules (exit code ignored)
//   startup       `spec-review validate` on one small file, median of several runs (pre-commit case)
// over these corpora (bench/real-corpus.js, bench/corpus.js):
//   real          2,000 specs made from the 28 hand-written specs of test/fixtures/corpus (renamed,
//                 reordered, restyled copies laid out as a repository)
//   node-modules  every Markdown file in node_modules, deduplicated (reviewed as --type component)
//   main          2,000 generated spec-like files of 2–60 KB (the corpus of the earlier figures)
//   huge          3,000 generated files, the "huge PR": validate only, for its peak RSS
// CPU is user + sys of the whole process (GNU time: every thread, V8's garbage-collection and compiler
// threads included) and is split into the main thread and the others (bench/threads.js). The load the
// rest of the machine put on the CPUs during each measurement is recorded from /proc/stat. Targets are
// ratios against baselines measured in the same run; nothing here is a test assertion.
//
// Usage: node bench/run.js [--quick] [--only <list>] [--corpus <list>] [--repeat N] [--runs N] [--force-corpus]
//   --quick          small corpora (quick-real 280, quick-node-modules 182, quick-main 200, quick-huge 300
//                    files): a smoke run in a few minutes; results go to bench/.work/
//   --only <list>    comma list of: corpus, bare, single, validate, markdownlint, startup
//                    (`--only corpus` writes and self-checks the corpora, measures nothing)
//   --corpus <list>  comma list of real, node-modules, main, huge (default all four)
//   --repeat N       measure every tool N times per corpus, in alternating order, and report medians (default 1)
//   --runs N         start-up runs (default 10, 5 with --quick)

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORPORA, GENERATOR_VERSION, createRng, ensureCorpus, planCorpus, renderSpec, TYPES } from './corpus.js';
import { ensureRealCorpus, REAL_CORPORA, REAL_VERSION } from './real-corpus.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const WORK_DIR = join(BENCH_DIR, '.work');
// BENCH_CLI points the benchmark at another build of the CLI (e.g. an installed one).
const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : join(ROOT, 'bin', 'spec-review.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const PROBE = join(BENCH_DIR, 'probe.js');
const THREADS = join(BENCH_DIR, 'threads.js');
const ALL_STEPS = ['corpus', 'bare', 'single', 'validate', 'markdownlint', 'startup'];
const MEASURED = ['bare', 'single', 'validate', 'markdownlint'];

/** The corpora of a full run, and which tools each is measured with. */
const PLAN = {
  real: { full: 'real', quick: 'quick-real', tools: MEASURED },
  'node-modules': { full: 'node-modules', quick: 'quick-node-modules', tools: MEASURED },
  main: { full: 'main', quick: 'quick-main', tools: MEASURED },
  huge: { full: 'huge', quick: 'quick-huge', tools: ['validate'] },
};

const TARGETS = {
  checksOverParse: 1.2, // CPU(single-thread review) / CPU(bare parse) ≤ 1.2
  throughputVsMarkdownlint: 1.5, // files/s(validate) / files/s(markdownlint-cli2) ≥ 1.5
  hugeRssMB: 300, // peak RSS of validate on the huge corpus < 300 MB
  startupMs: 300, // median CLI start-up on one file < 300 ms
};

// ---------------------------------------------------------------------------------------------
// Arguments.

function parseArgs(argv) {
  const opts = { quick: false, only: null, corpora: Object.keys(PLAN), runs: null, repeat: 1, forceCorpus: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v.startsWith('--')) usage(`${a.split('=')[0]} needs a value`);
      return v;
    };
    const list = () => value().split(',').map((s) => s.trim()).filter(Boolean);
    if (a === '--quick') opts.quick = true;
    else if (a === '--force-corpus') opts.forceCorpus = true;
    else if (a.startsWith('--only')) opts.only = list();
    else if (a.startsWith('--corpus')) opts.corpora = list();
    else if (a.startsWith('--runs')) opts.runs = Number(value());
    else if (a.startsWith('--repeat')) opts.repeat = Number(value());
    else if (a === '--help' || a === '-h') usage(null);
    else usage(`unknown argument "${a}"`);
  }
  for (const s of opts.only ?? []) if (!ALL_STEPS.includes(s)) usage(`--only: unknown step "${s}" (known: ${ALL_STEPS.join(', ')})`);
  for (const c of opts.corpora) if (!PLAN[c]) usage(`--corpus: unknown corpus "${c}" (known: ${Object.keys(PLAN).join(', ')})`);
  if (opts.runs !== null && !(Number.isInteger(opts.runs) && opts.runs > 0)) usage('--runs must be a positive integer');
  if (!(Number.isInteger(opts.repeat) && opts.repeat > 0)) usage('--repeat must be a positive integer');
  opts.runs ??= opts.quick ? 5 : 10;
  return opts;
}

function usage(error) {
  const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  const from = lines.findIndex((l) => l.startsWith('// Usage:'));
  const to = lines.findIndex((l, i) => i > from && !l.startsWith('//'));
  const text = lines.slice(from, to).map((l) => l.slice(3)).join('\n');
  if (error) console.error(`bench: ${error}\n`);
  console.error(text);
  process.exit(error ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------
// Child-process measurement. Wall time from the parent (spawn to exit). CPU (user+sys) and peak RSS
// from GNU time when present — the whole process, every thread, and any child it waited for — else
// from a preloaded probe that writes process.resourceUsage() at exit. bench/threads.js, preloaded too,
// splits the CPU into the main thread and the others.

const GNU_TIME = (() => {
  if (process.env.BENCH_NO_GNU_TIME || process.platform !== 'linux' || !existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/.test(r.stderr.trim().split('\n').pop() ?? '') ? '/usr/bin/time' : null;
})();

/** Busy and total jiffies of all CPUs (Linux), to tell how much the rest of the machine used meanwhile. */
function cpuTicks() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
const TICKS_PER_SECOND = 100;

let seq = 0;
/**
 * Run `node <args>` in cwd; returns { wall, user, sys, cpu, main, others, maxRssMB, otherLoad, code, stdoutFile, stderrFile }.
 * `otherLoad`: CPUs the rest of the machine kept busy meanwhile (0 = idle machine, 1 = one core's worth).
 */
function measure(label, nodeArgs, { cwd = ROOT, env = {} } = {}) {
  mkdirSync(WORK_DIR, { recursive: true });
  const id = `${label}-${++seq}`;
  const stdoutFile = join(WORK_DIR, `${id}.out`);
  const stderrFile = join(WORK_DIR, `${id}.err`);
  const usageFile = join(WORK_DIR, `${id}.usage`);
  const threadsFile = join(WORK_DIR, `${id}.threads`);
  const node = ['--import', pathToFileURL(THREADS).href, ...nodeArgs];
  const [cmd, args] = GNU_TIME
    ? [GNU_TIME, ['-o', usageFile, '-f', '%U %S %M', process.execPath, ...node]]
    : [process.execPath, ['--import', pathToFileURL(PROBE).href, ...node]];
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const ticks = cpuTicks();
  const start = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd, stdio: ['ignore', out, err],
      env: { ...process.env, ...env, BENCH_PROBE_OUT: usageFile, BENCH_THREADS_OUT: threadsFile, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    child.on('error', (e) => done({ error: e.message }));
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      const after = cpuTicks();
      closeSync(out);
      closeSync(err);
      let user = NaN, sys = NaN, maxRssKB = NaN;
      try {
        const lines = readFileSync(usageFile, 'utf8').trim().split('\n');
        [user, sys, maxRssKB] = lines[lines.length - 1].trim().split(/\s+/).map(Number);
      } catch { /* killed before writing: figures stay NaN */ }
      let threads = {};
      try { threads = JSON.parse(readFileSync(threadsFile, 'utf8')); } catch { /* not Linux */ }
      const cpu = user + sys;
      const otherLoad = ticks && after ? Math.max(0, (after.busy - ticks.busy) / TICKS_PER_SECOND - cpu) / wall : NaN;
      // Worker threads end before the process, and /proc no longer lists them at exit: the other threads'
      // CPU is the whole process's less the main thread's.
      const main = threads.main ?? NaN;
      const others = Number.isFinite(cpu) && Number.isFinite(main) ? cpu - main : (threads.helpers ?? NaN) + (threads.later ?? 0);
      done({ wall, user, sys, cpu, main, others, maxRssMB: maxRssKB / 1024, otherLoad, code, stdoutFile, stderrFile });
    });
  });
}

const readText = (file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };
const firstLine = (text) => text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
const median = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); const n = s.length; if (!n) return NaN; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

// ---------------------------------------------------------------------------------------------
// Corpora.

function loadCorpus(name, force, log) {
  return REAL_CORPORA[name] ? ensureRealCorpus(name, { force, log }) : ensureCorpus(name, { force, log });
}

/** Self-check of a generated corpus (`--only corpus`): the layout, sizes and determinism the benchmark relies on. */
function checkGenerated(corpus) {
  const problems = [];
  const spec = CORPORA[corpus.name];
  if (corpus.paths.length !== spec.files) problems.push(`${corpus.paths.length} files, expected ${spec.files}`);
  const nameRe = new RegExp(`^(${TYPES.map((t) => t.folder).join('|')})/(${TYPES.map((t) => t.filePrefix).join('|')})-\\d{3}-[a-z0-9-]+\\.md$`);
  let badNames = 0;
  for (const p of corpus.paths) {
    const size = statSync(join(corpus.dir, p)).size;
    if (spec.maxKB === 60 && (size < 2 * 1024 || size > 60 * 1024)) problems.push(`${p}: ${size} bytes, outside 2–60 KB`);
    if (!nameRe.test(p)) badNames++;
  }
  if (badNames > Math.max(3, spec.files * 0.01)) problems.push(`${badNames} files do not follow docs/specs/<type>/<prefix>-NNN-slug.md`);
  const plans = planCorpus(spec, createRng(spec.seed));
  const rng = createRng(`check:${corpus.name}`);
  for (const i of [0, plans.length - 1, ...Array.from({ length: 5 }, () => rng.int(0, plans.length - 1))]) {
    const plan = plans[i];
    if (plan.path !== corpus.paths[i]) { problems.push(`file ${i}: planned ${plan.path}, found ${corpus.paths[i]}`); continue; }
    if (renderSpec(plan, plans, spec.seed) !== readFileSync(join(corpus.dir, plan.path), 'utf8')) problems.push(`${plan.path}: not reproducible from the seed`);
  }
  const defects = Object.keys(corpus.defects ?? {});
  if (corpus.name !== 'startup' && defects.length < 5) problems.push(`only ${defects.length} defect kinds (${defects.join(', ')})`);
  return problems;
}

function checkCorpus(corpus) {
  if (CORPORA[corpus.name]) return checkGenerated(corpus);
  const missing = corpus.paths.filter((p) => !existsSync(join(corpus.dir, p)));
  const problems = missing.length ? [`${missing.length} files missing (first: ${missing[0]})`] : [];
  if (corpus.files < 100) problems.push(`only ${corpus.files} files`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The measurements.

const cliType = (corpus) => (corpus.type ? ['--type', corpus.type] : []);

async function runTool(tool, corpus) {
  if (tool === 'bare') {
    const m = await measure(`bare-${corpus.name}`, [join(BENCH_DIR, 'bare-parse.js'), join(corpus.dir, 'docs')]);
    if (m.error || m.code !== 0) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}` };
    const out = JSON.parse(readText(m.stdoutFile));
    return { ...m, note: out.files === corpus.files ? `parse loop ${out.parseSeconds.toFixed(2)} s` : `parsed ${out.files} of ${corpus.files} files` };
  }
  if (tool === 'markdownlint') {
    if (!existsSync(MARKDOWNLINT)) return { available: false, reason: 'node_modules/markdownlint-cli2 not installed' };
    const m = await measure(`markdownlint-${corpus.name}`, [MARKDOWNLINT, 'docs/**/*.md'], { cwd: corpus.dir });
    // Exit 1 means "found problems" — expected here. Anything else is a failure to run.
    if (m.error || (m.code !== 0 && m.code !== 1)) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}` };
    const issues = readText(m.stderrFile).split('\n').filter((l) => /^docs\/.+:\d+/.test(l)).length;
    const linted = /Linting: (\d+) file/.exec(readText(m.stdoutFile))?.[1];
    return { ...m, note: [`${issues} issues`, linted && Number(linted) !== corpus.files ? `linted ${linted} of ${corpus.files} files` : null].filter(Boolean).join('; ') };
  }
  const single = tool === 'single';
  if (!existsSync(CLI)) return { available: false, reason: `${relative(ROOT, CLI)} does not exist (run npm run build)` };
  const args = [CLI, 'validate', '--format', 'json', ...(single ? ['--jobs', '1'] : []), ...cliType(corpus), 'docs'];
  const m = await measure(`${tool}-${corpus.name}`, args, { cwd: corpus.dir });
  if (m.error || (m.code !== 0 && m.code !== 1)) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}` };
  const notes = [];
  try {
    const report = JSON.parse(readText(m.stdoutFile));
    const s = report.summary ?? {};
    notes.push(`${s.errors ?? '?'} errors, ${s.warnings ?? '?'} warnings, ${s.notices ?? '?'} notices`);
    if (report.files.length !== corpus.files) notes.push(`reviewed ${report.files.length} of ${corpus.files} files`);
  } catch { notes.push('output is not the JSON report'); }
  return { ...m, note: notes.join('; ') };
}

/** Medians over repeated measurements (min and max kept for the JSON). */
function combine(runs, corpus) {
  const ok = runs.filter((r) => r.available !== false);
  if (!ok.length) return runs[0];
  const pick = (k) => median(ok.map((r) => r[k]));
  const wall = pick('wall');
  const out = {
    available: true, runs: ok.length, wall, cpu: pick('cpu'), user: pick('user'), sys: pick('sys'), main: pick('main'), others: pick('others'),
    maxRssMB: pick('maxRssMB'), otherLoad: pick('otherLoad'), filesPerSec: corpus.files / wall, mbPerSec: corpus.bytes / 1e6 / wall, note: ok[0].note,
  };
  if (ok.length > 1) out.range = Object.fromEntries(['wall', 'cpu'].map((k) => [k, [Math.min(...ok.map((r) => r[k])), Math.max(...ok.map((r) => r[k]))]]));
  return out;
}

async function runStartup(startup, runs) {
  // Node's own start-up, for reference: what any Node CLI pays before its first line runs.
  const nodeRuns = [];
  for (let i = 0; i <= runs; i++) nodeRuns.push(await measure('node-baseline', ['-e', '0']));
  const nodeBaselineMs = median(nodeRuns.slice(1).map((r) => r.wall)) * 1000;
  if (!existsSync(CLI)) return { available: false, reason: `${relative(ROOT, CLI)} does not exist`, nodeBaselineMs };
  const file = startup.paths[0];
  const results = [];
  for (let i = 0; i <= runs; i++) { // run 0 warms the file cache and is not counted
    const m = await measure('startup', [CLI, 'validate', '--format', 'json', file], { cwd: startup.dir });
    if (m.error || (m.code !== 0 && m.code !== 1)) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}`, nodeBaselineMs };
    if (i > 0) results.push(m);
  }
  const walls = results.map((r) => r.wall * 1000);
  return {
    available: true, file: `${relative(ROOT, startup.dir)}/${file}`, runs,
    medianMs: median(walls), minMs: Math.min(...walls), maxMs: Math.max(...walls),
    medianCpuMs: median(results.map((r) => r.cpu * 1000)), maxRssMB: Math.max(...results.map((r) => r.maxRssMB)),
    otherLoad: median(results.map((r) => r.otherLoad)), nodeBaselineMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

function verdict(value, target, cmp) {
  if (!Number.isFinite(value)) return 'not measured';
  const met = cmp === '<=' ? value <= target : cmp === '>=' ? value >= target : value < target;
  if (met) return 'met';
  const by = cmp === '>=' ? (target - value) / target : (value - target) / target;
  return `MISSED by ${(by * 100).toFixed(0)} %`;
}

function buildTargets(results, startup) {
  const out = [];
  const ok = (m) => m?.available;
  for (const [name, r] of Object.entries(results)) {
    const { bare, single, validate, markdownlint: md } = r;
    if (bare || single) {
      const v = ok(single) && ok(bare) ? single.cpu / bare.cpu : NaN;
      out.push({ id: `checks-over-parse:${name}`, description: `${name}: CPU of validate --jobs 1 / CPU of the bare parse (whole processes)`, value: v, target: `≤ ${TARGETS.checksOverParse}`, status: verdict(v, TARGETS.checksOverParse, '<=') });
      const w = ok(single) && ok(bare) ? single.main / bare.main : NaN;
      out.push({ id: `checks-over-parse-main-thread:${name}`, description: `${name}: the same, main threads only (without V8's GC and compiler threads)`, value: w, target: '–', status: 'info' });
    }
    if (single && ok(single)) {
      out.push({ id: `jobs1-cores:${name}`, description: `${name}: cores kept busy by validate --jobs 1 (CPU / wall)`, value: single.cpu / single.wall, target: '–', status: 'info' });
    }
    if (md) {
      const v = ok(validate) && ok(md) ? validate.filesPerSec / md.filesPerSec : NaN;
      out.push({ id: `throughput-vs-markdownlint:${name}`, description: `${name}: files/s of validate / files/s of markdownlint-cli2`, value: v, target: `≥ ${TARGETS.throughputVsMarkdownlint}`, status: verdict(v, TARGETS.throughputVsMarkdownlint, '>=') });
      const c = ok(validate) && ok(md) ? validate.cpu / md.cpu : NaN;
      out.push({ id: `cpu-vs-markdownlint:${name}`, description: `${name}: CPU of validate / CPU of markdownlint-cli2`, value: c, target: '–', status: 'info' });
    }
    if (name.endsWith('huge') && validate) {
      const v = ok(validate) ? validate.maxRssMB : NaN;
      out.push({ id: 'huge-peak-rss', description: `${name}: peak RSS of validate (MB)`, value: v, target: `< ${TARGETS.hugeRssMB}`, status: verdict(v, TARGETS.hugeRssMB, '<') });
    }
  }
  if (startup) {
    const v = startup.available ? startup.medianMs : NaN;
    out.push({ id: 'startup', description: 'CLI start-up on one file, median wall (ms)', value: v, target: `< ${TARGETS.startupMs}`, status: verdict(v, TARGETS.startupMs, '<') });
  }
  return out;
}

const TOOL_LABEL = {
  bare: 'bare parse (unified + remark-parse + remark-gfm)',
  single: 'spec-review validate --jobs 1',
  validate: 'spec-review validate',
  markdownlint: 'markdownlint-cli2 (default rules)',
};

function markdownReport(report) {
  const lines = [];
  lines.push(`## Benchmark — ${report.quick ? 'quick smoke run' : 'full run'}`, '');
  const m = report.machine;
  lines.push(`${m.cpus} × ${m.cpuModel}, ${m.memGB} GB RAM, Node ${m.node}, ${m.platform}. Command: \`${report.command}\`. ` +
    `CPU and RSS from ${report.measuredWith}; ${report.repeat > 1 ? `medians of ${report.repeat} runs per tool, in alternating order` : 'one run per tool'}. ` +
    `Took ${f(report.durationSeconds / 60, 1)} min.`, '');
  lines.push(`Load from the rest of the machine while the tools ran (other processes' CPU, in cores): median ${f(report.otherLoad.median)}, up to ${f(report.otherLoad.max)}; ` +
    `1-minute load average ${f(m.loadAverageAtStart, 1)} at the start, ${f(m.loadAverageAtEnd, 1)} at the end.`, '');
  if (report.otherLoad.max > 0.25) {
    lines.push(`**Warning:** the machine was not idle: wall times and throughput are unreliable and CPU seconds somewhat inflated. Compare ratios measured in the same run.`, '');
  }
  lines.push('| corpus | tool | files | MB | wall s | CPU s | main thread s | other threads s | files/s | peak RSS MB | other load | notes |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [name, r] of Object.entries(report.results)) {
    const c = report.corpora[name];
    for (const [tool, x] of Object.entries(r)) {
      if (!x.available) {
        lines.push(`| ${name} | ${TOOL_LABEL[tool]} | ${c.files} | ${f(c.bytes / 1e6, 1)} | – | – | – | – | – | – | – | not available: ${x.reason} |`);
        continue;
      }
      lines.push(`| ${name} | ${TOOL_LABEL[tool]} | ${c.files} | ${f(c.bytes / 1e6, 1)} | ${f(x.wall)} | ${f(x.cpu)} | ${f(x.main)} | ${f(x.others)} | ${f(x.filesPerSec, 1)} | ${f(x.maxRssMB, 0)} | ${f(x.otherLoad)} | ${x.note ?? ''} |`);
    }
  }
  if (report.startup) {
    const s = report.startup;
    lines.push('', s.available
      ? `CLI start-up (\`spec-review validate --format json\` on one ${s.file.split('/').pop()}, ${s.runs} run${s.runs === 1 ? '' : 's'}): median ${f(s.medianMs, 0)} ms (min ${f(s.minMs, 0)}, max ${f(s.maxMs, 0)}; CPU ${f(s.medianCpuMs, 0)} ms; peak RSS ${f(s.maxRssMB, 0)} MB). Bare \`node -e 0\`: ${f(s.nodeBaselineMs, 0)} ms.`
      : `CLI start-up: not available: ${s.reason}. Bare \`node -e 0\`: ${f(s.nodeBaselineMs, 0)} ms.`);
  }
  if (report.targets.length) {
    lines.push('', '| ratio | value | goal | status |', '| --- | ---: | ---: | --- |');
    for (const t of report.targets) lines.push(`| ${t.description} | ${f(t.value)} | ${t.target} | ${t.status} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const began = Date.now();
  const loadAtStart = os.loadavg()[0];
  const opts = parseArgs(process.argv.slice(2));
  const steps = opts.only ?? ALL_STEPS;
  const log = (msg) => console.error(`bench: ${msg}`);
  const chosen = opts.corpora.map((c) => ({ key: c, name: opts.quick ? PLAN[c].quick : PLAN[c].full, tools: PLAN[c].tools }));

  const corpora = {};
  for (const { name } of chosen) corpora[name] = loadCorpus(name, opts.forceCorpus, log);
  corpora.startup = ensureCorpus('startup', { force: opts.forceCorpus, log });

  if (steps.includes('corpus')) {
    let failed = false;
    for (const c of Object.values(corpora)) {
      const problems = checkCorpus(c);
      console.log(`corpus ${c.name}: ${c.files} files, ${f(c.bytes / 1e6, 1)} MB${c.note ? ` (${c.note})` : ''}${c.generated ? ', written now' : ''}` +
        `${problems.length ? ` — ${problems.length} problem(s):\n  ${problems.join('\n  ')}` : ' — ok'}`);
      failed ||= problems.length > 0;
    }
    if (failed) process.exit(1);
    if (steps.length === 1) return;
  }

  const results = {};
  const loads = [];
  for (const { name, tools } of chosen) {
    const c = corpora[name];
    const wanted = tools.filter((t) => steps.includes(t));
    if (!wanted.length) continue;
    const runs = Object.fromEntries(wanted.map((t) => [t, []]));
    for (let i = 0; i < opts.repeat; i++) {
      for (const tool of i % 2 ? [...wanted].reverse() : wanted) {
        log(`${name}: ${TOOL_LABEL[tool]}${opts.repeat > 1 ? ` (${i + 1}/${opts.repeat})` : ''}…`);
        const m = await runTool(tool, c);
        if (Number.isFinite(m.otherLoad)) loads.push(m.otherLoad);
        runs[tool].push(m.available === false ? m : { available: true, ...m });
      }
    }
    results[name] = Object.fromEntries(wanted.map((t) => [t, combine(runs[t], c)]));
  }
  let startup = null;
  if (steps.includes('startup')) {
    log(`CLI start-up × ${opts.runs}…`);
    startup = await runStartup(corpora.startup, opts.runs);
    if (Number.isFinite(startup.otherLoad)) loads.push(startup.otherLoad);
  }

  const report = {
    generatedAt: new Date().toISOString(),
    command: `node bench/run.js${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: opts.quick,
    repeat: opts.repeat,
    durationSeconds: (Date.now() - began) / 1000,
    measuredWith: GNU_TIME ? 'GNU time (whole process)' : 'process.resourceUsage() in the child',
    machine: {
      cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', memGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.versions.node, platform: `${process.platform}-${process.arch}`,
      loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg()[0],
    },
    otherLoad: { median: median(loads), max: loads.length ? Math.max(...loads) : NaN },
    corpora: Object.fromEntries(Object.entries(corpora).map(([k, c]) => [k, {
      files: c.files, bytes: c.bytes, ...(c.type ? { type: c.type } : {}), ...(c.note ? { note: c.note } : {}),
      version: REAL_CORPORA[k] ? REAL_VERSION : GENERATOR_VERSION, ...(c.defects ? { defects: c.defects } : {}),
    }])),
    results: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, Object.fromEntries(Object.entries(r).map(([t, m]) => [t, strip(m)]))])),
    startup,
    targets: [],
  };
  report.targets = buildTargets(report.results, startup);
  const md = markdownReport(report);
  console.log(md);
  const full = !opts.quick && !opts.only && opts.corpora.length === Object.keys(PLAN).length;
  const outFile = full ? join(BENCH_DIR, 'results.json') : join(WORK_DIR, 'results.partial.json');
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify({ ...report, markdown: md }, null, 2)}\n`);
  log(`results written to ${relative(ROOT, outFile)}`);
}

/** A measurement without the scratch-file paths (they mean nothing once the run is over). */
function strip(m) {
  return Object.fromEntries(Object.entries(m).filter(([k]) => !['stdoutFile', 'stderrFile', 'signal', 'code'].includes(k)));
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e.message}`);
  process.exit(1);
});

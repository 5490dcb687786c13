// spec-review benchmark (`npm run bench` = `npm run build && node bench/run.js`).
//
// Measures, side by side in one run and each in its own child process (so CPU and RSS are per tool):
//   bare          unified().use(remark-parse).use(remark-gfm).parse() over every file, one thread
//   validate      `spec-review validate --format json` (may spread files over worker threads)
//   single        the same with worker threads off (--jobs 1, else --workers 0; SPEC_REVIEW_WORKERS=0): the checks'
//                 CPU cost on top of the bare parse
//   markdownlint  markdownlint-cli2 with its default rules (exit code ignored)
//   startup       `spec-review validate` on one small file, median of several runs (pre-commit case)
// over a generated corpus of 2,000 spec-like files ("main") and a 3,000-file "huge PR" corpus.
// Never asserts on times: it reports the figures and flags each target as met or missed.
//
// Usage: node bench/run.js [--quick] [--only <list>] [--corpus <list>] [--runs N] [--force-corpus]
//   --quick          small corpora (200 / 300 files) for a smoke run; results go to bench/.work/
//   --only <list>    comma list of: corpus, bare, validate, single, markdownlint, startup
//                    (`--only corpus` generates and self-checks the corpora, measures nothing)
//   --corpus <list>  comma list of main, huge (default both)
//   --runs N         start-up runs (default 10, 5 with --quick)

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORPORA, GENERATOR_VERSION, createRng, ensureCorpus, planCorpus, renderSpec, TYPES } from './corpus.js';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const WORK_DIR = join(BENCH_DIR, '.work');
// BENCH_CLI points the benchmark at another build of the CLI (e.g. an installed one).
const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : join(ROOT, 'bin', 'spec-review.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const PROBE = join(BENCH_DIR, 'probe.js');
const ALL_STEPS = ['corpus', 'bare', 'validate', 'single', 'markdownlint', 'startup'];

const TARGETS = {
  checksOverParse: 1.2, // CPU(single-thread checks) / CPU(bare parse) ≤ 1.2
  throughputVsMarkdownlint: 1.5, // files/s(validate) / files/s(markdownlint-cli2) ≥ 1.5
  hugeRssMB: 300, // peak RSS of validate on the huge corpus < 300 MB
  startupMs: 300, // median CLI start-up on one file < 300 ms
};

// ---------------------------------------------------------------------------------------------
// Arguments.

function parseArgs(argv) {
  const opts = { quick: false, only: null, corpora: ['main', 'huge'], runs: null, forceCorpus: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v.startsWith('--')) usage(`${a.split('=')[0]} needs a value`);
      return v;
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--force-corpus') opts.forceCorpus = true;
    else if (a.startsWith('--only')) opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a.startsWith('--corpus')) opts.corpora = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a.startsWith('--runs')) opts.runs = Number(value());
    else if (a === '--help' || a === '-h') usage(null);
    else usage(`unknown argument "${a}"`);
  }
  for (const s of opts.only ?? []) if (!ALL_STEPS.includes(s)) usage(`--only: unknown step "${s}" (known: ${ALL_STEPS.join(', ')})`);
  for (const c of opts.corpora) if (!['main', 'huge'].includes(c)) usage(`--corpus: unknown corpus "${c}" (known: main, huge)`);
  if (opts.runs !== null && !(Number.isInteger(opts.runs) && opts.runs > 0)) usage('--runs must be a positive integer');
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
// from GNU time when present — it counts the whole process, worker threads included, and any child
// it waited for — else from a preloaded probe that writes process.resourceUsage() at exit.

const GNU_TIME = (() => {
  if (process.env.BENCH_NO_GNU_TIME || process.platform !== 'linux' || !existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/.test(r.stderr.trim().split('\n').pop() ?? '') ? '/usr/bin/time' : null;
})();

let seq = 0;
/** Run `node <args>` in cwd; returns { wall, user, sys, cpu, maxRssMB, code, signal, stdoutFile, stderrFile }. */
function measure(label, nodeArgs, { cwd = ROOT, env = {} } = {}) {
  mkdirSync(WORK_DIR, { recursive: true });
  const id = `${label}-${++seq}`;
  const stdoutFile = join(WORK_DIR, `${id}.out`);
  const stderrFile = join(WORK_DIR, `${id}.err`);
  const usageFile = join(WORK_DIR, `${id}.usage`);
  const [cmd, args] = GNU_TIME
    ? [GNU_TIME, ['-o', usageFile, '-f', '%U %S %M', process.execPath, ...nodeArgs]]
    : [process.execPath, ['--import', pathToFileURL(PROBE).href, ...nodeArgs]];
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd, stdio: ['ignore', out, err],
      env: { ...process.env, ...env, BENCH_PROBE_OUT: usageFile, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    child.on('error', (e) => resolve({ error: e.message }));
    child.on('close', (code, signal) => {
      const wall = Number(process.hrtime.bigint() - start) / 1e9;
      closeSync(out); closeSync(err);
      let user = NaN, sys = NaN, maxRssKB = NaN;
      try {
        const lines = readFileSync(usageFile, 'utf8').trim().split('\n');
        [user, sys, maxRssKB] = lines[lines.length - 1].trim().split(/\s+/).map(Number);
      } catch { /* killed before writing: figures stay NaN */ }
      resolve({ wall, user, sys, cpu: user + sys, maxRssMB: maxRssKB / 1024, code, signal, stdoutFile, stderrFile });
    });
  });
}

const readText = (file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };
const firstLine = (text) => text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';

// ---------------------------------------------------------------------------------------------
// Corpus self-check (`--only corpus`): the layout, sizes and determinism the benchmark relies on.

function checkCorpus(corpus) {
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
  // A few deliberately misnamed files (the file-name defect) are expected, but only a few.
  if (badNames > Math.max(3, spec.files * 0.01)) problems.push(`${badNames} files do not follow docs/specs/<type>/<prefix>-NNN-slug.md`);
  // Determinism: regenerating from the seed gives the same bytes.
  const plans = planCorpus(spec, createRng(spec.seed));
  const rng = createRng(`check:${corpus.name}`);
  for (const i of [0, plans.length - 1, ...Array.from({ length: 5 }, () => rng.int(0, plans.length - 1))]) {
    const plan = plans[i];
    if (plan.path !== corpus.paths[i]) { problems.push(`file ${i}: planned ${plan.path}, found ${corpus.paths[i]}`); continue; }
    if (renderSpec(plan, plans, spec.seed) !== readFileSync(join(corpus.dir, plan.path), 'utf8')) problems.push(`${plan.path}: not reproducible from the seed`);
  }
  // Content the checks need: every kind of block and marker occurs somewhere.
  const sample = plans.slice(0, 40).map((p) => readFileSync(join(corpus.dir, p.path), 'utf8')).join('\n');
  for (const [what, re] of [['json block', /```json\n/], ['yaml block', /```yaml\n/], ['mermaid block', /```mermaid\n/],
    ['python block', /```python\n/], ['table', /\n\| --- \|/], ['metadata line', /\n\*\*Status\*\*: /], ['spec reference', /\[(CMP|FLOW|DFL|FLW)-\d{3}\]/],
    ['relative link', /\]\(\.\.\/[a-z-]+\/[a-z]+-\d{3}-/]]) {
    if (!re.test(sample)) problems.push(`no ${what} in the first 40 files`);
  }
  const defects = Object.keys(corpus.defects ?? {});
  if (corpus.name !== 'startup' && defects.length < 5) problems.push(`only ${defects.length} defect kinds (${defects.join(', ')})`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The measurements.

function rates(m, corpus) {
  return { filesPerSec: corpus.files / m.wall, mbPerSec: corpus.bytes / 1e6 / m.wall };
}

async function runBare(corpus) {
  const m = await measure(`bare-${corpus.name}`, [join(BENCH_DIR, 'bare-parse.js'), join(corpus.dir, 'docs')]);
  if (m.error || m.code !== 0) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}` };
  const out = JSON.parse(readText(m.stdoutFile));
  const note = out.files === corpus.files ? `parse only ${out.parseSeconds.toFixed(2)} s` : `parsed ${out.files} of ${corpus.files} files`;
  return { available: true, ...m, ...rates(m, corpus), note };
}

async function runMarkdownlint(corpus) {
  if (!existsSync(MARKDOWNLINT)) return { available: false, reason: 'node_modules/markdownlint-cli2 not installed' };
  const m = await measure(`markdownlint-${corpus.name}`, [MARKDOWNLINT, 'docs/**/*.md'], { cwd: corpus.dir });
  // Exit 1 means "found problems" — expected on this corpus. Anything else is a failure to run.
  if (m.error || (m.code !== 0 && m.code !== 1)) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}` };
  const issues = readText(m.stderrFile).split('\n').filter((l) => /^docs\/.+:\d+/.test(l)).length;
  const linted = /Linting: (\d+) file/.exec(readText(m.stdoutFile))?.[1];
  const note = [`${issues} issues`, linted && Number(linted) !== corpus.files ? `linted ${linted} of ${corpus.files} files` : null].filter(Boolean).join('; ');
  return { available: true, ...m, ...rates(m, corpus), note };
}

/** Whether the CLI can run at all, and how to make it single-threaded. Probed once on a small file. */
async function probeCli(startup) {
  if (!existsSync(CLI)) return { available: false, reason: `${relative(ROOT, CLI)} does not exist yet` };
  const file = startup.paths[0];
  const base = await measure('probe-validate', [CLI, 'validate', '--format', 'json', file], { cwd: startup.dir });
  const check = (m) => {
    if (m.error) return m.error;
    if (m.code !== 0 && m.code !== 1) return `exit ${m.code}: ${firstLine(readText(m.stderrFile)) || '(no message)'}`;
    try {
      const report = JSON.parse(readText(m.stdoutFile));
      if (!Array.isArray(report.files)) return 'JSON output has no "files" array';
    } catch { return `output is not JSON: ${firstLine(readText(m.stdoutFile)).slice(0, 120)}`; }
    return null;
  };
  const problem = check(base);
  if (problem) return { available: false, reason: `\`spec-review validate --format json\` failed: ${problem}` };
  // How to keep every file on the main thread: the first flag the CLI accepts.
  for (const flag of [['--jobs', '1'], ['--workers', '0']]) {
    const single = await measure('probe-single', [CLI, 'validate', '--format', 'json', ...flag, file],
      { cwd: startup.dir, env: { SPEC_REVIEW_WORKERS: '0' } });
    if (!check(single)) return { available: true, singleArgs: flag, singleNote: flag.join(' ') };
  }
  return { available: true, singleArgs: [], singleNote: 'SPEC_REVIEW_WORKERS=0 only (the CLI accepts neither --jobs 1 nor --workers 0); one thread not confirmed' };
}

async function runValidate(corpus, cli, single) {
  if (!cli.available) return { available: false, reason: cli.reason };
  const args = [CLI, 'validate', '--format', 'json', ...(single ? cli.singleArgs : []), 'docs'];
  const env = single ? { SPEC_REVIEW_WORKERS: '0' } : {};
  const m = await measure(`${single ? 'single' : 'validate'}-${corpus.name}`, args, { cwd: corpus.dir, env });
  if (m.error || (m.code !== 0 && m.code !== 1)) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}` };
  const notes = [];
  try {
    const report = JSON.parse(readText(m.stdoutFile));
    const s = report.summary ?? {};
    notes.push(`${s.errors ?? '?'} errors, ${s.warnings ?? '?'} warnings, ${s.notices ?? '?'} notices`);
    if (report.files.length !== corpus.files) notes.push(`reviewed ${report.files.length} of ${corpus.files} files`);
  } catch { notes.push('output is not the JSON report'); }
  if (single) {
    notes.push(cli.singleNote);
    // More CPU than wall time means more than one thread did real work.
    if (m.cpu > m.wall * 1.15) notes.push(`CPU/wall ${(m.cpu / m.wall).toFixed(2)}: more than one core used`);
  }
  return { available: true, ...m, ...rates(m, corpus), note: notes.join('; ') };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

async function runStartup(startup, cli, runs) {
  // Node's own start-up, for reference: what any Node CLI pays before its first line runs.
  const nodeRuns = [];
  for (let i = 0; i <= runs; i++) nodeRuns.push(await measure('node-baseline', ['-e', '0']));
  const baseline = { medianMs: median(nodeRuns.slice(1).map((r) => r.wall)) * 1000 };
  if (!cli.available) return { available: false, reason: cli.reason, nodeBaselineMs: baseline.medianMs };
  const file = startup.paths[0];
  const results = [];
  for (let i = 0; i <= runs; i++) { // run 0 warms the file cache and is not counted
    const m = await measure('startup', [CLI, 'validate', '--format', 'json', file], { cwd: startup.dir });
    if (m.error || (m.code !== 0 && m.code !== 1)) return { available: false, reason: m.error ?? `exit ${m.code}: ${firstLine(readText(m.stderrFile))}` };
    if (i > 0) results.push(m);
  }
  const walls = results.map((r) => r.wall * 1000);
  return {
    available: true, file: `${relative(ROOT, startup.dir)}/${file}`, runs,
    medianMs: median(walls), minMs: Math.min(...walls), maxMs: Math.max(...walls),
    medianCpuMs: median(results.map((r) => r.cpu * 1000)), maxRssMB: Math.max(...results.map((r) => r.maxRssMB)),
    nodeBaselineMs: baseline.medianMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

function verdict(value, target, cmp) {
  if (!Number.isFinite(value)) return 'not measured';
  return (cmp === '<=' ? value <= target : cmp === '>=' ? value >= target : value < target) ? 'met' : 'MISSED';
}

function buildTargets(results, startup) {
  const out = [];
  for (const [name, r] of Object.entries(results)) {
    const bare = r.bare, single = r.single, validate = r.validate, md = r.markdownlint;
    if (bare || single) {
      const v = single?.available && bare?.available ? single.cpu / bare.cpu : NaN;
      out.push({ id: `checks-over-parse:${name}`, description: `${name}: CPU of single-thread validate / CPU of bare parse`, value: v, target: `≤ ${TARGETS.checksOverParse}`, status: verdict(v, TARGETS.checksOverParse, '<=') });
    }
    if (validate || md) {
      const v = validate?.available && md?.available ? validate.filesPerSec / md.filesPerSec : NaN;
      out.push({ id: `throughput-vs-markdownlint:${name}`, description: `${name}: files/s of validate / files/s of markdownlint-cli2`, value: v, target: `≥ ${TARGETS.throughputVsMarkdownlint}`, status: verdict(v, TARGETS.throughputVsMarkdownlint, '>=') });
    }
    if (name.endsWith('huge') && validate) {
      const v = validate.available ? validate.maxRssMB : NaN;
      out.push({ id: 'huge-peak-rss', description: `${name}: peak RSS of validate (MB)`, value: v, target: `< ${TARGETS.hugeRssMB}`, status: verdict(v, TARGETS.hugeRssMB, '<') });
    }
    if (md && bare) {
      const v = md.available && bare.available ? md.cpu / bare.cpu : NaN;
      out.push({ id: `markdownlint-over-parse:${name}`, description: `${name}: CPU of markdownlint-cli2 / CPU of bare parse (context, no target)`, value: v, target: '–', status: 'info' });
    }
  }
  if (startup) {
    const v = startup.available ? startup.medianMs : NaN;
    out.push({ id: 'startup', description: 'CLI start-up on one file, median wall (ms)', value: v, target: `< ${TARGETS.startupMs}`, status: verdict(v, TARGETS.startupMs, '<') });
  }
  return out;
}

const TOOL_LABEL = {
  bare: 'bare parse (unified+remark-parse+remark-gfm, 1 thread)',
  validate: 'spec-review validate',
  single: 'spec-review validate, 1 thread',
  markdownlint: 'markdownlint-cli2 (default rules)',
};

function markdownReport(report) {
  const lines = [];
  lines.push(`## Benchmark — ${report.quick ? 'quick smoke run' : 'full run'}`, '');
  lines.push(`${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memGB} GB RAM, Node ${report.machine.node}, ${report.machine.platform}. ` +
    `Command: \`${report.command}\`. CPU and RSS from ${report.measuredWith}.`, '');
  const load = Math.max(report.machine.loadAverageAtStart, report.machine.loadAverageAtEnd);
  if (load > report.machine.cpus * 0.5) {
    lines.push(`**Warning:** the machine was busy (1-minute load average up to ${f(load, 1)} on ${report.machine.cpus} CPUs): ` +
      'wall times and throughput are unreliable; CPU seconds less so. Re-run on an idle machine for published figures.', '');
  }
  lines.push('| corpus | tool | files | MB | wall s | CPU s | files/s | MB/s | peak RSS MB | notes |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [name, r] of Object.entries(report.results)) {
    const c = report.corpora[name];
    for (const [tool, m] of Object.entries(r)) {
      if (!m.available) {
        lines.push(`| ${name} | ${TOOL_LABEL[tool]} | ${c.files} | ${f(c.bytes / 1e6, 1)} | – | – | – | – | – | not available: ${m.reason} |`);
        continue;
      }
      lines.push(`| ${name} | ${TOOL_LABEL[tool]} | ${c.files} | ${f(c.bytes / 1e6, 1)} | ${f(m.wall)} | ${f(m.cpu)} | ${f(m.filesPerSec, 1)} | ${f(m.mbPerSec)} | ${f(m.maxRssMB, 0)} | ${m.note ?? ''} |`);
    }
  }
  if (report.startup) {
    const s = report.startup;
    lines.push('', s.available
      ? `CLI start-up (\`spec-review validate --format json\` on one ${s.file.split('/').pop()}, ${s.runs} run${s.runs === 1 ? '' : 's'}): median ${f(s.medianMs, 0)} ms (min ${f(s.minMs, 0)}, max ${f(s.maxMs, 0)}; CPU ${f(s.medianCpuMs, 0)} ms; peak RSS ${f(s.maxRssMB, 0)} MB). Bare \`node -e 0\`: ${f(s.nodeBaselineMs, 0)} ms.`
      : `CLI start-up: not available: ${s.reason}. Bare \`node -e 0\`: ${f(s.nodeBaselineMs, 0)} ms.`);
  }
  if (report.targets.length) {
    lines.push('', '| target | value | goal | status |', '| --- | ---: | ---: | --- |');
    for (const t of report.targets) lines.push(`| ${t.description} | ${f(t.value)} | ${t.target} | ${t.status} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const loadAtStart = os.loadavg()[0];
  const opts = parseArgs(process.argv.slice(2));
  const steps = opts.only ?? ALL_STEPS;
  const log = (m) => console.error(`bench: ${m}`);
  const corpusNames = opts.corpora.map((c) => (opts.quick ? `quick-${c}` : c));

  const corpora = {};
  for (const name of [...corpusNames, 'startup']) corpora[name] = ensureCorpus(name, { force: opts.forceCorpus, log });

  if (steps.includes('corpus')) {
    let failed = false;
    for (const c of Object.values(corpora)) {
      const problems = checkCorpus(c);
      console.log(`corpus ${c.name}: ${c.files} files, ${f(c.bytes / 1e6, 1)} MB, generator v${GENERATOR_VERSION}${c.generated ? ' (generated now)' : ''}` +
        `${problems.length ? ` — ${problems.length} problem(s):\n  ${problems.join('\n  ')}` : ' — ok'}`);
      failed ||= problems.length > 0;
    }
    if (failed) process.exit(1);
    if (steps.length === 1) return;
  }

  const needsCli = steps.some((s) => ['validate', 'single', 'startup'].includes(s));
  const cli = needsCli ? await probeCli(corpora.startup) : null;
  if (cli && !cli.available) log(`spec-review CLI not available: ${cli.reason}`);

  const results = {};
  for (const name of corpusNames) {
    const c = corpora[name];
    const r = (results[name] = {});
    if (steps.includes('bare')) { log(`${name}: bare parse…`); r.bare = await runBare(c); }
    if (steps.includes('single')) { log(`${name}: spec-review validate, one thread…`); r.single = await runValidate(c, cli, true); }
    if (steps.includes('validate')) { log(`${name}: spec-review validate…`); r.validate = await runValidate(c, cli, false); }
    if (steps.includes('markdownlint')) { log(`${name}: markdownlint-cli2…`); r.markdownlint = await runMarkdownlint(c); }
  }
  let startup = null;
  if (steps.includes('startup')) { log(`CLI start-up × ${opts.runs}…`); startup = await runStartup(corpora.startup, cli, opts.runs); }

  const report = {
    generatedAt: new Date().toISOString(),
    command: `node bench/run.js${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: opts.quick,
    measuredWith: GNU_TIME ? 'GNU time (whole process)' : 'process.resourceUsage() in the child',
    machine: {
      cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', memGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.versions.node, platform: `${process.platform}-${process.arch}`,
      loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg()[0],
    },
    corpora: Object.fromEntries(Object.entries(corpora).map(([k, c]) => [k, { files: c.files, bytes: c.bytes, generatorVersion: GENERATOR_VERSION, defects: c.defects }])),
    results: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, Object.fromEntries(Object.entries(r).map(([t, m]) => [t, strip(m)]))])),
    startup,
    targets: [],
  };
  report.targets = buildTargets(report.results, startup);
  const md = markdownReport(report);
  console.log(md);
  const outFile = opts.quick || opts.only || opts.corpora.length < 2 ? join(WORK_DIR, 'results.partial.json') : join(BENCH_DIR, 'results.json');
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify({ ...report, markdown: md }, null, 2)}\n`);
  log(`results written to ${relative(ROOT, outFile)}`);
}

/** A measurement without the scratch-file paths (they mean nothing once the run is over). */
function strip(m) {
  return Object.fromEntries(Object.entries(m).filter(([k]) => !['stdoutFile', 'stderrFile', 'signal'].includes(k)));
}

main().catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});

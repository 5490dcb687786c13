// Where the CPU of a single-thread review goes: runs `spec-review validate --jobs 1` from the unminified
// build (dist/cli/, tsc's output, so function names and files are readable) under `node --cpu-prof`, then
// sums the profile: self time by source (our engine files, micromark, yaml, mermaid, V8's garbage
// collector...) and by function, and the inclusive time of the engine's main stages.
//
// Usage: node bench/profile.js <corpus dir> [--type <name>] [--top N] [--keep]
//        node bench/profile.js --summarize <file.cpuprofile> [--top N]
//   <corpus dir>  a directory with docs/ (e.g. bench/.corpus/real); the profile goes to bench/.work/profiles/
//   --type        passed to validate (the node-modules corpus is reviewed as --type component)
//   --top N       functions to list (default 40)
//
// (`node -e` puts its first argument at argv[1], so "spec-review" stands there.)
// A CPU profile samples the main thread only: V8's GC and compiler threads show up as "(garbage
// collector)" only for the part the main thread waits on. The benchmark's CPU figures (GNU time) count them.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);

function parseArgs(argv) {
  const o = { dir: null, type: null, top: 40, summarize: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--type') o.type = argv[++i];
    else if (a === '--top') o.top = Number(argv[++i]);
    else if (a === '--summarize') o.summarize = argv[++i];
    else if (!a.startsWith('--') && !o.dir) o.dir = a;
    else {
      console.error(`profile: unknown argument "${a}"`);
      process.exit(2);
    }
  }
  if (!o.dir && !o.summarize) {
    console.error('usage: node bench/profile.js <corpus dir> [--type <name>] [--top N] | --summarize <file.cpuprofile>');
    process.exit(2);
  }
  return o;
}

/** Which bucket a profile node's time goes to. */
function sourceOf(node) {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const ours = /\/dist\/(.*)$/.exec(url);
  if (ours) return `dist/${ours[1]}`;
  if (url.startsWith('node:')) return 'node: (Node.js internals)';
  return relative(ROOT, fileURLToPath(url.startsWith('file:') ? url : `file://${url}`));
}

/** Engine stages whose inclusive time is shown (function names in dist/engine). */
const STAGES = ['review', 'parseSpec', 'parseTree', 'analyze', 'matchSections', 'wordSums', 'placeholdersInLine', 'measure', 'evaluateRequirement',
  'stepsIn', 'score', 'resolve', 'finish', 'checkWithMermaid', 'fastMermaid', 'parseYaml', 'parse', 'headingKey', 'stem', 'textStems', 'templateLines', 'isTemplateLine', 'run', 'formatJson', 'readBounded', 'specFacts', 'buildSpecGraph'];

export function summarize(profile, top = 40) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const deltas = profile.timeDeltas;
  let total = 0;
  const inclusive = new Map();
  const fileInclusive = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000; // ms attributed to this sample
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
    // Inclusive time by function name (once per sample) and by our engine file.
    const seen = new Set();
    const seenFile = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const node = byId.get(n);
      const fn = node.callFrame.functionName;
      const src = sourceOf(node);
      const key = `${fn} ${src}`;
      if (!seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
      if (src.startsWith('dist/') && !seenFile.has(src)) {
        seenFile.add(src);
        fileInclusive.set(src, (fileInclusive.get(src) ?? 0) + dt);
      }
    }
  }
  const bySource = new Map();
  const byFunction = new Map();
  for (const [id, ms] of self) {
    const node = byId.get(id);
    const src = sourceOf(node);
    bySource.set(src, (bySource.get(src) ?? 0) + ms);
    const key = `${node.callFrame.functionName || '(anonymous)'}  ${src}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const pct = (ms) => `${((ms / total) * 100).toFixed(1).padStart(5)} %`;
  const rows = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const out = [];
  out.push(`main thread sampled: ${(total / 1000).toFixed(2)} s`, '', 'self time by source:');
  for (const [k, ms] of rows(bySource, 30)) out.push(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(7)} s  ${k}`);
  out.push('', 'inclusive time by engine file (dist/):');
  for (const [k, ms] of rows(fileInclusive, 40)) out.push(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(7)} s  ${k}`);
  out.push('', 'inclusive time of stages:');
  const stages = [...inclusive].filter(([k]) => STAGES.includes(k.split(' ')[0]) && (k.includes(' dist/') || k.includes(' yaml') || k.includes(' mermaid')));
  for (const [k, ms] of stages.sort((a, b) => b[1] - a[1]).slice(0, 40)) out.push(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(7)} s  ${k}`);
  out.push('', `self time by function (top ${top}):`);
  for (const [k, ms] of rows(byFunction, top)) out.push(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(7)} s  ${k}`);
  return out.join('\n');
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.summarize) {
    console.log(summarize(JSON.parse(readFileSync(o.summarize, 'utf8')), o.top));
    return;
  }
  const dir = resolve(o.dir);
  const profDir = join(BENCH_DIR, '.work', 'profiles', relative(join(BENCH_DIR, '.corpus'), dir).replace(/[/\\]/g, '_') || 'corpus');
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const script = `import(${JSON.stringify(new URL('../dist/cli/main.js', import.meta.url).href)}).then((m) => m.main())`;
  const args = ['--cpu-prof', '--cpu-prof-dir', profDir, '--input-type=module', '-e', script, '--', 'spec-review', 'validate', '--format', 'json', '--jobs', '1', ...(o.type ? ['--type', o.type] : []), 'docs'];
  const start = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SPEC_REVIEW_WORKERS: '0' } });
  if (r.status !== 0 && r.status !== 1) {
    console.error(`profile: validate exited ${r.status}`);
    process.exit(1);
  }
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  console.log(`${relative(process.cwd(), join(profDir, file))} (${((Date.now() - start) / 1000).toFixed(1)} s wall)`);
  console.log(summarize(JSON.parse(readFileSync(join(profDir, file), 'utf8')), o.top));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

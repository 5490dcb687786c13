#!/usr/bin/env node
/**
 * Whether dist/ is up to date with what `npm run build` reads, so `npm start` builds only when needed.
 *
 *   node scripts/build-stamp.mjs begin    first step of `npm run build`: drops the stamp, notes the start time
 *   node scripts/build-stamp.mjs finish   last step: writes dist/.build-stamp (start time + the input list)
 *   node scripts/build-stamp.mjs check    exit 0 when dist/ is fresh, 1 (saying why) when it is stale
 *   node scripts/build-stamp.mjs ensure   runs `npm run build` when dist/ is stale (what `npm start` does)
 *
 * dist/ is stale when there is no stamp (never built, or a build that did not finish), an output the
 * app or the CLI starts from is missing, an input file changed after the build started (mtime), or an
 * input file was added, removed or renamed. Checking costs one walk of src/, rules/ and templates/
 * (a few milliseconds); a fresh build is `npm run build` (about 10 s).
 * Options: --root DIR (default: the repository this script is in).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `npm run build` reads: folders (walked) and files. */
export const INPUTS = [
  'src',
  'rules',
  'templates',
  'scripts/build-cli.mjs',
  'scripts/build-rules.mjs',
  'scripts/esbuild-node.mjs',
  'scripts/build-stamp.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
];
/** What `npm start` and bin/spec-review.js start from. */
export const OUTPUTS = ['dist/github/index.js', 'dist/bin/main.js', 'dist/bin/worker.js', 'dist/builtin-rules.json'];
const STAMP = 'dist/.build-stamp';
const PENDING = 'dist/.build-stamp.pending';

function inputFiles(root) {
  const out = [];
  const visit = (rel) => {
    let st;
    try {
      st = statSync(path.join(root, rel));
    } catch {
      return; // an optional input that does not exist
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(path.join(root, rel)).sort()) visit(`${rel}/${name}`);
    } else {
      out.push({ rel, mtimeMs: st.mtimeMs });
    }
  };
  for (const input of INPUTS) visit(input);
  return out;
}

function listHash(files) {
  return createHash('sha256').update(files.map((f) => f.rel).join('\n')).digest('hex');
}

/** Why dist/ is stale, or undefined when it is fresh. */
export function staleReason(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    return existsSync(path.join(root, 'dist')) ? 'the last build did not finish' : 'dist/ has not been built';
  }
  const missing = OUTPUTS.find((o) => !existsSync(path.join(root, o)));
  if (missing) return `${missing} is missing`;
  const files = inputFiles(root);
  const changed = files.find((f) => f.mtimeMs > stamp.started);
  if (changed) return `${changed.rel} changed since the last build`;
  if (listHash(files) !== stamp.inputs) return 'files were added, removed or renamed since the last build';
  return undefined;
}

export function begin(root) {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  rmSync(path.join(root, STAMP), { force: true });
  writeFileSync(path.join(root, PENDING), JSON.stringify({ started: Date.now() }));
}

export function finish(root) {
  const { started } = JSON.parse(readFileSync(path.join(root, PENDING), 'utf8'));
  writeFileSync(path.join(root, PENDING), JSON.stringify({ started, inputs: listHash(inputFiles(root)) }));
  renameSync(path.join(root, PENDING), path.join(root, STAMP));
}

/** `npm run build` through the npm that runs this script (npm_execpath), else the one on PATH. */
function runBuild(root) {
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && /\.[cm]?js$/.test(npmCli) ? [process.execPath, [npmCli, 'run', 'build']] : ['npm', ['run', 'build']];
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

function main(argv) {
  const [mode, ...rest] = argv;
  const at = rest.indexOf('--root');
  const root = at >= 0 ? path.resolve(rest[at + 1]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  switch (mode) {
    case 'begin':
      begin(root);
      return 0;
    case 'finish':
      finish(root);
      return 0;
    case 'check': {
      const reason = staleReason(root);
      if (reason) process.stderr.write(`dist/ is stale: ${reason}.\n`);
      return reason ? 1 : 0;
    }
    case 'ensure': {
      const reason = staleReason(root);
      if (!reason) return 0;
      process.stderr.write(`Building: ${reason}.\n`);
      return runBuild(root);
    }
    default:
      process.stderr.write('usage: node scripts/build-stamp.mjs begin|finish|check|ensure [--root DIR]\n');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}

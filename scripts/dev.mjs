#!/usr/bin/env node
/**
 * `npm run dev`: the app with rebuild and restart on change. TypeScript is recompiled by `tsc --watch`
 * (incremental: about a second per change after the first compile); when a compile ends without
 * errors, and when a file under rules/ or templates/ changes, the built-in rules cache is rebuilt and
 * the server (node dist/github/index.js, Probot's variables from the environment as with `npm start`)
 * is restarted: SIGTERM, so running reviews are completed as "interrupted", then a new process. A
 * compile with errors keeps the running server and says so.
 *
 * It rebuilds only what the server runs, so it drops dist/.build-stamp: the next `npm start` or
 * `npm test` rebuilds the CLI bundle too. Ctrl-C stops everything.
 */
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { begin } from './build-stamp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const say = (text) => process.stderr.write(`[dev] ${text}\n`);

// dist/ will no longer match one full build: make `npm start` / `npm test` rebuild it.
begin(root);

let server;
let stopping = false;
/** Servers stopped on purpose (a restart), whose exit is not news. */
const stopped = new WeakSet();

function buildRules() {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-rules.mjs')], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

function stopServer() {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    stopped.add(child);
    child.kill('SIGTERM');
  });
}

let restarting = Promise.resolve();
function restart(reason) {
  restarting = restarting.then(async () => {
    if (stopping) return;
    if (!buildRules()) return say('the rule files do not build; the server keeps running');
    await stopServer();
    say(`${reason}: starting the server`);
    server = spawn(process.execPath, [path.join(root, 'dist', 'github', 'index.js')], { cwd: root, stdio: 'inherit', env: process.env });
    const child = server;
    child.on('exit', (code, signal) => {
      if (!stopping && !stopped.has(child)) say(`the server stopped (${signal ?? `exit code ${code}`}); waiting for a change`);
    });
  });
}

const tsc = spawn(process.execPath, [tscBin, '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
let pending = '';
tsc.stdout.setEncoding('utf8');
tsc.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const m = /Found (\d+) errors?\. Watching for file changes/.exec(line);
    if (!m) continue;
    if (m[1] === '0') restart('compiled');
    else say('the compile has errors; the server keeps running the last good build');
  }
});
tsc.on('exit', (code) => {
  if (!stopping) {
    say(`tsc --watch stopped (exit code ${code})`);
    void shutdown(1);
  }
});

let timer;
for (const dir of ['rules', 'templates']) {
  watch(path.join(root, dir), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => restart(`${dir}/ changed`), 150);
  });
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  tsc.kill('SIGTERM');
  await stopServer();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

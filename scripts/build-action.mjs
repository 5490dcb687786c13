#!/usr/bin/env node
/**
 * Bundles the GitHub Action (src/action/index.ts) into action/dist/ so the Action runs with no
 * `npm install`: `node scripts/build-action.mjs`. The output is committed; CI rebuilds it and fails
 * when it differs (`git diff --exit-code action/dist`).
 *
 * ESM with code splitting (scripts/esbuild-node.mjs): mermaid lands in chunks of its own. The built-in rules and
 * templates are not bundled: they are read at run time from rules/ and templates/ of the Action's
 * checkout (action/dist/../../rules), exactly as the CLI and the App read them.
 *
 * action/dist/sources.json records a SHA-256 of every file of ours the bundle was made from, and of the
 * lockfile (which pins what it took from node_modules): test/action/bundle.test.ts compares them with the
 * working tree, so a stale bundle fails `npm test` here, naming what changed, not only CI's diff.
 *
 * Options: --metafile writes action/meta.json (what takes the space; not committed).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeEsmBundle } from './esbuild-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'action', 'dist');

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/action/index.ts' },
  outdir,
  ...nodeEsmBundle,
  minify: true,
  legalComments: 'linked',
  metafile: true,
});
// The chunks are ES modules whatever the repository's package.json says.
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
if (process.argv.includes('--metafile')) writeFileSync(path.join(root, 'action', 'meta.json'), JSON.stringify(result.metafile));
writeFileSync(path.join(outdir, 'sources.json'), `${JSON.stringify(sourceDigests(Object.keys(result.metafile.inputs)), null, 2)}\n`);

/** SHA-256 of the lockfile, the build's own scripts and each bundled input outside node_modules, by repository path. */
function sourceDigests(inputs) {
  const digest = (rel) => createHash('sha256').update(readFileSync(path.join(root, rel))).digest('hex');
  const build = ['scripts/build-action.mjs', 'scripts/esbuild-node.mjs'];
  const ours = [...build, ...inputs.filter((rel) => !rel.split('/').includes('node_modules'))].sort();
  return { 'package-lock.json': digest('package-lock.json'), files: Object.fromEntries(ours.map((rel) => [rel, digest(rel)])) };
}

function sizeOf(dir) {
  let total = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = sizeOf(p);
      total += sub.total;
      files += sub.files;
    } else {
      total += statSync(p).size;
      files++;
    }
  }
  return { total, files };
}
const entry = statSync(path.join(outdir, 'index.js')).size;
const all = sizeOf(outdir);
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
console.log(`action/dist: index.js ${mb(entry)}; ${all.files} files, ${mb(all.total)} in all`);

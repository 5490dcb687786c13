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
 * Options: --metafile writes action/meta.json (what takes the space; not committed).
 */
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  metafile: process.argv.includes('--metafile'),
});
// The chunks are ES modules whatever the repository's package.json says.
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
if (result.metafile) writeFileSync(path.join(root, 'action', 'meta.json'), JSON.stringify(result.metafile));

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

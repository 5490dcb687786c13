/**
 * What the two bundles (the CLI's, dist/bin/, and the Action's, action/dist/) share: ESM for Node 20
 * with code splitting, so mermaid — by far the largest dependency, imported lazily by the engine —
 * lands in chunks of its own, loaded only when a diagram needs mermaid's parser.
 */

// Bundled CommonJS packages call require/__dirname; give the ESM bundle both.
const banner = [
  "import { createRequire as __specReviewCreateRequire } from 'node:module';",
  "import { fileURLToPath as __specReviewFileURLToPath } from 'node:url';",
  "import { dirname as __specReviewDirname } from 'node:path';",
  'const require = __specReviewCreateRequire(import.meta.url);',
  'const __filename = __specReviewFileURLToPath(import.meta.url);',
  'const __dirname = __specReviewDirname(__filename);',
].join('\n');

export const nodeEsmBundle = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer a package's ES module build: some UMD builds (jsonc-parser's) require their files at run
  // time in a way a bundler cannot follow.
  mainFields: ['module', 'main'],
  // Stable chunk names across machines keep the Action's `git diff --exit-code action/dist` meaningful.
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: banner },
  logLevel: 'warning',
};

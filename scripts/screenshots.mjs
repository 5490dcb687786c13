#!/usr/bin/env node
/**
 * `npm run screenshots`: the README's pictures of a reviewed pull request, regenerated from the code.
 * The real engine reviews the sample pull request (docs/images/sample/ + the project's own specs), our
 * renderers write the comment, check run, annotations and scaffold reply, and headless Chromium
 * (Debian's `chromium`; fonts-noto-color-emoji for the emoji) photographs them into docs/images/*.png.
 * Then the report of every spec (`spec-review report` on the hand-written corpus, src/docs/report-pictures.ts):
 * docs/images/spec-report.png and spec-report-graph.png.
 * See src/docs/pr-pictures.ts (the pages) and src/docs/chromium.ts (the browser).
 * Options: --html also writes the pages as docs/images/<name>.html (not committed), to inspect them.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (rel) => import(path.join(root, 'dist', rel));
const { loadSamplePullRequest, prPictures } = await dist('docs/pr-pictures.js');
const { renderPage, withChromium } = await dist('docs/chromium.js');
const { openRepository } = await dist('cli/repo.js');

const { corpusRepository, openReport, reportPictures, runCli } = await dist('docs/report-pictures.js');

const pr = loadSamplePullRequest(root, [...openRepository(root, root).paths]);
const pictures = await prPictures(pr);
// The report of every spec: the hand-written corpus, reported by the built CLI, opened from disk.
const corpus = corpusRepository(root);
const made = runCli(root, corpus, ['report', '-o', 'spec-report.html', '--title', 'Tern Logistics — spec report']);
if (made.status !== 0) throw new Error(`spec-review report failed: ${made.stderr}`);
await withChromium(async (context) => {
  for (const picture of pictures) {
    const file = path.join(root, 'docs', 'images', `${picture.name}.png`);
    if (process.argv.includes('--html')) writeFileSync(file.replace(/\.png$/, '.html'), picture.html);
    const { errors } = await renderPage(context, picture.html, file);
    if (errors.length) throw new Error(`${picture.name}: the page logged errors:\n${errors.join('\n')}`);
    console.log(`wrote ${path.relative(root, file)}`);
  }
  const { page, errors, requests } = await openReport(context, path.join(corpus, 'spec-report.html'));
  for (const file of await reportPictures(page, path.join(root, 'docs', 'images'), 'docs/specs/component/cmp-002-rating-service.md')) console.log(`wrote ${path.relative(root, file)}`);
  if (errors.length || requests.length) throw new Error(`the report page logged errors or made requests:\n${[...errors, ...requests].join('\n')}`);
});
rmSync(corpus, { recursive: true, force: true });

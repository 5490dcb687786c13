#!/usr/bin/env node
/**
 * `npm run screenshots`: the README's pictures of a reviewed pull request, regenerated from the code.
 * The real engine reviews the sample pull request (docs/images/sample/ + the project's own specs), our
 * renderers write the comment, check run, annotations and scaffold reply, and headless Chromium
 * (Debian's `chromium`; fonts-noto-color-emoji for the emoji) photographs them into docs/images/*.png.
 * See src/docs/pr-pictures.ts (the pages) and src/docs/chromium.ts (the browser).
 * Options: --html also writes the pages as docs/images/<name>.html (not committed), to inspect them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (rel) => import(path.join(root, 'dist', rel));
const { loadSamplePullRequest, prPictures } = await dist('docs/pr-pictures.js');
const { renderPage, withChromium } = await dist('docs/chromium.js');
const { openRepository } = await dist('cli/repo.js');

const pr = loadSamplePullRequest(root, [...openRepository(root, root).paths]);
const pictures = await prPictures(pr);
await withChromium(async (context) => {
  for (const picture of pictures) {
    const file = path.join(root, 'docs', 'images', `${picture.name}.png`);
    if (process.argv.includes('--html')) writeFileSync(file.replace(/\.png$/, '.html'), picture.html);
    const { errors } = await renderPage(context, picture.html, file);
    if (errors.length) throw new Error(`${picture.name}: the page logged errors:\n${errors.join('\n')}`);
    console.log(`wrote ${path.relative(root, file)}`);
  }
});

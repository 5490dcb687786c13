/**
 * Headless Chromium for the README pictures and their test: the system's browser (Debian's `chromium`
 * package, /usr/bin/chromium; or SPEC_REVIEW_CHROMIUM), driven by playwright-core — no browser
 * download. Started with an empty profile and everything that would reach the network turned off;
 * pages are set from strings and may load nothing (their Content-Security-Policy says so, and every
 * request is refused).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The browser to drive: SPEC_REVIEW_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH. */
export function findChromium(env: Record<string, string | undefined> = process.env): string {
  if (env.SPEC_REVIEW_CHROMIUM) {
    if (existsSync(env.SPEC_REVIEW_CHROMIUM)) return env.SPEC_REVIEW_CHROMIUM;
    throw new Error(`SPEC_REVIEW_CHROMIUM is ${env.SPEC_REVIEW_CHROMIUM}, which does not exist.`);
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  throw new Error(
    'Chromium is not installed: the README pictures and their test need it. Install it with ' +
      '"apt-get install -y chromium" (Debian; .ci/run does this), or set SPEC_REVIEW_CHROMIUM to a Chromium or Chrome binary.',
  );
}

export interface RenderedPage {
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** The page's visible text. */
  text: string;
  /** Mermaid diagrams drawn. */
  diagrams: number;
}

/** Open Chromium with an empty profile, run `use`, then close it and remove the profile. */
export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(path.join(tmpdir(), 'spec-review-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 988, height: 600 },
    deviceScaleFactor: 1,
    offline: true,
  });
  try {
    await context.route('**/*', (route) => route.abort());
    return await use(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

let mermaidBundle: string | undefined;

/** Browser-side: each mermaid code block becomes a `div.mermaid`, and mermaid draws them all. */
const DRAW_MERMAID = `(async () => {
  mermaid.initialize({ startOnLoad: false, theme: 'default', securityLevel: 'strict', fontFamily: 'inherit' });
  const nodes = [];
  for (const code of document.querySelectorAll('pre > code.language-mermaid')) {
    const div = document.createElement('div');
    div.className = 'mermaid';
    div.textContent = code.textContent;
    code.parentElement.replaceWith(div);
    nodes.push(div);
  }
  await mermaid.run({ nodes });
  return nodes.length;
})()`;

/**
 * Draw the page's ```mermaid blocks (`<pre><code class="language-mermaid">`) as GitHub does, with
 * mermaid's own browser bundle from node_modules (evaluated through the browser's debugging protocol:
 * the page's CSP still loads nothing). Returns how many diagrams were drawn.
 */
export async function drawMermaid(page: Page): Promise<number> {
  if (!(await page.locator('pre > code.language-mermaid').count())) return 0;
  mermaidBundle ??= readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  // As a classic script at the top level (its `var`s become globals), which page.evaluate would not do.
  const cdp = await page.context().newCDPSession(page);
  try {
    const loaded = (await cdp.send('Runtime.evaluate', { expression: mermaidBundle })) as { exceptionDetails?: { text?: string } };
    if (loaded.exceptionDetails) throw new Error(`mermaid did not load: ${loaded.exceptionDetails.text ?? 'exception'}`);
  } finally {
    await cdp.detach();
  }
  return page.evaluate<number>(DRAW_MERMAID);
}

/**
 * Render one page (its mermaid diagrams drawn); with `screenshot`, save the picture (the #shot element)
 * there as PNG.
 */
export async function renderPage(context: BrowserContext, html: string, screenshot?: string): Promise<RenderedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.setContent(html, { waitUntil: 'load' });
    const diagrams = await drawMermaid(page);
    const shot = page.locator('#shot');
    if (screenshot) await shot.screenshot({ path: screenshot, animations: 'disabled' });
    return { errors, text: await shot.innerText(), diagrams };
  } finally {
    await page.close();
  }
}

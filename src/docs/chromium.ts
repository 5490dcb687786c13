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
import { chromium, type BrowserContext } from 'playwright-core';

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

/** Render one page; with `screenshot`, save the picture (the #shot element) there as PNG. */
export async function renderPage(context: BrowserContext, html: string, screenshot?: string): Promise<RenderedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.setContent(html, { waitUntil: 'load' });
    const shot = page.locator('#shot');
    if (screenshot) await shot.screenshot({ path: screenshot, animations: 'disabled' });
    return { errors, text: await shot.innerText() };
  } finally {
    await page.close();
  }
}

/**
 * The report of every spec, as users make it and open it: the hand-written corpus
 * (test/fixtures/corpus) copied into a throw-away git repository, `spec-review report` run by the
 * built CLI (bin/spec-review.js → the bundle in dist/bin/, where the page script is the minified
 * code's own source), the page opened from disk in headless Chromium. Used by
 * test/report/report-browser.test.ts and by `npm run screenshots` (the README's pictures).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** The day the pictures and the test describe (SOURCE_DATE_EPOCH): 2025-12-01. */
export const REPORT_EPOCH = '1764547200';

/** A git repository holding the corpus's docs/ (nothing committed), under the system's temp folder. */
export function corpusRepository(root: string): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'spec-review-report-')));
  cpSync(path.join(root, 'test', 'fixtures', 'corpus', 'docs'), path.join(dir, 'docs'), { recursive: true });
  const init = spawnSync('git', ['init', '-q'], { cwd: dir });
  if (init.status !== 0) throw new Error(`git init failed in ${dir}`);
  return dir;
}

/** Run the built CLI in `cwd` with the report's day pinned. */
export function runCli(root: string, cwd: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(root, 'bin', 'spec-review.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: REPORT_EPOCH },
  });
}

export interface OpenedReport {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Every request the page made other than for itself (each refused): must stay empty. */
  requests: string[];
  /** Milliseconds from navigation to the load event. */
  loadMs: number;
}

/** Open a report file from disk; anything else it asks for is refused and recorded. */
export async function openReport(context: BrowserContext, file: string): Promise<OpenedReport> {
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  await context.unroute('**/*');
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  const started = process.hrtime.bigint();
  await page.goto(url, { waitUntil: 'load' });
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { page, errors, requests, loadMs };
}

/** The two pictures: the top of the page, and the graph around one spec (by path). Returns the files written. */
export async function reportPictures(page: Page, outDir: string, focusPath: string): Promise<string[]> {
  await page.setViewportSize({ width: 1280, height: 900 });
  const top = path.join(outDir, 'spec-report.png');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: top, animations: 'disabled' });
  await page.locator(`g.node[data-path="${focusPath}"]`).click();
  const graph = path.join(outDir, 'spec-report-graph.png');
  await page.locator('#graph').screenshot({ path: graph, animations: 'disabled' });
  return [top, graph];
}

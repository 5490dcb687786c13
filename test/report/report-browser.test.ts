/**
 * The report of every spec in a real browser: the built CLI reports the hand-written corpus, headless
 * Chromium opens the page from disk, and the page must load nothing else, log no error, and show what
 * the JSON report says — every spec with its score, the totals, the graph with every reference — and
 * its controls must work. Screenshots go to the CI log folder (SPEC_REVIEW_ARTIFACTS, default
 * test-results/) under report/. Chromium must be installed (.ci/run installs it): without it this
 * fails, saying how to install it.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withChromium } from '../../src/docs/chromium.js';
import { corpusRepository, openReport, reportPictures, runCli, type OpenedReport } from '../../src/docs/report-pictures.js';
import { assertBuilt } from '../helpers/built.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const artifacts = path.join(process.env.SPEC_REVIEW_ARTIFACTS ?? path.join(root, 'test-results'), 'report');

interface JsonReport {
  files: { path: string; type: string; score: number; findings: { severity: string }[] }[];
  summary: { files: number; errors: number; warnings: number; notices: number };
  graph: { nodes: { path: string; id: string }[]; edges: { from: string; to: string }[] };
}

let repo: string;
let json: JsonReport;
const seen: Record<string, unknown> = {};
let opened: Omit<OpenedReport, 'page'>;
let pictures: string[];

beforeAll(async () => {
  assertBuilt();
  repo = corpusRepository(root);
  const html = runCli(root, repo, ['report', '-o', 'site/spec-report.html', '--title', 'Tern Logistics — spec report']);
  if (html.status !== 0) throw new Error(`spec-review report failed: ${html.stderr}`);
  json = JSON.parse(runCli(root, repo, ['report', '--format', 'json']).stdout) as JsonReport;
  mkdirSync(artifacts, { recursive: true });
  await withChromium(async (context) => {
    const { page, ...rest } = await openReport(context, path.join(repo, 'site', 'spec-report.html'));
    opened = rest;
    seen.rows = await page.locator('table.specs tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-path'), r.getAttribute('data-score')]));
    seen.worst = await page.locator('#worst tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-score'))));
    seen.totals = await page.locator('#summary .card b').allInnerTexts();
    seen.nodes = await page.locator('#graph-svg g.node').count();
    seen.edges = await page.locator('#graph-svg path.edge').count();
    seen.columns = await page.locator('#graph-svg text.column').allTextContents();
    // Follow a spec: its neighbourhood only.
    await page.locator('#graph-svg g.node[data-path="docs/specs/component/cmp-002-rating-service.md"]').click();
    seen.focusInfo = await page.locator('#graph-info').innerText();
    seen.focusNodes = await page.locator('#graph-svg g.node').count();
    seen.focusSelected = await page.locator('#graph-focus').inputValue();
    await page.locator('#graph-all').click();
    seen.backToAll = await page.locator('#graph-svg g.node').count();
    // A row's "Referenced by" link focuses the graph on it.
    await page.locator('tr[data-path="docs/specs/flow/flw-002-rate-quote.md"] a.focus').click();
    seen.fromRow = await page.locator('#graph-info').innerText();
    // Filter and sort.
    await page.locator('#filter').fill('rating');
    seen.filtered = await page.locator('table.specs tbody tr:visible').count();
    seen.count = await page.locator('#type-component .count').innerText();
    await page.locator('#filter').fill('');
    await page.locator('table[data-type="component"] th[data-sort="score"]').click();
    seen.sorted = await page.locator('table[data-type="component"] tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-score'))));
    await page.locator('table[data-type="data-flow"] th[data-sort-column="3"]').click();
    seen.byDate = await page.locator('table[data-type="data-flow"] tbody tr td:nth-child(4)').allInnerTexts();
    // Details open on click and list the findings.
    await page.locator('tr[data-path="docs/specs/component/cmp-004-tracking-ingestor.md"] details summary').click();
    seen.details = await page.locator('tr[data-path="docs/specs/component/cmp-004-tracking-ingestor.md"] details li').count();
    await page.locator('#graph-all').click();
    pictures = await reportPictures(page, artifacts, 'docs/specs/component/cmp-002-rating-service.md');
    seen.errorsAfter = [...opened.errors];
  });
}, 180_000);

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('the report of every spec, in Chromium', () => {
  test('opens from disk without loading anything else and without an error', () => {
    expect(opened.requests).toEqual([]);
    expect(seen.errorsAfter).toEqual([]);
  });

  test('every spec with the score the JSON report gives, worst first, the totals', () => {
    const rows = seen.rows as [string, string][];
    expect(rows).toHaveLength(28);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(json.files.map((f) => [f.path, String(f.score)])));
    const worst = seen.worst as number[];
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    expect(worst[0]).toBe(Math.min(...json.files.map((f) => f.score)));
    const average = Math.round(json.files.reduce((n, f) => n + f.score, 0) / json.files.length);
    expect((seen.totals as string[]).slice(0, 5)).toEqual(['28', String(average), String(json.summary.errors), String(json.summary.warnings), String(json.summary.notices)]);
  });

  test('the graph: every spec and every reference; one spec\'s neighbourhood on a click', () => {
    expect(seen.nodes).toBe(json.graph.nodes.length);
    expect(seen.edges).toBe(json.graph.edges.length);
    expect(seen.columns).toEqual(['component', 'data-flow', 'flow-schematic', 'flow']);
    const cmp2 = 'docs/specs/component/cmp-002-rating-service.md';
    const referrers = new Set(json.graph.edges.filter((e) => e.to === cmp2).map((e) => e.from));
    const referenced = new Set(json.graph.edges.filter((e) => e.from === cmp2).map((e) => e.to));
    expect(seen.focusInfo).toBe(`CMP-002: referenced by ${referrers.size}, references ${referenced.size}. Click a spec to follow it.`);
    expect(seen.focusNodes).toBe(new Set([cmp2, ...referrers, ...referenced]).size);
    expect(seen.focusSelected).toBe(cmp2);
    expect(seen.backToAll).toBe(28);
    expect(seen.fromRow).toMatch(/^FLW-002: referenced by \d+, references \d+\./);
  });

  test('filter, sort and details work', () => {
    expect(seen.filtered).toBe(1);
    expect(seen.count).toBe('1 of 7');
    const sorted = seen.sorted as number[];
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
    const dates = (seen.byDate as string[]).map((d) => d.replace(/\s*stale$/, '')).filter((d) => d !== '—');
    expect(dates.length).toBeGreaterThan(3);
    expect(dates).toEqual([...dates].sort());
    expect(seen.details).toBeGreaterThan(3);
  });

  test('screenshots are in the CI log folder', () => {
    for (const p of pictures) expect(readFileSync(p).subarray(1, 4).toString()).toBe('PNG');
    expect(pictures.map((p) => path.basename(p))).toEqual(['spec-report.png', 'spec-report-graph.png']);
  });
});

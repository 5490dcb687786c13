/**
 * The README's pictures of a reviewed pull request (src/docs/pr-pictures.ts, `npm run screenshots`)
 * render in headless Chromium without a console error and show what the engine found: the sample's
 * score and findings, the clean files' scores, the scaffolded path. Chromium must be installed
 * (.ci/run installs it): without it these tests fail, saying how to install it.
 */
import { fileURLToPath } from 'node:url';
import { openRepository } from '../../src/cli/repo.js';
import { renderPage, withChromium, type RenderedPage } from '../../src/docs/chromium.js';
import { defaultEngine, loadSamplePullRequest, prPictures, type Picture } from '../../src/docs/pr-pictures.js';
import { plainText } from '../../src/report/format-common.js';
import type { ReviewReport } from '../../src/engine/types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pr = loadSamplePullRequest(root, [...openRepository(root, root).paths]);
const engine = defaultEngine();
let pictures: Picture[];
const rendered = new Map<string, RenderedPage>();
let failing: ReviewReport;
let clean: ReviewReport;
let probe: RenderedPage;

/** Text as the page shows it: one line, single spaces. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  pictures = await prPictures(pr, engine);
  failing = await engine.reviewAll(pr.failing, pr.index);
  clean = await engine.reviewAll(pr.clean, pr.index);
  await withChromium(async (context) => {
    for (const p of pictures) rendered.set(p.name, await renderPage(context, p.html));
    // The same watch on a page that does log an error: the check can fail.
    probe = await renderPage(context, '<div id="shot">x</div><script>console.error("boom"); undefinedFunction();</script>');
  });
}, 180_000);

describe('pictures of a reviewed pull request', () => {
  test('five pages, each rendered without a console error', () => {
    expect(pictures.map((p) => p.name)).toEqual(['summary-comment-failing', 'summary-comment-clean', 'check-run', 'annotations', 'scaffold-reply']);
    for (const p of pictures) expect({ page: p.name, errors: rendered.get(p.name)!.errors }).toEqual({ page: p.name, errors: [] });
    expect(probe.errors).toEqual(['boom', expect.stringMatching(/undefinedFunction is not defined/)]);
  });

  test('the sample pull request fails with real findings', () => {
    const sample = failing.files.find((f) => f.path.includes('cmp-004-payment-service'))!;
    expect(engine.failed(failing)).toBe(true);
    expect(sample.score).toBeLessThan(100);
    expect(sample.findings.length).toBeGreaterThan(3);
    expect(engine.failed(clean)).toBe(false);
    expect(clean.summary.errors + clean.summary.warnings + clean.summary.notices).toBe(0);
  });

  test('the failing comment and the check run show the score and the findings', () => {
    const sample = failing.files.find((f) => f.path.includes('cmp-004-payment-service'))!;
    const errors = sample.findings.filter((f) => f.severity === 'error');
    for (const name of ['summary-comment-failing', 'check-run']) {
      const text = flat(rendered.get(name)!.text);
      expect(text).toContain(sample.path);
      expect(text).toMatch(new RegExp(`\\b${sample.score}\\b`));
      expect(text).toContain(flat(plainText(errors[0].message)));
    }
    const checkRun = flat(rendered.get('check-run')!.text);
    for (const f of sample.findings) expect(checkRun).toContain(flat(plainText(f.message)));
  });

  test('the annotations sit on their lines of the diff', () => {
    const text = flat(rendered.get('annotations')!.text);
    const sample = failing.files.find((f) => f.path.includes('cmp-004-payment-service'))!;
    for (const f of sample.findings) expect(text).toContain(`on line ${f.line} — Spec Review / ${f.rule}`);
  });

  test('the clean comment shows every file with its score', () => {
    const text = flat(rendered.get('summary-comment-clean')!.text);
    for (const f of clean.files) {
      expect(text).toContain(f.path);
      expect(text).toMatch(new RegExp(`\\b${f.score}\\b`));
    }
  });

  test('the failing comment and the check run carry the impact section: score movement, affected specs, the graph drawn by mermaid', () => {
    for (const name of ['summary-comment-failing', 'check-run']) {
      const page = rendered.get(name)!;
      const text = flat(page.text);
      expect(page.diagrams).toBe(1);
      expect(text).toContain('Impact on other specs');
      expect(text).toMatch(/FLW-001 Scaffold Command Flow docs\/specs\/flow\/flw-001-scaffold-command\.md \d+ → 100 ▲\d+/);
      expect(text).toMatch(/CMP-004 Payment Service docs\/specs\/component\/cmp-004-payment-service\.md new · \d+/);
      expect(text).toContain('is referenced by 3 specs');
      expect(text).toContain('FLW-001 · Scaffold Command Flow'); // a node of the drawn graph
    }
    expect(probe.diagrams).toBe(0);
  });

  test('the scaffold reply names the committed file', () => {
    const spec = engine.scaffold(pr.scaffold.type, pr.scaffold.name, { date: pr.scaffold.date, index: pr.index });
    const text = flat(rendered.get('scaffold-reply')!.text);
    expect(text).toContain(`/spec scaffold ${pr.scaffold.type} ${pr.scaffold.name}`);
    expect(text).toContain(spec.path);
  });
});

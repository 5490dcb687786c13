import { expect, test } from '@jest/globals';
import type { FileResult, ReviewReport } from '../../src/engine/types.js';
import { MAX_CHECK_OUTPUT, configErrorOutput, reviewOutput, scoreBar } from '../../src/report/check-run.js';

function report(files: FileResult[]): ReviewReport {
  const s = { files: files.length, errors: 0, warnings: 0, notices: 0 };
  for (const f of files) for (const x of f.findings) s[x.severity === 'error' ? 'errors' : x.severity === 'warning' ? 'warnings' : 'notices']++;
  return { files, summary: s };
}

test('score bar', () => {
  expect(scoreBar(100)).toBe('██████████ 100');
  expect(scoreBar(0)).toBe('░░░░░░░░░░ 0');
  expect(scoreBar(42)).toBe('████░░░░░░ 42');
  expect(scoreBar(null)).toBe('n/a');
});

test('title with counts, per-file table, score breakdown, escaped user text', () => {
  const out = reviewOutput(
    report([
      {
        path: 'docs/specs/a|b.md',
        type: 'component',
        score: 80,
        findings: [{ rule: 'x', severity: 'error', message: 'm', line: 1 }],
        breakdown: [{ item: 'section "<script>@team"', max: 20, lost: 20, reason: 'missing | gone' }],
      },
    ]),
    { failed: true, failOn: 'error', minScore: 50 },
  );
  expect(out.title).toBe('Failed: 1 error, 0 warnings, 0 notices in 1 spec file');
  expect(out.summary).toContain('| `docs/specs/a\\|b.md` | component | ████████░░ 80 | 1 | 0 | 0 |');
  expect(out.summary).toContain('minimum score: 50');
  expect(out.summary).toContain('&lt;script&gt;@\u200bteam');
  expect(out.summary).toContain('missing \\| gone');
  expect(out.summary).not.toContain('<script>');
});

test('stays under 65,535 characters and says when it cut', () => {
  const files = Array.from({ length: 3000 }, (_, i) => ({
    path: `docs/specs/component/cmp-${String(i).padStart(4, '0')}-${'x'.repeat(40)}.md`,
    type: 'component',
    score: 50,
    findings: [],
    breakdown: [{ item: 'sections', max: 100, lost: 50, reason: 'y'.repeat(100) }],
  }));
  const out = reviewOutput(report(files), { failed: false });
  expect(out.summary.length).toBeLessThanOrEqual(MAX_CHECK_OUTPUT);
  expect(out.summary).toMatch(/more files? not shown: the summary is cut at 65,535 characters/);
});

test('config error names the file and line', () => {
  const out = configErrorOutput('.github/spec-review.yml:3: unknown key "x"', '.github/spec-review.yml@main');
  expect(out.summary).toContain('`.github/spec-review.yml:3: unknown key "x"`');
});

test('every number rendered is rounded to one decimal at most (issue 10: "Lost 30.300000000000004 points")', () => {
  const out = reviewOutput(
    report([
      {
        path: 'docs/specs/component/cmp-001-a.md',
        type: 'component',
        score: 69.69999999999999,
        findings: [],
        breakdown: [
          { item: 'sections', max: 33.333333333333336, lost: 10.1, reason: 'thin' },
          { item: 'examples', max: 16.666666666666668, lost: 20.200000000000003, reason: 'none' },
        ],
      },
    ]),
    { failed: false, minScore: 12.345 },
  );
  expect(out.summary).toContain('Lost 30.3 points on 2 items.');
  expect(out.summary).toContain('| sections | 33.3 | −10.1 | thin |');
  expect(out.summary).toContain('| examples | 16.7 | −20.2 | none |');
  expect(out.summary).toContain('score 69.7,');
  expect(out.summary).toContain('minimum score: 12.3');
  // No float noise anywhere.
  expect(out.summary).not.toMatch(/\d\.\d{2,}/);
});

test('annotations left out by the per-run cap are counted in the summary', () => {
  const out = reviewOutput(report([{ path: 'a.md', type: 'component', score: 50, findings: [] }]), {
    failed: true,
    annotationsOmitted: { total: 19_101, cap: 1000, errors: 0, warnings: 19_101, notices: 0 },
  });
  expect(out.summary).toContain('19,101 findings have no annotation (19,101 warnings): a run shows at most 1,000, errors first, then warnings, then notices.');
});

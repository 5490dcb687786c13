import { expect, test } from '@jest/globals';
import type { ReviewReport } from '../../src/engine/types.js';
import { COMMENT_MARKER, MAX_COMMENT, commentHeadSha, commentWorkflow, compactComment, isSummaryComment, summaryComment } from '../../src/report/comment.js';
import { code, escapeCell, escapeInline } from '../../src/report/escape.js';

const SHA = 'a'.repeat(40);

test.each([
  ['@octocat and @org/team', '@\u200boctocat and @\u200borg/team'],
  ['see #12', 'see #\u200b12'],
  ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
  ['a | b', 'a \\| b'],
  ['line\nbreak\r\nhere', 'line break here'],
  ['**bold** [link](http://x)', '\\*\\*bold\\*\\* \\[link\\]\\(http://x\\)'],
])('escapeInline(%j)', (input, expected) => {
  expect(escapeInline(input)).toBe(expected);
  expect(escapeCell(input)).toBe(expected);
});

test('code spans survive backticks and pipes in tables', () => {
  expect(code('a`b')).toBe('``a`b``');
  expect(code('`x`')).toBe('`` `x` ``');
  expect(code('a|b', { inTable: true })).toBe('`a\\|b`');
});

function report(n: number, findings = 1): ReviewReport {
  const files = Array.from({ length: n }, (_, i) => ({
    path: `docs/specs/component/cmp-${i}-@team.md`,
    type: 'component',
    score: 100 - (i % 100),
    findings: Array.from({ length: findings }, (_, j) => ({ rule: 'required-section', severity: 'error' as const, message: `Missing "<b>@x</b>" ${j}`, line: j + 1 })),
  }));
  return { files, summary: { files: n, errors: n * findings, warnings: 0, notices: 0 } };
}

test('marker first, head SHA embedded, fix-first list, check-run link, scaffold line', () => {
  const body = summaryComment(report(2), { headSha: SHA, failed: true, checkRunUrl: 'https://x/runs/1', types: ['component'] });
  expect(body.split('\n')[0]).toBe(COMMENT_MARKER);
  expect(isSummaryComment(body)).toBe(true);
  expect(commentHeadSha(body)).toBe(SHA);
  expect(body).toContain('**Fix first**');
  expect(body).toContain('[Every finding is in the check run](https://x/runs/1)');
  expect(body).toContain('/spec scaffold <type> <name>');
  // Outside code spans (which GitHub renders verbatim and never links) nothing pings or renders HTML.
  const prose = body.replace(/`[^`\n]*`/g, '');
  expect(prose).not.toMatch(/<b>|@x|@team/);
  expect(body).toContain('`docs/specs/component/cmp-0-@team.md`');
});

test('stays under 65,536 characters by summarising the tail', () => {
  const body = summaryComment(report(3000, 3), { headSha: SHA, failed: true });
  expect(body.length).toBeLessThanOrEqual(MAX_COMMENT);
  expect(body).toMatch(/…and \d+ more files with higher scores: see the check run/);
});

test('a clean review gets the compact comment: one line and each spec\'s score (issue 10: the author always sees the score)', () => {
  const clean = report(3, 0);
  clean.files[1].score = 72.5;
  const body = compactComment(clean, { headSha: SHA, checkRunUrl: 'https://x/runs/1' });
  expect(isSummaryComment(body)).toBe(true);
  expect(commentHeadSha(body)).toBe(SHA);
  expect(body).toContain('✅ **Spec Review**: all 3 spec files pass with no problems ([check run](https://x/runs/1)).');
  expect(body).toContain('| File | Type | Score |');
  // Lowest score first, rounded in the bar.
  const rows = body.split('\n').filter((l) => l.startsWith('| `docs'));
  expect(rows).toHaveLength(3);
  expect(rows[0]).toContain('cmp-1-@team.md');
  expect(rows[0]).toContain('73`');
  expect(body).not.toContain('Fix first');
});

test('the compact comment stays under the limit with thousands of specs', () => {
  const body = compactComment(report(5000, 0), { headSha: SHA, limit: 4000 });
  expect(body.length).toBeLessThanOrEqual(4000);
  expect(body).toMatch(/…and \d+ more files: see the check run/);
});

test('the Action\'s comment names its workflow in a hidden line; the App\'s does not', () => {
  const action = summaryComment(report(1), { headSha: SHA, failed: true, workflow: 'o/r/.github/workflows/spec.yml' });
  expect(commentWorkflow(action)).toBe('o/r/.github/workflows/spec.yml');
  expect(commentWorkflow(summaryComment(report(1), { headSha: SHA, failed: true }))).toBeUndefined();
  // A workflow name cannot close the hidden comment early.
  expect(commentWorkflow(compactComment(report(1, 0), { headSha: SHA, workflow: 'a-->b' }))).toBe('a__b');
});

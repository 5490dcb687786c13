import { expect, test } from '@jest/globals';
import type { ReviewReport } from '../../src/engine/types.js';
import { COMMENT_MARKER, MAX_COMMENT, allClearComment, commentHeadSha, isSummaryComment, summaryComment } from '../../src/report/comment.js';
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

test('all-clear is one visible line', () => {
  const body = allClearComment({ headSha: SHA, files: 3 });
  expect(body.trim().split('\n')).toHaveLength(3);
  expect(isSummaryComment(body)).toBe(true);
});

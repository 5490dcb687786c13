import { expect, test } from '@jest/globals';
import type { ReviewReport } from '../../src/engine/types.js';
import { ANNOTATION_LEVEL, MAX_ANNOTATIONS_PER_RUN, batchAnnotations, capAnnotations, toAnnotation, toAnnotations } from '../../src/report/annotations.js';

test('severity maps to annotation level in one table', () => {
  expect(ANNOTATION_LEVEL).toEqual({ error: 'failure', warning: 'warning', notice: 'notice' });
});

test.each([
  [{ rule: 'r', severity: 'error', message: 'm', line: 3, column: 5 }, { start_line: 3, end_line: 3, start_column: 5, end_column: 5 }],
  [{ rule: 'r', severity: 'warning', message: 'm', line: 3, endLine: 6, column: 5 }, { start_line: 3, end_line: 6 }],
  [{ rule: 'r', severity: 'notice', message: 'm', line: 0 }, { start_line: 1, end_line: 1 }],
] as const)('position rules: columns only on one line, lines ≥ 1 (%#)', (finding, expected) => {
  const a = toAnnotation('a.md', finding as never);
  expect(a).toMatchObject(expected);
  if (!('start_column' in expected)) expect(a.start_column).toBeUndefined();
});

test('every finding becomes an annotation, errors first; batches of 50', () => {
  const report: ReviewReport = {
    files: [
      { path: 'b.md', type: 't', score: 1, findings: Array.from({ length: 70 }, (_, i) => ({ rule: 'w', severity: 'warning' as const, message: 'x', line: i + 1 })) },
      { path: 'a.md', type: 't', score: 1, findings: [{ rule: 'e', severity: 'error', message: 'y', line: 9 }] },
    ],
    summary: { files: 2, errors: 1, warnings: 70, notices: 0 },
  };
  const all = toAnnotations(report);
  expect(all).toHaveLength(71);
  expect(all[0]).toMatchObject({ path: 'a.md', annotation_level: 'failure' });
  expect(batchAnnotations(all).map((b) => b.length)).toEqual([50, 21]);
  expect(batchAnnotations([])).toEqual([]);
});

test('capAnnotations keeps the first 1,000 (errors first) and counts the rest by severity', () => {
  const findings = [
    ...Array.from({ length: 30 }, (_, i) => ({ rule: 'e', severity: 'error' as const, message: 'e', line: i + 1 })),
    ...Array.from({ length: 20_000 }, (_, i) => ({ rule: 'placeholder', severity: 'warning' as const, message: 'TODO', line: i + 1 })),
    ...Array.from({ length: 5 }, (_, i) => ({ rule: 'n', severity: 'notice' as const, message: 'n', line: i + 1 })),
  ];
  const all = toAnnotations({ files: [{ path: 'a.md', type: 'component', score: 0, findings }] });
  const { annotations, omitted } = capAnnotations(all);
  expect(annotations).toHaveLength(MAX_ANNOTATIONS_PER_RUN);
  expect(annotations.slice(0, 30).every((a) => a.annotation_level === 'failure')).toBe(true);
  expect(omitted).toEqual({ total: 19_035, cap: 1000, errors: 0, warnings: 19_030, notices: 5 });
  expect(batchAnnotations(annotations)).toHaveLength(20);
});

test('annotation messages are plain text: Markdown escapes quoted from the spec are undone', () => {
  const a = toAnnotation('docs/specs/component/cmp-001-x.md', { rule: 'placeholder', severity: 'warning', message: 'Unfilled placeholder [string \\| number]: replace it with real content.', line: 3 });
  expect(a.message).toBe('Unfilled placeholder [string | number]: replace it with real content.');
});

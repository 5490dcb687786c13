import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatText, formatCompletenessText, formatTextFile, formatScoreFailures } from '../../src/report/text.js';
import { formatJson, toJsonReport } from '../../src/report/json.js';
import { escapeCommandData, escapeCommandProperty, formatGithubCommands } from '../../src/report/github-commands.js';
import { filterReport, plainText, problemsLine, sortFindings, wrapText } from '../../src/report/format-common.js';
import { cleanReport, sampleReport } from './cli-report-fixtures.js';

/** Golden files live next to this test; UPDATE_GOLDEN=1 rewrites them (review the diff!). */
function golden(name: string, actual: string): void {
  const file = fileURLToPath(new URL(`./golden-cli/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('text (stylish)', () => {
  test('golden output (80 columns: long messages wrap under themselves)', () => golden('validate.txt', formatText(sampleReport())));
  test('golden output, wide terminal: rule ids in a column as in ESLint', () => golden('validate-120.txt', formatText(sampleReport(), { width: 120 })));
  test('golden output, narrow terminal: messages on lines of their own under the location', () =>
    golden('validate-40.txt', formatText(sampleReport(), { width: 40 })));
  test('no finding line is wider than the terminal, whatever its width', () => {
    const report = sampleReport();
    report.files[0].findings.push({ rule: 'placeholder', severity: 'warning', message: `A very long word ${'x'.repeat(90)} and more.`, line: 99, column: 1 });
    for (let width = 20; width <= 140; width += 7) {
      const lines = formatText(report, { width }).split('\n');
      const findingLines = lines.filter((l) => l.startsWith('  '));
      for (const l of findingLines) expect(`${width}: ${l.length <= width ? 'fits' : l}`).toBe(`${width}: fits`);
      // every word of every message is still there
      expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('Reference [DES-001] does not resolve to a spec (100% sure: a, b).');
    }
  });
  test('messages are plain text: Markdown backslash escapes are removed, other text is kept', () => {
    const report = sampleReport();
    report.files[0].findings = [
      { rule: 'placeholder', severity: 'warning', message: 'Unfilled placeholder [string \\| number \\| boolean]: replace it with real content.', line: 89, column: 21 },
      { rule: 'metadata', severity: 'error', message: 'Missing metadata "Status": add a line "**Status**: value" under the title.', line: 1 },
    ];
    const out = formatText(report, { width: 200 });
    expect(out).toContain('Unfilled placeholder [string | number | boolean]: replace it with real content.');
    expect(out).toContain('add a line "**Status**: value" under the title.');
    expect(out).not.toContain('\\');
    expect(plainText('a \\* b \\\\ c \\x')).toBe('a * b \\ c \\x');
  });
  test('wrapText breaks at spaces, cuts words longer than the width, keeps every character', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij k', 4)).toEqual(['abcd', 'efgh', 'ij k']);
    expect(wrapText('', 10)).toEqual(['']);
  });
  test('completeness golden output', () =>
    golden('completeness.txt', formatCompletenessText(sampleReport(), { minScore: 70 })));
  test('clean report prints one success line', () => {
    expect(formatText(cleanReport())).toBe('✔ 1 file checked, no problems\n');
  });
  test('a file without findings prints nothing', () => {
    expect(formatTextFile(cleanReport().files[0])).toBe('');
  });
  test('colours only when asked, and the plain text is unchanged underneath', () => {
    const plain = formatText(sampleReport());
    const coloured = formatText(sampleReport(), { color: true });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toMatch(/\u001b\[31m/);
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
  test('files under the minimum score are named', () => {
    expect(formatScoreFailures(sampleReport(), 0)).toBe('');
    expect(formatScoreFailures(sampleReport(), 62)).toBe('');
    expect(formatScoreFailures(sampleReport(), 63)).toBe(
      '✖ docs/specs/component/cmp-001-payment-service.md: completeness score 62 is under the minimum 63\n',
    );
  });
  test('summary pluralises', () => {
    expect(problemsLine({ files: 1, errors: 1, warnings: 0, notices: 2 })).toBe('3 problems (1 error, 0 warnings, 2 notices)');
    expect(problemsLine({ files: 1, errors: 0, warnings: 1, notices: 0 })).toBe('1 problem (0 errors, 1 warning, 0 notices)');
  });
});

describe('json', () => {
  test('golden output (validate: no breakdown)', () => golden('validate.json', formatJson(sampleReport())));
  test('breakdown only on request', () => {
    const plain = toJsonReport(sampleReport());
    expect(plain.files.every((f) => !('breakdown' in f))).toBe(true);
    const withBreakdown = toJsonReport(sampleReport(), { breakdown: true });
    expect(withBreakdown.files[0].breakdown).toEqual([
      { item: 'section "Interfaces"', max: 20, lost: 20, reason: 'missing' },
      { item: 'metadata "Version"', max: 5, lost: 5, reason: 'still a placeholder' },
      { item: 'placeholders', max: 10, lost: 3, reason: '3 unfilled placeholders' },
      { item: 'section "Overview"', max: 15, lost: 0 },
    ]);
    expect(withBreakdown.files[2].breakdown).toEqual([]);
  });
  test('only contract keys, in contract order; engine-only fields (id, title) dropped', () => {
    const out = JSON.parse(formatJson(sampleReport()));
    expect(Object.keys(out)).toEqual(['files', 'summary']);
    expect(Object.keys(out.files[0])).toEqual(['path', 'type', 'score', 'findings']);
    expect(Object.keys(out.summary)).toEqual(['files', 'errors', 'warnings', 'notices']);
    for (const f of out.files.flatMap((x: { findings: object[] }) => x.findings)) {
      expect(Object.keys(f).every((k) => ['rule', 'severity', 'message', 'line', 'endLine', 'column'].includes(k))).toBe(true);
    }
    expect(out.files[2]).toMatchObject({ type: null, score: null });
  });
  test('summary is recomputed from the findings', () => {
    const report = sampleReport();
    report.summary = { files: 0, errors: 0, warnings: 0, notices: 0 };
    expect(toJsonReport(report).summary).toEqual({ files: 3, errors: 2, warnings: 2, notices: 1 });
  });
});

describe('github workflow commands', () => {
  test('golden output', () => golden('validate.github.txt', formatGithubCommands(sampleReport())));
  test('escaping of data and properties', () => {
    expect(escapeCommandData('100% a\r\nb')).toBe('100%25 a%0D%0Ab');
    expect(escapeCommandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const out = formatGithubCommands(sampleReport());
    // every command is on exactly one line
    for (const line of out.trimEnd().split('\n').slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) file=[^:]+::/);
    expect(out).toContain('file=docs/specs/notes%2C draft.md,line=1,title=unknown-type::');
    expect(out).toContain('::error file=docs/specs/component/cmp-001-payment-service.md,line=40,endLine=42,col=1,title=code-json::');
  });
  test('a score under the minimum becomes an error annotation', () => {
    expect(formatGithubCommands(sampleReport())).not.toContain('min-score');
    const out = formatGithubCommands(sampleReport(), { minScore: 70 });
    expect(out.split('\n')[0]).toBe(
      '::error file=docs/specs/component/cmp-001-payment-service.md,line=1,title=min-score::Completeness score 62 is under the minimum 70.',
    );
    expect(out.match(/min-score/g)).toHaveLength(1);
  });
});

describe('shared helpers', () => {
  test('findings sorted by line, column, severity, rule', () => {
    const sorted = sortFindings([
      { rule: 'b', severity: 'notice', message: '', line: 2 },
      { rule: 'a', severity: 'error', message: '', line: 2 },
      { rule: 'z', severity: 'warning', message: '', line: 1, column: 5 },
      { rule: 'y', severity: 'warning', message: '', line: 1, column: 2 },
    ]);
    expect(sorted.map((f) => f.rule)).toEqual(['y', 'z', 'a', 'b']);
  });
  test('filterReport keeps errors only and recounts', () => {
    const r = filterReport(sampleReport(), 'error');
    expect(r.summary).toEqual({ files: 3, errors: 2, warnings: 0, notices: 0 });
    expect(r.files[2].findings).toEqual([]);
  });
});

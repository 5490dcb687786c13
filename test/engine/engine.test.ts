import { parseConfig, reportFails } from '../../src/engine/index.js';
import { engine, index } from './helpers.js';

const e = engine();

describe('type detection', () => {
  test('from the folder, then the file-name prefix, then front matter; --type forces', async () => {
    expect(e.detectType('docs/specs/component/anything.md')?.type.name).toBe('component');
    expect(e.detectType('design/flow-003-checkout.md')?.type.name).toBe('flow-schematic');
    expect(e.detectType('design/dfl-003-checkout.md')?.by).toBe('prefix');
    const fm = await e.review({ path: 'design/checkout.md', content: '---\ntype: flow\n---\n# Checkout Flow\n' });
    expect(fm.type).toBe('flow');
    const forced = await e.review({ path: 'docs/specs/component/cmp-001-x.md', content: '# X\n' }, undefined, { type: 'flow' });
    expect(forced.type).toBe('flow');
  });

  test('config globs map paths to types', () => {
    const c = engine(parseConfig('specs:\n  - path: "design/**/*.md"\n    type: data-flow\n'));
    expect(c.detectType('design/a/b.md')?.type.name).toBe('data-flow');
    expect(c.isSpecPath('design/a/b.md')).toBe(true);
    expect(c.isSpecPath('design/a/b.txt')).toBe(false);
  });

  test('a Markdown file under the spec folders that matches no type gets a finding, not silence', async () => {
    expect(e.isSpecPath('docs/specs/notes/idea.md')).toBe(true);
    const r = await e.review({ path: 'docs/specs/notes/idea.md', content: '# Idea\n\nSome text.\n' });
    expect(r.type).toBeNull();
    expect(r.score).toBeNull();
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'unknown-type', line: 1, severity: 'warning' })]);
  });

  test('README files and files outside the spec folders are not specs', () => {
    expect(e.isSpecPath('docs/specs/README.md')).toBe(false);
    expect(e.isSpecPath('src/index.ts')).toBe(false);
    expect(e.isSpecPath('README.md')).toBe(false);
  });
});

describe('review', () => {
  test('findings carry rule, severity, message and 1-based lines, sorted', async () => {
    const r = await e.review({ path: 'docs/specs/component/cmp-001-x.md', content: '# X\n\n**Type**: [TYPE]\n\n## Purpose\n\nTODO\n' }, index());
    expect(r.findings.length).toBeGreaterThan(3);
    for (const f of r.findings) {
      expect(Object.keys(f).sort()).toEqual(expect.arrayContaining(['line', 'message', 'rule', 'severity']));
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(['error', 'warning', 'notice']).toContain(f.severity);
    }
    const lines = r.findings.map((f) => f.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'placeholder', line: 7, column: 1 }));
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'component/interfaces', message: expect.stringContaining('Missing Interfaces section') }));
  });

  test('the score is explainable: breakdown items add up to 100 and the losses to 100 - score', async () => {
    const r = await e.review({ path: 'docs/specs/component/cmp-001-x.md', content: '# X\n\n**Type**: Worker\n\n## Purpose\n\nIt does things for other things in a reliable way every day.\n' });
    const max = r.breakdown!.reduce((a, b) => a + b.max, 0);
    const lost = r.breakdown!.reduce((a, b) => a + b.lost, 0);
    expect(Math.round(max)).toBe(100);
    expect(Math.abs(100 - lost - r.score!)).toBeLessThanOrEqual(1);
    expect(r.breakdown).toContainEqual(expect.objectContaining({ item: 'section "Interfaces"', reason: 'missing' }));
  });

  test('severity overrides and off come from the config', async () => {
    const c = engine(parseConfig('rules:\n  placeholder: error\n  component/interfaces: "off"\n'));
    const r = await c.review({ path: 'docs/specs/component/cmp-001-x.md', content: '# X\n\n## Purpose\n\nTODO\n' });
    expect(r.findings.filter((f) => f.rule === 'placeholder').every((f) => f.severity === 'error')).toBe(true);
    expect(r.findings.some((f) => f.rule === 'component/interfaces')).toBe(false);
  });
});

describe('failing a run', () => {
  const report = (sev: 'error' | 'warning' | 'notice', score: number | null) => ({
    files: [{ path: 'a.md', type: 'component', score, findings: [{ rule: 'x', severity: sev, message: 'm', line: 1 }] }],
    summary: { files: 1, errors: 0, warnings: 0, notices: 0 },
  });
  test.each([
    ['error', 'error', 100, 0, true],
    ['warning', 'error', 100, 0, false],
    ['warning', 'warning', 100, 0, true],
    ['notice', 'warning', 100, 0, false],
    ['notice', 'never', 100, 0, false],
    ['notice', 'error', 59, 60, true],
    ['notice', 'error', 60, 60, false],
  ] as const)('%s finding, fail_on %s, score %d, min_score %d → %s', (sev, failOn, score, min, fails) => {
    expect(reportFails(report(sev, score), { fail_on: failOn, min_score: min })).toBe(fails);
  });
});

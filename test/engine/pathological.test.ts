/**
 * Pathological Markdown: the engine always returns a result (findings, maybe a clear note), never
 * throws. No timing assertions here; `npm run bench` is where speed is measured.
 *
 * Sizes are kept where the parser (micromark) stays around a second or two on a loaded CI machine:
 * some shapes are super-linear inside micromark/remark-gfm itself, not in the checks — one paragraph
 * with many `[x]` labels or `**bold**` runs, and lists nested on one line (`- - - ...`) grow roughly
 * quadratically (4x the input costs 15-20x the time); see the engine report for figures.
 */
import type { FileResult } from '../../src/engine/index.js';
import { engine } from './helpers.js';

const e = engine();
const PATH = 'docs/specs/component/cmp-001-stress.md';
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

const cases: [string, () => string][] = [
  ['5,000 nested blockquotes on one line', () => `# Stress\n\n${'>'.repeat(5000)} deep\n`],
  ['5,000 nested blockquotes with spaces', () => `# Stress\n\n${'> '.repeat(5000)}deep\n`],
  ['500 blockquote levels, one per line', () => `# Stress\n\n${lines(500, (i) => `${'>'.repeat(i + 1)} level ${i}`)}\n`],
  ['2,000 nested bullet lists on one line', () => `# Stress\n\n${'- '.repeat(2000)}item\n`],
  ['5,000 nested ordered lists on one line', () => `# Stress\n\n${'1. '.repeat(5000)}item\n`],
  ['300 list levels by indentation', () => `# Stress\n\n${lines(300, (i) => `${'  '.repeat(i)}- item ${i}`)}\n`],
  ['100,000 backticks', () => `# Stress\n\n${'`'.repeat(100000)}\n`],
  ['50,000 backtick runs of growing length', () => `# Stress\n\n${lines(300, (i) => `${'`'.repeat(i + 1)} x`)}\n`],
  ['50,000 open brackets', () => `# Stress\n\n${'['.repeat(50000)}\n`],
  ['20,000 brackets, opened and closed', () => `# Stress\n\n${'['.repeat(10000)}${']'.repeat(10000)}\n`],
  ['10,000 almost-links', () => `# Stress\n\n${'[a]('.repeat(10000)}\n`],
  ['20,000 headings', () => lines(20000, (i) => `## Section ${i}`)],
  ['20,000 ATX heading markers on one line', () => `${'#'.repeat(20000)} title\n`],
  ['one 300 KB line of prose', () => `# Stress\n\n${'word word TODO '.repeat(20000)}\n`],
  ['one 100 KB line full of [X] placeholders', () => `# Stress\n\n${'word [X] TODO '.repeat(7000)}\n`],
  ['10,000 emphasis openers', () => `# Stress\n\n${'*a _b '.repeat(10000)}\n`],
  ['10,000 unclosed HTML comments', () => `# Stress\n\n${'<!-- '.repeat(10000)}\n`],
  ['5,000 unclosed fences', () => `# Stress\n\n${lines(5000, (i) => `${'`'.repeat(3 + (i % 5))}json`)}\n`],
  ['5,000 table columns', () => `# Stress\n\n|${' a |'.repeat(5000)}\n|${'---|'.repeat(5000)}\n|${' x |'.repeat(5000)}\n`],
  ['5,000 metadata lines', () => `# Stress\n\n${lines(5000, (i) => `**Key ${i}**: value`)}\n`],
  ['deeply nested JSON in a code block', () => `# Stress\n\n\`\`\`json\n${'['.repeat(20000)}${']'.repeat(20000)}\n\`\`\`\n`],
  ['deeply nested YAML in a code block', () => `# Stress\n\n\`\`\`yaml\n${'['.repeat(5000)}${']'.repeat(5000)}\n\`\`\`\n`],
  ['a YAML alias bomb in front matter', () => `---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n\n# Stress\n`],
];

function expectResult(r: FileResult): void {
  expect(r.path).toBe(PATH);
  expect(Array.isArray(r.findings)).toBe(true);
  for (const f of r.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(typeof f.message).toBe('string');
  }
}

test.each(cases)('%s: the engine returns a result', async (_name, make) => {
  const r = await e.review({ path: PATH, content: make() });
  expectResult(r);
  // When the parser gives up (stack depth), the file still gets one clear note, not silence.
  const internal = r.findings.filter((f) => f.rule === 'internal-error');
  for (const f of internal) expect(f.message).toMatch(/could not be parsed|failed on this file/);
});

test('20,000 nested blockquotes: the parser runs out of stack, the engine reports it as a finding', async () => {
  const r = await e.review({ path: PATH, content: `# Stress\n\n${'>'.repeat(20000)} deep\n` });
  expectResult(r);
  const parsed = !r.findings.some((f) => f.rule === 'internal-error');
  if (!parsed) expect(r.findings).toEqual([expect.objectContaining({ rule: 'internal-error', line: 1, message: expect.stringMatching(/^The Markdown could not be parsed/) })]);
});

/**
 * Properties of the verdict, over the hand-written corpus (issue 10):
 * - renaming a heading to a normalised variant (emoji, numbering, case, `&`/`and`, a trailing colon)
 *   never changes the findings or the score;
 * - deleting part of a section's content never raises the score (on specs without errors, warnings or
 *   placeholders, where a deletion can only take substance away);
 * - turning a rule off never lowers the score.
 * Seeds are fixed so the suite is deterministic; SPEC_REVIEW_PROPERTY_RUNS raises the number of runs
 * when exploring.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createEngine, type Finding, type FileResult } from '../../src/engine/index.js';
import { parseSpec } from '../../src/engine/parse.js';
import { loadBuiltinRuleFiles } from '../../src/rules-fs.js';
import { engine, ROOT, walkFiles } from './helpers.js';

const DIR = join(ROOT, 'test/fixtures/corpus');
const RUNS = Number(process.env.SPEC_REVIEW_PROPERTY_RUNS ?? 60);
const manifest = parseYaml(readFileSync(join(DIR, 'MANIFEST.yml'), 'utf8')) as { path: string; kind: string }[];
const repo = { paths: new Set(walkFiles(join(DIR, 'docs')).map((p) => `docs/${p}`)) };
const specs = manifest.map((m) => ({ ...m, text: readFileSync(join(DIR, m.path), 'utf8') }));
const e = engine();

const review = (path: string, text: string, on = e): Promise<FileResult> => on.review({ path, content: text }, repo);
/** What must not change: where each finding is and what it says, less the heading's own words. */
const shape = (fs: Finding[]) => fs.map((f) => `${f.line}:${f.column ?? 0} ${f.severity} ${f.rule}`).sort();

const VARIANTS: ((title: string, n: number) => string)[] = [
  (t) => `📈 ${t}`,
  (t, n) => `${n}. ${t}`,
  (t, n) => `${n}) ${t}`,
  (t) => t.toLowerCase(),
  (t) => t.toUpperCase(),
  (t) => `${t}:`,
  (t) => t.replace(/ & /g, ' and '),
  (t) => t.replace(/ and /gi, ' & '),
  (t, n) => `🚨 ${n}. ${t.toLowerCase()}`,
];

describe('a heading renamed to a normalised variant changes nothing', () => {
  const clean = specs.filter((s) => s.kind !== 'raw-template');
  test('over the corpus', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: clean.length - 1 }), fc.nat(), fc.integer({ min: 0, max: VARIANTS.length - 1 }), fc.integer({ min: 1, max: 12 }), async (si, hi, vi, n) => {
        const spec = clean[si];
        const doc = parseSpec(spec.text);
        const headings = doc.sections.filter((s) => s.level >= 2 && /^[\p{L}\s&]+$/u.test(s.title));
        if (!headings.length) return;
        const h = headings[hi % headings.length];
        const lines = spec.text.split('\n');
        const hashes = /^#+/.exec(lines[h.line - 1])![0];
        lines[h.line - 1] = `${hashes} ${VARIANTS[vi](h.title, n)}`;
        const before = await review(spec.path, spec.text);
        const after = await review(spec.path, lines.join('\n'));
        expect({ heading: lines[h.line - 1], score: after.score, findings: shape(after.findings) }).toEqual({ heading: lines[h.line - 1], score: before.score, findings: shape(before.findings) });
      }),
      { numRuns: RUNS, seed: 1010 },
    );
  });
});

describe('deleting part of a section never raises the score', () => {
  test('over the corpus specs without errors, warnings or placeholders', async () => {
    const pool: typeof specs = [];
    for (const s of specs) {
      const r = await review(s.path, s.text);
      if (!r.findings.some((f) => f.severity !== 'notice')) pool.push(s);
    }
    expect(pool.length).toBeGreaterThanOrEqual(6);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pool.length - 1 }), fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), async (si, sec, picks) => {
        const spec = pool[si];
        const doc = parseSpec(spec.text);
        const sections = doc.sections.filter((s) => s.level === 2);
        const section = sections[sec % sections.length];
        // Whole blocks of the section's body (paragraphs, lists, tables, code), never its headings.
        const blocks = section.nodes.filter((node) => node.type !== 'heading' && node.position);
        if (!blocks.length) return;
        const drop = new Set<number>();
        for (const p of picks) {
          const b = blocks[p % blocks.length];
          for (let ln = b.position!.start.line; ln <= b.position!.end.line; ln++) drop.add(ln);
        }
        const text = spec.text
          .split('\n')
          .filter((_, i) => !drop.has(i + 1))
          .join('\n');
        const before = await review(spec.path, spec.text);
        const after = await review(spec.path, text);
        expect({ section: section.title, dropped: [...drop].length, score: Math.min(after.score!, before.score!) }).toEqual({ section: section.title, dropped: drop.size, score: after.score });
      }),
      { numRuns: RUNS, seed: 2020 },
    );
  });
});

describe('turning a rule off never lowers the score', () => {
  test('over the corpus, for every rule a spec reports', async () => {
    const cases: { path: string; text: string; rule: string }[] = [];
    for (const s of specs) {
      const r = await review(s.path, s.text);
      for (const rule of new Set(r.findings.map((f) => f.rule))) cases.push({ path: s.path, text: s.text, rule });
    }
    expect(cases.length).toBeGreaterThan(40);
    const ruleFiles = loadBuiltinRuleFiles();
    const engines = new Map<string, ReturnType<typeof createEngine>>();
    for (const c of cases) {
      const base = await review(c.path, c.text);
      let off = engines.get(c.rule);
      if (!off) engines.set(c.rule, (off = createEngine({ ruleFiles, config: { ...e.config, rules: { [c.rule]: 'off' } } })));
      const after = await review(c.path, c.text, off);
      expect({ ...c, text: undefined, off: after.score! >= base.score!, reported: after.findings.some((f) => f.rule === c.rule) }).toEqual({ ...c, text: undefined, off: true, reported: false });
    }
  });
});

/**
 * The hand-written corpus (test/fixtures/corpus): 28 specs written to the seeds' guides by authors who
 * never saw templates/ — seven per type: excellent, two complete ones with natural variation (numbered,
 * emoji and lower-case headings, "&" titles, front-matter or table metadata, step tables, reordering),
 * work in progress, planted mistakes, thin, and a raw template. MANIFEST.yml says which is which and
 * where each planted defect is.
 *
 * Each spec is reviewed as part of that repository and must give exactly the findings listed in
 * expected/<spec>.expected (the fixture format: `LINE[:COL] RULE [MESSAGE-SUBSTRING]`), a score in its
 * kind's band, and a finding at (or right by) every planted defect.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { FileResult } from '../../src/engine/index.js';
import { parseExpected, render } from './expected.js';
import { engine, ROOT, walkFiles } from './helpers.js';

const DIR = join(ROOT, 'test/fixtures/corpus');

type Kind = 'excellent' | 'complete-a' | 'complete-b' | 'wip' | 'planted' | 'thin' | 'raw-template';

interface Entry {
  path: string;
  type: string;
  kind: Kind;
  planted?: { line: number; kind: string; expect?: string }[];
}

/** Score bands and finding limits per kind (issue 10's targets). */
const BANDS: Record<Kind, { min: number; max: number; errors?: number; warnings?: number }> = {
  excellent: { min: 90, max: 100, errors: 0, warnings: 1 },
  'complete-a': { min: 90, max: 100, errors: 0, warnings: 1 },
  'complete-b': { min: 90, max: 100, errors: 0, warnings: 1 },
  wip: { min: 40, max: 89 },
  planted: { min: 50, max: 95 },
  thin: { min: 0, max: 60 },
  'raw-template': { min: 0, max: 39 },
};

/** Planted "defects" that are states, not mistakes a reviewer reports. */
const NOT_DEFECTS = new Set(['status-draft']);

const manifest = parseYaml(readFileSync(join(DIR, 'MANIFEST.yml'), 'utf8')) as Entry[];
const paths = walkFiles(join(DIR, 'docs')).map((p) => `docs/${p}`);
const repo = { paths: new Set(paths) };
const e = engine();
const results = new Map<string, Promise<FileResult>>();
const review = (path: string) => {
  let r = results.get(path);
  if (!r) {
    r = e.review({ path, content: new Uint8Array(readFileSync(join(DIR, path))) }, repo);
    results.set(path, r);
  }
  return r;
};

test('the manifest lists every spec of the corpus, seven of each kind per type', () => {
  expect(manifest.map((m) => m.path).sort()).toEqual([...paths].sort());
  for (const type of ['component', 'flow-schematic', 'data-flow', 'flow']) {
    expect(manifest.filter((m) => m.type === type).map((m) => m.kind).sort()).toEqual(Object.keys(BANDS).sort());
  }
});

describe.each(manifest.map((m) => [basename(m.path), m] as const))('%s', (name, m) => {
  test(`findings match expected/${name.replace(/\.md$/, '')}.expected`, async () => {
    const r = await review(m.path);
    const file = join(DIR, 'expected', name.replace(/\.md$/, '.expected'));
    const expected = parseExpected(readFileSync(file, 'utf8'), (at, message) => {
      throw new Error(`${file}:${at}: ${message}`);
    });
    const { actual, expected: want } = render(r.findings, expected);
    expect(actual).toEqual(want);
  });

  test(`${m.kind}: score ${BANDS[m.kind].min}–${BANDS[m.kind].max}`, async () => {
    const r = await review(m.path);
    const band = BANDS[m.kind];
    const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
    expect({ type: r.type, score: r.score }).toEqual({ type: m.type, score: expect.any(Number) });
    expect(r.score).toBeGreaterThanOrEqual(band.min);
    expect(r.score).toBeLessThanOrEqual(band.max);
    if (band.errors !== undefined) expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    if (band.warnings !== undefined) expect(count('warning')).toBeLessThanOrEqual(band.warnings);
  });

  const defects = (m.planted ?? []).filter((p) => !NOT_DEFECTS.has(p.kind));
  if (defects.length) {
    test.each(defects.map((d) => [d.line, d.kind, d] as const))('planted at line %i (%s) is reported there', async (_line, _kind, d) => {
      const r = await review(m.path);
      // The defect's own line, or within three lines of it (a JSON error shows where the parser stops).
      expect(r.findings.filter((f) => Math.abs(f.line - d.line) <= 3 && f.severity !== 'notice').length).toBeGreaterThan(0);
    });
  }
});

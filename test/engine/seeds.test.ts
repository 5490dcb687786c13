/**
 * The seeds are the product's requirements: their unfilled templates must score under 40 and their
 * examples, assembled into full specs, at least 90 — with the same engine and rules users get.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, index, read, ROOT, walkFiles } from './helpers.js';

const FIX = join(ROOT, 'test/fixtures/specs');
const e = engine();
const fixtureIndex = index(
  ...walkFiles(FIX)
    .filter((p) => !p.startsWith('unfilled/'))
    .map((p) => `${e.type(p.startsWith('cmp') ? 'component' : p.startsWith('flow-') ? 'flow-schematic' : p.startsWith('dfl') ? 'data-flow' : 'flow')!.folder}/${p}`),
);

function specPath(file: string): string {
  const t = file.startsWith('cmp') ? 'component' : file.startsWith('flow-') ? 'flow-schematic' : file.startsWith('dfl') ? 'data-flow' : 'flow';
  return `${e.type(t)!.folder}/${file}`;
}

describe('filled examples from the seeds score at least 90', () => {
  const files = walkFiles(FIX).filter((p) => !p.includes('/'));
  test.each(files)('%s', async (file) => {
    const result = await e.review({ path: specPath(file), content: read(join(FIX, file)) }, fixtureIndex);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect({ file, score: result.score, errors, breakdown: result.breakdown?.filter((b) => b.lost > 0) }).toEqual(
      expect.objectContaining({ errors: [] }),
    );
    expect(result.score).toBeGreaterThanOrEqual(90);
  });
});

describe('unfilled templates score under 40', () => {
  const cases: [string, string][] = [
    ['data-flow', 'unfilled/data-flow.md'],
    ['flow', 'unfilled/flow.md'],
  ];
  test.each(cases)('seed template of %s', async (type, file) => {
    const result = await e.review({ path: `${e.type(type)!.folder}/x.md`, content: read(join(FIX, file)) }, fixtureIndex, { type });
    expect(result.score).toBeLessThan(40);
    expect(result.findings.some((f) => f.rule === 'placeholder')).toBe(true);
  });

  test.each(['component', 'flow-schematic', 'data-flow', 'flow'])('scaffolded %s template', async (type) => {
    const s = e.scaffold(type, 'payment-service', { date: '2026-01-02', index: index() });
    const result = await e.review({ path: s.path, content: s.content }, index(s.path));
    expect(result.score).toBeLessThan(40);
    expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  test.each(['component', 'flow-schematic', 'data-flow', 'flow'])('raw template file of %s', async (type) => {
    const result = await e.review({ path: `${e.type(type)!.folder}/x.md`, content: read(join(ROOT, 'templates', `${type}.md`)) }, undefined, { type });
    expect(result.score).toBeLessThan(40);
  });
});

/**
 * The unfilled fixtures are the seed templates byte for byte: their SHA-256 is the one of
 * ../shared/seeds/002_05554cf10d198aa7.md and 003_7ee1c9ff0e877e8c.md, taken when they were copied.
 * (The seeds are not part of a clone, so the digests stand in for them: this test always runs.)
 */
const seedCopies: [string, string][] = [
  ['unfilled/data-flow.md', '6ad914b3ab3a17c79c913e116ea9fbf86cc23a306cec54bc754cd35eba3a0c9f'],
  ['unfilled/flow.md', '5c4f965049d8d6f4b39d9bee5e8cfec50c802917c99ae9382a0a46c7fc6d09ab'],
];
describe('fixtures are verbatim copies of the seed templates', () => {
  test.each(seedCopies)('%s', (copy, digest) => {
    expect(createHash('sha256').update(readFileSync(join(FIX, copy))).digest('hex')).toBe(digest);
  });
});

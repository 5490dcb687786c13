/**
 * A review keeps nothing of the document alive once its result is returned: module-level caches (heading
 * stems, mermaid verdicts) are keyed by strings that V8 may make views into the whole file, so each
 * key must be a copy of its own (engine/own-string.ts). Measured as heap growth after full collections
 * over many large, distinct documents: pinned texts would stay behind, a few MB per dozen files.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { engine, index, read, ROOT } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SPEC = read(`${ROOT}/test/fixtures/corpus/docs/specs/component/cmp-001-shipment-service.md`);

/** A distinct ~120 KB spec: its own long headings, long words, diagram and a large body. */
function bigSpec(k: number): string {
  const body = Array.from({ length: 1500 }, (_, i) => `Paragraph line ${i} of document ${k}: the collector retries ${k * 7919 + i} times.`).join('\n\n');
  return `${SPEC}\n\n## Operational Considerations Number ${k}\n\n### Internationalisation${k} Characteristics\n\n${body}\n\n\`\`\`mermaid\ngraph TD\n  A${k}["start (${k})"] --> B{{"decide ${k}"}}\n\`\`\`\n`;
}

function heapAfterCollection(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('memory', () => {
  it('a review pins no document: heap growth over 60 distinct 120 KB specs stays under 2 MB', async () => {
    const e = engine();
    const idx = index('docs/specs/component/cmp-001-shipment-service.md');
    // Warm up: lazy modules (mermaid's parser), compiled rules and bounded caches settle first.
    for (let k = 0; k < 8; k++) await e.review({ path: 'docs/specs/component/cmp-001-shipment-service.md', content: bigSpec(k) }, idx);
    const before = heapAfterCollection();
    const scores: (number | null)[] = [];
    for (let k = 100; k < 160; k++) {
      const r = await e.review({ path: 'docs/specs/component/cmp-001-shipment-service.md', content: bigSpec(k) }, idx);
      scores.push(r.score);
    }
    const grown = heapAfterCollection() - before;
    expect(scores.every((s) => typeof s === 'number')).toBe(true);
    // 60 texts of ~120 KB each would be over 7 MB if kept; a few small cache entries are not.
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  }, 120_000);
});

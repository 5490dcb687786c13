/** The hand-written corpus (test/fixtures/corpus) reviewed once as one repository, and its spec graph. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine, FileResult, RepoIndex, SpecGraph } from '../../src/engine/index.js';
import { engine, ROOT, walkFiles } from './helpers.js';

export const CORPUS_DIR = join(ROOT, 'test/fixtures/corpus');
export const SPECS = 'docs/specs';

export interface CorpusReview {
  engine: Engine;
  index: RepoIndex;
  results: FileResult[];
  graph: SpecGraph;
  /** Repository path of the spec with this file-name id (`CMP-002`). */
  pathOf(id: string): string;
}

let cached: Promise<CorpusReview> | undefined;

export function reviewCorpus(): Promise<CorpusReview> {
  cached ??= (async () => {
    const paths = walkFiles(join(CORPUS_DIR, 'docs')).map((p) => `docs/${p}`).sort();
    const index = { paths: new Set(paths) };
    const e = engine();
    const results: FileResult[] = [];
    for (const p of paths) results.push(await e.review({ path: p, content: new Uint8Array(readFileSync(join(CORPUS_DIR, p))) }, index));
    const graph = e.graph(results, index);
    const pathOf = (id: string) => {
      const node = graph.nodes.find((n) => n.id === id);
      if (!node) throw new Error(`no spec ${id} in the corpus`);
      return node.path;
    };
    return { engine: e, index, results, graph, pathOf };
  })();
  return cached;
}

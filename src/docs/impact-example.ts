/**
 * The README's example of the impact section (src/report/impact.ts), made from the real engine on the
 * hand-written corpus (test/fixtures/corpus): a pull request that writes the Rating Service's missing
 * Settings section (CMP-002) and deletes the Label Renderer's spec (CMP-003), reviewed on
 * 2025-12-01. `npm run gen` writes it between the README's markers; a test fails while it is stale.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createEngine, type FileResult } from '../engine/index.js';
import { impactSection } from '../report/impact.js';
import { loadBuiltinRuleFiles } from '../rules-fs.js';

export const EXAMPLE_START = '<!-- impact-example:start (npm run gen) -->';
export const EXAMPLE_END = '<!-- impact-example:end -->';

const CHANGED = 'docs/specs/component/cmp-002-rating-service.md';
const REMOVED = 'docs/specs/component/cmp-003-label-renderer.md';

function walk(dir: string, base: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, base, out);
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** The text of a spec without one `## ` section (the base branch's version, before the pull request wrote it). */
export function withoutSection(text: string, heading: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith(heading));
  if (from < 0) return text;
  const to = lines.findIndex((l, i) => i > from && l.startsWith('## '));
  return [...lines.slice(0, from), ...(to < 0 ? [] : lines.slice(to))].join('\n');
}

export async function impactExample(root: string): Promise<string> {
  const dir = path.join(root, 'test', 'fixtures', 'corpus');
  const base = walk(path.join(dir, 'docs'), dir);
  const head = base.filter((p) => p !== REMOVED);
  const read = (p: string) => readFileSync(path.join(dir, p), 'utf8');
  const engine = createEngine({ ruleFiles: loadBuiltinRuleFiles() });
  const headIndex = { paths: new Set(head) };
  const results: FileResult[] = [];
  for (const p of head) results.push(await engine.review({ path: p, content: read(p) }, headIndex));
  const baseIndex = { paths: new Set(base) };
  const before = [
    await engine.review({ path: CHANGED, content: withoutSection(read(CHANGED), '## 4. Settings') }, baseIndex),
    await engine.review({ path: REMOVED, content: read(REMOVED) }, baseIndex),
  ];
  const section = impactSection(
    {
      graph: engine.graph(results, headIndex),
      change: { changed: [CHANGED], removed: [REMOVED] },
      head: results.filter((r) => r.path === CHANGED),
      base: before,
      today: new Date('2025-12-01T00:00:00Z'),
      staleAfterDays: engine.config.stale_after_days,
      rules: engine.config.rules,
    },
    { headingLevel: 4 },
  );
  return section.markdown;
}

/** README.md with the example between its markers replaced by `example`. */
export function withExample(readme: string, example: string): string {
  const start = readme.indexOf(EXAMPLE_START);
  const end = readme.indexOf(EXAMPLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${EXAMPLE_START} … ${EXAMPLE_END} markers`);
  return `${readme.slice(0, start + EXAMPLE_START.length)}\n\n${example.trimEnd()}\n\n${readme.slice(end)}`;
}

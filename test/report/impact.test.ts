/**
 * The impact blocks for the PR comment and the check run (src/report/impact.ts): what they say on the
 * corpus, that user text is escaped, that the Mermaid graph parses with mermaid's own parser (the one
 * GitHub renders with) whatever the titles hold, and that the section stays within its size.
 */
import { checkWithMermaid } from '../../src/engine/mermaid.js';
import { affectedSpecs, neighbourhood, staleSpecs, type SpecGraph } from '../../src/engine/index.js';
import {
  affectedSpecsMarkdown,
  formatMove,
  graphFindingsMarkdown,
  impactGraphMarkdown,
  impactSection,
  mermaidLabel,
  scoreMovementMarkdown,
  staleSpecsMarkdown,
} from '../../src/report/impact.js';
import { reviewCorpus } from '../engine/corpus-graph.js';

const mermaidOf = (md: string) => /```mermaid\n([^]*?)```/.exec(md)?.[1] ?? '';

describe('blocks', () => {
  test('affected specs: each changed spec with the specs that point at it, capped', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const md = affectedSpecsMarkdown(affectedSpecs(graph, { changed: [pathOf('CMP-002')] }, { limit: 4 }));
    expect(md).toBe(
      [
        '### Affected specs',
        '',
        'Specs outside this change that point at the specs it changes — check they still hold:',
        '',
        '- **CMP-002** Rating Service (`docs/specs/component/cmp-002-rating-service.md`) is referenced by 6 specs:',
        '  - **CMP-001** Shipment Service (`docs/specs/component/cmp-001-shipment-service.md`) — line 31, link, reference, Stable',
        '  - **DFL-004** Analytics Warehouse Export Data Flow (`docs/specs/data-flow/dfl-004-analytics-warehouse-export.md`) — line 11, reference, Draft',
        '  - **FLW-002** Rate quote flow (`docs/specs/flow/flw-002-rate-quote.md`) — line 19, link, mention, reference',
        '  - **FLOW-001** Shipment Booking Flow (`docs/specs/flow-schematic/flow-001-shipment-booking.md`) — line 14, link, mention, Current',
        '  - … and 2 more',
        '',
      ].join('\n'),
    );
    expect(affectedSpecsMarkdown(affectedSpecs(graph, { changed: [pathOf('FLW-007')] }))).toBe('');
  });

  test('links to the specs when the caller gives an href; no heading at level 0', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const md = affectedSpecsMarkdown(affectedSpecs(graph, { changed: [pathOf('CMP-006')] }, { limit: 1 }), {
      headingLevel: 0,
      href: (p, line) => `https://example.test/blob/abc/${p}${line ? `#L${line}` : ''}`,
    });
    expect(md.startsWith('Specs outside')).toBe(true);
    expect(md).toMatch(/\]\(https:\/\/example\.test\/blob\/abc\/docs\/specs\/[^)]+#L\d+\)/);
  });

  test('score movement, one cell per spec: 62 → 85 ▲23, drops, new and removed specs', () => {
    expect(formatMove({ state: 'changed', before: 62, after: 85, delta: 23 })).toBe('62 → 85 ▲23');
    expect(formatMove({ state: 'changed', before: 58, after: 40, delta: -18 })).toBe('58 → 40 ▼18');
    expect(formatMove({ state: 'changed', before: 77, after: 77, delta: 0 })).toBe('77 → 77 ±0');
    expect(formatMove({ state: 'new', before: null, after: 70, delta: null })).toBe('new · 70');
    expect(formatMove({ state: 'removed', before: 33, after: null, delta: null })).toBe('33 → removed');
    expect(formatMove({ state: 'changed', before: 50, after: null, delta: null })).toBe('50 → –');
    const md = scoreMovementMarkdown([
      { path: 'docs/specs/component/cmp-002-a|b.md', id: 'CMP-002', title: '@team <b>', state: 'changed', before: 58, after: 40, delta: -18 },
      { path: 'docs/specs/flow/flw-009-new.md', renamedFrom: 'docs/specs/flow/flw-009-old.md', state: 'changed', before: 10, after: 20, delta: 10 },
    ]);
    expect(md).toBe(
      [
        '### Score movement',
        '',
        '| Spec | Base → now |',
        '| --- | --- |',
        '| **CMP-002** @\u200bteam &lt;b&gt; `docs/specs/component/cmp-002-a\\|b.md` | 58 → 40 ▼18 |',
        '| `docs/specs/flow/flw-009-new.md` (renamed from `docs/specs/flow/flw-009-old.md`) | 10 → 20 ▲10 |',
        '',
      ].join('\n'),
    );
    expect(scoreMovementMarkdown([])).toBe('');
  });

  test('specs that may need review, oldest first', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const stale = staleSpecs(graph, { changed: [pathOf('CMP-002')] }, { today: new Date('2025-06-01T00:00:00Z'), afterDays: 100 });
    expect(staleSpecsMarkdown(stale, { afterDays: 100 })).toBe(
      [
        '### May need review',
        '',
        'Not updated for more than 100 days and pointing at a spec this change touches:',
        '',
        '- 🔵 **DFL-002** Rate Card &amp; Surcharge Data Flow (`docs/specs/data-flow/dfl-002-rate-card-ingestion.md`) — last updated 2025-01-22 (130 days ago), references `docs/specs/component/cmp-002-rating-service.md`',
        '- 🔵 **FLW-002** Rate quote flow (`docs/specs/flow/flw-002-rate-quote.md`) — last updated 2025-02-11 (110 days ago), references `docs/specs/component/cmp-002-rating-service.md`',
        '',
      ].join('\n'),
    );
  });

  test('findings the graph proves, with where they sit', () => {
    const md = graphFindingsMarkdown([{ path: 'docs/specs/flow/flw-001-a.md', finding: { rule: 'removed-reference', severity: 'error', message: 'This spec has [CMP-003] (x), which this change removes.', line: 7 } }]);
    expect(md).toBe('### Problems across specs\n\n- 🔴 `docs/specs/flow/flw-001-a.md:7` This spec has \\[CMP-003\\] \\(x\\), which this change removes. (`removed-reference`)\n');
  });
});

describe('the Mermaid graph', () => {
  test('the changed spec and its neighbours, highlighted, and mermaid parses it', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const md = impactGraphMarkdown(neighbourhood(graph, [pathOf('CMP-002')]));
    const source = mermaidOf(md);
    expect(source.split('\n')[0]).toBe('flowchart LR');
    expect(source).toContain('s0["CMP-002 · Rating Service"]:::changed');
    expect(source).toMatch(/s\d+\["FLW-002 · Rate quote flow"\]\n/);
    expect(source.match(/-->|-\.->/g)!.length).toBe(neighbourhood(graph, [pathOf('CMP-002')]).edges.length);
    expect(await checkWithMermaid(source)).toEqual([]);
  });

  test('titles cannot break out of their labels', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const hostile: SpecGraph = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'CMP-002' ? { ...n, title: 'X"] --> evil["<img src=x onerror=alert(1)>`**bold**` #quot; (a) [b] {c} |d|' } : n)),
    };
    const source = mermaidOf(impactGraphMarkdown(neighbourhood(hostile, [pathOf('CMP-002')])));
    const line = source.split('\n').find((l) => l.startsWith('  s0['))!;
    expect(line).toMatch(/^ {2}s0\["[^"]*"\]:::changed$/);
    expect(line).not.toMatch(/[<>`]/);
    expect(await checkWithMermaid(source)).toEqual([]);
    expect(mermaidLabel('a'.repeat(60))).toHaveLength(40);
  });

  test('bounded: at most the nodes and edges asked for, and it says what it left out', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const md = impactGraphMarkdown(neighbourhood(graph, [pathOf('CMP-001')], { maxNodes: 6, maxEdges: 5 }));
    const source = mermaidOf(md);
    expect(source.match(/^ {2}s\d+\[/gm)).toHaveLength(6);
    expect(source.match(/-->|-\.->/g)!.length).toBeLessThanOrEqual(5);
    expect(md).toMatch(/Not drawn: \d+ specs and \d+ references\./);
    expect(await checkWithMermaid(source)).toEqual([]);
    expect(impactGraphMarkdown(neighbourhood(graph, [pathOf('FLW-007')]))).toBe('');
  });
});

describe('the whole section', () => {
  test('score movement, problems, affected specs, graph and staleness in one block', async () => {
    const { graph, pathOf, results } = await reviewCorpus();
    const changed = pathOf('CMP-002');
    const head = results.filter((r) => r.path === changed);
    const section = impactSection({
      graph: { ...graph, nodes: graph.nodes.map((n) => (n.path === changed ? { ...n, status: 'Deprecated' } : n)) },
      change: { changed: [changed] },
      head,
      base: [{ path: changed, score: 62 }],
      today: new Date('2026-01-10T08:00:00Z'),
    });
    const titles = section.markdown.match(/^#{3,4} .+$/gm);
    expect(titles).toEqual(['### Impact on other specs', '#### Score movement', '#### Problems across specs', '#### Affected specs', '#### Spec graph around this change', '#### May need review']);
    expect(section.markdown).toContain(`| **CMP-002** Rating Service \`${changed}\` | 62 → ${head[0].score} ▲${head[0].score! - 62} |`);
    expect(section.findings.map((f) => f.finding.rule)).toEqual(['deprecated-reference', 'deprecated-reference', 'deprecated-reference', 'deprecated-reference']);
    expect(section.moves).toHaveLength(1);
  });

  test('nothing to say: an empty section; too long: the graph goes first', async () => {
    const { graph, pathOf } = await reviewCorpus();
    expect(impactSection({ graph, change: { changed: [pathOf('FLW-007')] }, today: new Date('2025-06-01T00:00:00Z') }).markdown).toBe('');
    const full = impactSection({ graph, change: { changed: [pathOf('CMP-001')] }, today: new Date('2025-06-01T00:00:00Z') });
    expect(full.markdown).toContain('```mermaid');
    const small = impactSection({ graph, change: { changed: [pathOf('CMP-001')] }, today: new Date('2025-06-01T00:00:00Z') }, { maxChars: full.markdown.length - 1 });
    expect(small.markdown).not.toContain('```mermaid');
    expect(small.markdown).toContain('#### Affected specs');
    expect(small.markdown.length).toBeLessThan(full.markdown.length);
  });
});

/**
 * What a change does to the spec set, from the graph (src/engine/graph/impact.ts, movement.ts,
 * staleness.ts): affected specs, the bounded neighbourhood, the findings the graph proves, score
 * movement and staleness — on the hand-written corpus, with the clock always given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  affectedSpecs,
  ageInDays,
  graphFindings,
  isStale,
  neighbourhood,
  scoreMovement,
  staleSpecs,
  type FileResult,
  type SpecGraph,
} from '../../src/engine/index.js';
import { CORPUS_DIR, reviewCorpus } from './corpus-graph.js';

const short = (p: string) => p.slice(p.lastIndexOf('/') + 1, p.lastIndexOf('/') + 8);

/** The corpus graph with some statuses changed (graphs are plain data). */
function withStatus(graph: SpecGraph, status: Record<string, string>): SpecGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id && status[n.id] ? { ...n, status: status[n.id] } : n)) };
}

/** The corpus reviewed again with some specs gone from the repository (and, for renames, others added). */
async function corpusWithout(remove: string[], add: Record<string, string> = {}): Promise<SpecGraph> {
  const { engine, index } = await reviewCorpus();
  const paths = [...index.paths].filter((p) => !remove.includes(p));
  const repo = { paths: new Set([...paths, ...Object.keys(add)]) };
  const results: FileResult[] = [];
  for (const p of paths) results.push(await engine.review({ path: p, content: new Uint8Array(readFileSync(join(CORPUS_DIR, p))) }, repo));
  for (const [p, from] of Object.entries(add)) results.push(await engine.review({ path: p, content: new Uint8Array(readFileSync(join(CORPUS_DIR, from))) }, repo));
  return engine.graph(results, repo);
}

describe('affected specs', () => {
  test('changing the rating service touches the specs that point at it, most referenced first', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const { specs, omitted } = affectedSpecs(graph, { changed: [pathOf('CMP-002')] });
    expect(omitted).toBe(0);
    expect(specs).toHaveLength(1);
    const [a] = specs;
    expect(a.spec).toMatchObject({ id: 'CMP-002', title: 'Rating Service' });
    expect(a.total).toBe(6);
    expect(a.referrers.map((r) => r.id)).toEqual(['CMP-001', 'DFL-004', 'FLW-002', 'FLOW-001', 'DFL-002', 'DFL-005']);
    // Most referenced first: each referrer's own fan-in never grows down the list.
    const fanIn = a.referrers.map((r) => r.referencedBy);
    expect(fanIn).toEqual([...fanIn].sort((x, y) => y - x));
    expect(a.referrers[0]).toMatchObject({ path: pathOf('CMP-001'), via: ['link', 'reference'], line: 31 });
  });

  test('specs in the change are not "affected"; the list is capped and says how many were left out', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const both = affectedSpecs(graph, { changed: [pathOf('CMP-002'), pathOf('CMP-001')] }, { limit: 2 });
    const rating = both.specs.find((s) => s.spec.id === 'CMP-002')!;
    expect(rating.total).toBe(5); // CMP-001 is in the change
    expect(rating.referrers).toHaveLength(2);
    const shipment = both.specs.find((s) => s.spec.id === 'CMP-001')!;
    expect(both.specs[0]).toBe(shipment); // more referrers first
    expect(affectedSpecs(graph, { changed: [pathOf('CMP-002'), pathOf('CMP-001')] }, { maxSpecs: 1 }).omitted).toBe(1);
    // A spec nobody points at affects nothing; a path that is no spec is ignored.
    expect(affectedSpecs(graph, { changed: [pathOf('FLW-007'), 'README.md'] }).specs).toEqual([]);
  });
});

describe('the neighbourhood to draw', () => {
  test('changed specs first, then the neighbours with most edges to them, within the bounds', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const n = neighbourhood(graph, [pathOf('CMP-002')]);
    expect(n.nodes[0]).toMatchObject({ id: 'CMP-002', changed: true });
    expect(n.nodes.filter((x) => x.changed)).toHaveLength(1);
    expect(n.nodes.map((x) => x.id).sort()).toEqual(['CMP-001', 'CMP-002', 'DFL-002', 'DFL-003', 'DFL-004', 'DFL-005', 'FLOW-001', 'FLW-002']);
    const kept = new Set(n.nodes.map((x) => x.path));
    for (const e of n.edges) expect(kept.has(e.from) && kept.has(e.to)).toBe(true);
    expect(n.omittedNodes).toBe(0);

    const small = neighbourhood(graph, [pathOf('CMP-001'), pathOf('CMP-002')], { maxNodes: 5, maxEdges: 4 });
    expect(small.nodes).toHaveLength(5);
    expect(small.nodes.slice(0, 2).every((x) => x.changed)).toBe(true);
    expect(small.edges.length).toBeLessThanOrEqual(4);
    expect(small.omittedNodes).toBeGreaterThan(0);
    expect(small.omittedEdges).toBeGreaterThan(0);
  });
});

describe('findings the graph proves', () => {
  test('a Deprecated spec still referenced by specs in force: a warning on each, at the reference', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const deprecated = withStatus(graph, { 'CMP-002': 'Deprecated' });
    const found = graphFindings(deprecated, { changed: [pathOf('CMP-002')] });
    // In force: CMP-001 Stable, FLOW-001 Current, DFL-002 Current, DFL-005 Current. Not: FLW-002 (no status), DFL-004 (Draft).
    expect(found.map((f) => [f.path, f.finding.line])).toEqual([
      [pathOf('CMP-001'), 31],
      [pathOf('DFL-002'), 8],
      [pathOf('DFL-005'), 10],
      [pathOf('FLOW-001'), 14],
    ]);
    expect(found[0].finding).toEqual({
      rule: 'deprecated-reference',
      severity: 'warning',
      message: 'This Stable spec references CMP-002 (Rating Service), which is Deprecated: point at its replacement, or mark this spec Deprecated too.',
      line: 31,
    });
    // A change that touches neither end reports none of them; without a change, all are reported.
    expect(graphFindings(deprecated, { changed: [pathOf('FLW-007')] })).toEqual([]);
    expect(graphFindings(deprecated)).toHaveLength(4);
    // The config's severities apply.
    expect(graphFindings(deprecated, undefined, { 'deprecated-reference': 'off' })).toEqual([]);
    expect(graphFindings(deprecated, undefined, { 'deprecated-reference': 'error' })[0].finding.severity).toBe('error');
    expect(graphFindings(graph)).toEqual([]); // nothing deprecated in the corpus itself
  });

  test('a removed spec still referenced: an error on every spec that links to it or names its id', async () => {
    const { pathOf } = await reviewCorpus();
    const renderer = pathOf('CMP-003');
    const graph = await corpusWithout([renderer]);
    const found = graphFindings(graph, { changed: [], removed: [renderer] });
    expect(found.every((f) => f.finding.rule === 'removed-reference' && f.finding.severity === 'error')).toBe(true);
    expect(found.map((f) => `${short(f.path)}:${f.finding.line}`)).toEqual(['cmp-001:6', 'flow-00:15', 'flw-001:25', 'flw-001:237']);
    expect(found.map((f) => f.finding.message)).toContain(`This spec has a link to ${renderer}, which this change removes: remove or replace the link.`);
    expect(found.map((f) => f.finding.message)).toContain(`This spec has [CMP-003] (${renderer}), which this change removes: remove or replace the reference.`);
    // Without the change the graph cannot tell a removed spec from a typo: no finding.
    expect(graphFindings(graph)).toEqual([]);
  });

  test('a renamed spec that keeps its id: references still resolve, links by the old path do not', async () => {
    const { pathOf } = await reviewCorpus();
    const from = pathOf('CMP-003');
    const to = 'docs/specs/component/cmp-003-label-service.md';
    const graph = await corpusWithout([from], { [to]: from });
    const found = graphFindings(graph, { changed: [to], renamed: [{ from, to }] });
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.finding.message).toBe(`This spec has a link to ${from}, which this change renames to ${to}: update the link.`);
    expect(graph.edges.some((e) => e.to === to && e.via.includes('reference'))).toBe(true);
  });
});

describe('score movement', () => {
  const head = [
    { path: 'a/cmp-001-x.md', score: 85, id: 'CMP-001', title: 'X' },
    { path: 'a/cmp-002-y.md', score: 40, id: 'CMP-002' },
    { path: 'a/cmp-003-new.md', score: 70 },
    { path: 'a/cmp-004-moved.md', score: 90 },
    { path: 'a/cmp-005-same.md', score: 77 },
  ];
  const base = [
    { path: 'a/cmp-001-x.md', score: 62 },
    { path: 'a/cmp-002-y.md', score: 58 },
    { path: 'a/cmp-004-old.md', score: 80, title: 'Old title' },
    { path: 'a/cmp-005-same.md', score: 77 },
    { path: 'a/cmp-009-gone.md', score: 33, id: 'CMP-009' },
  ];

  test('before → after per spec; new, renamed and removed specs marked; biggest drop first', () => {
    const moves = scoreMovement(head, base, { added: ['a/cmp-003-new.md'], renamed: [{ from: 'a/cmp-004-old.md', to: 'a/cmp-004-moved.md' }], removed: ['a/cmp-009-gone.md'] });
    expect(moves).toEqual([
      { path: 'a/cmp-002-y.md', id: 'CMP-002', state: 'changed', before: 58, after: 40, delta: -18 },
      { path: 'a/cmp-005-same.md', state: 'changed', before: 77, after: 77, delta: 0 },
      { path: 'a/cmp-004-moved.md', renamedFrom: 'a/cmp-004-old.md', title: 'Old title', state: 'changed', before: 80, after: 90, delta: 10 },
      { path: 'a/cmp-001-x.md', id: 'CMP-001', title: 'X', state: 'changed', before: 62, after: 85, delta: 23 },
      { path: 'a/cmp-003-new.md', state: 'new', before: null, after: 70, delta: null },
      { path: 'a/cmp-009-gone.md', id: 'CMP-009', state: 'removed', before: 33, after: null, delta: null },
    ]);
  });

  test('a spec without a base version is new even when not said to be added; a file without a score has no delta', () => {
    expect(scoreMovement([{ path: 'p.md', score: 50 }], [])).toEqual([{ path: 'p.md', state: 'new', before: null, after: 50, delta: null }]);
    expect(scoreMovement([{ path: 'p.md', score: null }], [{ path: 'p.md', score: 50 }])).toEqual([{ path: 'p.md', state: 'changed', before: 50, after: null, delta: null }]);
  });
});

describe('staleness', () => {
  test('age in whole days against the given clock', () => {
    expect(ageInDays('2025-01-01', new Date('2025-07-01T23:59:59Z'))).toBe(181);
    expect(ageInDays(undefined, new Date('2025-07-01T00:00:00Z'))).toBeUndefined();
    expect(isStale({ updated: '2025-01-01' }, new Date('2025-07-01T00:00:00Z'), 180)).toBe(true);
    expect(isStale({ updated: '2025-01-02' }, new Date('2025-07-01T00:00:00Z'), 180)).toBe(false); // exactly 180
    expect(isStale({ updated: '2000-01-01' }, new Date('2025-07-01T00:00:00Z'), 0)).toBe(false); // 0 = never
  });

  test('specs outside the change that point at it and are older than the limit, oldest first', async () => {
    const { graph, pathOf } = await reviewCorpus();
    const change = { changed: [pathOf('CMP-002')] };
    const june = staleSpecs(graph, change, { today: new Date('2025-06-01T12:00:00Z'), afterDays: 100 });
    expect(june.specs.map((s) => [s.id, s.updated, s.ageDays])).toEqual([
      ['DFL-002', '2025-01-22', 130],
      ['FLW-002', '2025-02-11', 110],
    ]);
    expect(june.specs[0].references).toEqual([pathOf('CMP-002')]);
    // With the default (180 days) a year later every dated referrer is stale; CMP-001 has no date.
    const later = staleSpecs(graph, change, { today: new Date('2026-03-01T00:00:00Z') });
    expect(later.specs.map((s) => s.id)).toEqual(['DFL-002', 'FLW-002', 'DFL-005', 'DFL-004', 'FLOW-001']);
    expect(staleSpecs(graph, change, { today: new Date('2026-03-01T00:00:00Z'), limit: 2 }).omitted).toBe(3);
    expect(staleSpecs(graph, change, { today: new Date('2026-03-01T00:00:00Z'), afterDays: 0 }).specs).toEqual([]);
  });
});

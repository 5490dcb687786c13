/**
 * The spec graph (src/engine/graph): facts taken from each reviewed spec, and the graph built from
 * them and the repository index — on the hand-written corpus and on small repositories made for one
 * case each.
 */
import type { FileResult, GraphEdge, RepoIndex, SpecGraph } from '../../src/engine/index.js';
import { engine, index } from './helpers.js';
import { reviewCorpus } from './corpus-graph.js';

const e = engine();

async function graphOf(files: Record<string, string>, extraPaths: string[] = []): Promise<{ graph: SpecGraph; results: FileResult[]; repo: RepoIndex }> {
  const repo = index(...Object.keys(files), ...extraPaths);
  const results: FileResult[] = [];
  for (const [path, content] of Object.entries(files)) results.push(await e.review({ path, content }, repo));
  return { graph: e.graph(results, repo), results, repo };
}

const edge = (g: SpecGraph, from: string, to: string): GraphEdge | undefined => g.edges.find((x) => x.from.endsWith(from) && x.to.endsWith(to));

function component(title: string, body = '', meta = '**Status**: Stable\n**Last Updated**: 2025-01-15'): string {
  return `# ${title}\n\n**Type**: Service\n**Version**: 1.0\n${meta}\n\n## Purpose\n\n${title} does one thing well for the rest of the platform and nothing else.\n\n${body}\n`;
}

function flow(title: string, steps: string, extra = ''): string {
  return `# ${title}\n\n**ID**: FLW-001\n**Version**: 1.0\n**Date**: 2025-02-01\n\n## Overview\n\nWhat happens when a customer pays.\n\n${extra}\n\n## Components Involved\n\n${steps}\n\n## Detailed Steps\n\n1. The customer presses pay.\n`;
}

describe('the corpus graph', () => {
  test('one node per spec with id, type, title, status, date and score', async () => {
    const { graph, results } = await reviewCorpus();
    expect(graph.version).toBe(1);
    expect(graph.nodes).toHaveLength(28);
    expect(graph.nodes.every((n) => n.reviewed)).toBe(true);
    for (const r of results) {
      const node = graph.nodes.find((n) => n.path === r.path)!;
      expect(node).toMatchObject({ type: r.type, score: r.score, id: r.id, title: r.title });
    }
    const byId = (id: string) => graph.nodes.find((n) => n.id === id)!;
    expect(byId('CMP-001')).toMatchObject({ status: 'Stable', title: 'Shipment Service' }); // "Stable (production)"
    expect(byId('CMP-003')).toMatchObject({ status: 'Stable', updated: '2025-02-27' }); // front matter
    expect(byId('DFL-001')).toMatchObject({ status: 'Current', updated: '2025-03-10' }); // footer metadata
    expect(byId('FLW-003')).toMatchObject({ status: 'Current', updated: '2025-02-20' }); // plain "Status:" in a type without the field
    expect(byId('FLW-002').updated).toBe('2025-02-11'); // the flow type's Date field
    expect(byId('FLW-005').updated).toBeUndefined(); // 2025-13-45 is no date
    expect(byId('FLW-007').updated).toBeUndefined(); // YYYY-MM-DD placeholder
    expect(byId('CMP-007').status).toBeUndefined(); // [Draft | Stable (production) | Deprecated]
  });

  test('references, links and the components a flow names become edges', async () => {
    const { graph } = await reviewCorpus();
    // flw-002: a bold link to the rating service in "Components", [CMP-002]-style elsewhere.
    expect(edge(graph, 'flw-002-rate-quote.md', 'cmp-002-rating-service.md')?.via).toEqual(['link', 'mention', 'reference']);
    // "6. Shipment Service / Dispatch Planner / billing react…" in flow-002's key steps: named, never linked.
    expect(edge(graph, 'flow-002-tracking-update-propagation.md', 'cmp-005-dispatch-planner.md')).toEqual({
      from: 'docs/specs/flow-schematic/flow-002-tracking-update-propagation.md',
      to: 'docs/specs/component/cmp-005-dispatch-planner.md',
      via: ['mention'],
      line: 30,
    });
    // "- **Actor**: Shipment Service → Dispatch Planner" in a detailed step.
    expect(edge(graph, 'flow-005-address-correction.md', 'cmp-005-dispatch-planner.md')?.via).toEqual(['mention']);
    // Components are never "mentioned" by other components (their sections are not steps).
    expect(graph.edges.filter((x) => x.from.includes('/component/') && x.via.includes('mention'))).toEqual([]);
    // No spec points at itself, and every edge joins two nodes.
    const paths = new Set(graph.nodes.map((n) => n.path));
    for (const x of graph.edges) {
      expect(x.from).not.toBe(x.to);
      expect(paths.has(x.from) && paths.has(x.to)).toBe(true);
    }
  });

  test('references and links to no spec are dangling, the planted ones among them', async () => {
    const { graph } = await reviewCorpus();
    expect(graph.dangling).toEqual(
      expect.arrayContaining([
        { from: 'docs/specs/component/cmp-005-dispatch-planner.md', target: 'CMP-099', via: 'reference', line: 121 },
        { from: 'docs/specs/data-flow/dfl-005-address-geocoding.md', target: 'FLW-012', via: 'reference', line: 163 },
        { from: 'docs/specs/flow/flw-005-monthly-invoice-run.md', target: 'docs/specs/flow/flw-011-payment-collection.md', via: 'link', line: 108 },
      ]),
    );
  });

  test('sorted, serialisable and the same whatever order the files were reviewed in', async () => {
    const { graph, results, index: repo } = await reviewCorpus();
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
    const again = e.graph([...results].reverse(), repo);
    expect(JSON.stringify(again)).toBe(JSON.stringify(graph));
    const froms = graph.edges.map((x) => `${x.from} ${x.to}`);
    expect(froms).toEqual([...froms].sort());
  });
});

describe('edges, case by case', () => {
  test('a component named in a flow by its title when the slug says something else', async () => {
    const { graph } = await graphOf({
      'docs/specs/component/cmp-001-pay-gw.md': component('Payments Gateway'),
      'docs/specs/flow/flw-001-checkout.md': flow('Checkout Flow', '- **Payments Gateway (PSP adapter)** — charges the card'),
    });
    expect(edge(graph, 'flw-001-checkout.md', 'cmp-001-pay-gw.md')?.via).toEqual(['mention']);
  });

  test('prose matches only a slug of two words or more, and never inside code', async () => {
    const { graph } = await graphOf({
      'docs/specs/component/cmp-001-gateway.md': component('Gateway'),
      'docs/specs/component/cmp-002-ledger-service.md': component('Ledger Service'),
      'docs/specs/component/cmp-003-fraud-check.md': component('Fraud Check'),
      'docs/specs/flow/flw-001-checkout.md': flow('Checkout Flow', 'The gateway forwards the payment.\n\n```\nfraud-check --all\n```\n\nThe LedgerService books it.'),
    });
    expect(edge(graph, 'flw-001-checkout.md', 'cmp-001-gateway.md')).toBeUndefined();
    expect(edge(graph, 'flw-001-checkout.md', 'cmp-003-fraud-check.md')).toBeUndefined();
    expect(edge(graph, 'flw-001-checkout.md', 'cmp-002-ledger-service.md')).toMatchObject({ via: ['mention'] });
  });

  test('a name outside the steps and components sections is no mention', async () => {
    const { graph } = await graphOf({
      'docs/specs/component/cmp-001-ledger-service.md': component('Ledger Service'),
      'docs/specs/flow/flw-001-checkout.md': flow('Checkout Flow', 'The customer pays.', 'The ledger service is not involved here.'),
    });
    expect(graph.edges).toEqual([]);
  });

  test('a reference resolves to an ID field when no file name carries the id', async () => {
    const { graph } = await graphOf({
      'docs/specs/component/payments.md': component('Payments', '', '**ID**: CMP-007\n**Status**: Stable'),
      'docs/specs/component/cmp-001-ledger.md': component('Ledger', 'Settles through [CMP-007].'),
    });
    expect(edge(graph, 'cmp-001-ledger.md', 'payments.md')).toMatchObject({ via: ['reference'] });
    expect(graph.nodes.find((n) => n.path.endsWith('payments.md'))?.id).toBe('CMP-007');
  });

  test('a spec only pointed at is a node without a score; a file that is no spec is no node', async () => {
    const { graph } = await graphOf(
      { 'docs/specs/component/cmp-001-ledger.md': component('Ledger', 'See [CMP-002], [the guide](../../guide.md) and [the ADR](../../adr/0001.md).') },
      ['docs/specs/component/cmp-002-payments.md', 'docs/guide.md', 'docs/adr/0001.md'],
    );
    expect(graph.nodes).toEqual([
      { path: 'docs/specs/component/cmp-001-ledger.md', id: 'CMP-001', type: 'component', title: 'Ledger', status: 'Stable', updated: '2025-01-15', score: expect.any(Number), reviewed: true },
      { path: 'docs/specs/component/cmp-002-payments.md', id: 'CMP-002', type: 'component', score: null, reviewed: false },
    ]);
    expect(graph.dangling).toEqual([]); // the ADR is missing, but it would be no spec
  });

  test('a removed spec leaves dangling references and links; the self-reference is dropped', async () => {
    const { graph } = await graphOf({
      'docs/specs/component/cmp-001-ledger.md': component('Ledger', 'This is [CMP-001]. Payments: [CMP-002], [the spec](cmp-002-payments.md#api).'),
    });
    expect(graph.edges).toEqual([]);
    expect(graph.dangling).toEqual([
      { from: 'docs/specs/component/cmp-001-ledger.md', target: 'CMP-002', via: 'reference', line: 12 },
      { from: 'docs/specs/component/cmp-001-ledger.md', target: 'docs/specs/component/cmp-002-payments.md', via: 'link', line: 12 },
    ]);
  });

  test('ignored files are not specs of the graph', async () => {
    const ignoring = engine({ ...e.config, ignore: ['docs/specs/archive/**'] });
    const repo = index('docs/specs/component/cmp-001-ledger.md', 'docs/specs/archive/cmp-002-old.md');
    const r = await ignoring.review({ path: 'docs/specs/component/cmp-001-ledger.md', content: component('Ledger', 'See [CMP-002].') }, repo);
    const graph = ignoring.graph([r], repo);
    expect(graph.nodes.map((n) => n.path)).toEqual(['docs/specs/component/cmp-001-ledger.md']);
    expect(graph.dangling.map((d) => d.target)).toEqual(['CMP-002']);
  });

  test('an engine made with facts: false gives results without them (no graph will be built)', async () => {
    const plain = engine();
    const noFacts = (await import('../../src/engine/index.js')).createEngine({ ruleFiles: (await import('../../src/rules-fs.js')).loadBuiltinRuleFiles(), facts: false });
    const file = { path: 'docs/specs/component/cmp-001-ledger.md', content: component('Ledger', 'See [CMP-002].') };
    const repo = index(file.path, 'docs/specs/component/cmp-002-x.md');
    const [a, b] = [await plain.review(file, repo), await noFacts.review(file, repo)];
    expect(a.facts?.refs).toEqual([{ id: 'CMP-002', line: 12 }]);
    expect(b.facts).toBeUndefined();
    const { facts: _facts, ...rest } = a;
    expect(b).toEqual(rest); // nothing else differs
  });

  test('facts of a file that could not be read are absent; it is still a node', async () => {
    const repo = index('docs/specs/component/cmp-001-ledger.md');
    const r = await e.review({ path: 'docs/specs/component/cmp-001-ledger.md', content: new Uint8Array([0, 1, 2, 0xff]) }, repo);
    expect(r.facts).toBeUndefined();
    expect(e.graph([r], repo).nodes).toEqual([{ path: 'docs/specs/component/cmp-001-ledger.md', id: 'CMP-001', type: 'component', score: null, reviewed: true }]);
  });
});

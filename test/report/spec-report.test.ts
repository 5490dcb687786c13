/**
 * The report of every spec (src/report/spec-report): the model built from a review of the corpus,
 * the self-contained page, the Markdown for a job summary, and the page's layout and script. The page
 * in a real browser: test/report/report-browser.test.ts.
 */
import { checkWithMermaid } from '../../src/engine/mermaid.js';
import type { ReviewReport, SpecGraph } from '../../src/engine/index.js';
import { summarize } from '../../src/engine/index.js';
import { buildReportModel, formatReportHtml, formatReportMarkdown, layoutGraph, pageGraph, pageScript, type ReportModel } from '../../src/report/spec-report/index.js';
import { reviewCorpus } from '../engine/corpus-graph.js';

const TODAY = new Date('2025-12-01T10:00:00Z');

async function corpusModel(extra: Partial<Parameters<typeof buildReportModel>[2]> = {}): Promise<{ model: ReportModel; report: ReviewReport; graph: SpecGraph }> {
  const { results, graph, engine } = await reviewCorpus();
  const report = { files: results, summary: summarize(results) };
  const model = buildReportModel(report, graph, { today: TODAY, typeOrder: engine.types().map((t) => t.name), version: '9.9.9', ...extra });
  return { model, report, graph };
}

describe('the model', () => {
  test('every spec by type, totals, worst gaps first, staleness against the given day', async () => {
    const { model, report } = await corpusModel();
    expect(model.generated).toBe('2025-12-01');
    expect(model.types.map((t) => [t.name, t.specs.length])).toEqual([
      ['component', 7],
      ['data-flow', 7],
      ['flow-schematic', 7],
      ['flow', 7],
    ]);
    expect(model.types[0].specs.map((s) => s.id)).toEqual(['CMP-001', 'CMP-002', 'CMP-003', 'CMP-004', 'CMP-005', 'CMP-006', 'CMP-007']);
    expect(model.totals).toMatchObject({ specs: 28, errors: report.summary.errors, warnings: report.summary.warnings, notices: report.summary.notices, problems: 0 });
    const scores = report.files.map((f) => f.score!);
    expect(model.totals.average).toBe(Math.round(scores.reduce((a, b) => a + b, 0) / scores.length));
    // Worst first: the raw templates and thin specs.
    expect(model.worst.map((s) => s.score)).toEqual([...model.worst.map((s) => s.score)].sort((a, b) => a! - b!));
    expect(model.worst[0].id).toBe('FLOW-007');
    expect(model.worst).toHaveLength(20);
    // DFL-002 was last updated 2025-01-22: 313 days before the report's day.
    const dfl2 = model.types[1].specs.find((s) => s.id === 'DFL-002')!;
    expect(dfl2).toMatchObject({ updated: '2025-01-22', ageDays: 313, stale: true, status: 'Current' });
    expect(dfl2.referencedBy).toBe(3); // CMP-002, DFL-003, FLW-002
    const notYet = (await corpusModel({ today: new Date('2025-03-20T00:00:00Z') })).model;
    expect(notYet.totals.stale).toBe(0);
    expect((await corpusModel({ staleAfterDays: 0 })).model.totals.stale).toBe(0);
    // The planted references to no spec are listed.
    expect(model.dangling.map((d) => d.target)).toEqual(expect.arrayContaining(['CMP-099', 'FLW-012']));
  });

  test('a Deprecated spec still referenced shows as a problem across specs', async () => {
    const { report, graph } = await corpusModel();
    const deprecated = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'CMP-002' ? { ...n, status: 'Deprecated' } : n)) };
    const model = buildReportModel(report, deprecated, { today: TODAY });
    expect(model.totals.problems).toBe(4);
    expect(model.problems.every((p) => p.finding.rule === 'deprecated-reference')).toBe(true);
    expect(formatReportHtml(model)).toContain('which is Deprecated');
  });
});

describe('the page', () => {
  test('self-contained: loads nothing, one inline script, the data inline', async () => {
    const { model } = await corpusModel();
    const html = formatReportHtml(model);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|<img[^>]+src=["']?http|url\(http|@import/i);
    expect(html.match(/<script\b/g)).toHaveLength(2); // the data and the script
    expect(html.match(/<tr class="spec"/g)).toHaveLength(28);
    expect(html).toContain('<div class="card" id="total-specs"><b>28</b>');
  });

  test('text from the files cannot break out of the page', async () => {
    const { model } = await corpusModel();
    const evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const hostile: ReportModel = {
      ...model,
      title: evil,
      types: model.types.map((t) => ({ ...t, specs: t.specs.map((s) => ({ ...s, title: evil, status: evil })) })),
      graph: { ...model.graph, nodes: model.graph.nodes.map((n) => ({ ...n, title: evil })) },
    };
    const html = formatReportHtml(hostile);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<\/script><script>alert/);
    const data = /<script type="application\/json" id="spec-graph">([^]*?)<\/script>/.exec(html)![1];
    expect(JSON.parse(data).nodes[0][2]).toBe(evil); // intact once parsed
  });

  test('the graph data: indices, kinds as bits', async () => {
    const { model, graph } = await corpusModel();
    const data = pageGraph(model);
    expect(data.nodes).toHaveLength(graph.nodes.length);
    expect(data.out.flat()).toHaveLength(graph.edges.length);
    const e = graph.edges.find((x) => x.via.length === 3)!;
    const from = data.nodes.findIndex((n) => n[0] === e.from);
    const to = data.nodes.findIndex((n) => n[0] === e.to);
    expect(data.out[from]).toContain(to * 8 + 7); // reference 1 | link 2 | mention 4
    // Every edge, decoded, is one of the graph's.
    const decoded = data.out.flatMap((targets, a) => targets.map((c) => `${data.nodes[a][0]} ${data.nodes[Math.floor(c / 8)][0]}`)).sort();
    expect(decoded).toEqual(graph.edges.map((x) => `${x.from} ${x.to}`).sort());
  });

  test('the inline script is valid JavaScript holding the layout and the behaviour', () => {
    const script = pageScript();
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain('var layout = (');
    expect(script).not.toMatch(/<\/script/i);
  });
});

describe('the layout', () => {
  const opts = { colWidth: 300, rowHeight: 46, nodeWidth: 190, nodeHeight: 34, pad: 16, sweeps: 6 };

  test('one column per group, nodes of a column never overlap, deterministic', () => {
    const groups = [0, 0, 0, 1, 1, 2];
    const edges: [number, number][] = [[0, 3], [1, 4], [2, 5], [3, 5]];
    const a = layoutGraph(groups, edges, opts);
    expect(a).toEqual(layoutGraph(groups, edges, opts));
    expect(new Set(a.x.slice(0, 3)).size).toBe(1);
    expect(a.x[3]).toBe(a.x[0] + 300);
    for (const col of [[0, 1, 2], [3, 4]]) {
      const ys = col.map((i) => a.y[i]).sort((p, q) => p - q);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(46);
    }
    expect(a.width).toBe(16 * 2 + 2 * 300 + 190);
    expect(a.height).toBe(16 * 2 + 2 * 46 + 34);
  });

  test('the sweeps uncross what crosses', () => {
    // 0→3 and 1→2 cross when columns keep input order; ordering by neighbours uncrosses them.
    const l = layoutGraph([0, 0, 1, 1], [[0, 3], [1, 2]], opts);
    expect(Math.sign(l.y[0] - l.y[1])).toBe(Math.sign(l.y[3] - l.y[2]));
  });
});

test('a set without gaps says so instead of listing perfect specs', async () => {
  const { model } = await corpusModel();
  const perfect: ReportModel = { ...model, worst: [] };
  expect(formatReportHtml(perfect)).toContain('No gaps: every spec scores 100 without a finding.');
  expect(formatReportMarkdown(perfect)).toContain('## Worst gaps first\n\nNo gaps: every spec scores 100 without a finding.\n');
  const { results, graph, engine } = await reviewCorpus();
  const clean = results.filter((r) => r.score === 100 && r.findings.length === 0);
  expect(clean.length).toBeGreaterThan(0);
  expect(buildReportModel({ files: clean, summary: summarize(clean) }, graph, { today: TODAY, typeOrder: engine.types().map((t) => t.name) }).worst).toEqual([]);
});

describe('the Markdown', () => {
  test('totals, types, worst gaps, every spec; fits a job summary; its graph parses', async () => {
    const { model } = await corpusModel();
    const md = formatReportMarkdown(model);
    expect(md.startsWith('<!-- spec-review report -->\n# Spec report\n')).toBe(true);
    expect(md).toContain('| component | 7 |');
    expect(md).toContain('## Worst gaps first');
    expect(md.match(/^\| \*\*[A-Z]+-\d+\*\*/gm)!.length).toBe(20 + 28);
    expect(md.length).toBeLessThan(1024 * 1024);
    const mermaid = /```mermaid\n([^]*?)```/.exec(md)![1];
    expect(mermaid.match(/^ {2}s\d+\[/gm)).toHaveLength(25); // the three raw templates point at no spec
    expect(await checkWithMermaid(mermaid)).toEqual([]);
  });

  test('at most maxRows spec rows; it says where the rest are', async () => {
    const { model } = await corpusModel();
    const md = formatReportMarkdown(model, { maxRows: 10, graphNodes: 5 });
    const all = md.slice(md.indexOf('## Every spec by type'));
    expect(all.match(/^\| \*\*/gm)).toHaveLength(10);
    expect(all).toContain('… 18 more specs in the HTML report');
    expect(md).toContain('Reference graph: the 5 most connected specs (');
  });
});

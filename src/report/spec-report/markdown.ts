/**
 * The report of every spec as GitHub-flavoured Markdown, sized for a GitHub Actions job summary
 * ($GITHUB_STEP_SUMMARY takes up to 1 MiB a step): totals, each type's average, the worst gaps, the
 * problems across specs, the most connected specs as a Mermaid graph, then every spec by type (at most
 * `maxRows`; the HTML report has them all). Pure; user text escaped (escape.ts).
 */
import type { GraphEdge, SpecGraph } from '../../engine/graph/types.js';
import { code, escapeCell, escapeInline } from '../escape.js';
import { plural } from '../format-common.js';
import { mermaidLabel } from '../impact.js';
import type { ReportModel, ReportSpec } from './model.js';

/** Marks a file as a spec-review report (the CLI overwrites only files that carry it). */
export const MD_REPORT_MARKER = '<!-- spec-review report -->';

export interface MarkdownOptions {
  /** Rows in "Every spec by type", all types together (default 500). */
  maxRows?: number;
  /** Specs in the graph (default 30): the most connected. */
  graphNodes?: number;
}

function scoreText(score: number | null): string {
  if (score === null) return 'n/a';
  return `${score >= 80 ? '🟢' : score >= 50 ? '🟡' : '🔴'} ${score}`;
}

function counts(s: ReportSpec): string {
  const parts = [s.errors ? `🔴 ${s.errors}` : '', s.warnings ? `🟡 ${s.warnings}` : '', s.notices ? `🔵 ${s.notices}` : ''].filter(Boolean);
  return parts.join(' · ') || '✓';
}

function name(s: ReportSpec): string {
  return `${s.id ? `**${escapeCell(s.id)}** ` : ''}${s.title ? `${escapeCell(s.title)} ` : ''}${code(s.path, { inTable: true })}`;
}

/** The `count` specs with the most edges, and the edges among them. */
export function connectedCore(graph: SpecGraph, count: number): { nodes: SpecGraph['nodes']; edges: GraphEdge[]; omitted: number } {
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const ranked = graph.nodes.filter((n) => degree.has(n.path)).sort((a, b) => degree.get(b.path)! - degree.get(a.path)! || (a.path < b.path ? -1 : 1));
  const kept = new Set(ranked.slice(0, count).map((n) => n.path));
  return { nodes: graph.nodes.filter((n) => kept.has(n.path)), edges: graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to)), omitted: ranked.length - kept.size };
}

function mermaid(graph: SpecGraph, count: number): string {
  const core = connectedCore(graph, count);
  if (!core.edges.length) return '';
  const ids = new Map(core.nodes.map((n, i) => [n.path, `s${i}`]));
  const lines = ['```mermaid', 'flowchart LR'];
  for (const n of core.nodes) lines.push(`  ${ids.get(n.path)}["${mermaidLabel(n.id ? `${n.id}${n.title ? ` · ${n.title}` : ''}` : (n.title ?? n.path))}"]`);
  for (const e of core.edges) lines.push(`  ${ids.get(e.from)} ${e.via.length === 1 && e.via[0] === 'mention' ? '-.->' : '-->'} ${ids.get(e.to)}`);
  lines.push('```');
  const note = core.omitted ? ` (${plural(core.omitted, 'less connected spec')} not drawn)` : '';
  return `<details><summary>Reference graph: the ${plural(core.nodes.length, 'most connected spec')}${note}</summary>\n\n${lines.join('\n')}\n\n</details>\n`;
}

export function formatReportMarkdown(m: ReportModel, opts: MarkdownOptions = {}): string {
  const t = m.totals;
  const out: string[] = [
    MD_REPORT_MARKER,
    `# ${escapeInline(m.title)}`,
    '',
    `${plural(t.specs, 'spec')} · average score **${t.average ?? 'n/a'}** · ${plural(t.errors, 'error')} · ${plural(t.warnings, 'warning')} · ${plural(t.notices, 'notice')} · ${t.stale} stale (over ${plural(m.staleAfterDays, 'day')}) · generated ${m.generated}${m.version ? ` by spec-review ${escapeInline(m.version)}` : ''}`,
    '',
    '| Type | Specs | Average | Lowest | Stale |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...m.types.map((ty) => {
      const scored = ty.specs.filter((s) => s.score !== null).map((s) => s.score!);
      return `| ${escapeCell(ty.name)} | ${ty.specs.length} | ${ty.average ?? 'n/a'} | ${scored.length ? Math.min(...scored) : 'n/a'} | ${ty.specs.filter((s) => s.stale).length} |`;
    }),
    '',
  ];
  if (m.worst.length) {
    out.push('## Worst gaps first', '', '| Spec | Type | Score | Findings | What costs most |', '| --- | --- | ---: | --- | --- |');
    for (const s of m.worst) out.push(`| ${name(s)} | ${escapeCell(s.type)} | ${scoreText(s.score)} | ${counts(s)} | ${s.losses.slice(0, 3).map((l) => `${escapeCell(l.item)} −${l.lost}`).join(', ') || '—'} |`);
    out.push('');
  } else if (t.specs) out.push('## Worst gaps first', '', 'No gaps: every spec scores 100 without a finding.', '');
  const across = [
    ...m.problems.slice(0, 50).map((p) => `- ${p.finding.severity === 'error' ? '🔴' : p.finding.severity === 'warning' ? '🟡' : '🔵'} ${code(`${p.path}:${p.finding.line}`)} ${escapeInline(p.finding.message)}`),
    ...m.dangling.slice(0, 50).map((d) => `- 🔴 ${code(`${d.from}:${d.line}`)} ${d.via === 'reference' ? `${escapeInline(`[${d.target}]`)} matches no spec` : `links to ${code(d.target)}, which is not in the repository`}`),
  ];
  if (across.length) {
    const left = Math.max(0, m.problems.length - 50) + Math.max(0, m.dangling.length - 50);
    out.push('## Across specs', '', ...across, ...(left ? [`- … and ${left} more`] : []), '');
  }
  const graph = mermaid(m.graph, opts.graphNodes ?? 30);
  if (graph) out.push(graph);
  const maxRows = opts.maxRows ?? 500;
  let rows = 0;
  out.push('## Every spec by type', '');
  for (const ty of m.types) {
    if (rows >= maxRows) break;
    out.push(`### ${escapeInline(ty.name)} (${ty.specs.length})`, '', '| Spec | Score | Status | Last updated | Findings | Referenced by |', '| --- | ---: | --- | --- | --- | ---: |');
    for (const s of ty.specs) {
      if (rows >= maxRows) break;
      rows++;
      out.push(`| ${name(s)} | ${scoreText(s.score)} | ${s.status ? escapeCell(s.status) : '—'} | ${s.updated ? `${s.updated}${s.stale ? ' ⏳ stale' : ''}` : '—'} | ${counts(s)} | ${s.referencedBy} |`);
    }
    out.push('');
  }
  if (rows < t.specs) out.push(`… ${plural(t.specs - rows, 'more spec')} in the HTML report (\`spec-review report --format html\`).`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

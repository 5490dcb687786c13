/**
 * The report of every spec as one self-contained HTML page: inline CSS, one inline script (page-script.ts)
 * and the graph data inline; a Content-Security-Policy that lets it load nothing at all. Opens from
 * disk, from a CI artifact or a mail attachment alike. Pure: model in (model.ts), HTML text out.
 *
 * Size: about 0.5 KB a spec plus its findings (at most `findingsPerSpec` shown each) and the graph
 * data (about 100 bytes a spec, 15 an edge) — 3,000 specs stay well under 5 MB (bench/graph.js).
 */
import type { Finding } from '../../engine/types.js';
import { escapeHtml as h } from '../escape.js';
import { plural } from '../format-common.js';
import type { ReportModel, ReportSpec } from './model.js';
import { pageScript, type PageGraph } from './page-script.js';

/** Marks a file as a spec-review report (the CLI overwrites only files that carry it). */
export const HTML_REPORT_MARKER = '<meta name="generator" content="spec-review report">';

export interface HtmlOptions {
  /** Findings listed per spec (default 10); the rest are counted. */
  findingsPerSpec?: number;
  /** Draw every spec in the graph up to this many specs (default 150); beyond, one spec's neighbourhood at a time. */
  overviewMax?: number;
  /** Specs drawn on each side of the focused one (default 40). */
  sideMax?: number;
}

const KIND_BITS = { reference: 1, link: 2, mention: 4 } as const;

function band(score: number | null): string {
  return score === null ? 'none' : score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

/** The score with its bar (drawn by CSS from `--s`: a few bytes a row for 3,000 rows). */
function scoreCell(score: number | null): string {
  if (score === null) return '<span class="score none">n/a</span>';
  return `<span class="score ${band(score)}" style="--s:${score}%"><b>${score}</b></span>`;
}

function counts(s: Pick<ReportSpec, 'errors' | 'warnings' | 'notices'>): string {
  const parts = [s.errors ? `<span class="sev error">${s.errors}</span>` : '', s.warnings ? `<span class="sev warning">${s.warnings}</span>` : '', s.notices ? `<span class="sev notice">${s.notices}</span>` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '<span class="clean">✓</span>';
}

function findingItem(f: Finding): string {
  return `<li class="${f.severity}"><i>${f.line}${f.column ? `:${f.column}` : ''}</i> ${h(f.message)} <code>${h(f.rule)}</code></li>`;
}

function findingsCell(s: ReportSpec, max: number): string {
  if (!s.findings.length && !s.losses.length) return '';
  const shown = s.findings.slice(0, max).map(findingItem).join('');
  const more = s.findings.length > max ? `<li class="more">… and ${s.findings.length - max} more: <code>spec-review validate ${h(s.path)}</code></li>` : '';
  const losses = s.losses.length ? `<p class="losses">Points lost: ${s.losses.slice(0, 4).map((l) => `${h(l.item)} −${l.lost}`).join(', ')}</p>` : '';
  const label = s.findings.length ? plural(s.findings.length, 'finding') : 'score';
  return `<details><summary>${label}</summary>${losses}${shown || more ? `<ol>${shown}${more}</ol>` : ''}</details>`;
}

function specName(s: ReportSpec): string {
  return `${s.id ? `<b>${h(s.id)}</b> ` : ''}${s.title ? h(s.title) : ''}<div class="path">${h(s.path)}</div>`;
}

function updatedCell(s: ReportSpec, afterDays: number): string {
  if (!s.updated) return '<span class="muted">—</span>';
  const stale = s.stale ? ` <span class="stale" title="${s.ageDays} days old (stale after ${afterDays})">stale</span>` : '';
  return `${h(s.updated)}${stale}`;
}

/**
 * One row. The sort keys the script reads are data attributes (an empty one is left out); the status,
 * date and title sort by the cell's own text. About 0.45 KB a row without its findings.
 */
function specRow(s: ReportSpec, m: ReportModel, max: number): string {
  const data = [
    ['path', s.path],
    ['id', s.id ?? ''],
    ['score', s.score === null ? '' : String(s.score)],
    ['findings', String(s.errors * 1e6 + s.warnings * 1e3 + s.notices)],
    ['refs', String(s.referencedBy)],
  ]
    .filter(([k, v]) => v !== '' || k === 'score')
    .map(([k, v]) => ` data-${k}="${h(v)}"`)
    .join('');
  return (
    `<tr class="spec"${data}>` +
    `<td>${specName(s)}</td><td>${scoreCell(s.score)}</td><td>${s.status ? h(s.status) : '—'}</td>` +
    `<td>${updatedCell(s, m.staleAfterDays)}</td><td>${counts(s)}</td>` +
    `<td><a href="#graph" class="focus">${s.referencedBy}</a></td>` +
    `<td>${findingsCell(s, max)}</td></tr>`
  );
}

function typeTable(name: string, specs: readonly ReportSpec[], average: number | null, m: ReportModel, max: number): string {
  const th = (label: string, key: string, numeric = false) => `<th data-sort="${key}"${numeric ? ' data-numeric="1"' : ''} aria-sort="none">${label}</th>`;
  // Status and last updated sort by their cells' text (column 3 and 4).
  const thText = (label: string, column: number) => `<th data-sort-column="${column}" aria-sort="none">${label}</th>`;
  return (
    `<section class="type" id="type-${h(name)}"><h2>${h(name)} <span class="count">${specs.length}</span>` +
    `<span class="avg">average ${average ?? 'n/a'}</span></h2>` +
    `<table class="specs" data-type="${h(name)}"><thead><tr>${th('Spec', 'id')}${th('Score', 'score', true)}${thText('Status', 2)}${thText('Last updated', 3)}${th('Findings', 'findings', true)}${th('Referenced by', 'refs', true)}<th>Details</th></tr></thead>` +
    `<tbody>${specs.map((s) => specRow(s, m, max)).join('')}</tbody></table></section>`
  );
}

function worstTable(m: ReportModel): string {
  if (!m.worst.length) return m.totals.specs ? '<section id="worst"><h2>Worst gaps first</h2><p>No gaps: every spec scores 100 without a finding.</p></section>' : '';
  const rows = m.worst.map((s) => {
    const lost = s.losses.slice(0, 3).map((l) => `${h(l.item)} <span class="lost">−${l.lost}</span>${l.reason ? ` <span class="muted">(${h(l.reason.length > 90 ? `${l.reason.slice(0, 89)}…` : l.reason)})</span>` : ''}`);
    return `<tr data-path="${h(s.path)}" data-score="${s.score ?? ''}"><td>${specName(s)}</td><td>${h(s.type)}</td><td>${scoreCell(s.score)}</td><td>${counts(s)}</td><td>${lost.join('<br>') || '<span class="muted">—</span>'}</td></tr>`;
  });
  return `<section id="worst"><h2>Worst gaps first</h2><p class="muted">The lowest scores, then the most errors: what to fix first.</p><table><thead><tr><th>Spec</th><th>Type</th><th>Score</th><th>Findings</th><th>What costs most</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function problems(m: ReportModel): string {
  const items: string[] = [];
  for (const p of m.problems.slice(0, 200)) items.push(`<li class="${p.finding.severity}"><span class="where">${h(p.path)}:${p.finding.line}</span> ${h(p.finding.message)} <code>${h(p.finding.rule)}</code></li>`);
  for (const d of m.dangling.slice(0, 200)) items.push(`<li class="dangling"><span class="where">${h(d.from)}:${d.line}</span> ${d.via === 'reference' ? `[${h(d.target)}] matches no spec` : `links to ${h(d.target)}, which is not in the repository`}</li>`);
  const left = Math.max(0, m.problems.length - 200) + Math.max(0, m.dangling.length - 200);
  if (!items.length) return '';
  return `<section id="problems"><h2>Across specs <span class="count">${m.problems.length + m.dangling.length}</span></h2><ul class="problems">${items.join('')}${left ? `<li class="more">… and ${left} more</li>` : ''}</ul></section>`;
}

function untyped(m: ReportModel): string {
  if (!m.untyped.length) return '';
  return `<section id="untyped"><h2>Files without a spec type <span class="count">${m.untyped.length}</span></h2><ul>${m.untyped.map((f) => `<li>${h(f.path)}${f.findings[0] ? ` — ${h(f.findings[0].message)}` : ''}</li>`).join('')}</ul></section>`;
}

/** The graph as the script reads it: indices, kinds as bits. */
export function pageGraph(m: ReportModel, opts: HtmlOptions = {}): PageGraph {
  const types = [...new Set([...m.types.map((t) => t.name), ...m.graph.nodes.map((n) => n.type)])];
  const index = new Map(m.graph.nodes.map((n, i) => [n.path, i]));
  // Edges as one number each, grouped by the spec that points: target × 8 + kinds (about 6 bytes an edge).
  const out: number[][] = m.graph.nodes.map(() => []);
  for (const e of m.graph.edges) out[index.get(e.from)!].push(index.get(e.to)! * 8 + e.via.reduce((bits, v) => bits | KIND_BITS[v], 0));
  return {
    types,
    nodes: m.graph.nodes.map((n) => [n.path, n.id ?? '', n.title ?? '', types.indexOf(n.type), n.score ?? -1, n.status ?? '']),
    out,
    overviewMax: opts.overviewMax ?? 150,
    sideMax: opts.sideMax ?? 40,
  };
}

/** JSON inside a <script> element: nothing in it can close the element. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff}
main{max-width:1280px;margin:0 auto;padding:24px}h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;padding-bottom:6px;border-bottom:1px solid #d1d9e0}
.muted{color:#59636e}.count{display:inline-block;min-width:22px;padding:0 7px;margin-left:6px;font-size:12px;font-weight:500;line-height:20px;text-align:center;background:#eff2f5;border-radius:10px;vertical-align:middle}
.avg{margin-left:10px;font-size:13px;font-weight:400;color:#59636e}
#summary{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{flex:1 1 120px;border:1px solid #d1d9e0;border-radius:6px;padding:10px 14px}.card b{display:block;font-size:24px}.card span{color:#59636e;font-size:12px}
table{width:100%;border-collapse:collapse;margin:8px 0}section.type{content-visibility:auto;contain-intrinsic-size:auto 2000px}
table.specs{table-layout:fixed}table.specs th:nth-child(1){width:30%}table.specs th:nth-child(2){width:12%}table.specs th:nth-child(3),table.specs th:nth-child(4){width:11%}table.specs th:nth-child(5){width:9%}table.specs th:nth-child(6){width:8%}th,td{padding:6px 8px;border-bottom:1px solid #d1d9e0;text-align:left;vertical-align:top}th{font-size:12px;color:#59636e;font-weight:600;white-space:nowrap}
th[aria-sort]{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.path{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:#59636e;word-break:break-all}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#eff2f5;padding:1px 4px;border-radius:4px}
.score{display:inline-flex;align-items:center;gap:6px;white-space:nowrap}.score::before{content:"";width:60px;height:8px;border-radius:4px;background:linear-gradient(90deg,var(--c) var(--s),#eff2f5 var(--s))}
.good{--c:#1a7f37}.fair{--c:#bf8700}.poor{--c:#cf222e}.score.none{color:#59636e}.score.none::before{display:none}
.sev{display:inline-block;min-width:20px;padding:0 6px;border-radius:10px;font-size:12px;text-align:center;color:#fff}.sev.error{background:#cf222e}.sev.warning{background:#9a6700}.sev.notice{background:#0969da}.clean{color:#1a7f37}
.stale{display:inline-block;padding:0 6px;border-radius:10px;font-size:11px;background:#fff8c5;color:#9a6700;border:1px solid #d4a72c}.lost{color:#cf222e}
details summary{cursor:pointer;color:#0969da}details ol{margin:6px 0;padding-left:20px}details li{margin:2px 0}li.error::marker{color:#cf222e}li.warning::marker{color:#9a6700}li.notice::marker{color:#0969da}details li i{font:12px ui-monospace,monospace;font-style:normal;color:#59636e}.losses{margin:4px 0;color:#59636e}
.problems li{margin:4px 0}.where{font:12px ui-monospace,monospace;color:#59636e}
#filter{width:100%;max-width:420px;padding:6px 10px;font:inherit;border:1px solid #d1d9e0;border-radius:6px}
.graph-controls{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:8px 0}.graph-controls select{max-width:480px;padding:4px;font:inherit}.graph-controls button{padding:4px 10px;font:inherit;border:1px solid #d1d9e0;border-radius:6px;background:#f6f8fa;cursor:pointer}
.graph-box{overflow:auto;max-height:80vh;border:1px solid #d1d9e0;border-radius:6px;background:#f6f8fa}#graph-svg{display:block}
.node{cursor:pointer}.node rect{fill:#fff;stroke:#8c959f;stroke-width:1}.node.good rect{stroke:#1a7f37}.node.fair rect{stroke:#bf8700}.node.poor rect{stroke:#cf222e}.node.focus rect{stroke-width:3;fill:#fff8c5}.node:hover rect,.node:focus rect{fill:#ddf4ff}
.node text{font-size:11px;fill:#1f2328}.node .id{font-weight:600}.node .score{font-weight:600}.node .title{fill:#59636e}
.column{font-size:12px;font-weight:600;fill:#59636e;text-transform:uppercase;letter-spacing:.04em}
.edge{fill:none;stroke:#8c959f;stroke-width:1.2;opacity:.55}.edge.mention{stroke-dasharray:4 3}.edge.lit{stroke:#0969da;stroke-width:2.2;opacity:1}.arrowhead{fill:#8c959f}
footer{margin:40px 0 8px;color:#59636e;font-size:12px}
`;

export function formatReportHtml(m: ReportModel, opts: HtmlOptions = {}): string {
  const max = opts.findingsPerSpec ?? 10;
  const t = m.totals;
  const card = (value: string | number, label: string, id: string) => `<div class="card" id="total-${id}"><b>${value}</b><span>${label}</span></div>`;
  const graphSection =
    m.graph.nodes.length > 0
      ? `<section id="graph"><h2>Reference graph <span class="count">${t.edges}</span></h2>` +
        `<p class="muted">An arrow points from the spec that references to the spec it references (dashed: a flow names a component in its steps). Colour: score ≥ 80, ≥ 50, under 50.</p>` +
        `<div class="graph-controls"><label for="graph-focus">Spec</label><select id="graph-focus"></select><button id="graph-all" type="button" hidden>All specs</button><span id="graph-info" class="muted"></span></div>` +
        `<div class="graph-box"><svg id="graph-svg" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Reference graph"></svg></div>` +
        `<noscript><p>The graph needs JavaScript; the "Referenced by" column of each table gives the same counts.</p></noscript></section>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
${HTML_REPORT_MARKER}
<title>${h(m.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main id="shot">
<header><h1>${h(m.title)}</h1><p class="muted">${plural(t.specs, 'spec')} · generated ${h(m.generated)}${m.version ? ` by spec-review ${h(m.version)}` : ''}</p></header>
<div id="summary">${card(t.specs, 'specs', 'specs')}${card(t.average ?? 'n/a', 'average score', 'average')}${card(t.errors, 'errors', 'errors')}${card(t.warnings, 'warnings', 'warnings')}${card(t.notices, 'notices', 'notices')}${card(t.stale, `stale (over ${m.staleAfterDays} days)`, 'stale')}${card(t.problems + t.dangling, 'across specs', 'problems')}</div>
${worstTable(m)}
${graphSection}
${problems(m)}
<section id="all"><h2>Every spec by type</h2><input id="filter" type="search" placeholder="Filter: id, title, path, status…" aria-label="Filter the specs"></section>
${m.types.map((ty) => typeTable(ty.name, ty.specs, ty.average, m, max)).join('\n')}
${untyped(m)}
<footer>Self-contained: this page loads nothing. Scores and findings as <code>spec-review validate</code> reports them; the JSON of the same data: <code>spec-review report --format json</code>.</footer>
</main>
<script type="application/json" id="spec-graph">${inlineJson(pageGraph(m, opts))}</script>
<script>${pageScript()}</script>
</body>
</html>
`;
}

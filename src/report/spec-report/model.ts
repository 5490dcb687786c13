/**
 * The report of every spec, as data: the specs by type with score, status, last updated, findings
 * and how many specs point at each; the worst gaps first; the problems across specs the graph proves
 * (deprecated references, references to no spec); and the graph itself. Pure — the clock and the
 * config's `stale_after_days` are handed in. The HTML page, the Markdown summary and the JSON
 * document are renderings of this model.
 */
import { graphFindings, isStale, ageInDays, type DanglingEdge, type GraphFinding, type RuleSeverities, type SpecGraph } from '../../engine/graph/index.js';
import type { FileResult, Finding, ReviewReport, ScoreItem } from '../../engine/types.js';
import { sortFindings } from '../format-common.js';

export interface ReportSpec {
  path: string;
  id?: string;
  title?: string;
  type: string;
  score: number | null;
  status?: string;
  updated?: string;
  /** Days since `updated` (today's clock). */
  ageDays?: number;
  /** Older than `stale_after_days`. */
  stale: boolean;
  errors: number;
  warnings: number;
  notices: number;
  /** In reading order. */
  findings: Finding[];
  /** Score items that lost points, largest loss first. */
  losses: ScoreItem[];
  /** Specs that point at this one, and specs it points at. */
  referencedBy: number;
  references: number;
}

export interface ReportType {
  name: string;
  specs: ReportSpec[];
  /** Average score of the specs with a score, rounded; null when none has one. */
  average: number | null;
}

export interface ReportModel {
  title: string;
  /** The day the report describes, YYYY-MM-DD (the caller's clock). */
  generated: string;
  /** spec-review's version, when known. */
  version?: string;
  staleAfterDays: number;
  totals: { specs: number; average: number | null; errors: number; warnings: number; notices: number; stale: number; problems: number; dangling: number; edges: number };
  types: ReportType[];
  /** Specs with a gap (under 100, or a finding): the lowest scores first (then the most errors), at most `worstCount`. */
  worst: ReportSpec[];
  /** What the graph proves across specs (deprecated references). */
  problems: GraphFinding[];
  /** References and links that point at no spec. */
  dangling: DanglingEdge[];
  /** Reviewed files that match no spec type. */
  untyped: FileResult[];
  graph: SpecGraph;
}

export interface ModelOptions {
  title?: string;
  /** Today (the caller's clock). */
  today: Date;
  version?: string;
  /** Type names in the order to show them (the engine's types); others follow alphabetically. */
  typeOrder?: readonly string[];
  /** The config's `stale_after_days` (default 180; 0: nothing is stale). */
  staleAfterDays?: number;
  /** The config's `rules:`, for the severities of the graph's findings. */
  rules?: RuleSeverities;
  /** How many specs "worst gaps first" lists (default 20). */
  worstCount?: number;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Natural order of ids: CMP-2 before CMP-10. */
function byId(a: ReportSpec, b: ReportSpec): number {
  const na = /^(.*?)(\d+)$/.exec(a.id ?? '');
  const nb = /^(.*?)(\d+)$/.exec(b.id ?? '');
  if (na && nb && na[1] === nb[1]) return Number(na[2]) - Number(nb[2]) || compare(a.path, b.path);
  if (na && !nb) return -1;
  if (!na && nb) return 1;
  return compare(a.id ?? '', b.id ?? '') || compare(a.path, b.path);
}

function average(specs: readonly ReportSpec[]): number | null {
  const scored = specs.filter((s) => s.score !== null);
  return scored.length ? Math.round(scored.reduce((n, s) => n + s.score!, 0) / scored.length) : null;
}

export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The model from a review of every spec (`report.files`: repository or display paths, as `graph`'s). */
export function buildReportModel(report: ReviewReport, graph: SpecGraph, opts: ModelOptions): ReportModel {
  const staleAfterDays = opts.staleAfterDays ?? 180;
  const nodes = new Map(graph.nodes.map((n) => [n.path, n]));
  const fanIn = new Map<string, number>();
  const fanOut = new Map<string, number>();
  for (const e of graph.edges) {
    fanIn.set(e.to, (fanIn.get(e.to) ?? 0) + 1);
    fanOut.set(e.from, (fanOut.get(e.from) ?? 0) + 1);
  }
  const specs: ReportSpec[] = [];
  const untyped: FileResult[] = [];
  for (const f of report.files) {
    if (f.type === null) {
      untyped.push(f);
      continue;
    }
    const n = nodes.get(f.path);
    const s: ReportSpec = {
      path: f.path,
      type: f.type,
      score: f.score,
      stale: false,
      errors: f.findings.filter((x) => x.severity === 'error').length,
      warnings: f.findings.filter((x) => x.severity === 'warning').length,
      notices: f.findings.filter((x) => x.severity === 'notice').length,
      findings: sortFindings(f.findings),
      losses: (f.breakdown ?? []).filter((i) => i.lost > 0).sort((a, b) => b.lost - a.lost || compare(a.item, b.item)),
      referencedBy: fanIn.get(f.path) ?? 0,
      references: fanOut.get(f.path) ?? 0,
    };
    const id = f.id ?? n?.id;
    if (id) s.id = id;
    if (f.title) s.title = f.title;
    if (n?.status) s.status = n.status;
    if (n?.updated) {
      s.updated = n.updated;
      s.ageDays = ageInDays(n.updated, opts.today);
      s.stale = isStale(n, opts.today, staleAfterDays);
    }
    specs.push(s);
  }
  const order = opts.typeOrder ?? [];
  const names = [...new Set(specs.map((s) => s.type))].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || compare(a, b);
  });
  const types = names.map((name) => {
    const list = specs.filter((s) => s.type === name).sort(byId);
    return { name, specs: list, average: average(list) };
  });
  const worst = specs
    .filter((s) => s.score === null || s.score < 100 || s.errors + s.warnings + s.notices > 0)
    .sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || b.errors - a.errors || b.warnings - a.warnings || byId(a, b))
    .slice(0, opts.worstCount ?? 20);
  const problems = graphFindings(graph, undefined, opts.rules);
  const reviewed = new Set(specs.map((s) => s.path));
  const dangling = graph.dangling.filter((d) => reviewed.has(d.from));
  const count = (k: 'errors' | 'warnings' | 'notices') => report.files.reduce((n, f) => n + f.findings.filter((x) => x.severity === k.slice(0, -1)).length, 0);
  return {
    title: opts.title ?? 'Spec report',
    generated: isoDay(opts.today),
    ...(opts.version ? { version: opts.version } : {}),
    staleAfterDays,
    totals: {
      specs: specs.length,
      average: average(specs),
      errors: count('errors'),
      warnings: count('warnings'),
      notices: count('notices'),
      stale: specs.filter((s) => s.stale).length,
      problems: problems.length,
      dangling: dangling.length,
      edges: graph.edges.length,
    },
    types,
    worst,
    problems,
    dangling,
    untyped,
    graph,
  };
}

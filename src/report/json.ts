/**
 * The CLI's JSON output — a stable contract (docs/json-output.md):
 * {"files":[{"path","type","score","findings":[{"rule","severity","message","line","endLine"?,"column"?}],
 *   "breakdown"? }],"summary":{"files","errors","warnings","notices"}}
 * Keys are written in this order; optional keys are omitted, never null. `breakdown` appears only when
 * asked for (`spec-review completeness --format json`); `graph` (the spec graph, versioned on its own)
 * when one is given — the CLI always gives it.
 */
import type { FileResult, Finding, ReviewReport, ScoreItem } from '../engine/types.js';
import type { SpecGraph } from '../engine/graph/types.js';
import { summarize } from '../engine/engine.js';
import { sortFindings } from './format-common.js';

export interface JsonOptions {
  /** Include each file's score breakdown (`completeness`). */
  breakdown?: boolean;
  /** The spec graph to print after the summary (paths already as the files' paths are shown). */
  graph?: SpecGraph;
}

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  endLine?: number;
  column?: number;
}

export interface JsonScoreItem {
  item: string;
  max: number;
  lost: number;
  reason?: string;
}

export interface JsonFile {
  path: string;
  type: string | null;
  score: number | null;
  findings: JsonFinding[];
  breakdown?: JsonScoreItem[];
}

export interface JsonReport {
  files: JsonFile[];
  summary: { files: number; errors: number; warnings: number; notices: number };
  graph?: SpecGraph;
}

function jsonFinding(f: Finding): JsonFinding {
  const out: JsonFinding = { rule: f.rule, severity: f.severity, message: f.message, line: f.line };
  if (f.endLine !== undefined) out.endLine = f.endLine;
  if (f.column !== undefined) out.column = f.column;
  return out;
}

function jsonScoreItem(i: ScoreItem): JsonScoreItem {
  const out: JsonScoreItem = { item: i.item, max: i.max, lost: i.lost };
  if (i.reason) out.reason = i.reason;
  return out;
}

function jsonFile(file: FileResult, options: JsonOptions): JsonFile {
  const out: JsonFile = {
    path: file.path,
    type: file.type,
    score: file.score,
    findings: sortFindings(file.findings).map(jsonFinding),
  };
  if (options.breakdown) out.breakdown = (file.breakdown ?? []).map(jsonScoreItem);
  return out;
}

/** The graph with its keys in the documented order (and nothing else). */
function jsonGraph(g: SpecGraph): SpecGraph {
  return {
    version: g.version,
    nodes: g.nodes.map((n) => ({
      path: n.path,
      ...(n.id !== undefined ? { id: n.id } : {}),
      type: n.type,
      ...(n.title !== undefined ? { title: n.title } : {}),
      ...(n.status !== undefined ? { status: n.status } : {}),
      ...(n.updated !== undefined ? { updated: n.updated } : {}),
      score: n.score,
      reviewed: n.reviewed,
    })),
    edges: g.edges.map((e) => ({ from: e.from, to: e.to, via: [...e.via], line: e.line })),
    dangling: g.dangling.map((d) => ({ from: d.from, target: d.target, via: d.via, line: d.line })),
  };
}

/** The contract object (only the documented keys, in the documented order). */
export function toJsonReport(report: ReviewReport, options: JsonOptions = {}): JsonReport {
  const s = summarize(report.files);
  const out: JsonReport = {
    files: report.files.map((f) => jsonFile(f, options)),
    summary: { files: s.files, errors: s.errors, warnings: s.warnings, notices: s.notices },
  };
  if (options.graph) out.graph = jsonGraph(options.graph);
  return out;
}

export function formatJson(report: ReviewReport, options: JsonOptions = {}): string {
  return `${JSON.stringify(toJsonReport(report, options), null, 2)}\n`;
}

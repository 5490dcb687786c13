/**
 * The CLI's JSON output — a stable contract (docs/json-output.md):
 * {"files":[{"path","type","score","findings":[{"rule","severity","message","line","endLine"?,"column"?}],
 *   "breakdown"? }],"summary":{"files","errors","warnings","notices"}}
 * Keys are written in this order; optional keys are omitted, never null. `breakdown` appears only when
 * asked for (`spec-review completeness --format json`).
 */
import type { FileResult, Finding, ReviewReport, ScoreItem } from '../engine/types.js';
import { summarize } from '../engine/engine.js';
import { sortFindings } from './format-common.js';

export interface JsonOptions {
  /** Include each file's score breakdown (`completeness`). */
  breakdown?: boolean;
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

/** The contract object (only the documented keys, in the documented order). */
export function toJsonReport(report: ReviewReport, options: JsonOptions = {}): JsonReport {
  const s = summarize(report.files);
  return {
    files: report.files.map((f) => jsonFile(f, options)),
    summary: { files: s.files, errors: s.errors, warnings: s.warnings, notices: s.notices },
  };
}

export function formatJson(report: ReviewReport, options: JsonOptions = {}): string {
  return `${JSON.stringify(toJsonReport(report, options), null, 2)}\n`;
}

/**
 * Check-run annotations from a review report. The severity → annotation level mapping lives here and
 * only here; batches respect the Checks API limit of 50 annotations per request. Pure.
 */
import type { FileResult, Finding, ReviewReport, Severity } from '../engine/types.js';
import { oneLine, truncate } from './escape.js';
import { plainText, severityRank } from './format-common.js';

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

/** The one place where a finding's severity becomes a GitHub annotation level. */
export const ANNOTATION_LEVEL: Readonly<Record<Severity, AnnotationLevel>> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};

export function annotationLevel(severity: Severity): AnnotationLevel {
  return ANNOTATION_LEVEL[severity];
}

/** The Checks API accepts at most 50 annotations per create/update request. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limits on the annotation text fields (message and raw_details: 64 KB; title: 255). */
const MAX_TITLE = 255;
const MAX_MESSAGE = 65_535;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only when start_line === end_line (Checks API rule). */
  start_column?: number;
  end_column?: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}


export function toAnnotation(path: string, finding: Finding): Annotation {
  const start = Math.max(1, Math.floor(finding.line || 1));
  const end = Math.max(start, Math.floor(finding.endLine ?? start));
  const annotation: Annotation = {
    path,
    start_line: start,
    end_line: end,
    annotation_level: annotationLevel(finding.severity),
    title: truncate(oneLine(finding.rule), MAX_TITLE),
    // Annotations are plain text: a Markdown escape (`\|` quoted from a table cell) would show as typed.
    message: truncate(plainText(finding.message), MAX_MESSAGE),
  };
  if (start === end && finding.column !== undefined && finding.column >= 1) {
    annotation.start_column = finding.column;
    annotation.end_column = finding.column;
  }
  return annotation;
}

/**
 * Every finding of every file as an annotation, most severe first (so that if GitHub ever stops
 * accepting more, the errors are already there), then by path and line.
 */
export function toAnnotations(report: ReviewReport | { files: readonly FileResult[] }): Annotation[] {
  const rows: { a: Annotation; rank: number }[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      rows.push({ a: toAnnotation(file.path, finding), rank: severityRank(finding.severity) });
    }
  }
  rows.sort(
    (x, y) =>
      x.rank - y.rank ||
      (x.a.path < y.a.path ? -1 : x.a.path > y.a.path ? 1 : 0) ||
      x.a.start_line - y.a.start_line ||
      (x.a.start_column ?? 0) - (y.a.start_column ?? 0),
  );
  return rows.map((r) => r.a);
}

/**
 * Annotations one check run carries at most. GitHub accepts more (50 per request), but every batch is
 * a write against the installation's quota and ~30,000 findings would outlast a review's time budget:
 * at 1,000 a run completes in at most 20 updates. The summary says how many were left out.
 */
export const MAX_ANNOTATIONS_PER_RUN = 1000;

export interface CappedAnnotations {
  annotations: Annotation[];
  /** What did not fit, by severity (the annotations are already most severe first). */
  omitted: { total: number; cap: number; errors: number; warnings: number; notices: number };
}

/** The first `cap` annotations of `toAnnotations` (errors first, then warnings, then notices). */
export function capAnnotations(all: readonly Annotation[], cap = MAX_ANNOTATIONS_PER_RUN): CappedAnnotations {
  const omitted = { total: 0, cap, errors: 0, warnings: 0, notices: 0 };
  for (const a of all.slice(cap)) {
    omitted.total++;
    if (a.annotation_level === 'failure') omitted.errors++;
    else if (a.annotation_level === 'warning') omitted.warnings++;
    else omitted.notices++;
  }
  return { annotations: all.slice(0, cap), omitted };
}

/** Split into request-sized batches (never an empty batch). */
export function batchAnnotations<T>(annotations: readonly T[], size = MAX_ANNOTATIONS_PER_REQUEST): T[][] {
  if (size < 1) throw new RangeError('batch size must be at least 1');
  const batches: T[][] = [];
  for (let i = 0; i < annotations.length; i += size) batches.push(annotations.slice(i, i + size));
  return batches;
}

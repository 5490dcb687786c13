/**
 * Helpers shared by the CLI output formatters (text, json, sarif, github workflow commands): the one
 * place for finding order, severity counts, plurals and terminal colours. Pure; no I/O.
 */
import { summarize } from '../engine/engine.js';
import type { Finding, ReviewReport, Severity, Summary } from '../engine/types.js';

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Findings in reading order: line, then column, then severity (most severe first), then rule id. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/** `1 error`, `2 errors`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `12 problems (3 errors, 8 warnings, 1 notice)`. */
export function problemsLine(summary: Summary): string {
  const total = summary.errors + summary.warnings + summary.notices;
  return (
    `${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ` +
    `${plural(summary.warnings, 'warning')}, ${plural(summary.notices, 'notice')})`
  );
}

/** Messages are one line everywhere we print them. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Keep only the findings at or above a severity (e.g. `--quiet` keeps errors); summary recomputed. */
export function filterReport(report: ReviewReport, atLeast: Severity): ReviewReport {
  const max = severityRank(atLeast);
  const files = report.files.map((file) => ({
    ...file,
    findings: file.findings.filter((f) => severityRank(f.severity) <= max),
  }));
  return { files, summary: summarize(files) };
}

/** ANSI styling; every function is the identity when colours are off. */
export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

function sgr(open: number, close: number): (s: string) => string {
  return (s) => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);
}

const identity = (s: string): string => s;

export function palette(color: boolean): Palette {
  if (!color) {
    return { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, bold: identity, underline: identity };
  }
  return {
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    green: sgr(32, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
    underline: sgr(4, 24),
  };
}

export function severityColor(p: Palette, severity: Severity): (s: string) => string {
  return severity === 'error' ? p.red : severity === 'warning' ? p.yellow : p.blue;
}

/**
 * Helpers shared by the CLI output formatters (text, json, sarif, github workflow commands): the one
 * place for finding order, severity counts, plurals and terminal colours. Pure; no I/O.
 */
import { summarize } from '../engine/engine.js';
import { severityRank, type Finding, type ReviewReport, type Severity, type Summary } from '../engine/types.js';
import { oneLine } from './escape.js';

export { SEVERITIES, severityRank } from '../engine/types.js';

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

/** Messages are one line everywhere we print them (the one definition, shared with the GitHub renderers). */
export { oneLine };

/**
 * A message as plain text for a terminal or a log: one line, with Markdown's backslash escapes
 * removed (`[string \| number]` → `[string | number]`: a message that quotes a table cell shows it as
 * GitHub renders it). Other Markdown is kept: a message may show syntax to type (`**Status**: value`).
 */
export function plainText(text: string): string {
  return oneLine(text).replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * Word-wrap one line of plain text to `width` columns (at least 1). Breaks at spaces; a word longer
 * than the width is cut. Never returns an empty list.
 */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length <= max) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (rest.length > max) {
      lines.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
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

/**
 * Human output of the CLI, modelled on ESLint's "stylish" formatter:
 *
 *   docs/specs/component/cmp-001-x.md
 *     12:1  error    Missing required section "Interfaces"  required-section
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 notices)
 *
 * Pure functions of a ReviewReport; the caller decides the paths shown and whether to colour.
 */
import type { FileResult, ReviewReport, ScoreItem } from '../engine/types.js';
import { oneLine, palette, plural, problemsLine, severityColor, sortFindings, type Palette } from './format-common.js';

export interface TextOptions {
  /** ANSI colours (the CLI turns them on for a TTY without NO_COLOR / --no-color). */
  color?: boolean;
}

/** The lines for one file, or '' when it has no findings (so results can be printed as they arrive). */
export function formatTextFile(file: FileResult, options: TextOptions = {}): string {
  if (file.findings.length === 0) return '';
  const p = palette(options.color ?? false);
  const rows = sortFindings(file.findings).map((f) => ({
    pos: `${f.line}:${f.column ?? 1}`,
    severity: f.severity,
    message: oneLine(f.message),
    rule: f.rule,
  }));
  const posWidth = Math.max(...rows.map((r) => r.pos.length));
  const sevWidth = Math.max(...rows.map((r) => r.severity.length));
  const msgWidth = Math.max(...rows.map((r) => r.message.length));
  const lines = [p.underline(file.path)];
  for (const r of rows) {
    lines.push(
      `  ${p.dim(r.pos.padEnd(posWidth))}  ${severityColor(p, r.severity)(r.severity.padEnd(sevWidth))}  ` +
        `${r.message.padEnd(msgWidth)}  ${p.dim(r.rule)}`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}

/** The closing summary line (with a leading blank line already printed by the file blocks). */
export function formatTextSummary(report: ReviewReport, options: TextOptions = {}): string {
  const p = palette(options.color ?? false);
  const { errors, warnings, notices, files } = report.summary;
  if (errors + warnings + notices === 0) {
    return `${p.green('✔')} ${plural(files, 'file')} checked, no problems\n`;
  }
  const colour = errors > 0 ? p.red : warnings > 0 ? p.yellow : p.blue;
  return `${colour(p.bold(`✖ ${problemsLine(report.summary)}`))}\n`;
}

/** The whole `validate` text output. */
export function formatText(report: ReviewReport, options: TextOptions = {}): string {
  const blocks = report.files.map((f) => formatTextFile(f, options)).join('');
  return (blocks ? `\n${blocks}` : '') + formatTextSummary(report, options);
}

export interface CompletenessTextOptions extends TextOptions {
  /** Scores under this are flagged (0 = no minimum). */
  minScore?: number;
}

function scoreLabel(file: FileResult): string {
  if (file.score !== null) return `${file.score}/100`;
  return file.type === null ? 'not scored (no spec type)' : 'not scored';
}

function breakdownLines(items: readonly ScoreItem[], p: Palette): string[] {
  const lost = items.filter((i) => i.lost > 0).sort((a, b) => b.lost - a.lost);
  if (lost.length === 0) return items.length ? [`  ${p.green('no points lost')}`] : [];
  const cost = lost.map((i) => `-${formatPoints(i.lost)} of ${formatPoints(i.max)}`);
  const costWidth = Math.max(...cost.map((c) => c.length));
  const itemWidth = Math.max(...lost.map((i) => oneLine(i.item).length));
  return lost.map((i, n) => {
    const reason = i.reason ? `  ${p.dim(oneLine(i.reason))}` : '';
    return `  ${p.red(cost[n].padStart(costWidth))}  ${oneLine(i.item).padEnd(itemWidth)}${reason}`.trimEnd();
  });
}

/** Points may be fractional when weights are split; show at most one decimal. */
function formatPoints(points: number): string {
  return Number.isInteger(points) ? String(points) : points.toFixed(1);
}

/** The `completeness` text output: per file the score and which items cost how many points. */
export function formatCompletenessText(report: ReviewReport, options: CompletenessTextOptions = {}): string {
  const p = palette(options.color ?? false);
  const min = options.minScore ?? 0;
  const out: string[] = [];
  for (const file of report.files) {
    const low = file.score !== null && file.score < min;
    const score = scoreLabel(file);
    const scoreText = file.score === null ? p.dim(score) : low ? p.red(p.bold(score)) : p.bold(score);
    const counts = file.findings.length ? p.dim(`  (${plural(file.findings.length, 'finding')})`) : '';
    out.push(`${p.underline(file.path)}  ${file.type ?? p.dim('unknown type')}  ${scoreText}${low ? p.red(`  below minimum ${min}`) : ''}${counts}`);
    out.push(...breakdownLines(file.breakdown ?? [], p));
    out.push('');
  }
  const scored = report.files.filter((f) => f.score !== null) as (FileResult & { score: number })[];
  let summary = `${plural(report.files.length, 'file')}`;
  if (scored.length > 0) {
    const avg = Math.round(scored.reduce((s, f) => s + f.score, 0) / scored.length);
    const lowest = scored.reduce((a, b) => (b.score < a.score ? b : a));
    summary += `, average score ${avg}`;
    if (scored.length > 1) summary += `, lowest ${lowest.score} (${lowest.path})`;
    if (min > 0) {
      const under = scored.filter((f) => f.score < min).length;
      summary += under ? `, ${p.red(`${under} under the minimum ${min}`)}` : `, all at or above the minimum ${min}`;
    }
  } else {
    summary += ', none scored';
  }
  out.push(summary);
  return `${out.join('\n')}\n`;
}

/** Files whose score is under the minimum (they fail the run even without error findings); '' if none. */
export function formatScoreFailures(report: ReviewReport, minScore: number, options: TextOptions = {}): string {
  if (minScore <= 0) return '';
  const p = palette(options.color ?? false);
  const lines = report.files
    .filter((f) => f.score !== null && f.score < minScore)
    .map((f) => p.red(`✖ ${f.path}: completeness score ${f.score} is under the minimum ${minScore}`));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * Human output of the CLI, modelled on ESLint's "stylish" formatter, fitted to the terminal:
 *
 *   docs/specs/component/cmp-001-x.md
 *     12:1  error    Missing required section "Interfaces"  required-section
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 notices)
 *
 * When every finding of a file fits the width on one line, the rule ids line up in a column (ESLint's
 * layout). Otherwise nothing is padded: a long message wraps under itself, indented to where the
 * messages start, and the rule id follows it:
 *
 *     89:21  warning  Unfilled placeholder [string | number | boolean]: replace it with
 *                     real content.  placeholder
 *
 * Messages are plain text (Markdown's backslash escapes removed). Pure functions of a ReviewReport;
 * the caller decides the paths shown, the width and whether to colour.
 */
import type { FileResult, ReviewReport, ScoreItem } from '../engine/types.js';
import { palette, plainText, plural, problemsLine, severityColor, sortFindings, wrapText, type Palette } from './format-common.js';

/** Columns when the output is not a terminal and COLUMNS is not set. */
export const DEFAULT_WIDTH = 80;
/** Narrower than this, a message goes on lines of its own under its location. */
const MIN_MESSAGE_WIDTH = 24;

export interface TextOptions {
  /** ANSI colours (the CLI turns them on for a TTY without NO_COLOR / --no-color). */
  color?: boolean;
  /** Columns to fit (the terminal's width; default 80). */
  width?: number;
}

/** A cell: its plain text (measured) and how to colour it. */
interface Cell {
  text: string;
  paint?: (s: string) => string;
}

/** One finding (or score item): the location columns, the message, and what follows it. */
interface Row {
  lead: Cell[];
  text: string;
  tail?: Cell;
}

const show = (cell: Cell, width = 0): string => (cell.paint ?? ((s: string) => s))(cell.text.padEnd(width));

/**
 * Lay rows out as `  lead  text  tail`: in aligned columns when the widest row fits `width`; else each
 * text wrapped under its first line (or, when that column would be too narrow, on lines of its own
 * under the lead, indented by 4), the tail after the text's last line or on a line of its own.
 */
function layout(rows: readonly Row[], width: number): string[] {
  const widths = rows[0].lead.map((_, i) => Math.max(...rows.map((r) => r.lead[i].text.length)));
  const lead = (r: Row): string => `  ${r.lead.map((c, i) => show(c, widths[i])).join('  ')}`;
  const join = (...parts: string[]): string => parts.filter((x) => x !== '').join('  ').trimEnd();
  const indent = 2 + widths.reduce((sum, w) => sum + w + 2, 0);
  const textWidth = Math.max(...rows.map((r) => r.text.length));
  const tailWidth = Math.max(...rows.map((r) => r.tail?.text.length ?? 0));
  if (indent + textWidth + (tailWidth ? 2 + tailWidth : 0) <= width) {
    return rows.map((r) => join(lead(r), r.tail ? r.text.padEnd(textWidth) : r.text, r.tail ? show(r.tail) : ''));
  }
  const under = width - indent < MIN_MESSAGE_WIDTH;
  const hang = ' '.repeat(under ? 4 : indent);
  const room = width - hang.length;
  const out: string[] = [];
  for (const r of rows) {
    const lines = wrapText(r.text, room);
    const last = lines.length - 1;
    const tailFits = !r.tail || lines[last].length + 2 + r.tail.text.length <= room;
    const tail = (i: number): string => (r.tail && tailFits && i === last ? show(r.tail) : '');
    if (under) out.push(lead(r).trimEnd());
    lines.forEach((l, i) => out.push(i === 0 && !under ? join(lead(r), l, tail(i)) : hang + join(l, tail(i))));
    if (r.tail && !tailFits) out.push(hang + show(r.tail));
  }
  return out;
}

/** The lines for one file, or '' when it has no findings (so results can be printed as they arrive). */
export function formatTextFile(file: FileResult, options: TextOptions = {}): string {
  if (file.findings.length === 0) return '';
  const p = palette(options.color ?? false);
  const rows: Row[] = sortFindings(file.findings).map((f) => ({
    lead: [
      { text: `${f.line}:${f.column ?? 1}`, paint: p.dim },
      { text: f.severity, paint: severityColor(p, f.severity) },
    ],
    text: plainText(f.message),
    tail: { text: f.rule, paint: p.dim },
  }));
  return `${[p.underline(file.path), ...layout(rows, options.width ?? DEFAULT_WIDTH)].join('\n')}\n\n`;
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

function breakdownLines(items: readonly ScoreItem[], p: Palette, width: number): string[] {
  const lost = items.filter((i) => i.lost > 0).sort((a, b) => b.lost - a.lost);
  if (lost.length === 0) return items.length ? [`  ${p.green('no points lost')}`] : [];
  const costs = lost.map((i) => `-${formatPoints(i.lost)} of ${formatPoints(i.max)}`);
  const costWidth = Math.max(...costs.map((c) => c.length));
  const rows: Row[] = lost.map((i, n) => ({
    lead: [{ text: costs[n].padStart(costWidth), paint: p.red }],
    text: plainText(i.item),
    tail: i.reason ? { text: plainText(i.reason), paint: p.dim } : undefined,
  }));
  return layout(rows, width);
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
    out.push(...breakdownLines(file.breakdown ?? [], p, options.width ?? DEFAULT_WIDTH));
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

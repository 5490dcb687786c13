/**
 * Check-run output (title + Markdown summary) built from the engine's ReviewReport. Pure. The summary
 * stays under the Checks API limit of 65,535 characters and says so when it had to cut.
 */
import type { GraphFinding } from '../engine/graph/impact.js';
import type { FileResult, ReviewReport, ScoreItem, Summary } from '../engine/types.js';
import { code, escapeCell, escapeInline } from './escape.js';
import { plural } from './format-common.js';

/** The stable check name: the one to mark "required" in branch protection. */
export const CHECK_RUN_NAME = 'Spec Review';
/** Checks API: `output.title` is short, `output.summary` and `output.text` ≤ 65,535 characters. */
export const MAX_CHECK_OUTPUT = 65_535;
const MAX_TITLE = 255;

export interface CheckRunOutput {
  title: string;
  summary: string;
}

export interface ReviewOutputOptions {
  /** The engine's verdict (engine.failed(report)). */
  failed: boolean;
  /** Config facts shown so that a reader knows why the run failed. */
  failOn?: string;
  minScore?: number;
  /** Where the config came from (`.github/spec-review.yml@main`), or undefined for the defaults. */
  configSource?: string;
  /** The recursive tree was truncated by GitHub: some references may be reported as missing. */
  indexTruncated?: boolean;
  /** The PR lists more files than GitHub returns (3,000): some were not reviewed. */
  filesTruncated?: boolean;
  /** Changed files skipped and why (e.g. removed). Shown as a count only. */
  removed?: number;
  /** Summary size limit; tests lower it. */
  limit?: number;
  /** Findings left without an annotation because of the per-run cap (annotations.ts). */
  annotationsOmitted?: { total: number; cap: number; errors: number; warnings: number; notices: number };
  /** The change's impact on other specs (src/report/impact.ts): its section, and the graph's findings it counts. */
  impact?: ImpactView;
}

/** The impact section as the check run and the comment take it. */
export interface ImpactView {
  /** The rendered section (impactSection + coverage, or the note that it could not be computed); '' for none. */
  markdown: string;
  /** The graph's findings (on specs in or outside the pull request): counted with the review's. */
  findings: readonly GraphFinding[];
}

/** The review's counts with the graph's findings added. */
export function withGraphCounts(summary: Summary, findings: readonly GraphFinding[] = []): Summary {
  const out = { ...summary };
  for (const { finding } of findings) {
    if (finding.severity === 'error') out.errors++;
    else if (finding.severity === 'warning') out.warnings++;
    else out.notices++;
  }
  return out;
}


/**
 * A number as rendered anywhere in a check run or comment: at most one decimal, no trailing `.0`
 * (score points are sums of fractions: `30.300000000000004` is shown as `30.3`).
 */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** `████████░░ 80` — ten cells, rounded; `n/a` for files without a score. */
export function scoreBar(score: number | null | undefined, width = 10): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return 'n/a';
  const value = Math.max(0, Math.min(100, Math.round(score)));
  const filled = Math.round((value / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${value}`;
}

/** `2 errors, 1 warning, 0 notices`. */
export function countsLine(summary: Summary): string {
  return `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.notices, 'notice')}`;
}

export function fileCounts(file: FileResult): { errors: number; warnings: number; notices: number } {
  const counts = { errors: 0, warnings: 0, notices: 0 };
  for (const f of file.findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.notices++;
  }
  return counts;
}

/**
 * Join `head` and as many `parts` as fit under `limit` characters, then `tail(omitted)` (which must
 * mention the cut when omitted > 0). Parts are kept whole; the result never exceeds the limit.
 */
export function fitParts(head: string, parts: readonly string[], tail: (omitted: number) => string, limit: number): string {
  let out = head;
  let i = 0;
  for (; i < parts.length; i++) {
    const rest = parts.length - i - 1;
    const reserve = tail(rest + 1).length;
    if (out.length + parts[i].length + (rest > 0 ? reserve : tail(0).length) > limit) break;
    out += parts[i];
  }
  const omitted = parts.length - i;
  out += tail(omitted);
  if (out.length > limit) out = out.slice(0, limit);
  return out;
}

/**
 * Where a review's findings are: `2 spec files`, `2 spec files and 3 specs they affect` (the graph's
 * findings on specs outside the pull request), `3 specs this change affects` (a PR that only removes).
 */
export function whereLine(files: number, affected = 0): string {
  if (!affected) return plural(files, 'spec file');
  if (!files) return `${plural(affected, 'spec')} this change affects`;
  return `${plural(files, 'spec file')} and ${plural(affected, 'spec')} ${files === 1 ? 'it affects' : 'they affect'}`;
}

/** Specs outside the report that the graph's findings sit on. */
export function affectedWithFindings(report: ReviewReport, findings: readonly GraphFinding[] = []): number {
  const reviewed = new Set(report.files.map((f) => f.path));
  return new Set(findings.map((f) => f.path).filter((p) => !reviewed.has(p))).size;
}

export function reviewTitle(summary: Summary, failed: boolean, affected = 0): string {
  const found = summary.errors + summary.warnings + summary.notices;
  const title = found === 0 ? `${plural(summary.files, 'spec file')} reviewed: no problems` : `${countsLine(summary)} in ${whereLine(summary.files, affected)}`;
  return `${failed ? 'Failed' : 'Passed'}: ${title}`.slice(0, MAX_TITLE);
}

function breakdownTable(items: readonly ScoreItem[]): string {
  const rows = items.map(
    (i) => `| ${escapeCell(i.item)} | ${num(i.max)} | ${i.lost > 0 ? `−${num(i.lost)}` : '0'} | ${i.reason ? escapeCell(i.reason) : ''} |`,
  );
  return ['| Item | Worth | Lost | Why |', '|---|---:|---:|---|', ...rows].join('\n');
}

function fileSection(file: FileResult): string {
  const c = fileCounts(file);
  const lost = (file.breakdown ?? []).filter((i) => i.lost > 0);
  const header = `<details><summary>${escapeInline(file.path)}: score ${file.score === null ? 'n/a' : num(file.score)}, ${countsLine({ files: 1, ...c })}</summary>\n\n`;
  const body = file.breakdown && file.breakdown.length > 0
    ? `${breakdownTable(file.breakdown)}\n\n${lost.length === 0 ? 'Full marks.' : `Lost ${num(lost.reduce((s, i) => s + i.lost, 0))} points on ${plural(lost.length, 'item')}.`}`
    : file.type === null
      ? 'No spec type matches this file, so it has no score.'
      : 'No score breakdown.';
  return `${header}${body}\n\n</details>\n`;
}

/** The output of a completed review. */
export function reviewOutput(report: ReviewReport, opts: ReviewOutputOptions): CheckRunOutput {
  const limit = opts.limit ?? MAX_CHECK_OUTPUT;
  const graphFindings = opts.impact?.findings ?? [];
  const s = withGraphCounts(report.summary, graphFindings);
  const impact = opts.impact?.markdown ? `\n${opts.impact.markdown}` : '';
  const verdict = opts.failed ? '❌ **Failing**' : '✅ **Passing**';
  const rules: string[] = [];
  if (opts.failOn) rules.push(`fails on: ${opts.failOn}`);
  if (opts.minScore !== undefined && opts.minScore > 0) rules.push(`minimum score: ${num(opts.minScore)}`);
  rules.push(`config: ${opts.configSource ? code(opts.configSource) : 'defaults (no `.github/spec-review.yml`)'}`);

  const notes: string[] = [];
  if (opts.filesTruncated) notes.push('> [!WARNING]\n> The pull request changes more files than GitHub lists (3,000); files past that limit were not reviewed.');
  if (opts.indexTruncated) notes.push('> [!NOTE]\n> The repository tree is too large for one listing; references to files outside it may be reported as missing.');
  if (opts.removed) notes.push(`${plural(opts.removed, 'removed spec file')} skipped.`);
  const cut = opts.annotationsOmitted;
  if (cut && cut.total > 0) {
    const many = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
    const which = [cut.errors && many(cut.errors, 'error'), cut.warnings && many(cut.warnings, 'warning'), cut.notices && many(cut.notices, 'notice')].filter(Boolean).join(', ');
    notes.push(
      `> [!NOTE]\n> ${cut.total.toLocaleString('en-US')} findings have no annotation (${which}): a run shows at most ${cut.cap.toLocaleString('en-US')}, ` +
        'errors first, then warnings, then notices. The counts above include them all; `spec-review validate` lists every one.',
    );
  }

  const table = [
    '| File | Type | Score | Errors | Warnings | Notices |',
    '|---|---|---|---:|---:|---:|',
  ];
  const rows = report.files.map((f) => {
    const c = fileCounts(f);
    return `| ${code(f.path, { inTable: true })} | ${f.type ? escapeCell(f.type) : '—'} | ${scoreBar(f.score)} | ${c.errors} | ${c.warnings} | ${c.notices} |\n`;
  });
  const affected = affectedWithFindings(report, graphFindings);
  const across = graphFindings.length ? ` (${graphFindings.length} across specs: see *Impact on other specs*)` : '';
  const head =
    `${verdict}: ${plural(s.files, 'spec file')} reviewed, ${countsLine(s)}${across}.\n` +
    `${rules.join(' · ')}\n\n` +
    (notes.length ? `${notes.join('\n\n')}\n\n` : '') +
    (rows.length ? `${table.join('\n')}\n` : '');
  const findings = s.errors + s.warnings + s.notices;
  const outside = affected ? ' Those on specs this pull request does not change are listed with the run\'s annotations.' : '';
  const annotationsNote = findings > 0 ? `\nEvery finding is an annotation on its line: see **Files changed**.${outside}\n` : '';

  // Table rows first, then per-file breakdowns; both cut whole rows/sections when over the limit.
  const withRows = fitParts(head, rows, (n) => (n > 0 ? `\n_…${plural(n, 'more file')} not shown: the summary is cut at ${limit.toLocaleString('en-US')} characters._\n` : ''), limit - annotationsNote.length - impact.length);
  const sections = report.files.filter((f) => f.breakdown || f.type === null).map(fileSection);
  if (!sections.length) return { title: reviewTitle(s, opts.failed, affected), summary: `${withRows}${annotationsNote}${impact}`.slice(0, limit) };
  const full = fitParts(
    `${withRows}${annotationsNote}${impact}\n### Score breakdown\n\n`,
    sections,
    (n) => (n > 0 ? `\n_…${plural(n, 'more breakdown')} cut: the summary is limited to ${limit.toLocaleString('en-US')} characters._\n` : ''),
    limit,
  );
  return { title: reviewTitle(s, opts.failed, affected), summary: full };
}

export function noSpecsOutput(): CheckRunOutput {
  return {
    title: 'No spec files changed',
    summary:
      'This pull request changes no file that the configuration marks as a spec, so there was nothing to review.\n\n' +
      'Specs live under `docs/specs/<type>/` (or the globs in `.github/spec-review.yml`).',
  };
}

/** A repository configuration the engine refused. `where` is `file:line[:col]` when known. */
export function configErrorOutput(message: string, source?: string): CheckRunOutput {
  return {
    title: 'Configuration error: nothing was reviewed',
    summary:
      `The Spec Review configuration could not be used:\n\n${code(message)}\n\n` +
      (source ? `It was read from ${code(source)} (the base branch, never the pull request). ` : '') +
      'Fix the file on the base branch, then press **Re-run** on this check. ' +
      'Until then this check fails so that a broken configuration cannot let specs through unreviewed.',
  };
}

/** GitHub (or the app) failed after retries; the run must still complete. */
export function couldNotCompleteOutput(reason: string, deliveryId?: string): CheckRunOutput {
  return {
    title: 'Spec Review could not complete',
    summary:
      `The review could not complete: ${code(reason)}.\n\n` +
      'No result is reported for this commit. Press **Re-run** on this check to try again' +
      (deliveryId ? ` (webhook delivery ${code(deliveryId)}, useful to the app's operators).` : '.'),
  };
}

/**
 * The one summary comment per pull request, built from the engine's ReviewReport. Pure. The comment
 * starts with a hidden marker (how the app finds it again to edit it in place) and a second hidden
 * line with the head SHA it describes. It stays under GitHub's 65,536-character limit by summarising
 * the tail. Everything that comes from a user's file is escaped (see escape.ts).
 */
import type { FileResult, Finding, ReviewReport, Severity } from '../engine/types.js';
import { code, escapeInline } from './escape.js';
import { affectedWithFindings, countsLine, fileCounts, fitParts, scoreBar, whereLine, withGraphCounts, type ImpactView } from './check-run.js';
import { graphFindingsReport } from './impact.js';
import { plural, severityRank } from './format-common.js';

/** Hidden marker that identifies the app's summary comment. Always the first line of the body. */
export const COMMENT_MARKER = '<!-- spec-review:summary -->';
/** Issue comment bodies are capped at 65,536 characters. */
export const MAX_COMMENT = 65_536;
const HEAD_RE = /<!-- spec-review:head=([0-9a-f]{7,64}) -->/;
const WORKFLOW_RE = /<!-- spec-review:workflow=([^\n]*?) -->/;

export function headMarker(sha: string): string {
  return `<!-- spec-review:head=${sha} -->`;
}

/**
 * The hidden line naming the workflow that wrote a comment (the Action: every workflow of a repository
 * comments as `github-actions[bot]`, so the login alone does not tell whose comment it is).
 */
export function workflowMarker(workflow: string): string {
  return `<!-- spec-review:workflow=${workflow.replace(/--+|>|\n|\r/g, '_')} -->`;
}

/** The workflow a summary comment says wrote it, if any. */
export function commentWorkflow(body: string | null | undefined): string | undefined {
  return body?.match(WORKFLOW_RE)?.[1];
}

/** True when a comment body is the app's summary comment (the marker opens the body). */
export function isSummaryComment(body: string | null | undefined): boolean {
  return typeof body === 'string' && body.trimStart().startsWith(COMMENT_MARKER);
}

/** The head SHA a summary comment describes, if it says. */
export function commentHeadSha(body: string | null | undefined): string | undefined {
  return body?.match(HEAD_RE)?.[1];
}

/** A report with no finding at all: the all-clear case. */
export function isClean(report: ReviewReport): boolean {
  return report.summary.errors + report.summary.warnings + report.summary.notices === 0;
}

export type DryRun =
  | { kind: 'invalid'; message: string }
  | { kind: 'report'; report: ReviewReport; failed: boolean; notes?: readonly string[] };

export interface CommentOptions {
  headSha: string;
  /** The Action's workflow identity, written as a hidden line (the App is identified by its app id). */
  workflow?: string;
  failed: boolean;
  /** Link to the check run with every finding. */
  checkRunUrl?: string;
  /** Spec type names, for the scaffold hint. */
  types?: readonly string[];
  /** The PR edits `.github/spec-review.yml`: what the proposed file would report. */
  dryRun?: DryRun;
  /** How many findings "what to fix first" lists. */
  fixFirst?: number;
  /** The change's impact on other specs: its section, and the graph's findings (counted, and in "Fix first"). */
  impact?: ImpactView;
  /** Size limit; tests lower it. */
  limit?: number;
}

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟡', notice: '🔵' };

function header(headSha: string, workflow?: string): string {
  return `${COMMENT_MARKER}\n${headMarker(headSha)}\n${workflow !== undefined ? `${workflowMarker(workflow)}\n` : ''}`;
}

function scaffoldHint(types?: readonly string[]): string {
  const list = types && types.length ? ` (types: ${types.map((t) => code(t)).join(', ')})` : '';
  return `Adding a spec? Comment \`/spec scaffold <type> <name>\`${list} and the app commits one from the template.`;
}

function footer(opts: CommentOptions): string {
  const link = opts.checkRunUrl ? `[Every finding is in the check run](${opts.checkRunUrl}) and on the diff. ` : '';
  return `\n---\n${link}${scaffoldHint(opts.types)}\n`;
}

/** The findings to fix first: most severe, in the lowest-scoring files, in reading order. */
export function fixFirst(report: ReviewReport, count = 5): { file: FileResult; finding: Finding }[] {
  const all: { file: FileResult; finding: Finding }[] = [];
  for (const file of report.files) for (const finding of file.findings) all.push({ file, finding });
  all.sort(
    (a, b) =>
      severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
      (a.file.score ?? -1) - (b.file.score ?? -1) ||
      (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0) ||
      a.finding.line - b.finding.line,
  );
  return all.slice(0, count);
}

function fileRow(f: FileResult): string {
  const c = fileCounts(f);
  return `| ${code(f.path, { inTable: true })} | ${f.type ? code(f.type, { inTable: true }) : '—'} | \`${scoreBar(f.score)}\` | ${c.errors} | ${c.warnings} |\n`;
}

function reportBody(report: ReviewReport, opts: { fixFirst: number; limit: number; sayWhereMore: string; across?: ReviewReport }): string {
  const rows = [...report.files].sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || (a.path < b.path ? -1 : 1)).map(fileRow);
  const tableHead = '| File | Type | Score | Errors | Warnings |\n|---|---|---|---:|---:|\n';
  const first = fixFirst(opts.across?.files.length ? { files: [...report.files, ...opts.across.files], summary: report.summary } : report, opts.fixFirst);
  const fix = first.length
    ? '\n**Fix first**\n\n' +
      first
        .map(({ file, finding }, i) => `${i + 1}. ${ICON[finding.severity]} ${code(`${file.path}:${finding.line}`)} ${escapeInline(finding.message)} (${code(finding.rule)})`)
        .join('\n') +
      '\n'
    : '';
  const budget = Math.max(0, opts.limit - fix.length);
  const table = rows.length ? fitParts(tableHead, rows, (n) => (n > 0 ? `\n_…and ${plural(n, 'more file')} with higher scores: ${opts.sayWhereMore}._\n` : ''), budget) : '';
  return table + fix;
}

/** The full summary comment. */
export function summaryComment(report: ReviewReport, opts: CommentOptions): string {
  const limit = opts.limit ?? MAX_COMMENT;
  const graph = opts.impact?.findings ?? [];
  const s = withGraphCounts(report.summary, graph);
  const clean = s.errors + s.warnings + s.notices === 0;
  const status = opts.failed ? '❌' : '✅';
  const title = `### ${status} Spec Review: ${clean ? `${plural(s.files, 'spec file')}, no problems` : `${countsLine(s)} in ${whereLine(s.files, affectedWithFindings(report, graph))}`}\n\n`;
  const foot = footer(opts);
  const dry = opts.dryRun ? dryRunSection(opts.dryRun, Math.floor(limit / 4)) : '';
  const impact = opts.impact?.markdown ? `\n${opts.impact.markdown}` : '';
  const head = header(opts.headSha, opts.workflow) + title;
  const budget = limit - head.length - foot.length - dry.length - impact.length;
  const body = reportBody(report, { fixFirst: opts.fixFirst ?? 5, limit: budget, sayWhereMore: 'see the check run', across: graph.length ? graphFindingsReport(graph) : undefined });
  return (head + body + impact + dry + foot).slice(0, limit);
}

/** The dry run of a configuration the PR proposes; never affects the check's conclusion. */
export function dryRunSection(dry: DryRun, limit = 16_000): string {
  const intro =
    '\n<details open><summary><b>Dry run of the proposed <code>.github/spec-review.yml</code></b></summary>\n\n' +
    '> [!NOTE]\n> This pull request changes the Spec Review configuration. The check above uses the configuration of the base branch; ' +
    'this section shows what the proposed file would report. It does **not** affect the check result.\n\n';
  const end = '\n</details>\n';
  if (dry.kind === 'invalid') {
    return `${intro}The proposed configuration is invalid and would stop every review:\n\n${code(dry.message)}\n${end}`;
  }
  const s = dry.report.summary;
  const notes = (dry.notes ?? []).map((n) => `> [!NOTE]\n> ${escapeInline(n)}.\n\n`).join('');
  const verdict = `${notes}With it, this pull request would **${dry.failed ? 'fail' : 'pass'}**: ${plural(s.files, 'spec file')}, ${countsLine(s)}.\n\n`;
  const body = reportBody(dry.report, { fixFirst: 3, limit: Math.max(0, limit - intro.length - verdict.length - end.length), sayWhereMore: 'not shown' });
  return intro + verdict + body + end;
}

/**
 * The compact comment of a clean review: one line and each spec's score, so the author always sees
 * the completeness score (the point of the comment), without the findings sections.
 */
export function compactComment(report: ReviewReport, opts: { headSha: string; checkRunUrl?: string; workflow?: string; limit?: number; impact?: Pick<ImpactView, 'markdown'> }): string {
  const limit = opts.limit ?? MAX_COMMENT;
  const impact = opts.impact?.markdown ? `\n${opts.impact.markdown}` : '';
  const link = opts.checkRunUrl ? ` ([check run](${opts.checkRunUrl}))` : '';
  const files = report.files.length;
  const what = files === 0 ? 'no problems (no changed spec file to review)' : `${files === 1 ? 'the spec file passes' : `all ${plural(files, 'spec file')} pass`} with no problems`;
  const head = `${header(opts.headSha, opts.workflow)}✅ **Spec Review**: ${what}${link}.\n\n`;
  const rows = [...report.files]
    .sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || (a.path < b.path ? -1 : 1))
    .map((f) => `| ${code(f.path, { inTable: true })} | ${f.type ? code(f.type, { inTable: true }) : '—'} | \`${scoreBar(f.score)}\` |\n`);
  if (!rows.length) return `${head.trimEnd()}\n${impact}`.slice(0, limit);
  return fitParts(`${head}| File | Type | Score |\n|---|---|---|\n`, rows, (n) => (n > 0 ? `\n_…and ${plural(n, 'more file')}: see the check run._\n` : ''), limit - impact.length) + impact;
}

/** What an existing comment becomes when a later push no longer changes any spec file. */
export function noSpecsComment(opts: { headSha: string; checkRunUrl?: string; workflow?: string }): string {
  const link = opts.checkRunUrl ? ` ([check run](${opts.checkRunUrl}))` : '';
  return `${header(opts.headSha, opts.workflow)}✅ **Spec Review**: this pull request no longer changes any spec file${link}.\n`;
}

/**
 * GitHub Actions workflow commands, one per finding, so findings show as annotations on the run and
 * the diff:  ::error file=PATH,line=L,endLine=E,col=C,title=RULE::MESSAGE
 * Paths must be relative to the repository root (the workspace), which is what the CLI passes here.
 */
import type { ReviewReport, Severity } from '../engine/types.js';
import { oneLine, plainText, problemsLine, sortFindings } from './format-common.js';

/** Escaping of a command's message (GitHub's `escapeData`). */
export function escapeCommandData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command property value (GitHub's `escapeProperty`): also `:` and `,`. */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', notice: 'notice' };

export interface GithubCommandOptions {
  /** Files scoring under this get an error annotation too (they fail the run). 0 = off. */
  minScore?: number;
}

export function formatGithubCommands(report: ReviewReport, options: GithubCommandOptions = {}): string {
  const lines: string[] = [];
  const minScore = options.minScore ?? 0;
  for (const file of report.files) {
    if (minScore > 0 && file.score !== null && file.score < minScore) {
      lines.push(
        `::error file=${escapeCommandProperty(file.path)},line=1,title=min-score::` +
          escapeCommandData(`Completeness score ${file.score} is under the minimum ${minScore}.`),
      );
    }
    for (const f of sortFindings(file.findings)) {
      const props: string[] = [`file=${escapeCommandProperty(file.path)}`, `line=${f.line}`];
      if (f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
      if (f.column !== undefined) props.push(`col=${f.column}`);
      props.push(`title=${escapeCommandProperty(f.rule)}`);
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeCommandData(plainText(f.message))}`); // annotations are plain text
    }
  }
  // A plain log line (not a command) so the job log also says what was found.
  const s = report.summary;
  const total = s.errors + s.warnings + s.notices;
  lines.push(`spec-review: ${s.files} file${s.files === 1 ? '' : 's'} checked, ${total ? oneLine(problemsLine(s)) : 'no problems'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Per-file limits that keep a hosted review's cost linear in the bytes of a pull request, with a small
 * constant, whatever the files hold. Pure (used on the main thread and in the review workers).
 *
 * - Findings: at most FINDINGS_PER_RULE of one rule in one file; the rest become one finding that says
 *   how many were left out (20,000 `TODO` lines give 101 findings, not 20,000 annotations).
 * - Mermaid: the engine's fast path vouches for most diagrams at almost no cost; the rest go to
 *   mermaid's own parser (~10 ms each). At most MERMAID_PER_FILE of those are parsed per file; the
 *   others are reported as not checked.
 * - `describeCost`: what makes a file expensive, for the message of a review stopped over budget.
 */
import { severityRank, type FileResult, type Finding } from '../engine/types.js';

export const FINDINGS_PER_RULE = 100;
export const MERMAID_PER_FILE = 100;
/** The rule id of the findings these limits add. */
export const LIMIT_RULE = 'review-limit';

type MermaidChecker<P> = (source: string) => Promise<P[]>;


/** Keep the first `perRule` findings of each rule (in line order); one summary finding per cut rule. */
export function limitFindings(result: FileResult, perRule = FINDINGS_PER_RULE): FileResult {
  const counts = new Map<string, number>();
  for (const f of result.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  if ([...counts.values()].every((n) => n <= perRule)) return result;
  const kept: Finding[] = [];
  const seen = new Map<string, number>();
  const cut = new Map<string, { count: number; line: number; severity: Finding['severity'] }>();
  for (const f of result.findings) {
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    if (n <= perRule) {
      kept.push(f);
      continue;
    }
    const c = cut.get(f.rule);
    if (!c) cut.set(f.rule, { count: 1, line: f.line, severity: f.severity });
    else {
      c.count++;
      if (severityRank(f.severity) < severityRank(c.severity)) c.severity = f.severity;
    }
  }
  for (const [rule, c] of cut) {
    kept.push({
      rule,
      severity: c.severity,
      message: `${c.count.toLocaleString('en-US')} more "${rule}" findings in this file from line ${c.line} on are not listed (at most ${perRule} of one rule per file); run \`spec-review validate\` to see them all.`,
      line: c.line,
    });
  }
  kept.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { ...result, findings: kept };
}

/**
 * A mermaid checker that parses at most `perFile` diagrams between two `nextFile()` calls; the
 * diagrams past the limit are not checked, and `skipped()` says how many.
 */
export function budgetedMermaid<P>(check: MermaidChecker<P>, perFile = MERMAID_PER_FILE): { check: MermaidChecker<P>; nextFile(): void; skipped(): number } {
  let used = 0;
  let skipped = 0;
  return {
    check: async (source) => {
      if (used >= perFile) {
        skipped++;
        return [];
      }
      used++;
      return check(source);
    },
    nextFile() {
      used = 0;
      skipped = 0;
    },
    skipped: () => skipped,
  };
}

/** The notice for diagrams left unchecked by `budgetedMermaid`. */
export function mermaidSkippedFinding(skipped: number, perFile = MERMAID_PER_FILE): Finding {
  return {
    rule: LIMIT_RULE,
    severity: 'notice',
    message: `${skipped.toLocaleString('en-US')} mermaid diagrams in this file were not checked: the hosted review parses at most ${perFile} diagrams per file with mermaid's full parser. Split the file, or run \`spec-review validate\` locally to check them all.`,
    line: 1,
  };
}

/** `300 KB, 2,500 mermaid diagrams`: what makes a file expensive to review, from a cheap scan. */
export function describeCost(content: string | Uint8Array): string {
  const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content.subarray(0, 8 * 1024 * 1024));
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content).byteLength : content.byteLength;
  const parts = [bytes >= 1024 ? `${Math.round(bytes / 1024).toLocaleString('en-US')} KB` : `${bytes} bytes`];
  let lines = 1;
  let fences = 0;
  let mermaid = 0;
  for (const m of text.matchAll(/\n|^[ \t]{0,3}(?:```|~~~)[ \t]*([A-Za-z-]*)/gm)) {
    if (m[0] === '\n') lines++;
    else {
      fences++;
      if (m[1]?.toLowerCase() === 'mermaid') mermaid++;
    }
  }
  const many = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  parts.push(many(lines, 'line'));
  if (mermaid > 0) parts.push(many(mermaid, 'mermaid diagram'));
  else if (fences > 1) parts.push(many(Math.floor(fences / 2), 'code block'));
  return parts.join(', ');
}

/**
 * The expected-findings format shared by the fixture runner (test/fixtures/checks/<case>/bad.expected)
 * and the corpus (test/fixtures/corpus/expected/<spec>.expected): one finding a line,
 * `LINE[:COL] RULE [MESSAGE-SUBSTRING]`; `#` starts a comment.
 */
import type { Finding } from '../../src/engine/index.js';

export interface Expected {
  line: number;
  column?: number;
  rule: string;
  message?: string;
  /** Line in the .expected file, for error messages. */
  at: number;
}

export function parseExpected(text: string, fail: (at: number, message: string) => never): Expected[] {
  const out: Expected[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const m = /^(\d+)(?::(\d+))?\s+(\S+)(?:\s+(.+))?$/.exec(line);
    if (!m) fail(i + 1, `expected "LINE[:COL] RULE [MESSAGE-SUBSTRING]", got "${raw}"`);
    out.push({ line: Number(m[1]), column: m[2] ? Number(m[2]) : undefined, rule: m[3], message: m[4]?.trim(), at: i + 1 });
  });
  return out;
}

export const where = (f: { line: number; column?: number }, withColumn: boolean) => (withColumn && f.column ? `${f.line}:${f.column}` : `${f.line}`);

/**
 * Actual findings rendered against the expectations: a finding that satisfies an expectation is printed
 * exactly as that expectation, any other in full (`LINE:COL RULE message`), so a failure reads as a diff.
 */
export function render(actual: Finding[], expected: Expected[]): { actual: string[]; expected: string[] } {
  const text = (x: Expected) => `${x.column ? `${x.line}:${x.column}` : x.line} ${x.rule}${x.message ? ` ${x.message}` : ''}`;
  const used = new Set<Finding>();
  const shown: string[] = [];
  for (const x of expected) {
    const hit = actual.find(
      (f) => !used.has(f) && f.line === x.line && f.rule === x.rule && (x.column === undefined || f.column === x.column) && (!x.message || f.message.includes(x.message)),
    );
    if (hit) {
      used.add(hit);
      shown.push(text(x));
    }
  }
  for (const f of actual) if (!used.has(f)) shown.push(`${where(f, true)} ${f.rule} ${f.message}`);
  const order = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);
  return { actual: shown.sort(order), expected: expected.map(text).sort(order) };
}

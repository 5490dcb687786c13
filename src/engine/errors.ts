/**
 * An error a user can act on: bad configuration, a malformed rule file, a bad scaffold argument.
 * Always carries a stable code and, when known, the file and 1-based line/column it is about.
 */
/** One problem of an error about a file: what and where. */
export interface Problem {
  message: string;
  line?: number;
  column?: number;
}

/** An error a user can act on (a SpecReviewError, also one made by another copy of the engine), recognised by shape. */
export interface UserFacingError {
  code: string;
  message: string;
  file?: string;
  line?: number;
  format(): string;
}

export function isUserFacingError(err: unknown): err is UserFacingError {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && typeof (err as { format?: unknown }).format === 'function';
}

export class SpecReviewError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Every problem found (the first is the error's own message and place); a config can have several. */
  readonly problems: readonly Problem[];

  constructor(code: string, message: string, where: { file?: string; line?: number; column?: number; more?: readonly Problem[] } = {}) {
    super(message);
    this.name = 'SpecReviewError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.problems = [{ message, line: where.line, column: where.column }, ...(where.more ?? [])];
  }

  /** Throws one error carrying every problem (the first one leads); does nothing when there are none. */
  static throwAll(code: string, file: string | undefined, problems: readonly Problem[]): void {
    if (!problems.length) return;
    const [first, ...more] = problems;
    throw new SpecReviewError(code, first.message, { file, line: first.line, column: first.column, more });
  }

  /** `file:line:col: message (code)`, one line per problem — the form printed by the CLI and shown in check runs. */
  format(): string {
    return this.problems
      .map((p) => {
        let where = this.file ?? '';
        if (this.file && p.line) where += `:${p.line}`;
        if (this.file && p.line && p.column) where += `:${p.column}`;
        return `${where ? `${where}: ` : ''}${p.message} (${this.code})`;
      })
      .join('\n');
  }
}

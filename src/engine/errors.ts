/**
 * An error a user can act on: bad configuration, a malformed rule file, a bad scaffold argument.
 * Always carries a stable code and, when known, the file and 1-based line/column it is about.
 */
export class SpecReviewError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(code: string, message: string, where: { file?: string; line?: number; column?: number } = {}) {
    super(message);
    this.name = 'SpecReviewError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  /** `file:line:col: message (code)` — the form printed by the CLI and shown in check runs. */
  format(): string {
    let where = this.file ?? '';
    if (this.file && this.line) where += `:${this.line}`;
    if (this.file && this.line && this.column) where += `:${this.column}`;
    return `${where ? `${where}: ` : ''}${this.message} (${this.code})`;
  }
}

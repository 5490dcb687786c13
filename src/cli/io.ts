/** What the CLI needs from its surroundings, injectable so tests run it in-process. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** A terminal's width (Node sets it on a TTY stream). */
  columns?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  /** Absolute working directory; paths are resolved against it and reported relative to it. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Clock for scaffold's date (tests pin it). */
  now?: () => Date;
}

/**
 * A problem with how the CLI was called or configured: printed as one line, exit code 2, followed by
 * a line pointing at --help unless `hint: false` (the message already says what to do).
 */
export class UsageError extends Error {
  readonly hint: boolean;
  constructor(message: string, opts: { hint?: boolean } = {}) {
    super(message);
    this.name = 'UsageError';
    this.hint = opts.hint ?? true;
  }
}

/** What the CLI needs from its surroundings, injectable so tests run it in-process. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
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

/** A problem with how the CLI was called or configured: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

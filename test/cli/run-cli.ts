import { run, type CliIO } from '../../src/cli/main.js';

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured output. */
export async function cli(
  argv: string[],
  opts: { cwd: string; env?: Record<string, string | undefined>; tty?: boolean; columns?: number; now?: Date },
): Promise<CliOutput> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: opts.columns },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: opts.cwd,
    env: opts.env ?? {},
    now: opts.now ? () => opts.now! : undefined,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}


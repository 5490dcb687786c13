/**
 * Command-line parsing with node:util parseArgs. Produces a validated command or throws UsageError.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

export const COMMANDS = ['validate', 'completeness', 'scaffold', 'types'] as const;
export type CommandName = (typeof COMMANDS)[number];
export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['error', 'warning', 'notice', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Formats each command accepts. */
const COMMAND_FORMATS: Record<CommandName, readonly Format[]> = {
  validate: FORMATS,
  completeness: FORMATS,
  scaffold: ['text', 'json'],
  types: ['text', 'json'],
};

export interface ParsedArgs {
  command?: CommandName;
  positionals: string[];
  help: boolean;
  version: boolean;
  format: Format;
  config?: string;
  type?: string;
  minScore?: number;
  failOn?: FailOn;
  quiet: boolean;
  color?: boolean;
  title?: string;
  dryRun: boolean;
  jobs?: number;
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  type: { type: 'string', short: 't' },
  'min-score': { type: 'string' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  title: { type: 'string' },
  'dry-run': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Options that only make sense for some commands. */
const ONLY_FOR: Partial<Record<keyof typeof OPTIONS, CommandName[]>> = {
  title: ['scaffold'],
  'dry-run': ['scaffold'],
  type: ['validate', 'completeness'],
  'min-score': ['validate', 'completeness'],
  'fail-on': ['validate', 'completeness'],
  jobs: ['validate', 'completeness'],
};

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Invalid value "${value}" for ${option}: expected ${allowed.join(', ')}.`);
}

function integer(value: string, option: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`Invalid value "${value}" for ${option}: expected a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // parseArgs' messages are already user-facing ("Unknown option '--x'...").
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: CommandName | undefined;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new UsageError(`Unknown command "${first}": expected one of ${COMMANDS.join(', ')}.`);
    }
    command = first as CommandName;
  }
  if (command) {
    for (const [option, commands] of Object.entries(ONLY_FOR)) {
      if (values[option as keyof typeof values] !== undefined && !commands!.includes(command)) {
        throw new UsageError(`Option --${option} does not apply to "${command}" (only to ${commands!.join(', ')}).`);
      }
    }
  }
  const format = values.format === undefined ? 'text' : oneOf(values.format, FORMATS, '--format');
  if (command && !COMMAND_FORMATS[command].includes(format)) {
    throw new UsageError(`"${command}" does not support --format ${format} (use ${COMMAND_FORMATS[command].join(' or ')}).`);
  }
  if (values.color && values['no-color']) throw new UsageError('Use either --color or --no-color, not both.');
  return {
    command,
    positionals: rest,
    help: values.help ?? false,
    version: values.version ?? false,
    format,
    config: values.config,
    type: values.type,
    minScore: values['min-score'] === undefined ? undefined : integer(values['min-score'], '--min-score', 0, 100),
    failOn: values['fail-on'] === undefined ? undefined : oneOf(values['fail-on'], FAIL_ON, '--fail-on'),
    quiet: values.quiet ?? false,
    color: values['no-color'] ? false : values.color ? true : undefined,
    title: values.title,
    dryRun: values['dry-run'] ?? false,
    jobs: values.jobs === undefined ? undefined : integer(values.jobs, '--jobs', 1, 256),
  };
}

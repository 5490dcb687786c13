/**
 * Command-line parsing with node:util parseArgs. Produces a validated command or throws UsageError.
 */
import { parseArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
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

/** What each option with a value takes, for "needs a value" messages. */
const VALUE_HINT: Record<string, string> = {
  format: FORMATS.join('|'),
  config: '<path>',
  type: '<name>',
  'min-score': '<0-100>',
  'fail-on': FAIL_ON.join('|'),
  title: '<text>',
  jobs: '<n>',
};

/** What the user most likely meant: the only candidate `word` begins, else a close spelling. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const starting = candidates.filter((c) => c.startsWith(word));
  if (word.length >= 2 && starting.length === 1) return starting[0];
  const best = closest(word, [...candidates]);
  return distance(word, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Unknown options, missing values and values given to switches, as one clean line each (parseArgs'
 * own messages are long and name Node's syntax); throws the first problem found.
 */
function checkOptions(argv: readonly string[], helpCommand: string): void {
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = OPTIONS[token.name as keyof typeof OPTIONS] as { type: 'string' | 'boolean' } | undefined;
    if (!option) {
      const near = token.rawName.startsWith('--') ? didYouMean(token.name, Object.keys(OPTIONS)) : undefined;
      const advice = near ? `Did you mean --${near}?` : `Run "${helpCommand}" for the options.`;
      throw new UsageError(`Unknown option ${token.rawName}. ${advice}`, { hint: false });
    }
    const long = `--${token.name}`;
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`Option ${long} needs a value: ${long} ${VALUE_HINT[token.name] ?? '<value>'}.`);
    }
    if (option.type === 'boolean' && token.inlineValue) {
      throw new UsageError(`Option ${long} takes no value (got "${token.value}").`);
    }
  }
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const named = (COMMANDS as readonly string[]).find((c) => c === argv[0]);
  checkOptions(argv, named ? `spec-review ${named} --help` : 'spec-review --help');
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    // checkOptions has refused what parseArgs refuses; this is a safety net, first line only.
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  let command: CommandName | undefined;
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      const near = didYouMean(first, COMMANDS);
      const advice = near ? ` Did you mean "${near}"?` : '';
      throw new UsageError(`Unknown command "${first}": expected one of ${COMMANDS.join(', ')}.${advice}`);
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

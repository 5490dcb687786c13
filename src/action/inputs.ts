/**
 * The Action's inputs (action.yml), read from the environment the way the runner passes them:
 * `INPUT_<NAME>` with the name upper-cased and spaces turned into `_` (hyphens stay), values trimmed —
 * what `@actions/core`'s getInput does, without the dependency.
 */
import { posix } from 'node:path';

export const FAIL_LEVELS = ['error', 'warning', 'notice', 'never'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];

/** The default of the `config` input, also the App's fixed config path. */
import { CONFIG_PATH as DEFAULT_CONFIG_PATH } from '../engine/config-path.js';

export { DEFAULT_CONFIG_PATH };

export interface ActionInputs {
  token: string;
  /** Repository-relative path of the config file (read from the base branch). */
  configPath: string;
  /** Overrides `fail_on` of the config when set. */
  failLevel?: FailLevel;
  /** Overrides `min_score` of the config when set. */
  minScore?: number;
}

/** A wrong input: the message names the input and what it accepts. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export type Env = Record<string, string | undefined>;

/** `core.getInput(name)`: '' when unset. */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function parseFailLevel(value: string): FailLevel | undefined {
  if (value === '') return undefined;
  const v = value.toLowerCase();
  if ((FAIL_LEVELS as readonly string[]).includes(v)) return v as FailLevel;
  throw new InputError(`input "fail-level" is "${value}"; expected one of ${FAIL_LEVELS.join(', ')} (or empty to use fail_on from the config)`);
}

function parseMinScore(value: string): number | undefined {
  if (value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 100) {
    throw new InputError(`input "min-score" is "${value}"; expected a whole number from 0 to 100 (or empty to use min_score from the config)`);
  }
  return Number(value);
}

function parseConfigPath(value: string): string {
  if (value === '') return DEFAULT_CONFIG_PATH;
  const p = value.replace(/\\/g, '/').replace(/^\.\//, '');
  const normal = posix.normalize(p);
  if (posix.isAbsolute(p) || normal === '..' || normal.startsWith('../') || normal.endsWith('/') || normal === '.') {
    throw new InputError(`input "config" is "${value}"; expected a file path relative to the repository root, like ${DEFAULT_CONFIG_PATH}`);
  }
  return normal;
}

/** All inputs, validated. The token falls back to the GITHUB_TOKEN environment variable. */
export function readInputs(env: Env): ActionInputs {
  const token = getInput(env, 'github-token') || (env.GITHUB_TOKEN ?? '').trim();
  if (!token) {
    throw new InputError('no token: set the "github-token" input (default: ${{ github.token }}) or the GITHUB_TOKEN environment variable');
  }
  return {
    token,
    configPath: parseConfigPath(getInput(env, 'config')),
    failLevel: parseFailLevel(getInput(env, 'fail-level')),
    minScore: parseMinScore(getInput(env, 'min-score')),
  };
}

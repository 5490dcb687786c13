/**
 * Repository configuration: `.github/spec-review.yml`. Validated against `configSchema`
 * (published as `schemas/config.schema.json` for editors); every problem names file:line.
 */
import type { SeveritySetting } from './types.js';
import { SpecReviewError } from './errors.js';
import { compileGlob } from './glob.js';
import { loadYamlData, yamlLineOf } from './yaml-data.js';
import { DEFAULT_MAX_FILE_SIZE } from './decode.js';
import { DEFAULT_STALE_AFTER_DAYS } from './graph/staleness.js';

import { CONFIG_PATH } from './config-path.js';

export { CONFIG_PATH };

export type FailOn = 'error' | 'warning' | 'notice' | 'never';

export interface Config {
  /** Extra globs that are specs of a type (the built-in folders always count). */
  specs: { path: string; type: string }[];
  /** Severity overrides by rule id; `off` disables the rule. */
  rules: Record<string, SeveritySetting>;
  /** Repository paths of extra rule files (same schema as rules/*.yml); a type with a built-in name replaces it. */
  types: string[];
  /** Files scoring under this fail the run (0 = off). */
  min_score: number;
  /** The lowest severity that fails the run. */
  fail_on: FailOn;
  /** Files larger than this (bytes) are not reviewed; they get a finding. */
  max_file_size: number;
  /** Globs never treated as specs. */
  ignore: string[];
  /**
   * App only: the summary comment when everything is clean. `compact` (default): each spec's score in
   * a short comment; `keep`: the full comment; `delete`: no comment. `shrink` is the old name of `compact`.
   */
  comment: { on_clean: 'compact' | 'shrink' | 'keep' | 'delete' };
  /** A spec whose Last Updated is older than this many days, pointing at a changed spec, gets a "may need review" notice (0 = never). */
  stale_after_days: number;
}

export const DEFAULT_CONFIG: Config = Object.freeze({
  specs: [],
  rules: {},
  types: [],
  min_score: 0,
  fail_on: 'error',
  max_file_size: DEFAULT_MAX_FILE_SIZE,
  ignore: ['**/README.md', '**/readme.md', '**/_*.md'],
  comment: { on_clean: 'compact' },
  stale_after_days: DEFAULT_STALE_AFTER_DAYS,
}) as Config;

const ruleId = '^[a-z0-9-]+(/[a-z0-9-]+)?$';

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://spec-review.dev/schemas/config.schema.json',
  title: 'Spec Review repository configuration (.github/spec-review.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    _extends: { type: 'string', description: 'Probot: inherit from another repository\'s config, e.g. "my-org/.github".' },
    specs: {
      type: 'array',
      description: 'Extra globs whose Markdown files are specs of a type.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'type'],
        properties: {
          path: { type: 'string', minLength: 1, description: 'Glob relative to the repository root, e.g. "design/**/*.md".' },
          type: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Spec type name.' },
        },
      },
    },
    rules: {
      type: 'object',
      description: 'Severity per rule id: error, warning, notice or off.',
      propertyNames: { pattern: ruleId },
      additionalProperties: { enum: ['error', 'warning', 'notice', 'off'] },
    },
    types: {
      type: 'array',
      description: 'Extra rule files (same schema as rules/*.yml), relative to the repository root.',
      items: { type: 'string', pattern: '\\.ya?ml$' },
    },
    min_score: { type: 'integer', minimum: 0, maximum: 100, description: 'Files scoring under this fail the run.' },
    fail_on: { enum: ['error', 'warning', 'notice', 'never'], description: 'Lowest severity that fails the run.' },
    max_file_size: { type: 'integer', minimum: 1, maximum: 104857600, description: 'Bytes; larger files are not reviewed.' },
    ignore: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs never treated as specs.' },
    comment: {
      type: 'object',
      additionalProperties: false,
      properties: {
        on_clean: {
          enum: ['compact', 'keep', 'delete', 'shrink'],
          description: 'When everything is clean: compact (each spec\'s score, the default), keep (the full comment) or delete (no comment); shrink is the old name of compact.',
        },
      },
    },
    stale_after_days: {
      type: 'integer',
      minimum: 0,
      maximum: 36500,
      description: 'A spec whose Last Updated is older than this many days and that references a changed spec gets a "may need review" notice; the report marks it stale (0 = never).',
    },
  },
} as const;

type RawConfig = Partial<Config> & { _extends?: string; $schema?: string };

/** Merge a validated raw config over the defaults. */
export function resolveConfig(raw: RawConfig | null | undefined): Config {
  const r = raw ?? {};
  return {
    specs: r.specs ?? [],
    rules: { ...(r.rules ?? {}) },
    types: r.types ?? [],
    min_score: r.min_score ?? DEFAULT_CONFIG.min_score,
    fail_on: r.fail_on ?? DEFAULT_CONFIG.fail_on,
    max_file_size: r.max_file_size ?? DEFAULT_CONFIG.max_file_size,
    ignore: r.ignore ?? [...DEFAULT_CONFIG.ignore],
    comment: { on_clean: r.comment?.on_clean ?? DEFAULT_CONFIG.comment.on_clean },
    stale_after_days: r.stale_after_days ?? DEFAULT_CONFIG.stale_after_days,
  };
}

/** Every glob must compile to a linear-time matcher (see glob.ts); a bad one names its key and line. */
function checkGlobs(raw: RawConfig, text: string, file: string): void {
  const globs: [string, (string | number)[]][] = [
    ...(raw.specs ?? []).map((s, i): [string, (string | number)[]] => [s.path, ['specs', i, 'path']]),
    ...(raw.ignore ?? []).map((g, i): [string, (string | number)[]] => [g, ['ignore', i]]),
  ];
  for (const [glob, path] of globs) {
    try {
      compileGlob(glob);
    } catch (e) {
      const key = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1);
      throw new SpecReviewError('config-invalid', `${key} "${glob}": ${(e as Error).message}.`, { file, line: yamlLineOf(text, path) });
    }
  }
}

/** Parse and validate `.github/spec-review.yml`. Throws SpecReviewError('config-invalid') naming file:line. */
export function parseConfig(text: string, file = CONFIG_PATH): Config {
  const raw = loadYamlData<RawConfig>(text, file, configSchema, 'config-invalid', {});
  checkGlobs(raw, text, file);
  return resolveConfig(raw);
}

/** Validate an already-parsed config object (e.g. from Probot's context.config, after _extends). */
export function validateConfigObject(data: unknown, file = CONFIG_PATH): Config {
  // Round-trip through YAML text so problems still carry a (best-effort) line.
  return parseConfig(data === null || data === undefined ? '' : JSON.stringify(data, null, 2), file);
}

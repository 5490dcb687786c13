/**
 * The Octokit the Action runs the app with: the app's own (bounded rate-limit retries,
 * src/github/octokit.ts) plus two request hooks.
 *
 * 1. Refused writes are recorded. A workflow token for a pull request from a fork is read-only, so
 *    creating the check run or the comment answers 403 "Resource not accessible by integration". The
 *    app's handlers log and give up; the Action sees the record and degrades to workflow-command
 *    annotations (src/action/read-only.ts) instead of failing the job for a reason that is not the
 *    specs'.
 * 2. The `config` input: reads of `.github/spec-review.yml` (the app's fixed path) are sent to the
 *    configured path instead. The app reads config only through this Octokit, so this is the whole
 *    change; once createApp takes a `configPath` option (see docs/action.md, "Wiring") this hook finds
 *    nothing to rewrite and can go.
 */
import { ProbotOctokit } from 'probot';
import { createAppOctokit, DEFAULT_RATE_LIMIT_POLICY, type RateLimitPolicy } from '../github/octokit.js';
import { DEFAULT_CONFIG_PATH } from './inputs.js';

export interface RefusedWrite {
  method: string;
  route: string;
  status: number;
  message: string;
}

/** What the hooks saw during one run. */
export class RequestRecord {
  readonly refused: RefusedWrite[] = [];
}

const CONTENTS_ROUTE = '/repos/{owner}/{repo}/contents/{path}';

/** GitHub's answer to a write the token has no permission for (fork PRs, a too narrow `permissions:`). */
export function isPermissionRefusal(err: unknown): boolean {
  const e = err as { status?: unknown; message?: unknown; response?: { data?: { message?: unknown } } } | null;
  if (!e || e.status !== 403) return false;
  const message = String(e.response?.data?.message ?? e.message ?? '');
  return /Resource not accessible by/i.test(message);
}

interface EndpointOptions {
  method?: string;
  url?: string;
  path?: unknown;
  [key: string]: unknown;
}

export interface ActionOctokitOptions {
  record: RequestRecord;
  /** The `config` input; reads of the default path go here. */
  configPath?: string;
  policy?: RateLimitPolicy;
  /** Base class (tests pass one with retries off). */
  Base?: typeof ProbotOctokit;
}

export function createActionOctokit(opts: ActionOctokitOptions): typeof ProbotOctokit {
  const Base = createAppOctokit(opts.policy ?? DEFAULT_RATE_LIMIT_POLICY, opts.Base ?? ProbotOctokit);
  const configPath = opts.configPath ?? DEFAULT_CONFIG_PATH;
  return Base.plugin((octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const o = options as unknown as EndpointOptions;
      const method = (o.method ?? 'GET').toUpperCase();
      if (configPath !== DEFAULT_CONFIG_PATH && method === 'GET' && o.url === CONTENTS_ROUTE && o.path === DEFAULT_CONFIG_PATH) {
        o.path = configPath;
      }
      try {
        return await request(options);
      } catch (err) {
        // A GraphQL query is a read (POST /graphql): its refusal says nothing about write permissions.
        if (method !== 'GET' && o.url !== '/graphql' && isPermissionRefusal(err)) {
          const e = err as { status: number; message?: string; response?: { data?: { message?: string } } };
          opts.record.refused.push({ method, route: o.url ?? '', status: e.status, message: e.response?.data?.message ?? e.message ?? '' });
        }
        throw err;
      }
    });
  }) as unknown as typeof ProbotOctokit;
}

/**
 * The Octokit class the app runs with: Probot's, plus rate-limit handling that retries a bounded number
 * of times. Probot's own handler for secondary rate limits (abuse detection) only logs and gives up;
 * ours waits and retries both primary and secondary limits up to `maxRetries` times, as long as the
 * wait GitHub asks for is at most `maxWaitSeconds` (a review should fail visibly, "could not complete",
 * rather than sit for an hour waiting for a quota reset). Server errors (5xx) are retried by Probot's
 * retry plugin (3 times by default).
 *
 * The function form of `defaults` runs after Probot's own defaults, so these handlers replace Probot's
 * while keeping its Redis connection (REDIS_URL) for clustered throttling. (Probot 14.3's own handlers
 * return `true` for both limits: they retry without bound, which can keep a review, and its
 * check run, waiting for an hour.)
 *
 * Every request also gets a timeout (`requestTimeoutMs`, default 30 s): a hung connection becomes
 * a 500-class error that the retry plugin retries, then a "could not complete" run. And every answer
 * is counted in `spec_review_github_requests_total` (src/github/metrics.ts).
 */
import { ProbotOctokit } from 'probot';
import { defaultMetrics, type Metrics } from './metrics.js';

export interface RateLimitPolicy {
  /** Retries per request after a rate-limit answer. */
  maxRetries: number;
  /** Longest wait (seconds) worth retrying after. */
  maxWaitSeconds: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 3, maxWaitSeconds: 120 };

/** Longest a single GitHub request may take (connect to last byte) before it is aborted and retried. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface OctokitExtras {
  /** Per-request timeout; 0 turns it off. */
  requestTimeoutMs?: number;
  /** Where GitHub answers are counted. */
  metrics?: Metrics;
}

type Fetch = typeof globalThis.fetch;

/**
 * The `fetch` of every GitHub request: a per-request deadline (combined with the caller's own
 * signal, a review's abort) and one count per attempt on `metrics`. The base fetch is looked up at
 * call time, so test interceptors installed later still apply.
 */
const INSTRUMENTED = Symbol('spec-review.instrumentedFetch');

export function instrumentedFetch(opts: { timeoutMs: number; metrics?: Metrics; base?: Fetch }): Fetch {
  // Octokit instances derived from another (an installation's, from the app's) inherit its request
  // options: wrapping the same fetch again would count every answer twice.
  if (opts.base && (opts.base as Fetch & { [INSTRUMENTED]?: true })[INSTRUMENTED]) return opts.base;
  const fetch: Fetch = async (input, init = {}) => {
    let signal = init.signal ?? undefined;
    if (opts.timeoutMs > 0) {
      const deadline = AbortSignal.timeout(opts.timeoutMs);
      signal = signal ? AbortSignal.any([signal, deadline]) : deadline;
    }
    try {
      const res = await (opts.base ?? globalThis.fetch)(input, { ...init, ...(signal ? { signal } : {}) });
      opts.metrics?.githubAnswer(res.status);
      return res;
    } catch (err) {
      opts.metrics?.githubAnswer(undefined); // no answer: timeout, abort, network error
      throw err;
    }
  };
  return Object.assign(fetch, { [INSTRUMENTED]: true as const });
}

interface RequestOptionsLike {
  method?: string;
  url?: string;
}
interface OctokitLike {
  log: { warn(msg: string): void; info(msg: string): void };
}

/** The decision shared by primary and secondary limits; exported for tests. */
export function rateLimitHandler(kind: 'primary' | 'secondary', policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY) {
  return (retryAfter: number, options: RequestOptionsLike, octokit: OctokitLike, retryCount = 0): boolean => {
    const what = `${options.method ?? 'GET'} ${options.url ?? ''}`;
    if (retryCount < policy.maxRetries && retryAfter <= policy.maxWaitSeconds) {
      octokit.log.warn(`${kind} rate limit on "${what}": retry ${retryCount + 1}/${policy.maxRetries} in ${retryAfter}s`);
      return true;
    }
    octokit.log.warn(`${kind} rate limit on "${what}": giving up after ${retryCount} retries (GitHub asks to wait ${retryAfter}s)`);
    return false;
  };
}

type OctokitOptions = { throttle?: Record<string, unknown>; [key: string]: unknown };

/**
 * Probot's Octokit with bounded rate-limit retries, a request timeout and request metrics. Pass to
 * `run(app, { Octokit })` or `new Probot({ Octokit })`.
 */
export function createAppOctokit(
  policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY,
  Base: typeof ProbotOctokit = ProbotOctokit,
  extras: OctokitExtras = {},
): typeof ProbotOctokit {
  const timeoutMs = extras.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const metrics = extras.metrics ?? defaultMetrics;
  return Base.defaults((instanceOptions: OctokitOptions = {}) => ({
    ...instanceOptions,
    request: {
      ...(instanceOptions.request as object | undefined),
      fetch: instrumentedFetch({ timeoutMs, metrics, base: (instanceOptions.request as { fetch?: Fetch } | undefined)?.fetch }),
    },
    throttle: {
      ...instanceOptions.throttle,
      onRateLimit: rateLimitHandler('primary', policy),
      onSecondaryRateLimit: rateLimitHandler('secondary', policy),
    },
  })) as typeof ProbotOctokit;
}

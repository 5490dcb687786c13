/**
 * The Octokit class the app runs with: Probot's, plus rate-limit handling that retries a bounded number
 * of times. Probot's own handler for secondary rate limits (abuse detection) only logs and gives up;
 * ours waits and retries both primary and secondary limits up to `maxRetries` times, as long as the
 * wait GitHub asks for is at most `maxWaitSeconds` (a review should fail visibly, "could not complete",
 * rather than sit for an hour waiting for a quota reset). Server errors (5xx) are retried by Probot's
 * retry plugin (3 times by default).
 *
 * The function form of `defaults` runs after Probot's own defaults, so these handlers replace Probot's
 * while keeping its Redis connection (REDIS_URL) for clustered throttling.
 */
import { ProbotOctokit } from 'probot';

export interface RateLimitPolicy {
  /** Retries per request after a rate-limit answer. */
  maxRetries: number;
  /** Longest wait (seconds) worth retrying after. */
  maxWaitSeconds: number;
}

export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = { maxRetries: 3, maxWaitSeconds: 120 };

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

/** Probot's Octokit with bounded rate-limit retries. Pass to `run(app, { Octokit })` or `new Probot({ Octokit })`. */
export function createAppOctokit(policy: RateLimitPolicy = DEFAULT_RATE_LIMIT_POLICY, Base: typeof ProbotOctokit = ProbotOctokit): typeof ProbotOctokit {
  return Base.defaults((instanceOptions: OctokitOptions = {}) => ({
    ...instanceOptions,
    throttle: {
      ...instanceOptions.throttle,
      onRateLimit: rateLimitHandler('primary', policy),
      onSecondaryRateLimit: rateLimitHandler('secondary', policy),
    },
  })) as typeof ProbotOctokit;
}

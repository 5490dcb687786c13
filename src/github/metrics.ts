/**
 * Prometheus metrics of the app (prom-client), served on `GET /metrics` by the server (index.ts).
 * Names follow docs/specs/component/cmp-002-github-app.md. Each `Metrics` owns its registry, so tests
 * (and several apps in one process) never share counters; the server uses `defaultMetrics`.
 *
 * GitHub calls are counted at the `fetch` the app's Octokit uses (src/github/octokit.ts), so every
 * attempt is seen, including the ones the retry/throttling plugins retry: an alert on 5xx or 403/429
 * rates sees the real pressure, not just what survived the retries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withGraphCounts } from '../report/check-run.js';
import type { ReviewOutcome } from './review.js';

/** Why something failed, for `spec_review_failures_total{kind}`. */
export type FailureKind =
  | 'github' // GitHub kept failing after retries: the run completed as "could not complete"
  | 'config' // the repository's config was refused
  | 'timeout' // the watchdog completed a run that took too long
  | 'budget' // a review went over its time or memory budget (its worker was terminated)
  | 'interrupted' // the server shut down while the review ran
  | 'abandoned' // with Redis: the queue gave up on a review whose process kept dying; its run completed as "could not complete"
  | 'startup' // the review failed before a check run existed (engine load, check-run create)
  | 'handler' // a webhook handler threw (the server kept serving)
  | 'signature' // a delivery with a bad signature was refused
  | 'oversize' // a delivery over 25 MB was refused unread
  | 'unhandled'; // an unhandled promise rejection (logged, the server kept serving)

export class Metrics {
  readonly registry = new Registry();
  readonly reviews = new Counter({
    name: 'spec_review_reviews_total',
    help: 'Reviews finished, by kind (reviewed, no-specs, config-error, could-not-complete, superseded) and conclusion',
    labelNames: ['kind', 'conclusion'] as const,
    registers: [this.registry],
  });
  readonly findings = new Counter({
    name: 'spec_review_findings_total',
    help: 'Findings reported on check runs, by severity',
    labelNames: ['severity'] as const,
    registers: [this.registry],
  });
  readonly failures = new Counter({
    name: 'spec_review_failures_total',
    help: 'Failures, by kind (github, config, timeout, budget, interrupted, startup, handler, signature, oversize, unhandled)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly githubRequests = new Counter({
    name: 'spec_review_github_requests_total',
    help: 'GitHub REST answers (each attempt, retries included), by status class (2xx, 3xx, 4xx, 5xx, 403, 429, error)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'spec_review_review_duration_seconds',
    help: 'Time from the event to the completed check run',
    buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });
  readonly ignored = new Counter({
    name: 'spec_review_webhooks_ignored_total',
    help: 'Deliveries skipped: redeliveries and duplicate triggers of one push',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly inFlight = new Gauge({
    name: 'spec_review_reviews_in_flight',
    help: 'Reviews running now (holding an installation slot)',
    registers: [this.registry],
  });
  readonly queued = new Gauge({
    name: 'spec_review_reviews_queued',
    help: 'Reviews waiting for a slot of their installation',
    registers: [this.registry],
  });

  /** Adds Node's process metrics (CPU, memory, event-loop lag) to this registry; the server calls it once. */
  withProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry });
    return this;
  }

  /** Record a finished review. */
  reviewed(outcome: Pick<ReviewOutcome, 'kind' | 'conclusion' | 'report' | 'stopped' | 'budget' | 'impact'>, seconds: number): void {
    this.reviews.inc({ kind: outcome.kind, conclusion: outcome.conclusion });
    this.duration.observe(seconds);
    // The graph's findings are on the check run too (annotations), so they count as findings reported.
    const s = outcome.report ? withGraphCounts(outcome.report.summary, outcome.impact?.findings) : undefined;
    if (s) {
      if (s.errors) this.findings.inc({ severity: 'error' }, s.errors);
      if (s.warnings) this.findings.inc({ severity: 'warning' }, s.warnings);
      if (s.notices) this.findings.inc({ severity: 'notice' }, s.notices);
    }
    const failure = outcome.stopped ?? (outcome.budget ? 'budget' : FAILURE_OF_KIND[outcome.kind]);
    if (failure) this.failures.inc({ kind: failure });
  }

  /** Count one GitHub answer by its HTTP status (undefined: no answer, e.g. a timeout or network error). */
  githubAnswer(status: number | undefined): void {
    this.githubRequests.inc({ status: statusClass(status) });
  }

  /** `GET /metrics` as a Node request handler for Probot's server (`addHandler`): true when it answered. */
  handler(path = '/metrics'): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
    return async (req, res) => {
      const url = req.url?.split('?')[0];
      if (url !== path || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      const body = await this.registry.metrics();
      res.writeHead(200, { 'content-type': this.registry.contentType });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    };
  }
}

const FAILURE_OF_KIND: Partial<Record<string, FailureKind>> = {
  'could-not-complete': 'github',
  'config-error': 'config',
};

/** 403 and 429 kept apart from other 4xx: they are GitHub's rate limits. */
export function statusClass(status: number | undefined): string {
  if (status === undefined || !Number.isFinite(status) || status < 100) return 'error';
  if (status === 403 || status === 429) return String(status);
  return `${Math.floor(status / 100)}xx`;
}

/** The metrics of the running server. */
export const defaultMetrics = new Metrics();

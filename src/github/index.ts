/**
 * Entry point of the GitHub App: `node dist/github/index.js [all|web|worker]` (`npm start` runs
 * `all`; `npm run start:web` / `npm run start:worker` split them, which needs REDIS_URL).
 *
 * - `web`: the HTTP server (src/github/server.ts): verifies, filters, deduplicates and enqueues
 *   webhook deliveries, serves GET /ping and GET /metrics. No review work.
 * - `worker`: runs queued jobs (processor.ts): reviews in worker threads, comments, commands.
 * - `all` (default): both in one process. Without REDIS_URL the queue is in process (embedded);
 *   with it, BullMQ on Redis, shared by every replica.
 *
 * Environment (Probot's names): APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST,
 * WEBHOOK_PATH, LOG_LEVEL, LOG_FORMAT, GHE_HOST / GHE_PROTOCOL, REDIS_URL, WEBHOOK_PROXY_URL. Without
 * APP_ID and a key it serves Probot's app-registration flow (app.yml).
 *
 * Process policy: an error in a webhook handler is answered 500 and logged; an unhandled promise
 * rejection is logged and counted, and the server keeps serving; an uncaught exception (a bug that
 * may have left the process in an unknown state) is logged, running reviews are completed as
 * "interrupted", and the process exits 1 for the orchestrator to restart it. SIGTERM and SIGINT stop
 * the same way, exit 0.
 */
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { createProbot, run, type ApplicationFunction } from 'probot';
import { createApp } from './app.js';
import { createLogger, loggerSettingsFromEnv } from './logger.js';
import { defaultMetrics, type Metrics } from './metrics.js';
import { createAppOctokit } from './octokit.js';
import { DEFAULT_WEBHOOK_PATH, pingHandler, startServer, webhookReceiver } from './server.js';
import { WorkerPool, defaultWorkerScript } from './worker-pool.js';

/** The app plus `GET /metrics` on Probot's server (the registration flow's server). */
export function withMetricsEndpoint(appFn: ApplicationFunction, metrics: Metrics = defaultMetrics): ApplicationFunction {
  return async (probot, options) => {
    options?.addHandler?.(metrics.handler('/metrics'));
    return appFn(probot, options);
  };
}

export type Role = 'all' | 'web' | 'worker';

/** Tuning from the environment (all optional; defaults in docs/app.md, "Deploy"). */
export interface Tuning {
  perInstallationConcurrency?: number;
  reviewTimeoutMs?: number;
  budgetMs?: number;
  /** Review worker threads (default: cores − 1, at least 1). */
  workers?: number;
  quickMs?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Specs not seen before read for the spec graph per review (impact.ts; default 500). */
  graphReads?: number;
  redisPrefix?: string;
}

export function tuningFromEnv(env: NodeJS.ProcessEnv): Tuning {
  const n = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    const x = Number(v);
    if (!Number.isInteger(x) || x < 0) throw new Error(`${name} is "${v}": expected a whole number`);
    return x;
  };
  return {
    perInstallationConcurrency: n('SPEC_REVIEW_INSTALLATION_CONCURRENCY'),
    reviewTimeoutMs: n('SPEC_REVIEW_TIMEOUT_MS'),
    budgetMs: n('SPEC_REVIEW_BUDGET_MS'),
    workers: n('SPEC_REVIEW_WORKERS'),
    quickMs: n('SPEC_REVIEW_QUICK_MS'),
    lockDurationMs: n('SPEC_REVIEW_JOB_LOCK_MS'),
    stalledIntervalMs: n('SPEC_REVIEW_STALLED_INTERVAL_MS'),
    graphReads: n('SPEC_REVIEW_GRAPH_READS'),
    redisPrefix: env.SPEC_REVIEW_REDIS_PREFIX || undefined,
  };
}

/**
 * Where the embedded queue journals review jobs (queue/journal.ts): SPEC_REVIEW_STATE_DIR, else a
 * folder per app id in the system's temporary directory (kept across restarts of the same machine or
 * container; mount a volume there to keep it across new containers); `off` journals nothing.
 */
export function journalDir(env: NodeJS.ProcessEnv): string | undefined {
  const set = env.SPEC_REVIEW_STATE_DIR;
  if (set === 'off') return undefined;
  if (set) return resolve(set);
  return join(tmpdir(), `spec-review-${(env.APP_ID || 'app').replace(/[^A-Za-z0-9-]/g, '_')}`, 'journal');
}

export function parseRole(arg: string | undefined): Role {
  const role = (arg ?? 'all').toLowerCase();
  if (role === 'all' || role === 'web' || role === 'worker') return role;
  throw new Error(`unknown role "${arg}": expected all, web or worker`);
}

export interface ProcessGuards {
  onUnhandledRejection(reason: unknown): void;
  onUncaughtException(err: unknown): Promise<void>;
  onSignal(signal: string): Promise<void>;
}

/**
 * The process policy, as functions (tests call them; `installProcessGuards` wires them to `process`).
 * `stop` completes the running reviews and closes the server; `exit` ends the process.
 */
export function processGuards(log: Logger, stop: () => Promise<void>, exit: (code: number) => void, metrics: Metrics = defaultMetrics): ProcessGuards {
  let stopping = false;
  async function stopOnce(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    try {
      await stop();
    } catch (err) {
      log.error({ err }, 'error while stopping');
    }
    exit(code);
  }
  return {
    onUnhandledRejection(reason) {
      metrics.failures.inc({ kind: 'unhandled' });
      log.error({ err: reason }, 'unhandled promise rejection (the server keeps serving)');
    },
    async onUncaughtException(err) {
      metrics.failures.inc({ kind: 'unhandled' });
      log.fatal({ err }, 'uncaught exception: completing running reviews and exiting for a restart');
      await stopOnce(1);
    },
    async onSignal(signal) {
      log.info(`${signal}: completing running reviews and stopping`);
      await stopOnce(0);
    },
  };
}

export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const role = parseRole(argv[0] ?? env.SPEC_REVIEW_ROLE);
  const log = await createLogger(loggerSettingsFromEnv(env));
  defaultMetrics.withProcessMetrics();
  const Octokit = createAppOctokit();
  if (!env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    // First start: Probot's registration flow (writes APP_ID, PRIVATE_KEY, WEBHOOK_SECRET to .env).
    await run(withMetricsEndpoint(createApp()), { Octokit, log });
    return;
  }
  if (role !== 'all' && !env.REDIS_URL) throw new Error(`the "${role}" role needs REDIS_URL: web and worker processes share their jobs through Redis`);
  if (!env.WEBHOOK_SECRET && role !== 'worker') throw new Error('WEBHOOK_SECRET is not set: webhook deliveries could not be verified');

  const tuning = tuningFromEnv(env);
  const probot = createProbot({ env, overrides: { Octokit, log } });
  // With REDIS_URL: BullMQ on Redis, shared by every replica (Probot's throttling uses it too).
  const redis = env.REDIS_URL
    ? (await import('./queue/redis.js')).redisQueueFor({ url: env.REDIS_URL, role, log, prefix: tuning.redisPrefix, lockDurationMs: tuning.lockDurationMs, stalledIntervalMs: tuning.stalledIntervalMs })
    : undefined;
  const runner = role === 'web' ? undefined : defaultWorkerScript() ? new WorkerPool({ budgetMs: tuning.budgetMs, size: tuning.workers || undefined }) : undefined;
  const app = createApp({
    appId: Number(env.APP_ID),
    queue: redis?.queue,
    runner,
    perInstallationConcurrency: tuning.perInstallationConcurrency,
    reviewTimeoutMs: tuning.reviewTimeoutMs,
    quickMs: tuning.quickMs,
    ...(tuning.graphReads !== undefined ? { impactLimits: { graphReads: tuning.graphReads } } : {}),
    inlineComments: env.SPEC_REVIEW_INLINE_COMMENTS === '1',
    ...(redis ? {} : { journalDir: journalDir(env) }),
  });
  await probot.load(app);

  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  if (role !== 'worker') {
    const path = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
    server = await startServer([webhookReceiver({ probot, secret: env.WEBHOOK_SECRET!, log, metrics: defaultMetrics, path }), pingHandler, defaultMetrics.handler('/metrics')], {
      host: env.HOST,
      port: Number(env.PORT || 3000),
      log,
    });
    log.info(`spec-review ${role}: listening on port ${server.port} (webhooks on ${path})`);
  } else {
    // A worker serves /ping and /metrics only (health checks, scraping).
    server = await startServer([pingHandler, defaultMetrics.handler('/metrics')], { host: env.HOST, port: Number(env.PORT || 3000), log });
    log.info(`spec-review worker: jobs from Redis; /ping and /metrics on port ${server.port}`);
  }
  redis?.start();

  const guards = processGuards(
    log,
    async () => {
      await server?.stop();
      await app.shutdown();
      await runner?.close();
    },
    (code) => process.exit(code),
  );
  process.on('unhandledRejection', guards.onUnhandledRejection);
  process.on('uncaughtException', (err) => void guards.onUncaughtException(err));
  process.on('SIGINT', () => void guards.onSignal('SIGINT'));
  process.on('SIGTERM', () => void guards.onSignal('SIGTERM'));
}

// Run only as the entry point (tests import the helpers above).
function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((err: unknown) => {
    // Start-up errors (missing APP_ID in production, port in use...) are one-line messages from Probot.
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}

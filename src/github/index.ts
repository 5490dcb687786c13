/**
 * Entry point of the GitHub App server: `node dist/github/index.js` (what `npm start` runs).
 * Probot's `run` reads APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL,
 * LOG_FORMAT, GHE_HOST / GHE_PROTOCOL (GitHub Enterprise Server), REDIS_URL (clustered throttling)
 * and WEBHOOK_PROXY_URL; without APP_ID and a key it serves the app-registration flow (app.yml).
 * It serves GET /ping (health check), GET /metrics (Prometheus) and the webhook path (default
 * /api/github/webhooks).
 *
 * Process policy: an error in a webhook handler is answered 500 and logged (Probot); an unhandled
 * promise rejection is logged and counted, and the server keeps serving; an uncaught exception
 * (a bug that may have left the process in an unknown state) is logged, running reviews are
 * completed as "interrupted", and the process exits 1 for the orchestrator to restart it. SIGTERM
 * and SIGINT stop the server the same way, exit 0.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { run, type ApplicationFunction } from 'probot';
import app from './app.js';
import { createLogger, loggerSettingsFromEnv } from './logger.js';
import { defaultMetrics, type Metrics } from './metrics.js';
import { createAppOctokit } from './octokit.js';

/** The app plus `GET /metrics` on Probot's server (Probot 14 adds routes through `addHandler`). */
export function withMetricsEndpoint(appFn: ApplicationFunction, metrics: Metrics = defaultMetrics): ApplicationFunction {
  return async (probot, options) => {
    options?.addHandler?.(metrics.handler('/metrics'));
    return appFn(probot, options);
  };
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

export async function main(): Promise<void> {
  const log = await createLogger(loggerSettingsFromEnv());
  defaultMetrics.withProcessMetrics();
  const server = await run(withMetricsEndpoint(app), { Octokit: createAppOctokit(), log });
  const guards = processGuards(
    log,
    async () => {
      await app.shutdown();
      await server.stop();
    },
    (code) => process.exit(code),
  );
  process.on('unhandledRejection', guards.onUnhandledRejection);
  process.on('uncaughtException', (err) => void guards.onUncaughtException(err));
  // Probot registers its own SIGINT handler (stop, exit); ours runs first and exits once.
  process.prependListener('SIGINT', () => void guards.onSignal('SIGINT'));
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

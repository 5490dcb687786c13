/**
 * Entry point of the GitHub App server: `node dist/github/index.js` (what `npm start` runs).
 * Probot's `run` reads APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL,
 * LOG_FORMAT, GHE_HOST / GHE_PROTOCOL (GitHub Enterprise Server), REDIS_URL (clustered throttling)
 * and WEBHOOK_PROXY_URL; without APP_ID and a key it serves the app-registration flow (app.yml).
 * It also serves GET /ping (health check) and the webhook path (default /api/github/webhooks).
 */
import { run } from 'probot';
import app from './app.js';
import { createAppOctokit } from './octokit.js';

export async function main(): Promise<void> {
  await run(app, { Octokit: createAppOctokit() });
}

main().catch((err: unknown) => {
  // Start-up errors (missing APP_ID in production, port in use...) are one-line messages from Probot.
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

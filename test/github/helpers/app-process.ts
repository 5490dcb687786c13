/**
 * The app as `npm start` runs it (`node dist/github/index.js`), a real process pointed at the local
 * GitHub stub (GHE_HOST), for the end-to-end tests: started, awaited until `/ping` answers, and sent
 * signed webhook deliveries.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface AppProcess {
  child: ChildProcess;
  base: string;
  stubPort: number;
  output: string[];
  secret: string;
}

/** Start one app process (role `all`) against the stub's `stubPort`; `env` adds or overrides settings. */
export async function startAppProcess(options: { stubPort: number; privateKey: string; secret: string; env?: Record<string, string> }): Promise<AppProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [path.join(root, 'dist/github/index.js'), 'all'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      APP_ID: '1',
      PRIVATE_KEY: options.privateKey,
      WEBHOOK_SECRET: options.secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: `127.0.0.1:${options.stubPort}`,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: process.env.E2E_DUMP ? 'debug' : 'warn',
      LOG_FORMAT: 'json',
      SPEC_REVIEW_QUICK_MS: '0', // every run is created in progress at once: a stopped review leaves one behind
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}): ${output.join('')}`);
    if (await fetch(`${base}/ping`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base, stubPort: options.stubPort, output, secret: options.secret };
}

/** POST a signed `pull_request` delivery to the app. */
export function deliverPull(app: AppProcess, payload: unknown, deliveryId: string): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${app.base}/api/github/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': deliveryId, 'x-hub-signature-256': `sha256=${createHmac('sha256', app.secret).update(body).digest('hex')}` },
    body,
  });
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

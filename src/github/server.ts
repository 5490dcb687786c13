/**
 * The app's HTTP server: the webhook path, `GET /ping` (health check) and `GET /metrics`
 * (Prometheus). The webhook receiver is ours rather than @octokit/webhooks' middleware because that one
 * buffers a body of any size before it looks at the signature, and logs a refused delivery with its
 * whole payload. Here:
 *
 * - a body over `maxBytes` (GitHub never sends more than 25 MB: larger events are dropped by GitHub)
 *   is refused with 413 before it is read — from its Content-Length, or as soon as a chunked body
 *   passes the limit — and the connection is closed;
 * - the HMAC-SHA256 signature (`X-Hub-Signature-256`) is computed while the body streams in, compared
 *   in constant time, and a mismatch is answered 400 and logged with the delivery id, the event name
 *   and the size only: nothing of an unverified payload ever reaches a log;
 * - a verified delivery goes to Probot's router (`probot.receive`), whose handlers only enqueue
 *   (app.ts), and is answered 200 at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Probot } from 'probot';
import type { Metrics } from './metrics.js';
import type { Logger } from './review.js';

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

export interface WebhookReceiverOptions {
  probot: Pick<Probot, 'receive'>;
  secret: string;
  log: Logger;
  metrics: Metrics;
  path?: string;
  maxBytes?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

function reply(res: ServerResponse, status: number, body: string, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': status === 200 ? 'text/plain' : 'application/json', ...(close ? { connection: 'close' } : {}) });
  res.end(status === 200 ? body : JSON.stringify({ error: body }));
}

/** Refuse a body that is too large and stop reading it: the connection closes once the answer is out. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, maxBytes: number): void {
  req.removeAllListeners('data');
  req.pause();
  if (!res.headersSent) {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    // Once the answer is written, the socket goes: Node would otherwise read (and discard) the rest of
    // the body to keep the connection alive.
    res.end(JSON.stringify({ error: `payload larger than ${maxBytes} bytes` }), () => req.socket.destroy());
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A short, printable form of a header an attacker controls (for logs). */
function printable(value: string | undefined): string {
  return (value ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}

export function webhookReceiver(opts: WebhookReceiverOptions): Handler {
  const path = opts.path ?? DEFAULT_WEBHOOK_PATH;
  const maxBytes = opts.maxBytes ?? MAX_WEBHOOK_BYTES;
  return async (req, res) => {
    const url = (req.url ?? '').split('?')[0].replace(/\/+$/, '') || '/';
    if (url !== path.replace(/\/+$/, '')) return false;
    if (req.method !== 'POST') {
      reply(res, 404, `Unknown route: ${printable(req.method)} ${path}`);
      return true;
    }
    if (!/^\s*application\/json\s*(?:;|$)/i.test(header(req, 'content-type') ?? '')) {
      reply(res, 415, 'Unsupported "Content-Type" header value. Must be "application/json"');
      return true;
    }
    const id = header(req, 'x-github-delivery');
    const name = header(req, 'x-github-event');
    const signature = header(req, 'x-hub-signature-256');
    if (!id || !name || !signature) {
      reply(res, 400, 'Required headers missing: x-github-event, x-hub-signature-256, x-github-delivery');
      return true;
    }
    const declared = Number(header(req, 'content-length'));
    const where = { deliveryId: printable(id), event: printable(name) };
    if (Number.isFinite(declared) && declared > maxBytes) {
      opts.metrics.failures.inc({ kind: 'oversize' });
      opts.log.warn({ ...where, bytes: declared }, 'webhook refused: larger than GitHub ever sends (25 MB); not read');
      refuseTooLarge(req, res, maxBytes);
      return true;
    }

    const hmac = createHmac('sha256', opts.secret);
    const chunks: Buffer[] = [];
    let size = 0;
    const complete = await new Promise<boolean>((resolve) => {
      req.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > maxBytes) {
          opts.metrics.failures.inc({ kind: 'oversize' });
          opts.log.warn({ ...where, bytes: size }, 'webhook refused: larger than GitHub ever sends (25 MB); reading stopped');
          refuseTooLarge(req, res, maxBytes);
          resolve(false);
          return;
        }
        hmac.update(chunk);
        chunks.push(chunk);
      });
      req.on('end', () => resolve(true));
      req.on('error', () => resolve(false));
      req.on('close', () => resolve(false));
    });
    if (!complete) {
      if (!res.headersSent) reply(res, 400, 'the request body was not received', true);
      return true;
    }

    const expected = Buffer.from(`sha256=${hmac.digest('hex')}`);
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      opts.metrics.failures.inc({ kind: 'signature' });
      opts.log.warn({ ...where, bytes: size }, 'webhook refused: the signature does not match (check WEBHOOK_SECRET); the payload was not read');
      reply(res, 400, 'signature does not match event payload and secret');
      return true;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
    } catch {
      reply(res, 400, 'Invalid JSON');
      return true;
    }
    try {
      await opts.probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
    } catch (err) {
      // A handler threw (counted by app.ts's onError); the server keeps serving.
      opts.log.error({ err, ...where }, 'webhook handler failed');
      reply(res, 500, 'the webhook handler failed');
      return true;
    }
    reply(res, 200, 'ok\n');
    return true;
  };
}

/** `GET /ping`: the health check (Docker HEALTHCHECK, load balancers). */
export const pingHandler: Handler = (req, res) => {
  if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/ping') return false;
  res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
  return true;
};

export interface AppServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/** Serve `handlers` in order (404 for the rest) on host:port (0: a free port). */
export async function startServer(handlers: Handler[], opts: { host?: string; port?: number; log: Logger }): Promise<AppServer> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        for (const h of handlers) if (await h(req, res)) return;
        if (!res.headersSent) res.writeHead(404).end();
      } catch (err) {
        opts.log.error({ err }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      }
    })();
  });
  // A client that trickles its body cannot hold a connection (and its buffer) for long.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 3000, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 3000);
  return {
    server,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/**
 * The app's pino logger: Probot's format (pretty, or JSON with LOG_FORMAT=json), plus redaction so the
 * private key, installation tokens, JWTs and the webhook secret never reach a log line.
 *
 * Two layers:
 * 1. pino `redact` paths for the places secrets live in structured fields (Octokit request options and
 *    errors: `err.request.headers.authorization`, `auth.privateKey`, `token`, ...);
 * 2. a scrubber for strings (messages, error messages and stacks, any string field of an error) that
 *    replaces PEM private keys, GitHub tokens (`ghs_...`, `ghp_...`, `github_pat_...`), JWTs, the
 *    value after `token `/`bearer ` and the exact secret values the server was started with.
 * @octokit/request-error already masks the Authorization header of its own errors; this covers every
 * other error and object that may carry one (a library error, a logged request options object).
 */
import type { Writable } from 'node:stream';
import { getTransformStream } from '@probot/pino';
import { pino, stdSerializers, type Logger, type LoggerOptions } from 'pino';

export const REDACTED = '[Redacted]';

/** Structured fields that hold secrets, up to three levels deep. */
export const REDACT_PATHS = [
  'privateKey', '*.privateKey', '*.*.privateKey',
  'PRIVATE_KEY', '*.PRIVATE_KEY', '*.*.PRIVATE_KEY',
  'secret', '*.secret', 'webhookSecret', '*.webhookSecret', 'clientSecret', '*.clientSecret',
  'token', '*.token', '*.*.token',
  'authorization', '*.authorization',
  'headers.authorization', '*.headers.authorization', '*.*.headers.authorization',
  'headers.Authorization', '*.headers.Authorization', '*.*.headers.Authorization',
  'req.headers.cookie',
];

const PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})\b/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
const SCHEME = /\b(token|bearer)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/** Replace every secret-looking substring of `text` (and the given exact secret values). */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8 && out.includes(s)) out = out.split(s).join(REDACTED);
  return out
    .replace(PEM, REDACTED)
    .replace(GITHUB_TOKEN, REDACTED)
    .replace(JWT, REDACTED)
    .replace(SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

function scrubDeep(value: unknown, secrets: readonly string[], depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubSecrets(value, secrets);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, secrets, depth + 1, seen);
  return out;
}

/**
 * pino options adding redaction to any logger (the server's and the tests'). `secrets` are exact
 * values to mask wherever they appear (PRIVATE_KEY, WEBHOOK_SECRET).
 */
export function redactionOptions(secrets: readonly string[] = []): Pick<LoggerOptions, 'redact' | 'serializers' | 'hooks' | 'formatters'> {
  const known = secrets.filter((s) => s.length >= 8);
  const errSerializer = (err: unknown) => scrubDeep(err instanceof Error ? stdSerializers.err(err) : err, known);
  return {
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errSerializer, error: errSerializer },
    formatters: {
      // String fields anywhere in the merge object (errors are left to their serializer above).
      log(obj) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) out[k] = v instanceof Error ? v : scrubDeep(v, known);
        return out;
      },
    },
    hooks: {
      logMethod(args, method) {
        // Messages and format arguments: `log.info("token %s", t)` or `log.error(err.message)`.
        const clean = args.map((a) => (typeof a === 'string' ? scrubSecrets(a, known) : a)) as typeof args;
        return method.apply(this, clean);
      },
    },
  };
}

export interface LoggerSettings {
  level?: string;
  /** `json` for log collectors; anything else is Probot's pretty format. */
  format?: string;
  levelInString?: boolean;
  messageKey?: string;
  /** Exact secret values to mask. */
  secrets?: readonly string[];
  /** Where lines go (tests); default stdout through Probot's formatter. */
  stream?: Writable;
}

/** The server's logger, configured from Probot's environment variables. */
export async function createLogger(settings: LoggerSettings = {}): Promise<Logger> {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    name: 'probot',
    messageKey: settings.messageKey ?? 'msg',
    ...redactionOptions(settings.secrets),
  };
  if (settings.stream) return pino(options, settings.stream);
  const transform = await getTransformStream({ logFormat: settings.format === 'json' ? 'json' : 'pretty', logLevelInString: settings.levelInString });
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  return pino(options, transform);
}

/** Settings from Probot's variables: LOG_LEVEL, LOG_FORMAT, LOG_LEVEL_IN_STRING, LOG_MESSAGE_KEY. */
export function loggerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LoggerSettings {
  return {
    level: env.LOG_LEVEL || 'info',
    format: env.LOG_FORMAT,
    levelInString: env.LOG_LEVEL_IN_STRING === 'true',
    messageKey: env.LOG_MESSAGE_KEY,
    secrets: [env.PRIVATE_KEY, env.WEBHOOK_SECRET].filter((s): s is string => typeof s === 'string' && s.length > 0),
  };
}

/**
 * The app's log in a workflow's job log: pino records written as readable lines. App warnings and
 * errors stay plain text (prefixed), not workflow commands: the Action itself decides what becomes an
 * annotation, so a handled condition (a read-only token) does not show up as a red error twice.
 * Debug records become `::debug::` lines, shown when the run has step debug logging on.
 */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { escapeCommandData } from '../report/github-commands.js';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'name', 'v']);

function details(record: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(record)) {
    if (SKIP.has(k) || v === undefined) continue;
    if (k === 'err' && v && typeof v === 'object') {
      const e = v as { message?: string; status?: number };
      parts.push(`err=${JSON.stringify(e.status ? `${e.status} ${e.message ?? ''}` : (e.message ?? ''))}`);
    } else {
      parts.push(`${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v)}`);
    }
  }
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** One pino JSON record as a job-log line, or null for records not to print. */
export function formatRecord(line: string, debug: boolean): string | null {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof record.level === 'number' ? record.level : 30;
  const text = `${String(record.msg ?? '')}${details(record)}`;
  if (level < 30) return debug ? `::debug::${escapeCommandData(text)}` : null;
  const name = LEVELS[level] ?? 'info';
  return name === 'info' ? `spec-review: ${text}` : `spec-review ${name}: ${text}`;
}

/** A pino logger writing to `write`; `debug` is on when the runner has debug logging (RUNNER_DEBUG=1). */
export function actionLogger(write: (text: string) => void, debug: boolean): Logger {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        const out = formatRecord(line, debug);
        if (out !== null) write(`${out}\n`);
      }
      cb();
    },
  });
  return pino({ level: debug ? 'debug' : 'info' }, stream);
}

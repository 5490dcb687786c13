/** Shared test wiring: a Probot with retry/throttle off, real example payloads, nock path helpers. */
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { createApp, type AppOptions, type SpecReviewApp } from '../../../src/github/app.js';
import type { ReviewOutcome } from '../../../src/github/review.js';
import type { CommentAction } from '../../../src/github/comments.js';
import { fakeEngine } from './fake-engine.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Record<string, unknown>[] }[];

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const PR = 2;
export const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const BASE_REF = 'master';
export const API = 'https://api.github.com';
export const R = `/repos/${OWNER}/${REPO}`;

/** A real payload from @octokit/webhooks-examples (deep copy, with an installation). */
export function examplePayload(event: string, action: string): Record<string, any> {
  const def = examples.find((e) => e.name === event);
  const found = def?.examples.filter((x) => x.action === action) ?? [];
  const withInstall = found.find((x) => x.installation) ?? found[0];
  if (!withInstall) throw new Error(`no example payload for ${event}.${action}`);
  const copy = JSON.parse(JSON.stringify(withInstall)) as Record<string, any>;
  copy.installation ??= { id: 1, node_id: 'x' };
  return copy;
}

export function prPayload(action = 'opened', headSha = HEAD): Record<string, any> {
  const p = examplePayload('pull_request', action);
  p.pull_request.head.sha = headSha;
  p.pull_request.state = 'open';
  return p;
}

/** `/repos/o/r/contents/<path>` as Octokit encodes it. */
export function contents(path: string, repo = R): string {
  return `${repo}/contents/${encodeURIComponent(path)}`;
}

export const RAW = { 'content-type': 'application/vnd.github.raw; charset=utf-8' };

/** The app id the harness runs as: comments it owns carry `performed_via_github_app: { id: APP_ID }`. */
export const APP_ID = 123;
/** A summary comment written by this app (or, with another id, by someone else). */
export function ownComment(id: number, body: string, appId = APP_ID): Record<string, unknown> {
  return { id, body, user: { login: 'spec-review[bot]', type: 'Bot' }, performed_via_github_app: { id: appId, slug: 'spec-review' } };
}

export interface Harness {
  probot: Probot;
  app: SpecReviewApp;
  outcomes: ReviewOutcome[];
  /** Summary comments written by the comment queue, in order. */
  comments: CommentAction[];
  logs: Record<string, unknown>[];
  receive(name: string, payload: Record<string, unknown>, id?: string): Promise<void>;
}

let delivery = 0;

export function memoryLogger(logs: Record<string, unknown>[]) {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      cb();
    },
  });
  return pino({ level: 'debug' }, stream);
}

/**
 * Retry and throttling off. The function form is needed: Probot passes its own `throttle` options to
 * the constructor, which would replace an object default wholesale (and turn throttling back on).
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, any> = {}) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...options.throttle, enabled: false },
})) as typeof ProbotOctokit;

export function harness(options: AppOptions = {}): Harness {
  const outcomes: ReviewOutcome[] = [];
  const comments: CommentAction[] = [];
  const logs: Record<string, unknown>[] = [];
  const app = createApp({ loadEngine: async () => fakeEngine, appId: APP_ID, onReviewed: (o) => outcomes.push(o), onComment: (a) => comments.push(a), ...options });
  const probot = new Probot({ githubToken: 'test-token', Octokit: TestOctokit, log: memoryLogger(logs) });
  void probot.load(app);
  return {
    probot,
    app,
    outcomes,
    comments,
    logs,
    async receive(name, payload, id = `delivery-${++delivery}`) {
      await probot.receive({ id, name, payload } as never);
      await app.idle();
    },
  };
}

export const INTERFACES_OK = '# Payment service\n\n## Interfaces\n\nREST.\n';

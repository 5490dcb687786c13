/**
 * The workflow's event, as the runner hands it over: the name in GITHUB_EVENT_NAME, the webhook payload
 * as JSON in the file GITHUB_EVENT_PATH. It is turned into the webhook Probot would have received.
 */
import { readFileSync } from 'node:fs';
import type { Env } from './inputs.js';
import { InputError } from './inputs.js';

export interface WorkflowEvent {
  /** Unique per run attempt (stands in for X-GitHub-Delivery). */
  id: string;
  /** The webhook event name the app routes on (`pull_request_target` is delivered as `pull_request`). */
  name: string;
  /** The name the workflow was triggered with. */
  workflowEventName: string;
  payload: Record<string, unknown>;
}

/**
 * `pull_request_target` carries a `pull_request` payload but runs in the base repository with a
 * write token, also for forks. The app never checks out or runs the PR's code (it reads files through
 * the API), so routing it as `pull_request` is safe; see docs/action.md.
 */
const ALIASES: Record<string, string> = { pull_request_target: 'pull_request' };

export function readEvent(env: Env): WorkflowEvent {
  const workflowEventName = (env.GITHUB_EVENT_NAME ?? '').trim();
  const path = (env.GITHUB_EVENT_PATH ?? '').trim();
  if (!workflowEventName || !path) {
    throw new InputError('GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: this entry point runs as a GitHub Action step');
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the event payload ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: the event payload is not valid JSON (${(err as Error).message})`);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new InputError(`${path}: the event payload is not a JSON object`);
  }
  const run = env.GITHUB_RUN_ID?.trim() || 'local';
  const attempt = env.GITHUB_RUN_ATTEMPT?.trim() || '1';
  return {
    id: `${run}-${attempt}`,
    name: ALIASES[workflowEventName] ?? workflowEventName,
    workflowEventName,
    payload: payload as Record<string, unknown>,
  };
}

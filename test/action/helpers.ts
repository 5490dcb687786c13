/** Wiring for the Action's tests: a workflow environment in a temp folder, real example payloads. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionIO } from '../../src/action/main.js';
import { examplePayload, HEAD } from '../github/helpers/setup.js';

const made: string[] = [];

export function cleanupDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A `pull_request` payload as Actions delivers it: the recorded example, no `installation`. */
export function workflowPullPayload(action = 'opened'): Record<string, any> {
  const p = examplePayload('pull_request', action);
  delete p.installation;
  p.pull_request.head.sha = HEAD;
  p.pull_request.state = 'open';
  return p;
}

/** The same pull request opened from a fork (what makes the workflow token read-only). */
export function forkPullPayload(): Record<string, any> {
  const p = workflowPullPayload();
  const head = p.pull_request.head;
  head.repo = { ...head.repo, name: 'Hello-World', full_name: 'forker/Hello-World', fork: true, owner: { ...head.repo.owner, login: 'forker' } };
  head.label = 'forker:changes';
  return p;
}

export interface WorkflowRun {
  io: ActionIO;
  /** Everything written to the job log. */
  log(): string;
  /** The step summary file's content. */
  summary(): string;
  dir: string;
}

/** The environment a runner gives an action step: event file, inputs, step summary. */
export function workflow(eventName: string, payload: Record<string, unknown>, inputs: Record<string, string> = {}): WorkflowRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'spec-review-action-'));
  made.push(dir);
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload));
  const summaryPath = path.join(dir, 'summary.md');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_STEP_SUMMARY: summaryPath,
    'INPUT_GITHUB-TOKEN': 'ghs_workflowtoken',
    INPUT_CONFIG: '.github/spec-review.yml',
    'INPUT_FAIL-LEVEL': '',
    'INPUT_MIN-SCORE': '',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  let out = '';
  return {
    dir,
    io: { env, write: (t) => (out += t) },
    log: () => out,
    summary: () => readFileSync(summaryPath, 'utf8'),
  };
}

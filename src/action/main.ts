/**
 * The GitHub Action: the app function (src/github/app.ts) run once on the workflow's event, with the
 * workflow's token — the same check run, annotations, summary comment and `/spec` commands as the
 * hosted App. This is the small equivalent of `@probot/adapter-github-actions` (whose published
 * version depends on Probot 13): the event comes from GITHUB_EVENT_NAME / GITHUB_EVENT_PATH, the token
 * from the `github-token` input (or GITHUB_TOKEN), then `new Probot({ githubToken })` and
 * `probot.receive({ id, name, payload })`. The app reviews in the background, so the Action waits for
 * `app.idle()` before it decides the exit code.
 *
 * Exit code: 0 when the review passes (or the event has nothing to review), 1 when it fails — the
 * same verdict as the check run — or when the Action cannot run (bad input, a review that could not
 * complete). When GitHub refuses the writes (fork pull requests get a read-only token), the review is
 * done read-only and reported as workflow commands (annotations), and the exit code still follows the
 * findings, never the refusal.
 */
import { appendFileSync } from 'node:fs';
import { Probot, type ProbotOctokit } from 'probot';
import type { ReviewReport } from '../engine/types.js';
import { createApp, type AppOptions } from '../github/app.js';
import type { CommandsOutcome } from '../github/commands/index.js';
import type { EnginePort } from '../github/engine-port.js';
import type { PullFacts, ReviewOutcome } from '../github/review.js';
import { reviewOutput, withGraphCounts } from '../report/check-run.js';
import { escapeCommandData, formatGithubCommands } from '../report/github-commands.js';
import { actionEnginePort, withOverrides } from './engine.js';
import { readEvent, type WorkflowEvent } from './event.js';
import { InputError, readInputs, type ActionInputs, type Env } from './inputs.js';
import { actionLogger } from './log.js';
import { createActionOctokit, RequestRecord, type RefusedWrite } from './octokit.js';
import { readOnlyReview, type ReadOnlyResult } from './read-only.js';

/** Events the app routes; any other trigger is a workflow mistake worth a warning. */
export const HANDLED_EVENTS = ['pull_request', 'issue_comment', 'check_suite', 'check_run'] as const;

export interface ActionIO {
  env: Env;
  /** The job log. */
  write(text: string): void;
}

export interface RunActionOptions {
  /** The engine (tests may pass a fake); defaults to the real engine with the built-in rules. */
  loadEngine?: () => Promise<EnginePort>;
  /** Octokit base class (tests turn retries off). */
  Octokit?: typeof ProbotOctokit;
}

/**
 * Options the Action passes to createApp. `configPath` is not read by the app yet: until it is, the
 * Action's Octokit hook redirects config reads (src/action/octokit.ts), so passing it is harmless.
 */
type ActionAppOptions = AppOptions & { configPath?: string };

/** The permission a refused write needs, for the message that tells the user what to add. */
export function permissionFor(write: RefusedWrite): string {
  if (write.route.includes('/check-runs')) return 'checks: write';
  if (write.route.includes('/reactions') || write.route.includes('/issues/')) return 'pull-requests: write (and issues: write)';
  if (write.route.includes('/contents/')) return 'contents: write';
  return 'a write permission';
}

/**
 * The workflow that runs this Action (`owner/repo/.github/workflows/spec.yml`, without the `@ref` that
 * changes per branch): every workflow of a repository comments as github-actions[bot], so this is
 * what tells this workflow's summary comment from another's.
 */
export function workflowIdentity(env: Env): string {
  const ref = env.GITHUB_WORKFLOW_REF?.trim();
  if (ref) return ref.replace(/@.*$/, '');
  return `${env.GITHUB_REPOSITORY ?? ''}:${env.GITHUB_WORKFLOW ?? 'spec-review'}`;
}

function command(kind: 'error' | 'warning' | 'notice', text: string): string {
  return `::${kind}::${escapeCommandData(text)}\n`;
}

function pullFacts(event: WorkflowEvent): PullFacts | undefined {
  if (event.name !== 'pull_request') return undefined;
  const p = event.payload as {
    repository?: { name?: string; owner?: { login?: string } };
    pull_request?: { number?: number; state?: string; head?: { sha?: string }; base?: { ref?: string } };
  };
  const pr = p.pull_request;
  if (!pr?.number || !pr.head?.sha || !pr.base?.ref || !p.repository?.name || !p.repository.owner?.login) return undefined;
  if (pr.state === 'closed') return undefined;
  return { owner: p.repository.owner.login, repo: p.repository.name, pullNumber: pr.number, headSha: pr.head.sha, baseRef: pr.base.ref };
}

function appendSummary(env: Env, markdown: string): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, `${markdown}\n`);
  } catch {
    // The step summary is a convenience; the annotations and the exit code carry the result.
  }
}

function reportFallback(io: ActionIO, result: ReadOnlyResult, refused: readonly RefusedWrite[]): number {
  const needs = [...new Set(refused.map(permissionFor))].join(', ');
  io.write(
    command(
      'warning',
      `Spec Review: the token may not write (${refused[0].status} ${refused[0].message} on ${refused[0].method} ${refused[0].route}), ` +
        `so there is no check run or comment; findings are reported as annotations instead. ` +
        `Pull requests from forks always get a read-only token; for other pull requests grant ${needs} in the workflow's permissions.`,
    ),
  );
  if (result.kind === 'config-error') {
    io.write(command('error', `Spec Review: ${result.message}`));
    appendSummary(io.env, `## Spec Review: configuration error\n\n${result.message}`);
    return 1;
  }
  if (result.kind === 'no-specs') {
    io.write('spec-review: no spec files changed\n');
    appendSummary(io.env, '## Spec Review\n\nNo spec files changed.');
    return 0;
  }
  const report: ReviewReport = result.report;
  io.write(formatGithubCommands(report, { minScore: result.minScore }));
  const output = reviewOutput(report, {
    failed: result.failed,
    failOn: result.failOn,
    minScore: result.minScore,
    configSource: result.configSource,
    indexTruncated: result.indexTruncated,
    filesTruncated: result.filesTruncated,
    removed: result.removed,
  });
  appendSummary(io.env, `## Spec Review: ${output.title}\n\n${output.summary}`);
  return result.failed ? 1 : 0;
}

function reportOutcome(io: ActionIO, outcome: ReviewOutcome): number {
  switch (outcome.kind) {
    case 'reviewed':
    case 'no-specs': {
      // The graph's findings (on specs the PR affects) count as the check run counts them.
      const s = outcome.report ? withGraphCounts(outcome.report.summary, outcome.impact?.findings) : undefined;
      const counts = s ? `: ${s.files} spec file(s), ${s.errors} error(s), ${s.warnings} warning(s), ${s.notices} notice(s)` : '';
      io.write(`spec-review: check run "Spec Review" completed with ${outcome.conclusion}${counts}\n`);
      if (outcome.conclusion === 'failure') io.write(command('error', `Spec Review failed${counts}. See the "Spec Review" check run for the findings.`));
      return outcome.conclusion === 'failure' ? 1 : 0;
    }
    case 'config-error':
      io.write(command('error', `Spec Review: ${outcome.error ?? 'the configuration was refused'}`));
      return 1;
    case 'could-not-complete':
      io.write(command('error', `Spec Review could not complete: ${outcome.error ?? 'unknown error'}`));
      return 1;
    case 'superseded':
      // A newer push of the pull request started its own run, which reports.
      io.write('spec-review: a newer push superseded this commit; its own run reports\n');
      return 0;
    default:
      io.write(`spec-review: review ended as ${String((outcome as { kind: unknown }).kind)} (${outcome.conclusion})\n`);
      return outcome.conclusion === 'failure' ? 1 : 0;
  }
}

function reportCommands(io: ActionIO, outcomes: readonly CommandsOutcome[], refused: readonly RefusedWrite[]): number {
  let code = 0;
  if (refused.length > 0) {
    const needs = [...new Set(refused.map(permissionFor))].join(', ');
    io.write(command('error', `Spec Review: GitHub refused a write (${refused[0].status} ${refused[0].message} on ${refused[0].method} ${refused[0].route}); grant ${needs} in the workflow's permissions.`));
    code = 1;
  }
  for (const o of outcomes) {
    const results = o.results.map((r) => `${r.command}: ${r.status}`).join(', ');
    io.write(`spec-review: /spec commands ${o.kind}${results ? ` (${results})` : ''}\n`);
    if (o.kind === 'could-not-complete') code = 1;
  }
  return code;
}

/** Run the Action once. Resolves to the exit code; never throws. */
export async function runAction(io: ActionIO, options: RunActionOptions = {}): Promise<number> {
  let inputs: ActionInputs;
  let event: WorkflowEvent;
  try {
    inputs = readInputs(io.env);
    event = readEvent(io.env);
  } catch (err) {
    if (err instanceof InputError) {
      io.write(command('error', `Spec Review: ${err.message}`));
      return 1;
    }
    throw err;
  }
  if (!(HANDLED_EVENTS as readonly string[]).includes(event.name)) {
    io.write(
      command('warning', `Spec Review: the "${event.workflowEventName}" event has nothing to review; run this action on pull_request (or pull_request_target) and issue_comment events.`),
    );
    return 0;
  }

  const debug = io.env.RUNNER_DEBUG === '1';
  const log = actionLogger(io.write, debug);
  const record = new RequestRecord();
  const Octokit = createActionOctokit({ record, configPath: inputs.configPath, Base: options.Octokit });
  let port: EnginePort;
  try {
    port = withOverrides(await (options.loadEngine ?? (async () => actionEnginePort()))(), { failLevel: inputs.failLevel, minScore: inputs.minScore }, inputs.configPath);
  } catch (err) {
    io.write(command('error', `Spec Review: the engine could not start: ${err instanceof Error ? err.message : String(err)}`));
    return 1;
  }

  const reviews: ReviewOutcome[] = [];
  const commands: CommandsOutcome[] = [];
  const appOptions: ActionAppOptions = {
    loadEngine: async () => port,
    identity: { kind: 'workflow', workflow: workflowIdentity(io.env) },
    workflow: workflowIdentity(io.env),
    onReviewed: (outcome) => reviews.push(outcome),
    onCommands: (outcome) => commands.push(outcome),
    configPath: inputs.configPath,
  };
  const app = createApp(appOptions);
  const probot = new Probot({ githubToken: inputs.token, Octokit, log, baseUrl: io.env.GITHUB_API_URL || undefined });

  try {
    await probot.load(app);
    await probot.receive({ id: event.id, name: event.name, payload: event.payload } as Parameters<Probot['receive']>[0]);
  } catch (err) {
    // Handlers catch their own errors; what reaches here is a payload Probot could not route.
    log.error({ err }, 'the event could not be handled');
  } finally {
    await app.idle();
  }

  const facts = pullFacts(event);
  const review = reviews[reviews.length - 1];
  if (facts && record.refused.length > 0 && (!review || review.kind === 'could-not-complete')) {
    try {
      // Probot's own client: the token, GITHUB_API_URL and the hooks above.
      // The engine's result when the review got that far (no second read); else the read-only review.
      const result: ReadOnlyResult =
        review?.report && review.facts
          ? { kind: 'reviewed', report: review.report, ...review.facts }
          : await readOnlyReview((await probot.auth()) as unknown as InstanceType<typeof ProbotOctokit>, port, facts);
      return reportFallback(io, result, record.refused);
    } catch (err) {
      io.write(command('error', `Spec Review could not complete the read-only review: ${err instanceof Error ? err.message : String(err)}`));
      return 1;
    }
  }

  let code = 0;
  if (event.name === 'issue_comment') code = Math.max(code, reportCommands(io, commands, record.refused));
  for (const outcome of reviews) code = Math.max(code, reportOutcome(io, outcome));
  if (event.name !== 'issue_comment' && record.refused.length > 0) {
    const needs = [...new Set(record.refused.map(permissionFor))].join(', ');
    io.write(command('warning', `Spec Review: GitHub refused ${record.refused.length} write(s) (${record.refused[0].message}); grant ${needs} in the workflow's permissions.`));
  }
  if (event.name === 'pull_request' && reviews.length === 0 && record.refused.length === 0) {
    // The pull request was reviewed by nobody: an action the app ignores (labeled, edited...) or a
    // review that failed before its check run existed (logged above).
    io.write(`spec-review: nothing reviewed for this "${String(event.payload.action ?? '')}" event\n`);
  }
  return code;
}

/**
 * The Action entry (src/action/main.ts) run in-process the way a runner starts it — inputs and the
 * event file in the environment — against recorded `pull_request` / `issue_comment` payloads from
 * @octokit/webhooks-examples and nock scopes that must all be used. The real engine and built-in rules.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { runAction } from '../../src/action/main.js';
import { API, BASE_REF, HEAD, OWNER, PR, R, RAW, TestOctokit, contents, examplePayload } from '../github/helpers/setup.js';
import { RepoFixture } from '../github/helpers/repo-fixture.js';
import { cleanupDirs, forkPullPayload, workflow, workflowPullPayload } from './helpers.js';

type Body = Record<string, any>;

afterEach(() => {
  nock.cleanAll();
  cleanupDirs();
});

const SPEC = 'docs/specs/component/cmp-001-payment-service.md';
const BAD_SPEC = '# Payment service\n\nTODO: write this\n';
const FORBIDDEN = { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' };
const opts = { Octokit: TestOctokit };

/** Reads one review makes before it writes anything: config (none at `path`), files, tree, the spec. */
function reads(scope: nock.Scope, config: { path?: string; text?: string } = {}) {
  const path = config.path ?? '.github/spec-review.yml';
  if (config.text === undefined) {
    scope
      .get(contents(path)).query({ ref: BASE_REF }).reply(404, { message: 'Not Found' })
      .get(contents(path, `/repos/${OWNER}/.github`)).reply(404, { message: 'Not Found' });
  } else {
    scope.get(contents(path)).query({ ref: BASE_REF }).reply(200, config.text, RAW);
  }
  return scope
    .get(`${R}/pulls/${PR}/files`).query({ per_page: 100, page: 1 })
    .reply(200, [{ filename: SPEC, status: 'added' }, { filename: 'README.md', status: 'modified' }])
    .get(`${R}/git/trees/${HEAD}`).query({ recursive: '1' })
    .reply(200, { sha: HEAD, truncated: false, tree: [{ path: SPEC, type: 'blob', size: 40 }, { path: 'README.md', type: 'blob', size: 10 }] })
    .get(contents(SPEC)).query({ ref: HEAD }).reply(200, BAD_SPEC, RAW);
}

/** A review with write permissions: reads, the check run (created completed), the comment. */
function fullReview(patches: Body[], posted: Body[], config?: { path?: string; text?: string }) {
  const scope = nock(API);
  reads(scope, config);
  return scope
    .post(`${R}/check-runs`, (b: Body) => (patches.push(b), b.name === 'Spec Review' && b.head_sha === HEAD))
    .reply(201, { id: 7, html_url: `https://github.com/${OWNER}/Hello-World/runs/7` })
    .get(`${R}/pulls/${PR}`).reply(200, { number: PR, head: { sha: HEAD } })
    .get(`${R}/issues/${PR}/comments`).query({ per_page: 100, page: 1 }).reply(200, [])
    .post(`${R}/issues/${PR}/comments`, (b: Body) => (posted.push(b), true)).reply(201, { id: 99 });
}

describe('pull_request with a write token: the same review as the App', () => {
  test('creates the check run completed with its annotations, posts the comment (naming its workflow), fails the step', async () => {
    const run = workflow('pull_request', workflowPullPayload('opened'));
    const patches: Body[] = [];
    const posted: Body[] = [];
    const scope = fullReview(patches, posted);

    const code = await runAction(run.io, opts);
    scope.done();

    expect(code).toBe(1);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(patches[0].output.title).toMatch(/^Failed: \d+ errors?/);
    const annotations: Body[] = patches[0].output.annotations;
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations.every((a) => a.path === SPEC)).toBe(true);
    expect(annotations.some((a) => a.annotation_level === 'failure' && a.title === 'required-section')).toBe(true);
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toContain('<!-- spec-review:summary -->');
    expect(posted[0].body).toMatch(/<!-- spec-review:workflow=[^\n]+ -->/);
    // The log says what happened; the check run holds the findings, so they are not repeated as commands.
    expect(run.log()).toContain('check run "Spec Review" completed with failure');
    expect(run.log()).toMatch(/^::error::Spec Review failed: 1 spec file/m);
    expect(run.log()).not.toContain('::error file=');
  });

  test('pull_request_target is the same review (the payload is a pull_request)', async () => {
    const run = workflow('pull_request_target', workflowPullPayload('synchronize'));
    const patches: Body[] = [];
    const scope = fullReview(patches, []);
    expect(await runAction(run.io, opts)).toBe(1);
    scope.done();
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  test('inputs reach the app: the config path is read from the base branch, fail-level overrides fail_on', async () => {
    const run = workflow('pull_request', workflowPullPayload(), { config: '.github/specs-ci.yml', 'fail-level': 'never' });
    const patches: Body[] = [];
    const scope = fullReview(patches, [], { path: '.github/specs-ci.yml', text: 'fail_on: warning\n' });
    const code = await runAction(run.io, opts);
    scope.done();
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(patches[0].output.summary).toContain('fails on: never');
    expect(code).toBe(0);
  });

  test('a broken config at the configured path is reported with that path and line', async () => {
    const run = workflow('pull_request', workflowPullPayload(), { config: '.github/specs-ci.yml' });
    const patches: Body[] = [];
    const scope = nock(API)
      .get(contents('.github/specs-ci.yml')).query({ ref: BASE_REF }).reply(200, 'min_score: 10\nfail_on: sometimes\n', RAW)
      .post(`${R}/check-runs`, (b: Body) => (patches.push(b), true)).reply(201, { id: 7 });
    const code = await runAction(run.io, opts);
    scope.done();
    expect(code).toBe(1);
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(patches[0].output.summary).toMatch(/\.github\/specs-ci\.yml@master:2/);
    expect(run.log()).toMatch(/^::error::Spec Review: .*\.github\/specs-ci\.yml@master:2/m);
  });

  test('min-score overrides min_score: a low score fails even with fail-level never', async () => {
    const run = workflow('pull_request', workflowPullPayload(), { 'fail-level': 'never', 'min-score': '90' });
    const patches: Body[] = [];
    const scope = fullReview(patches, []);
    const code = await runAction(run.io, opts);
    scope.done();
    expect(patches[0]).toMatchObject({ conclusion: 'failure' });
    expect(patches[0].output.summary).toContain('minimum score: 90');
    expect(code).toBe(1);
  });

  test('an event the app ignores (closed) makes no call and passes', async () => {
    const payload = workflowPullPayload('closed');
    payload.pull_request.state = 'closed';
    const run = workflow('pull_request', payload);
    expect(await runAction(run.io, opts)).toBe(0);
    expect(run.log()).toContain('nothing reviewed for this "closed" event');
  });
});

describe('the impact section (shared with the App: review.ts)', () => {
  test('a changed component: the flow that cites it is affected, its score moved since the base branch; one base tree and one GraphQL query', async () => {
    const BASE = 'ba5e'.repeat(10);
    const FLOW = 'docs/specs/flow-schematic/flow-001-booking.md';
    const flow = '# Booking Flow\n\n**Status**: Current\n\nBooking calls the payment service [CMP-001].\n';
    const good = '# Payment service\n\n## Overview\n\nTakes payments for bookings and refunds them.\n\n## Interfaces\n\nREST: `POST /payments`.\n';
    const repo = new RepoFixture({ [HEAD]: { [SPEC]: good, [FLOW]: flow }, [BASE]: { [SPEC]: BAD_SPEC, [FLOW]: flow } });
    const payload = workflowPullPayload('synchronize');
    payload.pull_request.base.sha = BASE;
    const run = workflow('pull_request', payload);
    const patches: Body[] = [];
    const posted: Body[] = [];
    const scope = nock(API)
      .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(200, 'fail_on: never\n', RAW)
      .get(`${R}/pulls/${PR}/files`).query({ per_page: 100, page: 1 }).reply(200, [repo.pullFile(HEAD, SPEC, 'modified')]);
    repo.tree(scope, HEAD);
    repo.tree(scope, BASE);
    scope
      .post(`${R}/check-runs`, (b: Body) => (patches.push(b), true)).reply(201, { id: 7, html_url: `https://github.com/${OWNER}/Hello-World/runs/7` })
      .get(`${R}/pulls/${PR}`).reply(200, { number: PR, head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query({ per_page: 100, page: 1 }).reply(200, [])
      .post(`${R}/issues/${PR}/comments`, (b: Body) => (posted.push(b), true)).reply(201, { id: 99 });
    repo.restBlobs(nock(API));
    repo.graphqlBlobs();

    expect(await runAction(run.io, opts)).toBe(0);
    scope.done();
    expect(repo.graphql).toHaveLength(1);
    expect(repo.graphql[0].objects).toHaveLength(2); // the flow (for its facts) and the spec's base version
    for (const text of [patches[0].output.summary as string, posted[0].body as string]) {
      expect(text).toContain('### Impact on other specs');
      expect(text).toContain(`(\`${FLOW}\`) — line 5, reference, Current`);
      expect(text).toMatch(new RegExp(`\\| \\*\\*CMP-001\\*\\* Payment service \`${SPEC}\` \\| \\d+ → \\d+ ▲\\d+ \\|`));
    }
  });
});

describe('read-only token (pull request from a fork): annotations instead of a check run', () => {
  function forkScope() {
    // The reads, then the check run is refused; the Action prints the engine's result as annotations:
    // no read is repeated, nothing else is written.
    return reads(nock(API)).post(`${R}/check-runs`).reply(403, FORBIDDEN);
  }

  test('findings become ::error/::warning commands, the step fails because of the findings', async () => {
    const run = workflow('pull_request', forkPullPayload());
    const scope = forkScope();
    const code = await runAction(run.io, opts);
    scope.done();
    expect(code).toBe(1);
    const log = run.log();
    expect(log).toMatch(/^::warning::Spec Review: the token may not write \(403 Resource not accessible by integration on POST \/repos\/\{owner\}\/\{repo\}\/check-runs\)/m);
    expect(log).toContain('Pull requests from forks always get a read-only token');
    expect(log).toContain(`::error file=${SPEC},line=1,title=required-section::Missing required section`);
    expect(log).toMatch(new RegExp(`::warning file=${SPEC},line=3,.*title=placeholder::`));
    expect(log).toMatch(/spec-review: 1 file checked, \d+ problems/);
    expect(run.summary()).toMatch(/^## Spec Review: Failed: /);
  });

  test('with fail-level never the same findings pass: the refusal itself never fails the step', async () => {
    const run = workflow('pull_request', forkPullPayload(), { 'fail-level': 'never' });
    const scope = forkScope();
    const code = await runAction(run.io, opts);
    scope.done();
    expect(code).toBe(0);
    expect(run.log()).toContain('::error file=');
    expect(run.summary()).toContain('fails on: never');
  });

  test('a refused comment (permissions block without pull-requests: write): the step follows the findings and names the permission', async () => {
    const run = workflow('pull_request', workflowPullPayload(), { 'fail-level': 'never' });
    const scope = reads(nock(API))
      .post(`${R}/check-runs`).reply(201, { id: 7 })
      .get(`${R}/pulls/${PR}`).reply(200, { number: PR, head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, [])
      .post(`${R}/issues/${PR}/comments`).reply(403, FORBIDDEN);
    // A refused comment is not fatal: the completed run carries the result; nothing is read again.
    const code = await runAction(run.io, opts);
    scope.done();
    expect(code).toBe(0);
    expect(run.log()).toContain('pull-requests: write');
    expect(run.log()).not.toMatch(/^::error::/m);
  });
});

describe('issue_comment: the /spec commands', () => {
  test('/spec help: 👀, permission check, one reply, 🚀 — with the workflow token', async () => {
    const payload = examplePayload('issue_comment', 'created');
    delete payload.installation;
    payload.comment.body = '/spec help';
    payload.issue.number = PR;
    payload.issue.pull_request = { url: `${API}${R}/pulls/${PR}` };
    const reactions = `${R}/issues/comments/${payload.comment.id}/reactions`;
    const replies: string[] = [];
    const pull = workflowPullPayload().pull_request;
    const scope = nock(API)
      .post(reactions, (b: Body) => b.content === 'eyes').reply(201, { id: 1 })
      .get(`${R}/collaborators/${payload.comment.user.login}/permission`).reply(200, { permission: 'admin', role_name: 'admin' })
      .get(`${R}/pulls/${PR}`).reply(200, pull)
      .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
      .get(contents('.github/spec-review.yml', `/repos/${OWNER}/.github`)).reply(404, {})
      .post(`${R}/issues/${PR}/comments`, (b: Body) => (replies.push(b.body), true)).reply(201, { id: 5 })
      .post(reactions, (b: Body) => b.content === 'rocket').reply(201, { id: 2 });
    const run = workflow('issue_comment', payload);
    const code = await runAction(run.io, opts);
    scope.done();
    expect(code).toBe(0);
    expect(replies[0]).toContain('/spec recheck');
    expect(run.log()).toContain('/spec commands handled (help: ');
  });
});

describe('setup mistakes get one clear line, no stack trace', () => {
  test.each([
    [{ 'fail-level': 'sometimes' }, 'input "fail-level" is "sometimes"; expected one of error, warning, notice, never'],
    [{ 'min-score': '101' }, 'input "min-score" is "101"; expected a whole number from 0 to 100'],
    [{ config: '../outside.yml' }, 'input "config" is "../outside.yml"; expected a file path relative to the repository root'],
    [{ 'github-token': '' }, 'no token: set the "github-token" input'],
  ])('%j', async (inputs, message) => {
    const run = workflow('pull_request', workflowPullPayload(), inputs);
    expect(await runAction(run.io, opts)).toBe(1);
    expect(run.log().startsWith(`::error::Spec Review: ${message}`)).toBe(true);
    expect(run.log().split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('a trigger with nothing to review (push) warns and passes', async () => {
    const run = workflow('push', examplePayload('push', undefined as unknown as string));
    expect(await runAction(run.io, opts)).toBe(0);
    expect(run.log()).toMatch(/^::warning::Spec Review: the "push" event has nothing to review/);
  });

  test('a missing or broken event file is named', async () => {
    const run = workflow('pull_request', {});
    run.io.env.GITHUB_EVENT_PATH = `${run.dir}/missing.json`;
    expect(await runAction(run.io, opts)).toBe(1);
    expect(run.log()).toContain(`cannot read the event payload ${run.dir}/missing.json: ENOENT`);
  });
});

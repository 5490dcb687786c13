/** The Action's small pure parts: inputs, the config override/relabel, refusal detection, log lines. */
import { describe, expect, test } from '@jest/globals';
import { applyOverrides, relabel } from '../../src/action/engine.js';
import { InputError, readInputs } from '../../src/action/inputs.js';
import { formatRecord } from '../../src/action/log.js';
import { permissionFor } from '../../src/action/main.js';
import { isPermissionRefusal } from '../../src/action/octokit.js';

describe('inputs', () => {
  const base = { 'INPUT_GITHUB-TOKEN': 't' };
  test.each([
    [{}, { token: 't', configPath: '.github/spec-review.yml', failLevel: undefined, minScore: undefined }],
    [{ 'INPUT_FAIL-LEVEL': ' Warning ', 'INPUT_MIN-SCORE': '80' }, { failLevel: 'warning', minScore: 80 }],
    [{ 'INPUT_MIN-SCORE': '0' }, { minScore: 0 }],
    [{ INPUT_CONFIG: './config/spec-review.yml' }, { configPath: 'config/spec-review.yml' }],
    [{ 'INPUT_GITHUB-TOKEN': '', GITHUB_TOKEN: 'env-token' }, { token: 'env-token' }],
  ])('%j', (env, expected) => {
    expect(readInputs({ ...base, ...env })).toMatchObject(expected);
  });

  test.each([
    [{ 'INPUT_MIN-SCORE': '7.5' }, /"min-score" is "7.5"/],
    [{ 'INPUT_MIN-SCORE': '-1' }, /"min-score"/],
    [{ 'INPUT_FAIL-LEVEL': 'fatal' }, /"fail-level" is "fatal"/],
    [{ INPUT_CONFIG: '/etc/passwd' }, /"config" is "\/etc\/passwd"/],
    [{ INPUT_CONFIG: 'a/../../b.yml' }, /"config"/],
    [{ INPUT_CONFIG: '.github/' }, /"config"/],
  ])('refuses %j', (env, message) => {
    expect(() => readInputs({ ...base, ...env })).toThrow(InputError);
    expect(() => readInputs({ ...base, ...env })).toThrow(message);
  });
});

describe('config overrides and labels', () => {
  test('overrides replace only what is set', () => {
    const c = { fail_on: 'error', min_score: 50, other: 1 };
    expect(applyOverrides(c, {})).toBe(c);
    expect(applyOverrides(c, { failLevel: 'never' })).toEqual({ fail_on: 'never', min_score: 50, other: 1 });
    expect(applyOverrides(c, { minScore: 0 })).toEqual({ fail_on: 'error', min_score: 0, other: 1 });
  });

  test('labels name the configured file, in the repository and in the owner\'s .github fallback', () => {
    expect(relabel('.github/spec-review.yml@main', 'ci/specs.yml')).toBe('ci/specs.yml@main');
    expect(relabel('acme/.github:.github/spec-review.yml', 'ci/specs.yml')).toBe('acme/.github:ci/specs.yml');
    expect(relabel('.github/spec-review.yml@main', '.github/spec-review.yml')).toBe('.github/spec-review.yml@main');
    expect(relabel('org/base:shared.yml', 'ci/specs.yml')).toBe('org/base:shared.yml');
    expect(relabel(undefined, 'x.yml')).toBeUndefined();
  });
});

describe('refused writes', () => {
  test('only a 403 "Resource not accessible" is a permission refusal', () => {
    const err = (status: number, message: string) => Object.assign(new Error(message), { status, response: { data: { message } } });
    expect(isPermissionRefusal(err(403, 'Resource not accessible by integration'))).toBe(true);
    expect(isPermissionRefusal(err(403, 'You have exceeded a secondary rate limit'))).toBe(false);
    expect(isPermissionRefusal(err(404, 'Not Found'))).toBe(false);
    expect(isPermissionRefusal(null)).toBe(false);
  });

  test('the permission to grant is named by route', () => {
    const w = (route: string) => permissionFor({ method: 'POST', route, status: 403, message: '' });
    expect(w('/repos/{owner}/{repo}/check-runs')).toBe('checks: write');
    expect(w('/repos/{owner}/{repo}/issues/{issue_number}/comments')).toMatch(/^pull-requests: write/);
    expect(w('/repos/{owner}/{repo}/contents/{path}')).toBe('contents: write');
  });
});

describe('job log lines', () => {
  test('info plain, warnings and errors prefixed (not workflow commands), debug only when asked', () => {
    expect(formatRecord(JSON.stringify({ level: 30, msg: 'review complete', calls: 9 }), false)).toBe('spec-review: review complete (calls=9)');
    expect(formatRecord(JSON.stringify({ level: 50, msg: 'failed', err: { status: 403, message: 'nope' } }), false)).toBe(
      'spec-review error: failed (err="403 nope")',
    );
    expect(formatRecord(JSON.stringify({ level: 20, msg: 'a%b' }), false)).toBeNull();
    expect(formatRecord(JSON.stringify({ level: 20, msg: 'a%b' }), true)).toBe('::debug::a%25b');
    expect(formatRecord('not json', false)).toBe('not json');
  });
});

describe('the Action\'s comment identity', () => {
  test('only github-actions[bot] comments naming this workflow are ours; the ref is not part of the identity', async () => {
    const { isOwnComment } = await import('../../src/github/comments.js');
    const { workflowIdentity } = await import('../../src/action/main.js');
    const { summaryComment } = await import('../../src/report/comment.js');
    const workflow = workflowIdentity({ GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/spec.yml@refs/pull/2/merge' });
    expect(workflow).toBe('o/r/.github/workflows/spec.yml');
    const body = (w: string) => summaryComment({ files: [], summary: { files: 0, errors: 0, warnings: 0, notices: 0 } }, { headSha: 'a'.repeat(40), failed: false, workflow: w });
    const bot = { login: 'github-actions[bot]', type: 'Bot' };
    const identity = { kind: 'workflow' as const, workflow };
    expect(isOwnComment({ id: 1, body: body(workflow), user: bot }, identity)).toBe(true);
    expect(isOwnComment({ id: 2, body: body('o/r/.github/workflows/other.yml'), user: bot }, identity)).toBe(false); // another workflow
    expect(isOwnComment({ id: 3, body: body(workflow), user: { login: 'mallory', type: 'User' } }, identity)).toBe(false); // a person pasting it
    expect(isOwnComment({ id: 4, body: body(workflow), user: bot }, { kind: 'app', appId: 1 })).toBe(false);
  });
});

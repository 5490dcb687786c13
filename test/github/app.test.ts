import { afterEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { COMMENT_MARKER } from '../../src/report/comment.js';
import {
  API, BASE_REF, HEAD, INTERFACES_OK, OWNER, PR, R, RAW, REPO, contents, examplePayload, harness, prPayload,
} from './helpers/setup.js';

const CONFIG = '.github/spec-review.yml';
const RUN_URL = `https://github.com/${OWNER}/${REPO}/runs/7`;

afterEach(() => {
  nock.cleanAll();
});

type Body = Record<string, any>;

/** The calls every review starts with: check run, config (none), PR files. */
function start(files: { filename: string; status: string; previous_filename?: string }[], captured: Body[] = []) {
  return nock(API)
    .post(`${R}/check-runs`, (b: Body) => {
      captured.push(b);
      return b.name === 'Spec Review' && b.head_sha === HEAD && b.status === 'in_progress';
    })
    .reply(201, { id: 7, html_url: RUN_URL })
    .get(contents(CONFIG))
    .query({ ref: BASE_REF })
    .reply(404, { message: 'Not Found' })
    .get(contents(CONFIG, `/repos/${OWNER}/.github`))
    .reply(404, { message: 'Not Found' })
    .get(`${R}/pulls/${PR}/files`)
    .query({ per_page: 100, page: 1 })
    .reply(200, files);
}

function tree(scope: nock.Scope, paths: string[], truncated = false) {
  return scope
    .get(`${R}/git/trees/${HEAD}`)
    .query({ recursive: '1' })
    .reply(200, { sha: HEAD, truncated, tree: paths.map((path) => ({ path, type: 'blob', size: 10 })) });
}

function file(scope: nock.Scope, path: string, body: string | Buffer) {
  return scope.get(contents(path)).query({ ref: HEAD }).matchHeader('accept', 'application/vnd.github.v3.raw').reply(200, body, RAW);
}

function finish(scope: nock.Scope, patches: Body[], comments: Body[] = [], posted: Body[] = [], head = HEAD) {
  return scope
    .patch(`${R}/check-runs/7`, (b: Body) => (patches.push(b), true))
    .reply(200, {})
    .get(`${R}/pulls/${PR}`)
    .reply(200, { number: PR, head: { sha: head } })
    .get(`${R}/issues/${PR}/comments`)
    .query({ per_page: 100, page: 1 })
    .reply(200, comments)
    .post(`${R}/issues/${PR}/comments`, (b: Body) => (posted.push(b), true))
    .reply(201, { id: 99 });
}

describe('pull_request events', () => {
  test('happy path: check run in progress first, findings as annotations, one comment', async () => {
    const h = harness();
    const created: Body[] = [];
    const patches: Body[] = [];
    const posted: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'added' }, { filename: 'README.md', status: 'modified' }], created);
    tree(scope, [spec, 'README.md']);
    file(scope, spec, '# Pay @octocat <b>x</b>\n\nTODO write | this\n');
    finish(scope, patches, [], posted);

    await h.receive('pull_request', prPayload('opened'));
    scope.done();

    expect(created).toHaveLength(1);
    expect(patches).toHaveLength(1);
    const done = patches[0];
    expect(done.status).toBe('completed');
    expect(done.conclusion).toBe('failure');
    expect(done.output.title).toBe('Failed: 1 error, 1 warning, 0 notices in 1 spec file');
    expect(done.output.summary).toContain('| File | Type | Score | Errors | Warnings | Notices |');
    expect(done.output.annotations).toEqual([
      expect.objectContaining({ path: spec, start_line: 1, annotation_level: 'failure', title: 'required-section' }),
      expect.objectContaining({ path: spec, start_line: 3, annotation_level: 'warning', start_column: 1 }),
    ]);
    expect(posted).toHaveLength(1);
    const body: string = posted[0].body;
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(body).toContain(`<!-- spec-review:head=${HEAD} -->`);
    expect(body).toContain(RUN_URL);
    expect(body).toContain('/spec scaffold');
    expect(body).toContain('████████░░ 75'); // score bar (7.5 cells round up)
    expect(body).not.toMatch(/@octocat/); // mention defused
    expect(h.outcomes[0].calls).toBeLessThanOrEqual(1 + Math.ceil(2 / 50) + 8);
  });

  test('more than 50 annotations go in batches of 50; the last request completes the run', async () => {
    const h = harness();
    const patches: Body[] = [];
    const spec = 'docs/specs/component/cmp-002-big.md';
    const scope = start([{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, '## Interfaces\n' + 'TODO\n'.repeat(120));
    scope.patch(`${R}/check-runs/7`, (b: Body) => (patches.push(b), true)).times(2).reply(200, {});
    finish(scope, patches);

    await h.receive('pull_request', prPayload('synchronize'));
    scope.done();
    expect(patches.map((p) => p.output.annotations.length)).toEqual([50, 50, 20]);
    expect(patches.slice(0, 2).every((p) => p.status === undefined)).toBe(true);
    expect(patches[2]).toMatchObject({ status: 'completed', conclusion: 'success' });
    // N=1, A=120: at most 1 + 3 + 8 calls.
    expect(h.outcomes[0].calls).toBeLessThanOrEqual(1 + 3 + 8);
  });

  test('no spec file changed: success "No spec files changed", no comment', async () => {
    const h = harness();
    const patches: Body[] = [];
    const scope = start([{ filename: 'src/index.ts', status: 'modified' }])
      .patch(`${R}/check-runs/7`, (b: Body) => (patches.push(b), true))
      .reply(200, {})
      .get(`${R}/pulls/${PR}`)
      .reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [{ id: 5, body: 'LGTM', user: { type: 'User' } }]);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No spec files changed' } });
    expect(h.outcomes[0].comment).toBe('none');
  });

  test('removed specs skipped, renamed reviewed under the new name, binary and oversize get findings', async () => {
    const h = harness();
    const patches: Body[] = [];
    const bin = 'docs/specs/component/cmp-003-bin.md';
    const big = 'docs/specs/component/cmp-004-big.md';
    const renamed = 'docs/specs/component/cmp-005-new.md';
    const scope = start([
      { filename: 'docs/specs/component/cmp-009-gone.md', status: 'removed' },
      { filename: renamed, status: 'renamed', previous_filename: 'docs/specs/component/cmp-005-old.md' },
      { filename: bin, status: 'added' },
      { filename: big, status: 'added' },
    ]);
    tree(scope, [renamed, bin, big]);
    file(scope, renamed, INTERFACES_OK);
    file(scope, bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    file(scope, big, Buffer.alloc(1_048_576 + 5000, 0x61)); // > 1 MB: raw media type still returns it
    finish(scope, patches);
    await h.receive('pull_request', prPayload('reopened'));
    scope.done();
    const report = h.outcomes[0].report!;
    expect(report.files.map((f) => f.path)).toEqual([renamed, bin, big]);
    expect(report.files[1].findings[0]).toMatchObject({ rule: 'file-encoding', message: 'File is binary, not UTF-8 text.' });
    expect(report.files[2].findings[0]).toMatchObject({ rule: 'file-encoding', message: 'File is larger than 1048576 bytes.' });
    expect(patches[0].output.summary).toContain('1 removed spec file skipped.');
  });

  test('push twice: the second review edits the one comment in place', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const posted: Body[] = [];
    const s1 = start([{ filename: spec, status: 'added' }]);
    tree(s1, [spec]);
    file(s1, spec, '# x\n');
    finish(s1, [], [], posted);
    await h.receive('pull_request', prPayload('opened'));
    s1.done();

    const existing = { id: 99, body: posted[0].body, user: { login: 'spec-review[bot]', type: 'Bot' } };
    const updated: Body[] = [];
    const s2 = start([{ filename: spec, status: 'added' }]);
    tree(s2, [spec]);
    file(s2, spec, '# x\n\nTODO\n');
    s2.patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true)
      .reply(200, [{ id: 1, body: `${COMMENT_MARKER} pasted by a human`, user: { type: 'User' } }, existing])
      .patch(`${R}/issues/comments/99`, (b: Body) => (updated.push(b), true)).reply(200, {});
    await h.receive('pull_request', prPayload('reopened'));
    s2.done();
    expect(updated).toHaveLength(1);
    expect(updated[0].body).toContain('Placeholder left in text');
    expect(h.outcomes[1].comment).toBe('updated');
  });

  test('all clear after a fix: the comment shrinks to one line (on_clean: shrink, the default)', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const updated: Body[] = [];
    const scope = start([{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, INTERFACES_OK);
    scope.patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true)
      .reply(200, [{ id: 99, body: `${COMMENT_MARKER}\nold findings`, user: { type: 'Bot' } }])
      .patch(`${R}/issues/comments/99`, (b: Body) => (updated.push(b), true)).reply(200, {});
    await h.receive('pull_request', prPayload('synchronize'));
    scope.done();
    const lines = (updated[0].body as string).trim().split('\n');
    expect(lines).toHaveLength(3); // marker, head marker, one visible line
    expect(lines[2]).toMatch(/^✅ \*\*Spec Review\*\*: all 1 spec file pass/);
  });

  test('all clear and no comment yet: stays silent', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, INTERFACES_OK);
    scope.patch(`${R}/check-runs/7`, (b: Body) => b.conclusion === 'success').reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(h.outcomes[0].comment).toBe('none');
  });

  test('an older head finishing after a newer push does not touch the comment', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '# x\n');
    scope.patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: 'f'.repeat(40) } });
    await h.receive('pull_request', prPayload('synchronize'));
    scope.done(); // no comment list, no comment write
    expect(h.outcomes[0].comment).toBe('stale');
  });

  test('a redelivered webhook (same X-GitHub-Delivery) does not review again', async () => {
    const h = harness();
    const scope = start([{ filename: 'src/a.ts', status: 'added' }])
      .patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('pull_request', prPayload('opened'), 'same-id');
    await h.receive('pull_request', prPayload('opened'), 'same-id');
    scope.done();
    expect(h.outcomes).toHaveLength(1);
  });

  test('pull_request.synchronize and check_suite.requested for the same push review once', async () => {
    const h = harness();
    const scope = start([{ filename: 'src/a.ts', status: 'added' }])
      .patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('pull_request', prPayload('synchronize'));
    const suite = examplePayload('check_suite', 'requested');
    suite.check_suite.head_sha = HEAD;
    suite.check_suite.pull_requests = [{ number: PR, head: { sha: HEAD }, base: { ref: BASE_REF } }];
    await h.receive('check_suite', suite);
    scope.done();
    expect(h.outcomes).toHaveLength(1);
  });
});

describe('check suite and check run events', () => {
  test('check_suite.requested for a push without a pull request makes no call', async () => {
    const h = harness();
    await h.receive('check_suite', examplePayload('check_suite', 'requested'));
    expect(h.outcomes).toHaveLength(0);
  });

  test('check_suite.rerequested reviews the listed pull request again', async () => {
    const h = harness();
    const scope = start([{ filename: 'src/a.ts', status: 'added' }])
      .patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('check_suite', examplePayload('check_suite', 'rerequested'));
    scope.done();
    expect(h.outcomes).toHaveLength(1);
  });

  test('check_run.rerequested ("Re-run") of our run finds the PR of the commit and reviews it', async () => {
    const h = harness();
    const p = examplePayload('check_run', 'rerequested');
    p.repository.name = REPO;
    p.repository.owner.login = OWNER;
    p.check_run.name = 'Spec Review';
    p.check_run.head_sha = HEAD;
    p.check_run.pull_requests = [];
    const lookup = nock(API).get(`${R}/commits/${HEAD}/pulls`).query(true)
      .reply(200, [{ number: PR, state: 'open', head: { sha: HEAD }, base: { ref: BASE_REF } }, { number: 9, state: 'closed', head: { sha: HEAD }, base: { ref: 'x' } }]);
    const scope = start([{ filename: 'src/a.ts', status: 'added' }])
      .patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('check_run', p);
    lookup.done();
    scope.done();
    expect(h.outcomes).toHaveLength(1);
  });

  test("check_run.rerequested of another app's run is ignored", async () => {
    const h = harness();
    await h.receive('check_run', examplePayload('check_run', 'rerequested'));
    expect(h.outcomes).toHaveLength(0);
  });
});

describe('configuration', () => {
  function withConfig(text: string | null, ref = BASE_REF, status = 200) {
    return nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 7, html_url: RUN_URL })
      .get(contents(CONFIG)).query({ ref })
      .reply(text === null ? 404 : status, text ?? { message: 'Not Found' }, RAW);
  }

  test('read from the base branch (never the head); its rules apply', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const patches: Body[] = [];
    const scope = withConfig('fail_on: warning\n')
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '## Interfaces\nTODO\n');
    finish(scope, patches);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(patches[0].conclusion).toBe('failure'); // a warning fails under fail_on: warning
    expect(patches[0].output.summary).toContain('fails on: warning');
  });

  test('a broken config completes the run as failure naming file:line, and the app keeps serving', async () => {
    const h = harness();
    const patches: Body[] = [];
    const scope = withConfig('fail_on: error\nbogus: 1\n')
      .patch(`${R}/check-runs/7`, (b: Body) => (patches.push(b), true)).reply(200, {});
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(patches[0].output.title).toBe('Configuration error: nothing was reviewed');
    expect(patches[0].output.summary).toContain('.github/spec-review.yml@master:2: unknown key "bogus"');

    const next = start([{ filename: 'src/a.ts', status: 'added' }])
      .patch(`${R}/check-runs/7`).reply(200, {})
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);
    await h.receive('pull_request', prPayload('reopened'));
    next.done();
    expect(h.outcomes.map((o) => o.kind)).toEqual(['config-error', 'no-specs']);
  });

  test('_extends: org-wide config from the .github repository, merged under the repo file', async () => {
    const h = harness();
    const patches: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = withConfig('_extends: .github\nmin_score: 99\n')
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(200, 'fail_on: never\n', RAW)
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '## Interfaces\nTODO\n');
    finish(scope, patches);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    // fail_on: never from the org file, min_score: 99 from the repo → the 95-point file fails.
    expect(patches[0].conclusion).toBe('failure');
    expect(patches[0].output.summary).toContain('minimum score: 99');
  });

  test('a PR that edits the config gets a dry run in the comment, not in the result', async () => {
    const h = harness();
    const patches: Body[] = [];
    const posted: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = withConfig(null)
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true)
      .reply(200, [{ filename: spec, status: 'added' }, { filename: CONFIG, status: 'modified' }]);
    tree(scope, [spec, CONFIG]);
    file(scope, spec, '## Interfaces\nTODO\n');
    scope.get(contents(CONFIG)).query({ ref: HEAD }).reply(200, 'fail_on: warning\n', RAW);
    finish(scope, patches, [], posted);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(patches[0].conclusion).toBe('success'); // base config (defaults): warnings do not fail
    const body: string = posted[0].body;
    expect(body).toContain('Dry run of the proposed');
    expect(body).toContain('does **not** affect the check result');
    expect(body).toContain('would **fail**');
  });

  test('a PR proposing a broken config: the dry run names file:line', async () => {
    const h = harness();
    const posted: Body[] = [];
    const scope = withConfig(null)
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: CONFIG, status: 'added' }]);
    tree(scope, [CONFIG]);
    scope.get(contents(CONFIG)).query({ ref: HEAD }).reply(200, 'comment:\n  on_clean: never\n', RAW);
    finish(scope, [], [], posted);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(posted[0].body).toContain(`${CONFIG}@${HEAD}:2: comment.on\\_clean must be one of`.replace('\\_', '_'));
  });
});

describe('GitHub failures', () => {
  test('a 5xx after the client gave up: the run completes as "could not complete", logged with the delivery id', async () => {
    const h = harness();
    const patches: Body[] = [];
    const scope = nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 7 })
      .get(contents(CONFIG)).query(true).reply(404, {})
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(502, { message: 'Bad Gateway' })
      .patch(`${R}/check-runs/7`, (b: Body) => (patches.push(b), true)).reply(200, {});
    await h.receive('pull_request', prPayload('opened'), 'delivery-5xx');
    scope.done();
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Spec Review could not complete' } });
    expect(patches[0].output.summary).toContain('delivery-5xx');
    expect(h.logs.some((l) => l.deliveryId === 'delivery-5xx' && l.level === 50)).toBe(true);
  });

  test('a comment the token may not write (403 "Resource not accessible") leaves the completed result alone', async () => {
    const h = harness();
    const patches: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '# Pay\n\nTODO\n');
    scope
      .patch(`${R}/check-runs/7`, (b: Body) => (patches.push(b), true))
      .reply(200, {})
      .get(`${R}/pulls/${PR}`)
      .reply(200, { number: PR, head: { sha: HEAD } })
      .get(`${R}/issues/${PR}/comments`)
      .query(true)
      .reply(200, [])
      .post(`${R}/issues/${PR}/comments`)
      .reply(403, { message: 'Resource not accessible by integration' });
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: expect.stringMatching(/^Failed/) } });
    expect(h.outcomes[0]).toMatchObject({ kind: 'reviewed', comment: 'refused' });
    expect(h.logs.some((l) => String(l.msg).includes('summary comment refused'))).toBe(true);
  });

  test('a rate-limit answer (quota exhausted) also completes the run', async () => {
    const h = harness();
    const patches: Body[] = [];
    const scope = nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 7 })
      .get(contents(CONFIG)).query(true)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '9999999999' })
      .patch(`${R}/check-runs/7`, (b: Body) => (patches.push(b), true)).reply(200, {});
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(patches[0].output.summary).toContain('API rate limit exceeded');
  });
});

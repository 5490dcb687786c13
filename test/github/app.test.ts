import { afterEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { mergeConfig } from '../../src/github/config.js';
import { COMMENT_MARKER } from '../../src/report/comment.js';
import {
  API, APP_ID, BASE_REF, HEAD, INTERFACES_OK, OWNER, PR, R, RAW, REPO, contents, examplePayload, harness, ownComment, prPayload,
} from './helpers/setup.js';

const CONFIG = '.github/spec-review.yml';
const RUN_URL = `https://github.com/${OWNER}/${REPO}/runs/7`;

afterEach(() => {
  nock.cleanAll();
});

type Body = Record<string, any>;

/** The reads every review starts with: config (none: the repo, then the owner's .github), PR files. */
function start(files: { filename: string; status: string; previous_filename?: string; sha?: string }[]) {
  return nock(API)
    .get(contents(CONFIG))
    .query({ ref: BASE_REF })
    .reply(404, { message: 'Not Found' })
    .get(contents(CONFIG, `/repos/${OWNER}/.github`))
    .reply(404, { message: 'Not Found' })
    .get(`${R}/pulls/${PR}/files`)
    .query({ per_page: 100, page: 1 })
    .reply(200, files);
}

function tree(scope: nock.Scope, paths: string[], truncated = false, head = HEAD) {
  return scope
    .get(`${R}/git/trees/${head}`)
    .query({ recursive: '1' })
    .reply(200, { sha: head, truncated, tree: paths.map((path) => ({ path, type: 'blob', size: 10 })) });
}

function file(scope: nock.Scope, path: string, body: string | Buffer, head = HEAD) {
  return scope.get(contents(path)).query({ ref: head }).matchHeader('accept', 'application/vnd.github.v3.raw').reply(200, body, RAW);
}

/** The check run, created once at the end (completed at once when ≤ 50 annotations). */
function run(scope: nock.Scope, writes: Body[], head = HEAD) {
  return scope.post(`${R}/check-runs`, (b: Body) => (writes.push(b), b.name === 'Spec Review' && b.head_sha === head)).reply(201, { id: 7, html_url: RUN_URL });
}

/** The comment queue: the PR's head, the comments, then (when `posted` is given) a new comment. */
function comment(scope: nock.Scope, existing: Body[] = [], posted?: Body[], head = HEAD) {
  scope.get(`${R}/pulls/${PR}`).reply(200, { number: PR, head: { sha: head } });
  scope.get(`${R}/issues/${PR}/comments`).query({ per_page: 100, page: 1 }).reply(200, existing);
  if (posted) scope.post(`${R}/issues/${PR}/comments`, (b: Body) => (posted.push(b), true)).reply(201, { id: 99 });
  return scope;
}

function finish(scope: nock.Scope, writes: Body[], existing: Body[] = [], posted: Body[] = [], head = HEAD) {
  run(scope, writes, head);
  return comment(scope, existing, posted, head);
}

describe('pull_request events', () => {
  test('happy path: the check run is one write, completed with its annotations; then one comment', async () => {
    const h = harness();
    const writes: Body[] = [];
    const posted: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'added' }, { filename: 'README.md', status: 'modified' }]);
    tree(scope, [spec, 'README.md']);
    file(scope, spec, '# Pay @octocat <b>x</b>\n\nTODO write | this\n');
    finish(scope, writes, [], posted);

    await h.receive('pull_request', prPayload('opened'));
    scope.done();

    expect(writes).toHaveLength(1);
    const done = writes[0];
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
    // Review: 2 config + 1 files + 1 tree + 1 content + 1 check run (the comment queue's calls are its own).
    expect(h.outcomes[0]).toMatchObject({ comment: 'queued', calls: 6 });
    expect(h.comments).toEqual(['created']);
  });

  test('more than 50 annotations go in batches of 50; the last request completes the run', async () => {
    const h = harness();
    const writes: Body[] = [];
    const spec = 'docs/specs/component/cmp-002-big.md';
    const scope = start([{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, '## Interfaces\n' + 'TODO\n'.repeat(99));
    run(scope, writes);
    scope.patch(`${R}/check-runs/7`, (b: Body) => (writes.push(b), true)).reply(200, {});
    comment(scope, [], []);

    await h.receive('pull_request', prPayload('synchronize'));
    scope.done();
    expect(writes.map((p) => p.output.annotations.length)).toEqual([50, 49]);
    expect(writes[0].status).toBe('in_progress');
    expect(writes[1]).toMatchObject({ status: 'completed', conclusion: 'success' });
    // N=1, A=99: 2 config + files + tree + content + ceil(99/50) = 7.
    expect(h.outcomes[0].calls).toBe(7);
  });

  test('no spec file changed: success "No spec files changed", no comment created', async () => {
    const h = harness();
    const writes: Body[] = [];
    const scope = start([{ filename: 'src/index.ts', status: 'modified' }]);
    run(scope, writes);
    comment(scope, [{ id: 5, body: 'LGTM', user: { type: 'User' } }]);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes[0]).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No spec files changed' } });
    expect(h.comments).toEqual(['none']);
  });

  test('removed specs skipped, renamed reviewed under the new name, binary and oversize get findings', async () => {
    const h = harness();
    const writes: Body[] = [];
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
    finish(scope, writes);
    await h.receive('pull_request', prPayload('reopened'));
    scope.done();
    const report = h.outcomes[0].report!;
    expect(report.files.map((f) => f.path)).toEqual([renamed, bin, big]);
    expect(report.files[1].findings[0]).toMatchObject({ rule: 'file-encoding', message: 'File is binary, not UTF-8 text.' });
    expect(report.files[2].findings[0]).toMatchObject({ rule: 'file-encoding', message: 'File is larger than 1048576 bytes.' });
    expect(writes[0].output.summary).toContain('1 removed spec file skipped.');
  });

  test('push twice: the second review edits our one comment in place; look-alikes are left alone', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const posted: Body[] = [];
    const s1 = start([{ filename: spec, status: 'added' }]);
    tree(s1, [spec]);
    file(s1, spec, '# x\n');
    finish(s1, [], [], posted);
    await h.receive('pull_request', prPayload('opened'));
    s1.done();

    const updated: Body[] = [];
    const s2 = start([{ filename: spec, status: 'added' }]);
    tree(s2, [spec]);
    file(s2, spec, '# x\n\nTODO\n');
    run(s2, []);
    comment(s2, [
      { id: 1, body: `${COMMENT_MARKER} pasted by a human`, user: { type: 'User' } },
      ownComment(2, `${COMMENT_MARKER}\nanother app's comment with our marker`, 999),
      ownComment(99, posted[0].body),
    ]).patch(`${R}/issues/comments/99`, (b: Body) => (updated.push(b), true)).reply(200, {});
    await h.receive('pull_request', prPayload('reopened'));
    s2.done(); // comments 1 and 2 are neither edited nor deleted
    expect(updated).toHaveLength(1);
    expect(updated[0].body).toContain('Placeholder left in text');
    expect(h.comments).toEqual(['created', 'updated']);
  });

  test("another app's comment that starts with our marker is never taken over (issue 11: performed_via_github_app is compared)", async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const posted: Body[] = [];
    const scope = start([{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '# x\n');
    // Two Bot comments with the marker, neither written by this app: both stay; ours is created.
    finish(scope, [], [
      ownComment(3, `${COMMENT_MARKER}\nI am another bot`, APP_ID + 1),
      { id: 4, body: `${COMMENT_MARKER}\nno app at all`, user: { login: 'x[bot]', type: 'Bot' } },
    ], posted);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(posted).toHaveLength(1);
    expect(h.comments).toEqual(['created']);
  });

  test('all clear after a fix: the comment becomes the compact one with each score (on_clean: compact, the default)', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const updated: Body[] = [];
    const scope = start([{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, INTERFACES_OK);
    run(scope, []);
    comment(scope, [ownComment(99, `${COMMENT_MARKER}\nold findings`)]).patch(`${R}/issues/comments/99`, (b: Body) => (updated.push(b), true)).reply(200, {});
    await h.receive('pull_request', prPayload('synchronize'));
    scope.done();
    const body = updated[0].body as string;
    expect(body).toMatch(/✅ \*\*Spec Review\*\*: the spec file passes with no problems/);
    expect(body).toContain(`| \`${spec}\` | \`component\` | \`██████████ 100\` |`);
  });

  test('all clear and no comment yet: the author still gets the compact comment with the score (issue 10)', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const posted: Body[] = [];
    const scope = start([{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, INTERFACES_OK);
    finish(scope, [], [], posted);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(h.comments).toEqual(['created']);
    expect(posted[0].body).toContain('██████████ 100');
  });

  test.each([
    ['shrink', 'created'], // the old name of compact keeps working
    ['keep', 'created'],
  ])('on_clean: %s on a clean PR creates the comment', async (onClean, action) => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const posted: Body[] = [];
    const scope = nock(API)
      .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(200, `comment:\n  on_clean: ${onClean}\n`, RAW)
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, INTERFACES_OK);
    finish(scope, [], [], posted);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(h.comments).toEqual([action]);
    if (onClean === 'keep') expect(posted[0].body).toContain('### ✅ Spec Review: 1 spec file, no problems');
    else expect(posted[0].body).toContain('| File | Type | Score |');
  });

  test('on_clean: delete stays silent on a clean PR and removes our earlier comment', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const deleted: number[] = [];
    const scope = nock(API)
      .get(contents(CONFIG)).query({ ref: BASE_REF }).reply(200, 'comment:\n  on_clean: delete\n', RAW)
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'modified' }]);
    tree(scope, [spec]);
    file(scope, spec, INTERFACES_OK);
    run(scope, []);
    comment(scope, [ownComment(99, `${COMMENT_MARKER}\nold`)]).delete(`${R}/issues/comments/99`).reply(204, () => (deleted.push(99), ''));
    await h.receive('pull_request', prPayload('synchronize'));
    scope.done();
    expect(deleted).toEqual([99]);
    expect(h.comments).toEqual(['deleted']);
  });

  test('an older head finishing after a newer push does not touch the comment', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '# x\n');
    run(scope, []).get(`${R}/pulls/${PR}`).reply(200, { head: { sha: 'f'.repeat(40) } });
    await h.receive('pull_request', prPayload('synchronize'));
    scope.done(); // no comment list, no comment write
    expect(h.comments).toEqual(['stale']);
  });

  test('a redelivered webhook (same X-GitHub-Delivery) does not review again', async () => {
    const h = harness();
    const scope = start([{ filename: 'src/a.ts', status: 'added' }]);
    run(scope, []);
    comment(scope);
    await h.receive('pull_request', prPayload('opened'), 'same-id');
    await h.receive('pull_request', prPayload('opened'), 'same-id');
    scope.done();
    expect(h.outcomes).toHaveLength(1);
  });

  test('pull_request.synchronize and check_suite.requested for the same push review once', async () => {
    const h = harness();
    const scope = start([{ filename: 'src/a.ts', status: 'added' }]);
    run(scope, []);
    comment(scope);
    await h.receive('pull_request', prPayload('synchronize'));
    const suite = examplePayload('check_suite', 'requested');
    suite.check_suite.head_sha = HEAD;
    suite.check_suite.pull_requests = [{ number: PR, head: { sha: HEAD }, base: { ref: BASE_REF } }];
    await h.receive('check_suite', suite);
    scope.done();
    expect(h.outcomes).toHaveLength(1);
  });

  test('a force-push back to an earlier head is reviewed again: run and comment describe the current head (issue 11)', async () => {
    const h = harness();
    const A = HEAD;
    const B = 'b'.repeat(40);
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const posted: Body[] = [];
    const updated: Body[] = [];
    for (const [head, i] of [[A, 0], [B, 1], [A, 2]] as const) {
      const scope = start([{ filename: spec, status: 'added' }]);
      tree(scope, [spec], false, head);
      file(scope, spec, head === A ? '# a\n' : '# b\n\nTODO\n', head);
      run(scope, [], head);
      scope.get(`${R}/pulls/${PR}`).reply(200, { head: { sha: head } });
      const last = updated.length ? updated[updated.length - 1].body : posted[0]?.body;
      scope.get(`${R}/issues/${PR}/comments`).query(true).reply(200, last ? [ownComment(99, last)] : []);
      if (i === 0) scope.post(`${R}/issues/${PR}/comments`, (b: Body) => (posted.push(b), true)).reply(201, { id: 99 });
      else scope.patch(`${R}/issues/comments/99`, (b: Body) => (updated.push(b), true)).reply(200, {});
      await h.receive('pull_request', prPayload(i === 0 ? 'opened' : 'synchronize', head));
      scope.done();
    }
    expect(h.outcomes.map((o) => o.kind)).toEqual(['reviewed', 'reviewed', 'reviewed']);
    expect(updated.map((b) => /spec-review:head=(\w+)/.exec(b.body)?.[1])).toEqual([B, A]);
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
    const scope = start([{ filename: 'src/a.ts', status: 'added' }]);
    run(scope, []);
    comment(scope);
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
    const scope = start([{ filename: 'src/a.ts', status: 'added' }]);
    run(scope, []);
    comment(scope);
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
      .get(contents(CONFIG)).query({ ref })
      .reply(text === null ? 404 : status, text ?? { message: 'Not Found' }, RAW);
  }

  test('read from the base branch (never the head); its rules apply', async () => {
    const h = harness();
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const writes: Body[] = [];
    const scope = withConfig('fail_on: warning\n')
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '## Interfaces\nTODO\n');
    finish(scope, writes);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes[0].conclusion).toBe('failure'); // a warning fails under fail_on: warning
    expect(writes[0].output.summary).toContain('fails on: warning');
  });

  test('a broken config completes the run as failure naming file:line, and the app keeps serving', async () => {
    const h = harness();
    const writes: Body[] = [];
    const scope = run(withConfig('fail_on: error\nbogus: 1\n'), writes);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(writes[0].output.title).toBe('Configuration error: nothing was reviewed');
    expect(writes[0].output.summary).toContain('.github/spec-review.yml@master:2: unknown key "bogus"');

    const next = start([{ filename: 'src/a.ts', status: 'added' }]);
    run(next, []);
    comment(next);
    await h.receive('pull_request', prPayload('reopened'));
    next.done();
    expect(h.outcomes.map((o) => o.kind)).toEqual(['config-error', 'no-specs']);
  });

  test('_extends: org-wide config from the .github repository, merged under the repo file', async () => {
    const h = harness();
    const writes: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = withConfig('_extends: .github\nmin_score: 99\n')
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(200, 'fail_on: never\n', RAW)
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '## Interfaces\nTODO\n');
    finish(scope, writes);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    // fail_on: never from the org file, min_score: 99 from the repo → the 95-point file fails.
    expect(writes[0].conclusion).toBe('failure');
    expect(writes[0].output.summary).toContain('minimum score: 99');
  });

  test('a configuration over the limits is refused with the file and the list named, before any merge (issue 11)', async () => {
    const h = harness();
    const writes: Body[] = [];
    const globs = Array.from({ length: 600 }, (_, i) => `  - "x/${i}/**"`).join('\n');
    const scope = run(withConfig(`ignore:\n${globs}\n`), writes);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes[0].output.summary).toContain('.github/spec-review.yml@master: ignore has 600 entries; at most 500 are allowed');

    const big = `# ${'x'.repeat(70 * 1024)}\n`;
    const scope2 = run(withConfig(big), []);
    await h.receive('pull_request', prPayload('reopened'));
    scope2.done();
    expect(h.outcomes[1]).toMatchObject({ kind: 'config-error', error: expect.stringContaining('larger than 64 KB') });
  });

  test('the _extends merge is linear: 20,000 + 20,000 list entries merge at once (was quadratic: 111 s)', () => {
    const a = { ignore: Array.from({ length: 20_000 }, (_, i) => `a/${i}`) };
    const b = { ignore: Array.from({ length: 20_000 }, (_, i) => `${i % 2 ? 'a' : 'b'}/${i}`) };
    const merged = mergeConfig(a, b) as { ignore: string[] };
    expect(merged.ignore).toHaveLength(30_000); // the 10,000 shared entries once
    expect(merged.ignore.slice(0, 2)).toEqual(['a/0', 'a/1']);
  });

  /** A PR that edits the config (no config on the base branch): one spec and the proposed file at the head. */
  function dryRun(specBody: string, proposed: string, writes: Body[], posted: Body[]) {
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = withConfig(null)
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true)
      .reply(200, [{ filename: spec, status: 'added' }, { filename: CONFIG, status: 'modified' }]);
    tree(scope, [spec, CONFIG]);
    file(scope, spec, specBody);
    scope.get(contents(CONFIG)).query({ ref: HEAD }).reply(200, proposed, RAW);
    return finish(scope, writes, [], posted);
  }

  test('a PR that edits the config gets a dry run in the comment, not in the result', async () => {
    const h = harness();
    const writes: Body[] = [];
    const posted: Body[] = [];
    const scope = dryRun('## Interfaces\nTODO\n', 'fail_on: warning\n', writes, posted);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes[0].conclusion).toBe('success'); // base config (defaults): warnings do not fail
    const body: string = posted[0].body;
    expect(body).toContain('Dry run of the proposed');
    expect(body).toContain('does **not** affect the check result');
    expect(body).toContain('would **fail**');
  });

  test('the dry run never reads another repository: _extends to a private repo is not followed, nothing of it is quoted (issue 11)', async () => {
    const h = harness();
    const posted: Body[] = [];
    const scope = dryRun('## Interfaces\n', '_extends: other-private-repo:deploy/secrets.yml\nfail_on: warning\n', [], posted);
    // No interceptor for /repos/Codertocat/other-private-repo: a read would fail the review loudly.
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(h.outcomes[0].kind).toBe('reviewed');
    const body: string = posted[0].body;
    expect(body).toContain('_extends points outside this repository, so the preview does not follow it');
    expect(body).not.toContain('secrets.yml');
    expect(body).toContain('would **pass**');
  });

  test('the dry run never falls back to the owner\'s .github repository', async () => {
    const h = harness();
    const posted: Body[] = [];
    const scope = withConfig(null)
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: CONFIG, status: 'modified' }]);
    tree(scope, [CONFIG]);
    // The proposed file is gone at the head (a force-push): the preview says "defaults", reading nothing else.
    scope.get(contents(CONFIG)).query({ ref: HEAD }).reply(404, {});
    finish(scope, [], [], posted);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(posted[0].body).toContain('Dry run of the proposed');
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
    expect(posted[0].body).toContain(`${CONFIG}@${HEAD}:2: comment.on_clean must be one of`);
  });
});

describe('bounded cost', () => {
  test('spec contents are fetched once per blob SHA: a push that changes 1 of 3 specs fetches 1 (issue 11)', async () => {
    const h = harness();
    const specs = ['a', 'b', 'c'].map((x) => `docs/specs/component/cmp-00${x.charCodeAt(0) - 96}-${x}.md`);
    const blob = (sha: string, body: string, scope: nock.Scope) => scope.get(`${R}/git/blobs/${sha}`).matchHeader('accept', 'application/vnd.github.v3.raw').reply(200, body, RAW);
    const first = start(specs.map((filename, i) => ({ filename, status: 'added', sha: `${i + 1}`.repeat(40) })));
    tree(first, specs);
    specs.forEach((_, i) => blob(`${i + 1}`.repeat(40), INTERFACES_OK, first));
    finish(first, []);
    await h.receive('pull_request', prPayload('opened'));
    first.done();

    const B = 'b'.repeat(40);
    const second = start(specs.map((filename, i) => ({ filename, status: i === 2 ? 'modified' : 'added', sha: i === 2 ? '9'.repeat(40) : `${i + 1}`.repeat(40) })));
    tree(second, specs, false, B);
    blob('9'.repeat(40), '# c\n', second); // only the changed spec
    finish(second, [], [], [], B);
    await h.receive('pull_request', prPayload('synchronize', B));
    second.done();
    expect(h.outcomes.map((o) => o.calls)).toEqual([2 + 1 + 1 + 3 + 1, 2 + 1 + 1 + 1 + 1]);
    expect(h.outcomes[1].report!.files.map((f) => f.findings.length)).toEqual([0, 0, 1]);
  });

  test('20,000 TODO lines: 100 findings of the rule per file plus one that counts the rest', async () => {
    const h = harness();
    const writes: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '## Interfaces\n' + 'TODO\n'.repeat(20_000));
    run(scope, writes);
    scope.patch(`${R}/check-runs/7`, (b: Body) => (writes.push(b), true)).times(2).reply(200, {});
    comment(scope, [], []);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    const findings = h.outcomes[0].report!.files[0].findings;
    expect(findings).toHaveLength(101);
    expect(findings[100].message).toMatch(/^19,900 more "placeholder" findings in this file from line 102 on are not listed/);
    expect(writes).toHaveLength(3); // ceil(101 / 50)
  });

  test('annotations are capped at 1,000 per run (errors first); the run completes in 20 writes and says what was left out', async () => {
    const h = harness();
    const writes: Body[] = [];
    const specs = Array.from({ length: 15 }, (_, i) => `docs/specs/component/cmp-${String(i).padStart(3, '0')}-x.md`);
    const scope = start(specs.map((filename) => ({ filename, status: 'added' })));
    tree(scope, specs);
    for (const s of specs) file(scope, s, 'TODO\n'.repeat(100)); // 1 error + 100 warnings each
    run(scope, writes);
    scope.patch(`${R}/check-runs/7`, (b: Body) => (writes.push(b), true)).times(19).reply(200, {});
    comment(scope, [], []);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes).toHaveLength(20);
    const annotations = writes.flatMap((w) => w.output.annotations);
    expect(annotations).toHaveLength(1000);
    expect(annotations.slice(0, 15).every((a: Body) => a.annotation_level === 'failure')).toBe(true);
    expect(writes[19]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(writes[19].output.summary).toContain('515 findings have no annotation (515 warnings): a run shows at most 1,000');
  });
});

describe('GitHub failures', () => {
  test('a 5xx after the client gave up: the run completes as "could not complete", logged with the delivery id', async () => {
    const h = harness();
    const writes: Body[] = [];
    const scope = nock(API)
      .get(contents(CONFIG)).query(true).reply(404, {})
      .get(contents(CONFIG, `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(502, { message: 'Bad Gateway' });
    run(scope, writes);
    await h.receive('pull_request', prPayload('opened'), 'delivery-5xx');
    scope.done();
    expect(writes[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Spec Review could not complete' } });
    expect(writes[0].output.summary).toContain('delivery-5xx');
    expect(h.logs.some((l) => l.deliveryId === 'delivery-5xx' && l.level === 50)).toBe(true);
  });

  test('a comment the token may not write (403 "Resource not accessible") leaves the completed result alone', async () => {
    const h = harness();
    const writes: Body[] = [];
    const spec = 'docs/specs/component/cmp-001-pay.md';
    const scope = start([{ filename: spec, status: 'added' }]);
    tree(scope, [spec]);
    file(scope, spec, '# Pay\n\nTODO\n');
    run(scope, writes);
    comment(scope).post(`${R}/issues/${PR}/comments`).reply(403, { message: 'Resource not accessible by integration' });
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: expect.stringMatching(/^Failed/) } });
    expect(h.outcomes[0]).toMatchObject({ kind: 'reviewed', comment: 'queued' });
    expect(h.comments).toEqual(['refused']);
    expect(h.logs.some((l) => String(l.msg).includes('summary comment refused'))).toBe(true);
  });

  test('a rate-limit answer (quota exhausted) also completes the run', async () => {
    const h = harness();
    const writes: Body[] = [];
    const scope = nock(API)
      .get(contents(CONFIG)).query(true)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '9999999999' });
    run(scope, writes);
    await h.receive('pull_request', prPayload('opened'));
    scope.done();
    expect(writes[0].output.summary).toContain('API rate limit exceeded');
  });
});

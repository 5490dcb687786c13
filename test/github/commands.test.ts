/**
 * `/spec` comment commands: parsing (pure) and the issue_comment handler end to end through Probot,
 * with the real engine (built-in rules and templates), real `issue_comment` / `pull_request` example
 * payloads adapted minimally, and nock scopes that must all be used (scope.done()).
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { canWrite, isBot, slugify } from '../../src/github/commands/index.js';
import { closestMatch, findCommandLines, parseCommand, parseCommands, tokenize } from '../../src/github/commands/parse.js';
import type { CommandsOutcome } from '../../src/github/commands/index.js';
import { loadDefaultEngine } from '../../src/github/engine-port.js';
import type { ReviewOutcome } from '../../src/github/review.js';
import { REPLY_MARKER } from '../../src/report/command-replies.js';
import { API, BASE_REF, HEAD, OWNER, PR, R, REPO, contents, examplePayload, harness } from './helpers/setup.js';

type Body = Record<string, any>;

afterEach(() => {
  nock.cleanAll();
});

// ---------------------------------------------------------------------------------------------------
// Parsing

describe('finding commands in a comment', () => {
  test('a /spec line in prose is a command; its line number and raw text are kept', () => {
    expect(findCommandLines('Please add it:\n/spec scaffold component payment-service\nthanks')).toEqual([
      { line: 2, raw: '/spec scaffold component payment-service' },
    ]);
  });

  test.each([
    ['fenced code block', '```\n/spec help\n```'],
    ['tilde fence', '~~~md\n/spec help\n~~~'],
    ['indented code', 'Example:\n\n    /spec help\n'],
    ['quote', '> /spec help'],
    ['lazy continuation of a quote', '> earlier\n/spec help'],
    ['HTML comment', '<!--\n/spec help\n-->'],
    ['multi-line code span', 'see `x\n/spec help` there'],
    ['mid-line mention', 'run /spec help later'],
    ['a longer word', '/specification help'],
    ['heading', '# /spec help'],
    ['table cell', '| a |\n|---|\n| /spec help |'],
  ])('not a command: %s', (_what, body) => {
    expect(findCommandLines(body)).toEqual([]);
  });

  test('CRLF line endings, leading spaces and several commands in order', () => {
    const body = 'Hi\r\n  /spec scaffold component a\r\n\r\n```\r\n/spec recheck\r\n```\r\n/SPEC help\r\n';
    expect(findCommandLines(body).map((c) => c.line)).toEqual([2, 7]);
    expect(parseCommands(body).map((c) => c.name)).toEqual(['scaffold', 'help']);
  });

  test('a command in a list item paragraph and after a quote block counts', () => {
    expect(parseCommands('- item\n\n  /spec help\n')).toHaveLength(1);
    expect(parseCommands('> quoted\n\n/spec recheck')).toMatchObject([{ name: 'recheck', line: 3 }]);
  });
});

describe('parsing one command', () => {
  const p = (raw: string) => parseCommand({ line: 1, raw });

  test('scaffold with an id, a slug and a quoted title', () => {
    expect(p('/spec scaffold Component cmp-002-payment-service --title "Payment *Core*"')).toEqual({
      line: 1,
      raw: '/spec scaffold Component cmp-002-payment-service --title "Payment *Core*"',
      name: 'scaffold',
      type: 'component',
      slug: 'cmp-002-payment-service',
      title: 'Payment *Core*',
    });
    expect(p('/spec scaffold flow ledger --title=Ledger')).toMatchObject({ title: 'Ledger' });
    expect(p('/spec scaffold flow ledger --title \u201cSmart quotes\u201d')).toMatchObject({ title: 'Smart quotes' });
  });

  test('bare /spec is help; recheck and help', () => {
    expect(p('/spec').name).toBe('help');
    expect(p('/spec help').name).toBe('help');
    expect(p('/spec recheck').name).toBe('recheck');
  });

  test.each([
    ['/spec scafold component x', 'unknown command "scafold"', '/spec scaffold component x'],
    ['/spec rechek', 'unknown command "rechek"', '/spec recheck'],
    ['/spec frobnicate', 'unknown command "frobnicate"', undefined],
    ['/spec scaffold component', 'the name is missing', undefined],
    ['/spec scaffold', 'the type and the name are missing', undefined],
    ['/spec scaffold component payment service', 'expected a type and one name, got 3 words; put a title in --title "..."', undefined],
    ['/spec scaffold component x --titel "X"', 'unknown option "--titel"; the only option is --title', '/spec scaffold component x --title "X"'],
    ['/spec scaffold component x --title', '--title needs a value, e.g. --title "Payment Service"', undefined],
    ['/spec scaffold component x --title "open', 'the quote " is not closed', undefined],
    ['/spec recheck now', 'recheck takes no arguments (got "now")', '/spec recheck'],
  ])('invalid: %s', (raw, problem, suggestion) => {
    expect(p(raw)).toMatchObject({ name: 'invalid', problem, suggestion });
  });

  test('tokenize: quotes group, backslash escapes inside double quotes', () => {
    expect(tokenize(' a "b c" \'d e\' "x\\"y"')).toEqual({ tokens: ['a', 'b c', 'd e', 'x"y'] });
  });

  test('closest match only for likely typos', () => {
    expect(closestMatch('componnet', ['component', 'flow'])).toBe('component');
    expect(closestMatch('zzzzzz', ['component', 'flow'])).toBeUndefined();
  });

  test('slugify suggests a safe slug', () => {
    expect(slugify('../../etc/passwd')).toBe('passwd');
    expect(slugify('Payment Service')).toBe('payment-service');
    expect(slugify('Ünïcode Naïve.md')).toBe('unicode-naive');
    expect(slugify('../')).toBeUndefined();
  });

  test('bots and permissions', () => {
    expect(isBot({ login: 'spec-review[bot]', type: 'Bot' })).toBe(true);
    expect(isBot({ login: 'renovate[bot]', type: 'User' })).toBe(true);
    expect(isBot({ login: 'octocat', type: 'User' })).toBe(false);
    expect(canWrite({ permission: 'write', role_name: 'write' })).toBe(true);
    expect(canWrite({ permission: 'write', role_name: 'maintain' })).toBe(true);
    expect(canWrite({ permission: 'write', role_name: 'custom-writer' })).toBe(true); // custom role based on write
    expect(canWrite({ permission: 'read', role_name: 'triage' })).toBe(false);
    expect(canWrite({ permission: 'none' })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
// The handler

const COMMENT_ID = 492700400;
const REACTIONS = `${R}/issues/comments/${COMMENT_ID}/reactions`;
const BRANCH = 'changes';
const TODAY = new Date('2025-03-04T23:30:00Z');
const SPEC_DIR = 'docs/specs/component';
const EXISTING = `${SPEC_DIR}/cmp-001-spec-engine.md`;

/** A real issue_comment.created payload, on a pull request when `onPull`. */
function commentPayload(body: string, opts: { onPull?: boolean; action?: string; user?: Body } = {}): Body {
  const p = examplePayload('issue_comment', opts.action ?? 'created');
  p.comment.body = body;
  if (opts.user) p.comment.user = { ...p.comment.user, ...opts.user };
  if (opts.onPull ?? true) {
    p.issue.number = PR;
    p.issue.pull_request = {
      url: `${API}${R}/pulls/${PR}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR}`,
      diff_url: `https://github.com/${OWNER}/${REPO}/pull/${PR}.diff`,
      patch_url: `https://github.com/${OWNER}/${REPO}/pull/${PR}.patch`,
    };
  }
  return p;
}

/** A real pull request (GET /pulls/2 answers with the same shape as the webhook's pull_request). */
function pullResponse(opts: { fork?: 'user' | 'org'; maintainerCanModify?: boolean; head?: string } = {}): Body {
  const pr = examplePayload('pull_request', 'opened').pull_request;
  pr.state = 'open';
  pr.head.sha = opts.head ?? HEAD;
  pr.maintainer_can_modify = opts.maintainerCanModify ?? false;
  if (opts.fork) {
    pr.head.repo.name = 'Hello-World-fork';
    pr.head.repo.full_name = 'forker/Hello-World-fork';
    pr.head.repo.html_url = 'https://github.com/forker/Hello-World-fork';
    pr.head.repo.owner = { ...pr.head.repo.owner, login: 'forker', type: opts.fork === 'org' ? 'Organization' : 'User' };
  }
  return pr;
}

function h() {
  const outcomes: CommandsOutcome[] = [];
  const reviews: ReviewOutcome[] = [];
  const hh = harness({ loadEngine: loadDefaultEngine, onCommands: (o) => outcomes.push(o), onReviewed: (o) => reviews.push(o), now: () => TODAY });
  return { ...hh, commands: outcomes, reviews };
}

/** Records the order of the writes that matter: reactions and replies. */
function recorder() {
  const events: string[] = [];
  const replies: string[] = [];
  return {
    events,
    replies,
    reaction: (b: Body) => (events.push(`reaction:${b.content}`), true),
    reply: (b: Body) => (events.push('reply'), replies.push(b.body), true),
  };
}

function intake(scope: nock.Scope, rec: ReturnType<typeof recorder>, permission: Body = { permission: 'write', role_name: 'write' }) {
  return scope
    .post(REACTIONS, (b: Body) => b.content === 'eyes' && rec.reaction(b)).reply(201, { id: 1, content: 'eyes' })
    .get(`${R}/collaborators/Codertocat/permission`).reply(200, { ...permission, user: { login: 'Codertocat' } });
}

/** Base-branch config (none: built-in defaults) and the tree at the head. */
function configAndTree(scope: nock.Scope, paths: string[], head = HEAD) {
  return scope
    .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, { message: 'Not Found' })
    .get(contents('.github/spec-review.yml', `/repos/${OWNER}/.github`)).reply(404, { message: 'Not Found' })
    .get(`${R}/git/trees/${head}`).query({ recursive: '1' })
    .reply(200, { sha: head, truncated: false, tree: paths.map((path) => ({ path, type: 'blob', size: 100 })) });
}

function finish(scope: nock.Scope, rec: ReturnType<typeof recorder>, reactions: string[]) {
  scope.post(`${R}/issues/${PR}/comments`, rec.reply).reply(201, { id: 555 });
  for (const r of reactions) scope.post(REACTIONS, (b: Body) => b.content === r && rec.reaction(b)).reply(201, { id: 2, content: r });
  return scope;
}

function decode(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}

describe('/spec scaffold', () => {
  test('commits the spec to the head branch with the next free id, replies with the link and what to fill first', async () => {
    const app = h();
    const rec = recorder();
    const puts: Body[] = [];
    const path = `${SPEC_DIR}/cmp-002-payment-service.md`;
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING, 'README.md']);
    scope
      .put(contents(path), (b: Body) => (puts.push(b), true))
      .reply(201, { content: { path, html_url: `https://github.com/${OWNER}/${REPO}/blob/${BRANCH}/${path}` }, commit: { sha: 'c0ffee' } });
    finish(scope, rec, ['rocket']);

    await app.receive('issue_comment', commentPayload('Looks good, but this needs a spec.\n/spec scaffold component payment-service'));
    scope.done();

    expect(puts).toHaveLength(1);
    expect(puts[0].message).toBe('docs(spec): scaffold cmp-002-payment-service');
    expect(puts[0].branch).toBe(BRANCH);
    expect(puts[0].sha).toBeUndefined(); // never overwrite
    const file = decode(puts[0].content);
    expect(file).toMatch(/^# Payment Service\n/);
    expect(file).toContain('**ID**: CMP-002');
    expect(file).toContain('**Last Updated**: 2025-03-04'); // today, UTC

    expect(rec.events).toEqual(['reaction:eyes', 'reply', 'reaction:rocket']);
    const reply = rec.replies[0];
    expect(reply.startsWith(REPLY_MARKER)).toBe(true);
    expect(reply).toContain(`[\`${path}\`](https://github.com/${OWNER}/${REPO}/blob/${BRANCH}/${path})`);
    expect(reply).toContain('`CMP-002`');
    expect(reply).toMatch(/Fill first:\n- line \d+: Section "Purpose" is empty/); // errors of the new file's review first
    expect(app.commands[0]).toMatchObject({ kind: 'handled', results: [{ command: 'scaffold', status: 'ok' }] });
    expect(app.commands[0].calls).toBeLessThanOrEqual(10);
  });

  test('two commands in one comment run in order: the second scaffold takes the id after the first', async () => {
    const app = h();
    const rec = recorder();
    const order: string[] = [];
    const first = `${SPEC_DIR}/cmp-002-payment-service.md`;
    const second = `${SPEC_DIR}/cmp-010-ledger-service.md`;
    const third = `${SPEC_DIR}/cmp-011-audit.md`;
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING]); // one tree call for the whole comment
    for (const path of [first, second, third]) {
      scope.put(contents(path), (b: Body) => (order.push(b.message), true)).reply(201, { content: { path, html_url: `https://github.com/x/blob/${path}` } });
    }
    finish(scope, rec, ['rocket']);

    const body = [
      '/spec scaffold component payment-service',
      '/spec scaffold component cmp-010-ledger-service --title "Ledger @octo-team <b>"',
      '/spec scaffold component audit',
    ].join('\n');
    await app.receive('issue_comment', commentPayload(body));
    scope.done();

    expect(order).toEqual([
      'docs(spec): scaffold cmp-002-payment-service',
      'docs(spec): scaffold cmp-010-ledger-service',
      'docs(spec): scaffold cmp-011-audit',
    ]);
    const reply = rec.replies[0];
    const at = [first, second, third].map((p) => reply.indexOf(p));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The user's title is escaped: no mention, no HTML (inside code spans, as the command is echoed, both are inert).
    const prose = reply.replace(/`[^`]*`/g, '');
    expect(prose).not.toMatch(/@octo-team/);
    expect(prose).not.toContain('<b>');
    expect(prose).toContain('\u201cLedger @\u200bocto-team &lt;b&gt;\u201d');
  });

  test('a truncated tree (huge repository): the type folder is listed too, so the next free id is still right', async () => {
    const app = h();
    const rec = recorder();
    const puts: Body[] = [];
    const path = `${SPEC_DIR}/cmp-008-payments.md`;
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse())
      .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
      .get(contents('.github/spec-review.yml', `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/git/trees/${HEAD}`).query({ recursive: '1' })
      .reply(200, { sha: HEAD, truncated: true, tree: [{ path: EXISTING, type: 'blob' }] })
      .get(contents(SPEC_DIR)).query({ ref: HEAD })
      .reply(200, [{ path: EXISTING, type: 'file' }, { path: `${SPEC_DIR}/cmp-007-ledger.md`, type: 'file' }])
      .put(contents(path), (b: Body) => (puts.push(b), true)).reply(201, { content: { path } });
    finish(scope, rec, ['rocket']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component payments'));
    scope.done();
    expect(puts[0].message).toBe('docs(spec): scaffold cmp-008-payments');
    // Without an html_url in GitHub's answer the link is built from the head repository's page.
    expect(rec.replies[0]).toContain(`(https://github.com/${OWNER}/${REPO}/blob/${BRANCH}/${path})`);
  });

  test('a fork without maintainer edits: no push, the template in a collapsed block ready to paste', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse({ fork: 'user', maintainerCanModify: false }));
    configAndTree(scope, [EXISTING]);
    finish(scope, rec, ['confused']);

    await app.receive('issue_comment', commentPayload('/spec scaffold flow checkout'));
    scope.done(); // and no PUT was made (nock would fail on an unexpected request)

    const reply = rec.replies[0];
    expect(reply).toContain('can\u2019t push to this fork');
    expect(reply).toContain('<details><summary>flw-001-checkout.md</summary>');
    expect(reply).toContain('https://github.com/forker/Hello-World-fork/new/changes?filename=docs%2Fspecs%2Fflow%2Fflw-001-checkout.md');
    // The template sits in a fence longer than any backtick run inside it (it contains ``` blocks).
    const fence = /\n(`{3,})markdown\n/.exec(reply)![1];
    const inner = reply.slice(reply.indexOf(`${fence}markdown\n`) + fence.length + 9, reply.lastIndexOf(`\n${fence}`));
    expect(inner).toContain('# Checkout');
    expect(inner).toContain('**ID:** FLW-001');
    const longestInside = Math.max(...(inner.match(/`+/g) ?? ['']).map((r) => r.length));
    expect(fence.length).toBeGreaterThan(longestInside);
    expect(rec.events).toEqual(['reaction:eyes', 'reply', 'reaction:confused']);
    expect(app.commands[0].results).toEqual([{ command: 'scaffold', status: 'refused' }]);
  });

  test('an organisation-owned fork is never pushed to, even with maintainer edits on', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse({ fork: 'org', maintainerCanModify: true }));
    configAndTree(scope, [EXISTING]);
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component billing'));
    scope.done();
    expect(rec.replies[0]).toContain('<details>');
  });

  test('a fork with maintainer edits on: the push goes to the fork; a 403 from GitHub falls back to the paste reply', async () => {
    const app = h();
    const rec = recorder();
    const path = `${SPEC_DIR}/cmp-002-billing.md`;
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse({ fork: 'user', maintainerCanModify: true }));
    configAndTree(scope, [EXISTING]);
    scope.put(`/repos/forker/Hello-World-fork/contents/${encodeURIComponent(path)}`).reply(403, { message: 'Resource not accessible by integration' });
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component billing'));
    scope.done();
    expect(rec.replies[0]).toContain('GitHub refused my push to this branch (HTTP 403: Resource not accessible by integration');
    expect(rec.replies[0]).toContain('<details><summary>cmp-002-billing.md</summary>');
  });

  test('an existing file is never overwritten: the reply links it', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING]);
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component cmp-001-spec-engine'));
    scope.done();
    expect(rec.replies[0]).toContain(`[\`${EXISTING}\`](https://github.com/${OWNER}/${REPO}/blob/${BRANCH}/${EXISTING}) already exists; nothing was changed`);
  });

  test('a file created meanwhile (GitHub answers 422: sha missing) is reported as existing, not overwritten', async () => {
    const app = h();
    const rec = recorder();
    const path = `${SPEC_DIR}/cmp-002-race.md`;
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING]);
    scope.put(contents(path), (b: Body) => b.sha === undefined).reply(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component race'));
    scope.done();
    expect(rec.replies[0]).toContain(`already exists; nothing was changed`);
  });

  test('an id already used by another spec: usage and the command without the id', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING]);
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component cmp-001-payments'));
    scope.done();
    expect(rec.replies[0]).toContain('CMP-001 is already used by docs/specs/component/cmp-001-spec-engine.md');
    expect(rec.replies[0]).toContain('Did you mean `/spec scaffold component payments`?');
  });

  test('a slug escaping the folder (../x) is refused with the usage; nothing is committed', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING]);
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component ../x'));
    scope.done();
    const reply = rec.replies[0];
    expect(reply).toMatch(/is not a valid spec name/);
    expect(reply).toContain('Did you mean `/spec scaffold component x`?');
    expect(reply).toContain('/spec scaffold <type> [<id>-]<slug> [--title "Title"]');
    expect(app.commands[0].results).toEqual([{ command: 'scaffold', status: 'refused' }]);
  });

  test('a 300-character slug is never committed (checkouts fail over 255-byte names): a clear reply with a shorter name', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING]);
    finish(scope, rec, ['confused']);
    const slug = Array.from({ length: 60 }, (_, i) => `word${i}`).join('-').slice(0, 300);
    await app.receive('issue_comment', commentPayload(`/spec scaffold component ${slug}`));
    scope.done(); // no PUT: nothing committed
    const reply = rec.replies[0];
    expect(reply).toContain('The slug has 300 characters; at most 100 make a file name every checkout can hold');
    expect(reply).toContain('Did you mean `/spec scaffold component word0-word1-word2-word3-word4-word5`?');
    expect(app.commands[0].results).toEqual([{ command: 'scaffold', status: 'refused' }]);
  });

  test('an unknown type gets the closest type, and the slug is checked against it too', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse());
    configAndTree(scope, [EXISTING]);
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold componnet ../../etc/passwd'));
    scope.done();
    const reply = rec.replies[0];
    expect(reply).toContain('Unknown type "componnet"; the types are component, data-flow, flow-schematic, flow');
    expect(reply).toMatch(/is not a valid spec name/);
    expect(reply).toContain('Did you mean `/spec scaffold component passwd`?');
  });
});

describe('/spec recheck and /spec help', () => {
  test('recheck runs the normal review for the current head of the pull request', async () => {
    const app = h();
    const rec = recorder();
    const current = 'a'.repeat(40);
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(200, pullResponse({ head: current }));
    finish(scope, rec, ['rocket']);
    // The review itself (review.ts), for the current head, not the payload's.
    const review = nock(API)
      .post(`${R}/check-runs`, (b: Body) => b.head_sha === current && b.name === 'Spec Review' && b.conclusion === 'success').reply(201, { id: 7 })
      .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
      .get(contents('.github/spec-review.yml', `/repos/${OWNER}/.github`)).reply(404, {})
      .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: 'src/a.ts', status: 'modified' }])
      .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: current } })
      .get(`${R}/issues/${PR}/comments`).query(true).reply(200, []);

    await app.receive('issue_comment', commentPayload('/spec recheck'));
    scope.done();
    review.done();
    expect(app.reviews).toHaveLength(1);
    expect(app.reviews[0]).toMatchObject({ kind: 'no-specs', conclusion: 'success' });
    expect(rec.replies[0]).toContain('Re-running the review for `aaaaaaa`');
    expect(rec.events).toEqual(['reaction:eyes', 'reply', 'reaction:rocket']);
  });

  test('help lists the commands, the types from the engine and the docs link', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec)
      .get(`${R}/pulls/${PR}`).reply(200, pullResponse())
      .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(404, {})
      .get(contents('.github/spec-review.yml', `/repos/${OWNER}/.github`)).reply(404, {});
    finish(scope, rec, ['rocket']);
    await app.receive('issue_comment', commentPayload('/spec help'));
    scope.done();
    const reply = rec.replies[0];
    for (const t of ['component', 'data-flow', 'flow-schematic', 'flow']) expect(reply).toContain(`\`${t}\``);
    expect(reply).toContain('`docs/specs/component/cmp-NNN-slug.md`');
    expect(reply).toContain('`/spec scaffold <type> [<id>-]<slug> [--title "Title"]`');
    expect(reply).toContain('`/spec recheck`');
    expect(reply).toMatch(/\[More in the docs\]\(https:\/\/github\.com\/[^)]+\/docs\/app\.md#commands\)/);
    // No reply line starts with /spec: the app's own comment could never look like a command.
    expect(findCommandLines(reply)).toEqual([]);
  });
});

describe('who may run commands, and which comments count', () => {
  test('a user without write permission gets a polite reply and nothing changes', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec, { permission: 'read', role_name: 'triage' });
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component payment-service'));
    scope.done(); // no pull request, tree or contents call
    expect(rec.replies[0]).toContain('Sorry, Codertocat: `/spec` commands need write, maintain or admin permission');
    expect(rec.replies[0]).toContain('(your role here: triage)');
    expect(app.commands[0].kind).toBe('denied');
  });

  test.each([
    ['a bot', { login: 'dependabot[bot]', type: 'Bot' }],
    ['the app itself', { login: 'spec-review[bot]', type: 'Bot' }],
    ['a machine account named like a bot', { login: 'ci[bot]', type: 'User' }],
  ])('comments by %s are ignored: no call at all', async (_who, user) => {
    const app = h();
    await app.receive('issue_comment', commentPayload('/spec help', { user }));
    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands).toEqual([]);
  });

  test.each(['edited', 'deleted'])('an %s comment is ignored', async (action) => {
    const app = h();
    await app.receive('issue_comment', commentPayload('/spec scaffold component x', { action }));
    expect(app.commands).toEqual([]);
  });

  test('a command inside a code block or a quote is ignored: no call at all', async () => {
    const app = h();
    await app.receive('issue_comment', commentPayload('Try this:\n\n```\n/spec scaffold component x\n```\n\n> /spec recheck\n'));
    expect(app.commands).toEqual([]);
  });

  test('on a plain issue: a reply that commands work on pull requests', async () => {
    const app = h();
    const rec = recorder();
    const scope = nock(API).post(`/repos/${OWNER}/${REPO}/issues/comments/${COMMENT_ID}/reactions`, (b: Body) => b.content === 'eyes' && rec.reaction(b)).reply(201, {});
    scope.post(`${R}/issues/1/comments`, rec.reply).reply(201, { id: 9 });
    scope.post(REACTIONS, (b: Body) => b.content === 'confused' && rec.reaction(b)).reply(201, {});
    await app.receive('issue_comment', commentPayload('/spec help', { onPull: false }));
    scope.done();
    expect(rec.replies[0]).toContain('work on pull requests only');
    expect(app.commands[0].kind).toBe('not-a-pull-request');
  });

  test('an unknown subcommand: usage and the closest match, no other call', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec);
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scafold component payment-service'));
    scope.done();
    const reply = rec.replies[0];
    expect(reply).toContain('Unknown command "scafold"');
    expect(reply).toContain('Did you mean `/spec scaffold component payment-service`?');
    expect(reply).toContain('/spec recheck');
  });

  test('a redelivered comment runs its commands once', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec);
    finish(scope, rec, ['confused']);
    const payload = commentPayload('/spec nope');
    await app.receive('issue_comment', payload, 'same-delivery');
    await app.receive('issue_comment', payload, 'same-delivery');
    scope.done();
    expect(app.commands).toHaveLength(1);
  });

  test('GitHub failing (5xx) mid-command: a "could not complete" reply with the delivery id', async () => {
    const app = h();
    const rec = recorder();
    const scope = intake(nock(API), rec).get(`${R}/pulls/${PR}`).reply(502, { message: 'Bad Gateway' });
    finish(scope, rec, ['confused']);
    await app.receive('issue_comment', commentPayload('/spec scaffold component x'), 'delivery-502');
    scope.done();
    expect(rec.replies[0]).toContain('could not complete because GitHub kept failing (delivery `delivery-502`)');
    expect(app.commands[0].results).toEqual([{ command: 'scaffold', status: 'error' }]);
    expect(app.logs.some((l) => l.msg === 'command could not complete' && l.deliveryId === 'delivery-502')).toBe(true);
  });
});

/** The app with the real engine (src/engine/) and the built-in rules, against nock. */
import { afterEach, expect, test } from '@jest/globals';
import nock from 'nock';
import { loadDefaultEngine } from '../../src/github/engine-port.js';
import { API, BASE_REF, HEAD, PR, R, RAW, contents, harness, prPayload } from './helpers/setup.js';

afterEach(() => nock.cleanAll());

test('a component spec missing most sections fails with annotations from the built-in rules', async () => {
  const h = harness({ loadEngine: loadDefaultEngine });
  const spec = 'docs/specs/component/cmp-001-payment-service.md';
  const patches: Record<string, any>[] = [];
  const posted: Record<string, any>[] = [];
  const scope = nock(API)
    .post(`${R}/check-runs`, (b) => (patches.push(b), true)).reply(201, { id: 7, html_url: 'https://github.com/x/runs/7' })
    .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(200, 'fail_on: error\n', RAW)
    .get(`${R}/pulls/${PR}/files`).query(true)
    .reply(200, [{ filename: spec, status: 'added' }, { filename: 'src/x.ts', status: 'added' }])
    .get(`${R}/git/trees/${HEAD}`).query({ recursive: '1' }).reply(200, { tree: [{ path: spec, type: 'blob' }], truncated: false })
    .get(contents(spec)).query({ ref: HEAD }).reply(200, '# Payment service\n\nTODO: write this @team\n', RAW)
    .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
    .get(`${R}/issues/${PR}/comments`).query(true).reply(200, [])
    .post(`${R}/issues/${PR}/comments`, (b) => (posted.push(b), true)).reply(201, { id: 1 });
  await h.receive('pull_request', prPayload('opened'));
  scope.done();
  const outcome = h.outcomes[0];
  expect(outcome.kind).toBe('reviewed');
  expect(outcome.conclusion).toBe('failure');
  const done = patches[patches.length - 1];
  expect(done).toMatchObject({ status: 'completed', conclusion: 'failure' });
  const annotations = patches.flatMap((p) => p.output.annotations ?? []);
  expect(annotations.length).toBe(outcome.report!.summary.errors + outcome.report!.summary.warnings + outcome.report!.summary.notices);
  expect(annotations.some((a) => a.annotation_level === 'failure' && a.path === spec)).toBe(true);
  expect(posted[0].body).toContain('<!-- spec-review:summary -->');
  expect(posted[0].body).toMatch(/component/);
});

test('a broken config is reported by the real parseConfig with file and line', async () => {
  const h = harness({ loadEngine: loadDefaultEngine });
  const patches: Record<string, any>[] = [];
  const scope = nock(API)
    .post(`${R}/check-runs`, (b) => (patches.push(b), true)).reply(201, { id: 7 })
    .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(200, 'min_score: 10\nfail_on: sometimes\n', RAW);
  await h.receive('pull_request', prPayload('opened'));
  scope.done();
  expect(h.outcomes[0].kind).toBe('config-error');
  expect(patches[0].output.summary).toMatch(/\.github\/spec-review\.yml@master:2/);
});

test('a repository-defined type (types: in the config) is read from the base branch with its template', async () => {
  const h = harness({ loadEngine: loadDefaultEngine });
  const spec = 'docs/adr/adr-001-use-postgres.md';
  const ruleFile = [
    'name: adr',
    'description: Architecture decision record.',
    'template: adr-template.md',
    'folder: docs/adr',
    'file_prefix: adr',
    'id_prefix: ADR',
    'metadata:',
    '  fields:',
    '    - { name: Title, source: heading, required: true }',
    'sections:',
    '  - title: Decision',
    '    required: true',
    '',
  ].join('\n');
  const patches: Record<string, any>[] = [];
  const scope = nock(API)
    .post(`${R}/check-runs`, (b) => (patches.push(b), true)).reply(201, { id: 7 })
    .get(contents('.github/spec-review.yml')).query({ ref: BASE_REF }).reply(200, 'types: [.spec-review/adr.yml]\n', RAW)
    .get(contents('.spec-review/adr.yml')).query({ ref: BASE_REF }).reply(200, ruleFile, RAW)
    .get(contents('.spec-review/adr-template.md')).query({ ref: BASE_REF }).reply(200, '# {{title}}\n\n## Decision\n\n[What was decided]\n', RAW)
    .get(`${R}/pulls/${PR}/files`).query(true).reply(200, [{ filename: spec, status: 'added' }])
    .get(`${R}/git/trees/${HEAD}`).query({ recursive: '1' }).reply(200, { tree: [{ path: spec, type: 'blob' }], truncated: false })
    .get(contents(spec)).query({ ref: HEAD }).reply(200, '# Use Postgres\n\n## Context\n\nWe need a database.\n', RAW)
    .get(`${R}/pulls/${PR}`).reply(200, { head: { sha: HEAD } })
    .get(`${R}/issues/${PR}/comments`).query(true).reply(200, [])
    .post(`${R}/issues/${PR}/comments`).reply(201, { id: 1 });
  await h.receive('pull_request', prPayload('opened'));
  scope.done();
  expect(h.outcomes[0].kind).toBe('reviewed');
  expect(h.outcomes[0].report!.files[0]).toMatchObject({ path: spec, type: 'adr' });
  expect(h.outcomes[0].report!.files[0].findings).toContainEqual(expect.objectContaining({ rule: 'required-section', message: expect.stringMatching(/^Missing required section "Decision"\. Add a "## Decision" section/) }));
});

test('comment.on_clean: compact is the default; shrink (the old name), keep and delete stay valid', async () => {
  const port = await loadDefaultEngine();
  expect(port.DEFAULT_CONFIG.comment.on_clean).toBe('compact');
  for (const v of ['compact', 'shrink', 'keep', 'delete'] as const) expect(port.parseConfig(`comment:\n  on_clean: ${v}\n`).comment.on_clean).toBe(v);
  expect(() => port.parseConfig('comment:\n  on_clean: never\n')).toThrow(/on_clean/);
});

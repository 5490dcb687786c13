/**
 * The impact section in the App (src/github/impact.ts), with the real engine, real webhook payloads
 * (@octokit/webhooks-examples) and GitHub as nock: affected specs, the Mermaid graph, score movement
 * against the base branch, a removed spec still referenced (an error annotation that fails the run),
 * a cold cache bounded per review and filled by the next reviews, and the calls a review makes for N
 * changed specs (today's formula + a constant, not + N).
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { withoutSection } from '../../src/docs/impact-example.js';
import { loadDefaultEngine } from '../../src/github/engine-port.js';
import { maxImpactQueries } from '../../src/github/impact.js';
import { MemoryBlobCache } from '../../src/github/blob-cache.js';
import { walkFiles } from '../engine/helpers.js';
import { RepoFixture, type Files } from './helpers/repo-fixture.js';
import { API, BASE_REF, HEAD, PR, R, RAW, contents, harness, prPayload, type Harness } from './helpers/setup.js';

afterEach(() => nock.cleanAll());

type Body = Record<string, any>;

const CORPUS = join(process.cwd(), 'test/fixtures/corpus');
const BASE = 'ba5e'.repeat(10);
const CMP_002 = 'docs/specs/component/cmp-002-rating-service.md';
const CMP_003 = 'docs/specs/component/cmp-003-label-renderer.md';
const FLOW_003 = 'docs/specs/flow-schematic/flow-003-failed-delivery-redelivery.md';
const DFL_001 = 'docs/specs/data-flow/dfl-001-tracking-event-pipeline.md';
const FLW_001 = 'docs/specs/flow/flw-001-label-generation.md';
const TODAY = new Date('2025-12-01T00:00:00Z');

/** The hand-written corpus as a repository. */
function corpus(): Files {
  const files: Files = {};
  for (const p of walkFiles(join(CORPUS, 'docs')).map((x) => `docs/${x}`).sort()) files[p] = readFileSync(join(CORPUS, p), 'utf8');
  return files;
}

/**
 * The corpus where flow-003 and dfl-001 cite the Rating Service too, and three of its other referrers
 * are gone (so its referrers fit the section's list of five).
 */
function ratingServiceRepo(): Files {
  const files = corpus();
  files[FLOW_003] += '\nRedelivery fees are quoted by the Rating Service [CMP-002].\n';
  files[DFL_001] += '\nDelivery exceptions feed the surcharge rules of [CMP-002].\n';
  for (const p of ['docs/specs/data-flow/dfl-004-analytics-warehouse-export.md', 'docs/specs/data-flow/dfl-005-address-geocoding.md', 'docs/specs/flow-schematic/flow-001-shipment-booking.md']) delete files[p];
  return files;
}

/** One `####` block of the impact section. */
function block(text: string, title: string): string {
  const start = text.indexOf(`#### ${title}`);
  if (start < 0) throw new Error(`no "${title}" block in:\n${text}`);
  const end = text.indexOf('\n#### ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

function payload(action = 'opened', head = HEAD): Record<string, any> {
  const p = prPayload(action, head);
  p.pull_request.base.sha = BASE;
  return p;
}

interface Recorded {
  runs: Body[];
  comments: Body[];
}

/**
 * A review of `files` (the PR's file list) against `repo`: config (one read), files (+ an empty second
 * page at 100), head tree, base tree when `baseTree`, the check run (+ PATCHes), the comment queue.
 */
function github(repo: RepoFixture, files: Record<string, unknown>[], opts: { head?: string; baseTree?: boolean; config?: string; graphql?: boolean } = {}): { scope: nock.Scope; rec: Recorded } {
  nock.cleanAll(); // a previous review's interceptors (blobs of another commit) must not answer this one
  const head = opts.head ?? HEAD;
  const rec: Recorded = { runs: [], comments: [] };
  const scope = nock(API)
    .get(contents('.github/spec-review.yml'))
    .query({ ref: BASE_REF })
    .reply(200, opts.config ?? 'fail_on: error\n', RAW)
    .get(`${R}/pulls/${PR}/files`)
    .query({ per_page: 100, page: 1 })
    .reply(200, files.slice(0, 100));
  if (files.length >= 100) scope.get(`${R}/pulls/${PR}/files`).query({ per_page: 100, page: 2 }).reply(200, files.slice(100));
  repo.tree(scope, head);
  if (opts.baseTree !== false) repo.tree(scope, BASE);
  scope.post(`${R}/check-runs`, (b: Body) => (rec.runs.push(b), true)).reply(201, { id: 7, html_url: 'https://github.com/o/r/runs/7' });
  nock(API).patch(`${R}/check-runs/7`, (b: Body) => (rec.runs.push(b), true)).times(100).reply(200, {});
  scope.get(`${R}/pulls/${PR}`).reply(200, { number: PR, head: { sha: head } });
  scope.get(`${R}/issues/${PR}/comments`).query({ per_page: 100, page: 1 }).reply(200, []);
  scope.post(`${R}/issues/${PR}/comments`, (b: Body) => (rec.comments.push(b), true)).reply(201, { id: 99 });
  repo.restBlobs(nock(API));
  if (opts.graphql !== false) repo.graphqlBlobs();
  return { scope, rec };
}

function realHarness(extra: Parameters<typeof harness>[0] = {}): Harness {
  return harness({ loadEngine: loadDefaultEngine, quickMs: 10 * 60_000, now: () => TODAY, ...extra });
}

const summaryOf = (rec: Recorded) => rec.runs[rec.runs.length - 1].output.summary as string;
const annotationsOf = (rec: Recorded) => rec.runs.flatMap((r) => r.output?.annotations ?? []) as Body[];

describe('the impact section in the check run and the comment', () => {
  test('a PR changing cmp-002 shows flow-003 and dfl-001 as affected, the graph around it and its score movement', async () => {
    const head = ratingServiceRepo();
    const base = { ...head, [CMP_002]: withoutSection(head[CMP_002], '## 4. Settings') };
    const repo = new RepoFixture({ [HEAD]: head, [BASE]: base });
    const { scope, rec } = github(repo, [repo.pullFile(HEAD, CMP_002, 'modified')]);
    const h = realHarness();
    await h.receive('pull_request', payload('opened'));
    scope.done();

    const outcome = h.outcomes[0];
    expect(outcome.kind).toBe('reviewed');
    const engine = (await loadDefaultEngine()).createEngine({ ruleFiles: (await loadDefaultEngine()).builtinRuleFiles() });
    const before = await engine.review({ path: CMP_002, content: base[CMP_002] }, { paths: new Set(Object.keys(base)) });
    const after = outcome.report!.files[0].score!;
    expect(before.score).toBeLessThan(after);
    const move = `${before.score} → ${after} ▲${after - before.score!}`;

    for (const text of [summaryOf(rec), rec.comments[0].body as string]) {
      expect(text).toContain('### Impact on other specs');
      const affected = block(text, 'Affected specs');
      expect(affected).toContain(`is referenced by 5 specs:`);
      expect(affected).toContain(`**FLOW-003** Failed Delivery &amp; Redelivery Flow (\`${FLOW_003}\`)`);
      expect(affected).toContain(`**DFL-001** Tracking Event Data Flow Specifications (\`${DFL_001}\`)`);
      const graph = block(text, 'Spec graph around this change');
      expect(graph).toMatch(/^#### Spec graph around this change\n\n```mermaid\nflowchart LR\n/);
      expect(graph).toContain('["FLOW-003 · Failed Delivery #38; Redelivery…"]');
      expect(text).toContain(`| **CMP-002** Rating Service \`${CMP_002}\` | ${move} |`);
    }
    expect(outcome.impact).toMatchObject({ findings: [], coverage: { notExamined: 0 }, reads: { base: 1, queries: 1 } });
    // The referrers are the corpus's plus the two that cite it now.
    expect(outcome.impact!.reads.graph).toBe(Object.keys(head).length - 1);
  });

  test('a removed spec still referenced: removed-reference errors annotated on the referring specs, and the run fails', async () => {
    const base = corpus();
    const head = { ...base };
    delete head[CMP_003];
    const repo = new RepoFixture({ [HEAD]: head, [BASE]: base });
    const { scope, rec } = github(repo, [{ filename: CMP_003, status: 'removed' }]);
    const h = realHarness();
    await h.receive('pull_request', payload('opened'));
    scope.done();

    const outcome = h.outcomes[0];
    expect(outcome).toMatchObject({ kind: 'reviewed', conclusion: 'failure' });
    const done = rec.runs[rec.runs.length - 1];
    expect(done).toMatchObject({ status: 'completed', conclusion: 'failure' });
    const removed = annotationsOf(rec).filter((a) => a.title === 'removed-reference');
    expect(removed).toContainEqual(expect.objectContaining({ path: FLW_001, annotation_level: 'failure', start_line: 237 }));
    expect(removed.every((a) => a.annotation_level === 'failure')).toBe(true);
    expect(removed.length).toBe(outcome.impact!.findings.length);
    expect(done.output.title).toMatch(new RegExp(`^Failed: ${removed.length} errors`));
    const comment = rec.comments[0].body as string;
    expect(comment).toContain('#### Problems across specs');
    expect(comment).toContain(`| **CMP-003** Label Renderer \`${CMP_003}\` | 100 → removed |`);
    expect(comment).toMatch(/\*\*Fix first\*\*\n\n1\. 🔴 `docs\/specs\/[^`]+` This spec has .*cmp-003-label-renderer\.md.*removes/);
  });

  test('the config\'s severity for removed-reference applies: as a warning it no longer fails the run', async () => {
    const base = corpus();
    const head = { ...base };
    delete head[CMP_003];
    const repo = new RepoFixture({ [HEAD]: head, [BASE]: base });
    const { scope, rec } = github(repo, [{ filename: CMP_003, status: 'removed' }], { config: 'fail_on: error\nrules:\n  removed-reference: warning\n' });
    const h = realHarness();
    await h.receive('pull_request', payload('opened'));
    scope.done();
    expect(h.outcomes[0]).toMatchObject({ kind: 'reviewed', conclusion: 'success' });
    const removed = annotationsOf(rec).filter((a) => a.title === 'removed-reference');
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((a) => a.annotation_level === 'warning')).toBe(true);
  });
});

/** A component spec that cites `cites` (its id is the file name's). */
function component(n: number, opts: { cites?: number[]; settings?: boolean } = {}): string {
  const id = String(n).padStart(3, '0');
  return [
    `# Service ${id}`,
    '',
    `**ID**: CMP-${id}`,
    '**Version**: 1.0.0',
    '**Status**: Current',
    '**Last Updated**: 2025-11-01',
    '',
    '## Overview',
    '',
    `Service ${id} prices parcels for the checkout and answers in under 200 ms at the 99th percentile.${(opts.cites ?? []).map((c) => ` It calls [CMP-${String(c).padStart(3, '0')}].`).join('')}`,
    '',
    '## Interfaces',
    '',
    '| Method | Path | Purpose |',
    '| --- | --- | --- |',
    '| POST | /v1/quotes | price a parcel |',
    '| GET | /v1/quotes/{id} | read a stored quote |',
    '',
    ...(opts.settings === false ? [] : ['## Configuration', '', '| Variable | Default | Meaning |', '| --- | --- | --- |', '| QUOTE_TTL | 15m | how long a quote is kept |', '']),
  ].join('\n');
}

const specPath = (n: number) => `docs/specs/component/cmp-${String(n).padStart(3, '0')}-service-${n}.md`;

describe('when the impact cannot be computed', () => {
  test('GitHub failing the GraphQL query: the review still completes with its own findings, and the section says why', async () => {
    const others = { [specPath(2)]: component(2, { cites: [1] }) };
    const repo = new RepoFixture({ [HEAD]: { ...others, [specPath(1)]: component(1) }, [BASE]: { ...others, [specPath(1)]: component(1, { settings: false }) } });
    const { scope, rec } = github(repo, [repo.pullFile(HEAD, specPath(1), 'modified')], { graphql: false });
    const graphql = nock(API).post('/graphql').reply(502, 'Bad Gateway');
    const h = realHarness();
    await h.receive('pull_request', payload('opened'));
    scope.done();
    graphql.done();
    const outcome = h.outcomes[0];
    expect(outcome.kind).toBe('reviewed');
    expect(outcome.impact).toMatchObject({ findings: [], error: expect.stringMatching(/Bad Gateway|502/) });
    expect(rec.runs[rec.runs.length - 1]).toMatchObject({ status: 'completed', conclusion: outcome.conclusion });
    for (const text of [summaryOf(rec), rec.comments[0].body as string]) {
      expect(text).toContain('### Impact on other specs\n\n> [!WARNING]\n> The impact of this change on other specs could not be computed: ');
      expect(text).toContain(`| \`${specPath(1)}\` |`);
    }
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringMatching(/^the impact on other specs could not be computed/) }));
  });
});

describe('bounded reads', () => {
  test('a cold cache reads at most graphReads specs per review, says how many were not examined, and the next reviews read the rest', async () => {
    const others = 120;
    const files: Files = {};
    for (let i = 2; i < 2 + others; i++) files[specPath(i)] = component(i, { cites: [1] });
    const cache = new MemoryBlobCache();
    const h = realHarness({ graphCache: cache, impactLimits: { graphReads: 50 } });
    const heads = ['1'.repeat(40), '2'.repeat(40), '3'.repeat(40)];
    const notExamined: number[] = [];
    for (const [i, head] of heads.entries()) {
      const repo = new RepoFixture({ [head]: { ...files, [specPath(1)]: component(1, { settings: i % 2 === 0 }) }, [BASE]: { ...files, [specPath(1)]: component(1) } });
      const { scope, rec } = github(repo, [repo.pullFile(head, specPath(1), 'modified')], { head });
      await h.receive('pull_request', payload(i === 0 ? 'opened' : 'synchronize', head));
      scope.done();
      const impact = h.outcomes[i].impact!;
      notExamined.push(impact.coverage.notExamined);
      expect(impact.reads.graph).toBeLessThanOrEqual(50);
      expect(impact.reads.queries).toBeLessThanOrEqual(maxImpactQueries({ graphReads: 50, baseReads: 100, readBytes: 8 * 1024 * 1024 }));
      expect(repo.graphql.flatMap((q) => q.objects).filter((o) => o.oid).length).toBe(impact.reads.graph + impact.reads.base);
      const comment = rec.comments[0].body as string;
      if (impact.coverage.notExamined) expect(comment).toContain(`${impact.coverage.notExamined} of the repository's ${others} other specs were not examined`);
      else expect(comment).not.toContain('not examined');
    }
    expect(notExamined).toEqual([70, 20, 0]);
    // With every spec known, all 120 point at the changed one: the affected list says so.
    expect(h.outcomes[2].impact!.coverage).toEqual({ specs: others, notExamined: 0 });
  }, 120_000);

  test(`a repository of 700 specs, first review, default limits: ${500} read in at most maxImpactQueries() queries, 200 not examined`, async () => {
    const files: Files = {};
    for (let i = 2; i < 702; i++) files[specPath(i)] = component(i, { cites: [i - 1] });
    const repo = new RepoFixture({ [HEAD]: { ...files, [specPath(1)]: component(1, { settings: false }) }, [BASE]: { ...files, [specPath(1)]: component(1) } });
    const { scope, rec } = github(repo, [repo.pullFile(HEAD, specPath(1), 'modified')]);
    const h = realHarness();
    await h.receive('pull_request', payload('opened'));
    scope.done();
    const impact = h.outcomes[0].impact!;
    expect(impact.reads).toMatchObject({ graph: 500, base: 1 });
    expect(impact.coverage).toMatchObject({ specs: 700, notExamined: 200, readLimit: 500 });
    expect(impact.reads.queries).toBe(6); // 501 objects, 100 a query
    expect(impact.reads.queries).toBeLessThanOrEqual(maxImpactQueries());
    expect(rec.comments[0].body).toContain("200 of the repository's 700 other specs were not examined");
  }, 120_000);
});

describe('calls per review with score movement', () => {
  /**
   * Today's formula (README): M + max(1, ceil(A/50)) + floor(F/100) + 3 with a repository config
   * (config, files page, tree, check-run writes); with the impact section: + 1 (the base tree) + the
   * GraphQL queries (here 1: every base version in one query). Measured for N = 1, 10, 100.
   */
  test.each([1, 10, 100])('N = %i changed specs: today\'s formula + 2; a push against the same base: + 1', async (n) => {
    const h = realHarness({ graphCache: new MemoryBlobCache() });
    const calls: number[] = [];
    for (const [push, head] of ['a1'.repeat(20), 'b2'.repeat(20)].entries()) {
      const headFiles: Files = {};
      const baseFiles: Files = {};
      for (let i = 1; i <= n; i++) {
        headFiles[specPath(i)] = component(i, { cites: i > 1 ? [1] : [], settings: push === 0 }) + (push === 1 ? '\nReviewed again.\n' : '');
        baseFiles[specPath(i)] = component(i, { cites: i > 1 ? [1] : [], settings: false });
      }
      const repo = new RepoFixture({ [head]: headFiles, [BASE]: baseFiles });
      const files = Object.keys(headFiles).map((p) => repo.pullFile(head, p, 'modified'));
      const { scope, rec } = github(repo, files, { head });
      await h.receive('pull_request', payload(push === 0 ? 'opened' : 'synchronize', head));
      scope.done();
      const outcome = h.outcomes[push];
      expect(outcome.kind).toBe('reviewed');
      const a = annotationsOf(rec).length;
      const today = repo.blobReads.length + Math.max(1, Math.ceil(a / 50)) + Math.floor(n / 100) + 3;
      expect(repo.blobReads.length).toBe(n); // M = N: every changed spec is new to the blob cache
      calls.push(outcome.calls - today);
      expect(outcome.impact!.moves).toHaveLength(n);
      expect(outcome.impact!.reads.queries).toBe(repo.graphql.length);
    }
    expect(calls).toEqual([2, 1]);
  }, 120_000);
});

/**
 * The pieces of the App's impact section, without GitHub: how blob reads are packed into GraphQL
 * queries (and the bound on their number), what a PR's files make of a change set, what a cached
 * spec's facts depend on, and how the renderers count the graph's findings and say what was not seen.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { BLOBS_PER_QUERY, BYTES_PER_QUERY, UNKNOWN_SIZE, fetchBlobs, maxQueries, packQueries } from '../../src/github/blob-batch.js';
import type { ReviewClient } from '../../src/github/client.js';
import { DEFAULT_IMPACT_LIMITS, changeSetOf, componentDigest, maxImpactQueries } from '../../src/github/impact.js';
import type { GraphFinding } from '../../src/engine/graph/index.js';
import type { ReviewReport } from '../../src/engine/types.js';
import { reviewOutput, whereLine } from '../../src/report/check-run.js';
import { compactComment, summaryComment } from '../../src/report/comment.js';
import { graphFindingsReport, impactCoverageNote, impactFailedMarkdown, impactWithCoverage } from '../../src/report/impact.js';

describe('GraphQL reads (blob-batch.ts)', () => {
  test('at most 100 files a query; a query closes once its files reach 1 MiB', () => {
    const small = Array.from({ length: 250 }, () => ({ size: 1000 }));
    expect(packQueries(small).map((q) => q.length)).toEqual([100, 100, 50]);
    const large = [600_000, 600_000, 600_000].map((size) => ({ size }));
    expect(packQueries(large).map((q) => q.length)).toEqual([2, 1]);
    expect(packQueries([{}, {}]).map((q) => q.length)).toEqual([2]); // unknown sizes count as UNKNOWN_SIZE each
    expect(UNKNOWN_SIZE * 2).toBeLessThan(BYTES_PER_QUERY);
  });

  test('the number of queries never exceeds maxQueries(count, bytes)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * BYTES_PER_QUERY }), { maxLength: 700 }), (sizes) => {
        const queries = packQueries(sizes.map((size) => ({ size })));
        const bytes = sizes.reduce((a, b) => a + b, 0);
        return queries.length <= maxQueries(sizes.length, bytes) && queries.every((q) => q.length <= BLOBS_PER_QUERY);
      }),
    );
    // The review's bound: 500 graph reads + 100 base versions, 8 MiB in all.
    expect(maxImpactQueries(DEFAULT_IMPACT_LIMITS)).toBe(6 + 8);
  });

  test('paths and SHAs travel as variables, never in the query text; null objects are missing files', async () => {
    const seen: { query: string; variables: Record<string, unknown> }[] = [];
    const client = {
      repo: { owner: 'o', repo: 'r' },
      async graphql(query: string, variables: Record<string, unknown>) {
        seen.push({ query, variables });
        return { repository: { b0: { oid: 'a'.repeat(40), byteSize: 3, isBinary: false, isTruncated: false, text: 'abc' }, b1: null, b2: { oid: 'b'.repeat(40), byteSize: 9, isBinary: true, isTruncated: false, text: null } } };
      },
    } as unknown as ReviewClient;
    const evil = 'main:docs/specs/x") { y } #.md';
    const answers = await fetchBlobs(client, [
      { key: 'a', oid: 'a'.repeat(40), size: 3 },
      { key: 'gone', expression: evil },
      { key: 'bin', oid: 'b'.repeat(40) },
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0].query).not.toContain('docs/specs');
    expect(seen[0].query).toContain('b1: object(expression: $v1)');
    expect(seen[0].variables).toMatchObject({ owner: 'o', name: 'r', v0: 'a'.repeat(40), v1: evil });
    expect([...answers]).toEqual([
      ['a', { kind: 'text', oid: 'a'.repeat(40), text: 'abc' }],
      ['gone', { kind: 'missing' }],
      ['bin', { kind: 'binary', oid: 'b'.repeat(40), byteSize: 9 }],
    ]);
  });
});

describe('the change set of a PR (impact.ts)', () => {
  const isSpec = (p: string) => p.startsWith('docs/specs/');
  test('added, modified, removed, renamed within, out of and into the spec folders, copied', () => {
    const change = changeSetOf(
      [
        { filename: 'docs/specs/a.md', status: 'added' },
        { filename: 'docs/specs/b.md', status: 'modified' },
        { filename: 'docs/specs/c.md', status: 'removed' },
        { filename: 'docs/specs/d2.md', status: 'renamed', previous_filename: 'docs/specs/d.md' },
        { filename: 'archive/e.md', status: 'renamed', previous_filename: 'docs/specs/e.md' },
        { filename: 'docs/specs/f.md', status: 'renamed', previous_filename: 'drafts/f.md' },
        { filename: 'docs/specs/g.md', status: 'copied', previous_filename: 'docs/specs/b.md' },
        { filename: 'src/x.ts', status: 'modified' },
        { filename: 'src/y.ts', status: 'removed' },
      ],
      isSpec,
    );
    expect(change).toEqual({
      changed: ['docs/specs/a.md', 'docs/specs/b.md', 'docs/specs/d2.md', 'docs/specs/f.md', 'docs/specs/g.md'],
      added: ['docs/specs/a.md', 'docs/specs/f.md', 'docs/specs/g.md'],
      removed: ['docs/specs/c.md', 'docs/specs/e.md'],
      renamed: [{ from: 'docs/specs/d.md', to: 'docs/specs/d2.md' }],
    });
  });

  test("a cached spec's facts depend on the component specs: adding or removing one changes the key, other files do not", () => {
    const engine = { types: () => [{ name: 'component', folder: 'docs/specs/component', filePrefix: 'cmp' }, { name: 'flow', folder: 'docs/specs/flow', filePrefix: 'flw' }] };
    const base = ['docs/specs/component/cmp-001-a-service.md', 'docs/specs/flow/flw-001-x.md', 'README.md'];
    const d = componentDigest(engine, base);
    expect(componentDigest(engine, [...base, 'docs/specs/flow/flw-002-y.md', 'src/z.ts'])).toBe(d);
    expect(componentDigest(engine, [...base, 'docs/specs/component/cmp-002-b-service.md'])).not.toBe(d);
    expect(componentDigest(engine, [...base, 'design/cmp-003-elsewhere.md'])).not.toBe(d); // found by its prefix anywhere
    expect(componentDigest(engine, base.slice(1))).not.toBe(d);
    // Without a component type: every Markdown path counts.
    const other = { types: () => [{ name: 'adr' }] };
    expect(componentDigest(other, [...base, 'docs/x.md'])).not.toBe(componentDigest(other, base));
  });
});

const removed = (path: string, line: number): GraphFinding => ({
  path,
  finding: { rule: 'removed-reference', severity: 'error', message: 'This spec has a link to docs/specs/c.md, which this change removes: remove or replace the link.', line },
});

function report(files: { path: string; score: number; errors?: number }[]): ReviewReport {
  const out = files.map((f) => ({
    path: f.path,
    type: 'component',
    score: f.score,
    breakdown: [{ item: 'section "Interfaces"', max: 100, lost: 100 - f.score }],
    findings: Array.from({ length: f.errors ?? 0 }, (_, i) => ({ rule: 'required-section', severity: 'error' as const, message: 'Missing required section "Interfaces".', line: i + 1 })),
  }));
  return { files: out, summary: { files: out.length, errors: out.reduce((n, f) => n + f.findings.length, 0), warnings: 0, notices: 0 } };
}

describe('renderers: the graph findings counted, what was not seen said', () => {
  test('where the findings are', () => {
    expect(whereLine(2)).toBe('2 spec files');
    expect(whereLine(1, 3)).toBe('1 spec file and 3 specs it affects');
    expect(whereLine(2, 1)).toBe('2 spec files and 1 spec they affect');
    expect(whereLine(0, 2)).toBe('2 specs this change affects');
  });

  test('the check run counts the graph findings in its title and verdict, and carries the section before the breakdowns', () => {
    const findings = [removed('docs/specs/x.md', 3), removed('docs/specs/y.md', 9)];
    const r = report([{ path: 'docs/specs/b.md', score: 90 }]);
    const out = reviewOutput(r, { failed: true, impact: { markdown: '### Impact on other specs\n\nsection\n', findings } });
    expect(out.title).toBe('Failed: 2 errors, 0 warnings, 0 notices in 1 spec file and 2 specs it affects');
    expect(out.summary).toMatch(/^❌ \*\*Failing\*\*: 1 spec file reviewed, 2 errors, 0 warnings, 0 notices \(2 across specs: see \*Impact on other specs\*\)\./);
    expect(out.summary.indexOf('### Impact on other specs')).toBeLessThan(out.summary.indexOf('### Score breakdown'));
    expect(out.summary).toContain("Those on specs this pull request does not change are listed with the run's annotations.");
  });

  test('a PR that only removes a spec: no empty file table, the findings named', () => {
    const out = reviewOutput(report([]), { failed: true, impact: { markdown: '### Impact on other specs\n', findings: [removed('docs/specs/x.md', 3)] } });
    expect(out.title).toBe('Failed: 1 error, 0 warnings, 0 notices in 1 spec this change affects');
    expect(out.summary).not.toContain('| File |');
    expect(out.summary).not.toContain('### Score breakdown');
    const comment = summaryComment(report([]), { headSha: 'a'.repeat(40), failed: true, impact: { markdown: '### Impact on other specs\n', findings: [removed('docs/specs/x.md', 3)] } });
    expect(comment).toContain('### ❌ Spec Review: 1 error, 0 warnings, 0 notices in 1 spec this change affects');
    expect(comment).not.toContain('| File |');
    expect(comment).toContain('1. 🔴 `docs/specs/x.md:3` This spec has a link to docs/specs/c.md');
  });

  test('the comment ranks the graph findings with the review\'s in "Fix first" (a spec without a score first, as the lowest), and keeps the section within its limit', () => {
    const r = report([{ path: 'docs/specs/b.md', score: 40, errors: 1 }]);
    const section = `### Impact on other specs\n\n${'- a line of the section\n'.repeat(50)}`;
    const body = summaryComment(r, { headSha: 'a'.repeat(40), failed: true, impact: { markdown: section, findings: [removed('docs/specs/x.md', 3)] }, limit: 4000 });
    expect(body.length).toBeLessThanOrEqual(4000);
    expect(body).toMatch(/1\. 🔴 `docs\/specs\/x\.md:3`[^\n]*\n2\. 🔴 `docs\/specs\/b\.md:1`/);
    expect(body).toContain(section);
    const compact = compactComment(report([{ path: 'docs/specs/b.md', score: 100 }]), { headSha: 'a'.repeat(40), impact: { markdown: '### Impact on other specs\n\n#### Score movement\n' } });
    expect(compact).toMatch(/pass(es)? with no problems\.\n\n\| File \| Type \| Score \|[^]*\n### Impact on other specs\n\n#### Score movement\n$/);
  });

  test('what the section could not see: specs not examined (and why), a truncated listing, moves left out; nothing when it saw all', () => {
    expect(impactCoverageNote({ specs: 3000, notExamined: 0 })).toBe('');
    expect(impactCoverageNote({ specs: 3000, notExamined: 2500, readLimit: 500 })).toBe(
      "> [!NOTE]\n> 2,500 of the repository's 3,000 other specs were not examined, so specs that point at this change may be missing above. A review reads at most 500 specs it has not seen before (the first reviews of a repository); the next reviews read the rest.\n",
    );
    expect(impactCoverageNote({ specs: 10, notExamined: 1, indexTruncated: true, movesOmitted: 1, baseReadLimit: 100 })).toBe(
      "> [!NOTE]\n> 1 of the repository's 10 other specs was not examined, so specs that point at this change may be missing above.\n>\n> The repository is too large for one listing: specs past it were not examined.\n>\n> 1 changed spec has no score movement: a review reads at most 100 base-branch versions it has not seen before.\n",
    );
    expect(impactWithCoverage('', { specs: 5, notExamined: 0 })).toBe('');
    expect(impactWithCoverage('', { specs: 5, notExamined: 2, readLimit: 3 })).toMatch(/^### Impact on other specs\n\nNo spec among those examined points at this change\.\n\n> \[!NOTE\]/);
    expect(impactFailedMarkdown('GraphQL `502` <b>')).toContain('could not be computed: GraphQL \\`502\\` &lt;b&gt;.');
    expect(graphFindingsReport([removed('a.md', 1), removed('b.md', 2), removed('a.md', 5)])).toEqual({
      files: [
        { path: 'a.md', type: null, score: null, findings: [removed('a.md', 1).finding, removed('a.md', 5).finding] },
        { path: 'b.md', type: null, score: null, findings: [removed('b.md', 2).finding] },
      ],
      summary: { files: 2, errors: 3, warnings: 0, notices: 0 },
    });
  });
});

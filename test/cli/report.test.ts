/**
 * `spec-review report`, in-process: formats, where it writes, what it never overwrites, the clock.
 * The page in a browser, from the built CLI: test/report/report-browser.test.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from './run-cli.js';
import { cleanupRepos, componentSpec, makeRepo } from './temp-repo.js';

afterAll(cleanupRepos);

const CMP1 = 'docs/specs/component/cmp-001-payment-service.md';
const CMP2 = 'docs/specs/component/cmp-002-ledger.md';
const FLW1 = 'docs/specs/flow/flw-001-checkout.md';
const NOW = new Date('2025-09-01T12:00:00Z');

function repo(extra: Record<string, string> = {}): string {
  return makeRepo(
    {
      [CMP1]: componentSpec('Payment Service', 'Books every payment in [CMP-002]; [CMP-009] is gone.'),
      [CMP2]: componentSpec('Ledger'),
      [FLW1]: '# Checkout Flow\n\n**Version**: 1.0\n**Date**: 2025-08-01\n\n## Overview\n\nThe customer pays.\n\n## Components Involved\n\n- The Payment Service charges the card.\n',
      'README.md': '# project\n',
      ...extra,
    },
    { git: true },
  );
}

describe('report', () => {
  test('html by default, on standard output: every spec, the graph data, the day it describes', async () => {
    const root = repo();
    const out = await cli(['report'], { cwd: root, now: NOW });
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^<!doctype html>/);
    expect(out.stdout.match(/<tr class="spec"/g)).toHaveLength(3);
    expect(out.stdout).toContain('generated 2025-09-01');
    const data = JSON.parse(/<script type="application\/json" id="spec-graph">([^]*?)<\/script>/.exec(out.stdout)![1]);
    expect(data.nodes.map((n: string[]) => n[0])).toEqual([CMP1, CMP2, FLW1]);
    // cmp-001 → cmp-002 (reference: 1), flw-001 → cmp-001 (the flow names the Payment Service: mention, 4).
    expect(data.out).toEqual([[1 * 8 + 1], [], [0 * 8 + 4]]);
  });

  test('md for a job summary; json is validate\'s JSON with every breakdown and the graph', async () => {
    const root = repo();
    const md = await cli(['report', '--format', 'md'], { cwd: root, now: NOW });
    expect(md.stdout.startsWith('<!-- spec-review report -->\n# Spec report — ')).toBe(true);
    expect((await cli(['report', '-f', 'md', '--title', 'Payments @team'], { cwd: root, now: NOW })).stdout).toMatch(/^<!-- spec-review report -->\n# Payments @\u200bteam\n/);
    expect(md.stdout).toContain('- 🔴 `docs/specs/component/cmp-001-payment-service.md:13` \\[CMP-009\\] matches no spec');
    const json = JSON.parse((await cli(['report', '-f', 'json'], { cwd: root, now: NOW })).stdout);
    expect(Object.keys(json)).toEqual(['files', 'summary', 'graph']);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual([CMP1, CMP2, FLW1]);
    for (const f of json.files) expect(Array.isArray(f.breakdown)).toBe(true);
    expect(json.graph.version).toBe(1);
    const validate = JSON.parse((await cli(['validate', '-f', 'json', '--fail-on', 'never'], { cwd: root })).stdout);
    expect(json.graph).toEqual(validate.graph);
    expect(json.files.map((f: { score: number }) => f.score)).toEqual(validate.files.map((f: { score: number }) => f.score));
  });

  test('paths and a subfolder: only what is named, shown relative to the current directory', async () => {
    const root = repo();
    const cwd = path.join(root, 'docs', 'specs');
    const json = JSON.parse((await cli(['report', 'component', '-f', 'json'], { cwd, now: NOW })).stdout);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['component/cmp-001-payment-service.md', 'component/cmp-002-ledger.md']);
    expect(json.graph.nodes.map((n: { path: string }) => n.path)).toEqual(['component/cmp-001-payment-service.md', 'component/cmp-002-ledger.md']);
  });

  test('--output writes the file (making folders), says so, and replaces only an earlier report', async () => {
    const root = repo();
    const first = await cli(['report', '-o', 'out/site/report.html'], { cwd: root, now: NOW });
    expect(first).toEqual({ code: 0, stdout: '', stderr: 'Wrote out/site/report.html (html, 3 files).\n' });
    expect(readFileSync(path.join(root, 'out/site/report.html'), 'utf8')).toContain('generated 2025-09-01');
    // Again, a day later: an earlier report is replaced.
    expect((await cli(['report', '-o', 'out/site/report.html', '-q'], { cwd: root, now: new Date('2025-09-02T00:00:00Z') })).stderr).toBe('');
    expect(readFileSync(path.join(root, 'out/site/report.html'), 'utf8')).toContain('generated 2025-09-02');
    for (const format of ['md', 'json']) {
      const file = `out/report.${format}`;
      expect((await cli(['report', '-f', format, '-o', file], { cwd: root, now: NOW })).code).toBe(0);
      expect((await cli(['report', '-f', format, '-o', file], { cwd: root, now: NOW })).code).toBe(0);
    }
  });

  test('--output never replaces a file that is not a report, nor a folder', async () => {
    const root = repo();
    const before = readFileSync(path.join(root, CMP1), 'utf8');
    const out = await cli(['report', '-o', CMP1], { cwd: root, now: NOW });
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`spec-review: ${CMP1}: ${CMP1} exists and is not a spec-review report; it was not overwritten. Choose another --output. (file-exists)\n`);
    expect(readFileSync(path.join(root, CMP1), 'utf8')).toBe(before);
    mkdirSync(path.join(root, 'site'));
    const dir = await cli(['report', '-o', 'site'], { cwd: root, now: NOW });
    expect(dir).toEqual({ code: 2, stdout: '', stderr: 'spec-review: --output site is a directory: name a file, e.g. site/spec-report.html.\n' });
  });

  test('formats and options that do not apply are refused; no spec is exit 2', async () => {
    const root = repo();
    expect((await cli(['report', '-f', 'text'], { cwd: root })).stderr).toBe('spec-review: "report" does not support --format text (use html or md or json).\nRun "spec-review report --help" for usage.\n');
    expect((await cli(['report', '-f', 'pdf'], { cwd: root })).stderr).toBe('spec-review: Invalid value "pdf" for --format: expected html, md, json.\nRun "spec-review report --help" for usage.\n');
    expect((await cli(['validate', '-f', 'html'], { cwd: root })).stderr).toBe('spec-review: "validate" does not support --format html (use text or json or sarif or github).\nRun "spec-review validate --help" for usage.\n');
    expect((await cli(['validate', '-o', 'x.html'], { cwd: root })).stderr).toBe('spec-review: Option --output does not apply to "validate" (only to report).\nRun "spec-review validate --help" for usage.\n');
    expect((await cli(['report', '--min-score', '50'], { cwd: root })).code).toBe(2);
    const empty = makeRepo({ 'README.md': '# nothing\n' }, { git: true });
    const none = await cli(['report'], { cwd: empty });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^spec-review: no spec files found in this repository/);
    expect(existsSync(path.join(empty, 'spec-report.html'))).toBe(false);
  });

  test('the date comes from the clock given, else SOURCE_DATE_EPOCH, which must be a number', async () => {
    const root = repo();
    const pinned = await cli(['report', '-f', 'md'], { cwd: root, env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(pinned.stdout).toContain('generated 2026-01-01');
    const bad = await cli(['report'], { cwd: root, env: { SOURCE_DATE_EPOCH: 'soon' } });
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'spec-review: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (got "soon").\n' });
  });

  test('staleness follows stale_after_days in the config', async () => {
    const root = repo({ '.github/spec-review.yml': 'stale_after_days: 30\n' });
    const md = (await cli(['report', '-f', 'md'], { cwd: root, now: NOW })).stdout;
    // Both components were last updated 2025-01-15; the flow 2025-08-01 (31 days before).
    expect(md).toContain('3 stale (over 30 days)');
    writeFileSync(path.join(root, '.github/spec-review.yml'), 'stale_after_days: 0\n');
    expect((await cli(['report', '-f', 'md'], { cwd: root, now: NOW })).stdout).toContain('0 stale');
  });
});

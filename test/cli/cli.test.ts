/**
 * The CLI end to end, in-process (run(argv, io)) against the real engine and built-in rules, in
 * throw-away repositories. Exact engine messages are the engine's business; these tests pin what the
 * CLI owns: discovery, paths, formats, exit codes, errors, scaffold's file handling.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from './run-cli.js';
import { cleanupRepos, componentSpec, makeRepo } from './temp-repo.js';
import { sarifValidator } from '../report/sarif-schema.js';

afterAll(cleanupRepos);

const CMP1 = 'docs/specs/component/cmp-001-payment-service.md';
const CMP2 = 'docs/specs/component/cmp-002-ledger.md';

interface JsonOut {
  files: { path: string; type: string | null; score: number | null; findings: { rule: string; severity: string; message: string; line: number }[]; breakdown?: unknown[] }[];
  summary: { files: number; errors: number; warnings: number; notices: number };
}

function baseRepo(extra: Record<string, string | Uint8Array> = {}, git = true): string {
  return makeRepo(
    {
      [CMP1]: componentSpec('Payment Service', 'Talks to [CMP-002] and to [CMP-009]. See [design](../../design/payments.md) and [gone](../../design/missing.md).'),
      [CMP2]: componentSpec('Ledger'),
      'docs/design/payments.md': '# Payments design\n',
      'README.md': '# project\n',
      ...extra,
    },
    { git },
  );
}

describe('general', () => {
  test('--version prints package.json version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const out = await cli(['--version'], { cwd: process.cwd() });
    expect(out).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--help and per-command help exit 0; no command is a usage error', async () => {
    expect((await cli(['--help'], { cwd: process.cwd() })).stdout).toMatch(/^Usage: spec-review <command>/);
    expect((await cli(['scaffold', '--help'], { cwd: process.cwd() })).stdout).toMatch(/^Usage: spec-review scaffold/);
    const none = await cli([], { cwd: process.cwd() });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage:/);
  });

  test('usage errors exit 2 with one message and no stack trace', async () => {
    const out = await cli(['validate', '--format', 'xml'], { cwd: process.cwd() });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('spec-review: Invalid value "xml" for --format: expected text, json, sarif, github.\nRun "spec-review validate --help" for usage.\n');
  });
});

describe('usage', () => {
  test('an unknown option is one clean line with a suggestion, exit 2', async () => {
    expect(await cli(['validate', '--colour'], { cwd: process.cwd() })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'spec-review: Unknown option --colour. Did you mean --color?\n',
    });
    const far = await cli(['completeness', '--frobnicate'], { cwd: process.cwd() });
    expect(far.stderr).toBe('spec-review: Unknown option --frobnicate. Run "spec-review completeness --help" for the options.\n');
  });

  test('--help lists --color and --no-color', async () => {
    const general = (await cli(['--help'], { cwd: process.cwd() })).stdout;
    expect(general).toMatch(/^ +--color, --no-color +Colours on or off/m);
    for (const command of ['validate', 'completeness']) {
      expect((await cli([command, '--help'], { cwd: process.cwd() })).stdout).toContain('--color, --no-color');
    }
  });
});

describe('validate', () => {
  test('text output: findings per file, summary, exit 1 on errors', async () => {
    const root = baseRepo();
    const out = await cli(['validate', CMP1], { cwd: root });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`^\\n${CMP1.replace(/\./g, '\\.')}\\n  \\d+:\\d+  +(error|warning|notice)  `));
    expect(out.stdout).toMatch(/\n✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ notices?\)\n$/);
    expect(out.stdout).not.toMatch(/\u001b\[/); // not a TTY: no colours
    expect(out.stderr).toBe('');
  });

  test('references and relative links resolve against the whole repository, not only the named file', async () => {
    const root = baseRepo();
    const out = await cli(['validate', CMP1, '--format', 'json'], { cwd: root });
    const report = JSON.parse(out.stdout) as JsonOut;
    expect(report.files.map((f) => f.path)).toEqual([CMP1]);
    const refs = report.files[0].findings.filter((f) => f.rule === 'reference').map((f) => f.message);
    expect(refs.some((m) => m.includes('[CMP-009]'))).toBe(true);
    expect(refs.some((m) => m.includes('[CMP-002]'))).toBe(false);
    const links = report.files[0].findings.filter((f) => f.rule === 'relative-link').map((f) => f.message);
    expect(links.some((m) => m.includes('missing.md'))).toBe(true);
    expect(links.some((m) => m.includes('payments.md'))).toBe(false);
  });

  test('json contract; exit codes follow --fail-on and --min-score', async () => {
    const root = baseRepo();
    const json = await cli(['validate', '--format', 'json'], { cwd: root });
    const report = JSON.parse(json.stdout) as JsonOut;
    // no paths: every spec of the repository (README.md and the design doc are not specs)
    expect(report.files.map((f) => f.path)).toEqual([CMP1, CMP2]);
    for (const f of report.files) {
      expect(Object.keys(f)).toEqual(['path', 'type', 'score', 'findings']);
      expect(f.type).toBe('component');
      expect(typeof f.score).toBe('number');
    }
    const total = report.files.reduce((n, f) => n + f.findings.length, 0);
    expect(report.summary.files).toBe(2);
    expect(report.summary.errors + report.summary.warnings + report.summary.notices).toBe(total);
    expect(json.code).toBe(report.summary.errors > 0 ? 1 : 0);

    expect((await cli(['validate', '--fail-on', 'never'], { cwd: root })).code).toBe(0);
    const low = await cli(['validate', '--fail-on', 'never', '--min-score', '100'], { cwd: root });
    expect(low.code).toBe(1);
    expect(low.stdout).toContain(`✖ ${CMP1}: completeness score`);
    expect(low.stdout).toContain('is under the minimum 100');
  });

  test('paths are shown relative to the cwd (text/json) and to the repository root (sarif/github)', async () => {
    const root = baseRepo();
    const cwd = path.join(root, 'docs', 'specs');
    const json = JSON.parse((await cli(['validate', 'component/cmp-001-payment-service.md', '--format', 'json'], { cwd })).stdout) as JsonOut;
    expect(json.files[0].path).toBe('component/cmp-001-payment-service.md');
    const gh = await cli(['validate', 'component', '--format', 'github'], { cwd });
    const commands = gh.stdout.trimEnd().split('\n').slice(0, -1);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/^::(error|warning|notice) file=docs\/specs\/component\/cmp-00[12]-[a-z-]+\.md,line=\d+/);
    expect(gh.stdout.trimEnd().split('\n').pop()).toMatch(/^spec-review: 2 files checked, /);
    // CMP-009 is unresolved: its finding sits on the line of the reference
    const sarif = JSON.parse((await cli(['validate', 'component', '--format', 'sarif'], { cwd })).stdout);
    const uris = new Set(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual(expect.arrayContaining([CMP1]));
    for (const u of uris) expect(u).toMatch(/^docs\/specs\/component\//);
  });

  test('sarif is schema-valid SARIF 2.1.0 with rule descriptions', async () => {
    const root = baseRepo();
    const out = await cli(['validate', '--format', 'sarif'], { cwd: root });
    const log = JSON.parse(out.stdout);
    const validate = sarifValidator();
    if (!validate(log)) throw new Error(JSON.stringify(validate.errors, null, 2));
    const rules = log.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string } }[];
    const ref = rules.find((r) => r.id === 'reference');
    expect(ref?.shortDescription.text).toMatch(/Spec references/);
  });

  test('directories recurse and globs expand; node_modules skipped; unmatched glob and missing path exit 2', async () => {
    const root = baseRepo({ 'node_modules/x/docs/specs/component/cmp-005-x.md': '# X\n', 'docs/specs/flow/flw-001-checkout.md': '# Checkout\n' }, false);
    const dir = JSON.parse((await cli(['validate', 'docs', '--format', 'json'], { cwd: root })).stdout) as JsonOut;
    expect(dir.files.map((f) => f.path)).toEqual([CMP1, CMP2, 'docs/specs/flow/flw-001-checkout.md']);
    const glob = JSON.parse((await cli(['validate', 'docs/**/cmp-*.md', '--format', 'json'], { cwd: root })).stdout) as JsonOut;
    expect(glob.files.map((f) => f.path)).toEqual([CMP1, CMP2]);
    const none = await cli(['validate', 'docs/**/*.txt'], { cwd: root });
    expect(none).toEqual({ code: 2, stdout: '', stderr: 'spec-review: No files match the pattern "docs/**/*.txt".\nRun "spec-review validate --help" for usage.\n' });
    expect((await cli(['validate', 'nope.md'], { cwd: root })).code).toBe(2);
  });

  test('--quiet reports errors only; --type forces a type', async () => {
    // the unresolved [CMP-009] reference becomes a warning: the file has errors and non-errors
    const root = baseRepo({ 'notes/plan.md': componentSpec('Plan'), '.github/spec-review.yml': 'rules:\n  reference: warning\n' });
    const all = JSON.parse((await cli(['validate', CMP1, '-f', 'json'], { cwd: root })).stdout) as JsonOut;
    const quiet = JSON.parse((await cli(['validate', CMP1, '-f', 'json', '--quiet'], { cwd: root })).stdout) as JsonOut;
    expect(all.files[0].findings.some((f) => f.severity !== 'error')).toBe(true);
    expect(quiet.files[0].findings.every((f) => f.severity === 'error')).toBe(true);
    expect(quiet.files[0].findings.length).toBe(all.files[0].findings.filter((f) => f.severity === 'error').length);

    const untyped = JSON.parse((await cli(['validate', 'notes/plan.md', '-f', 'json'], { cwd: root })).stdout) as JsonOut;
    expect(untyped.files[0]).toMatchObject({ type: null, score: null });
    expect(untyped.files[0].findings.map((f) => f.rule)).toContain('unknown-type');
    const typed = JSON.parse((await cli(['validate', 'notes/plan.md', '-f', 'json', '--type', 'component'], { cwd: root })).stdout) as JsonOut;
    expect(typed.files[0].type).toBe('component');
    const bad = await cli(['validate', 'notes/plan.md', '--type', 'widget'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^spec-review: Unknown type "widget" for --type: expected component, /);
  });

  test("text fits the terminal's width (or COLUMNS, else 80) and shows messages as plain text", async () => {
    const table = '| Variable | Type | Required |\n|---|---|---|\n| PORT | [string \\| number \\| boolean] | [Yes \\| No] |\n';
    const root = baseRepo({ 'docs/specs/component/cmp-003-config.md': componentSpec('Config Service', `## Configuration\n\n${table}`) });
    const file = 'docs/specs/component/cmp-003-config.md';
    const widths = [
      [{ tty: true, columns: 50 }, 50],
      [{ env: { COLUMNS: '64' } }, 64],
      [{ tty: true, columns: 50, env: { COLUMNS: '200' } }, 50],
      [{}, 80],
    ] as const;
    for (const [opts, width] of widths) {
      const out = await cli(['validate', file, '--no-color'], { cwd: root, ...opts });
      const lines = out.stdout.split('\n').filter((l) => l.startsWith('  '));
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.filter((l) => l.length > width)).toEqual([]);
      expect(out.stdout).not.toContain('\\|');
      expect(out.stdout.replace(/\s+/g, ' ')).toContain('Unfilled placeholder [string | number | boolean]');
    }
  });

  test('a directory or the whole repository yields the files that naming them would review as specs', async () => {
    const root = baseRepo({
      'design/cmp-010-x.md': componentSpec('X'), // file-name prefix, outside the type folder
      'design/flows/flw-003-refund.md': '# Refund\n', // prefix, deeper
      'design/adr.md': `---\ntype: component\n---\n${componentSpec('Adr')}`, // front matter
      'design/notes.md': '# Notes\n', // no rule: not a spec
      'design/README.md': '---\ntype: component\n---\n# Readme\n', // ignored by the default config
      'design/big-file.md': `---\ntitle: x\n---\n${'text '.repeat(20000)}`, // front matter without type
    });
    const found = JSON.parse((await cli(['validate', 'design', '-f', 'json'], { cwd: root })).stdout) as JsonOut;
    expect(found.files.map((f) => [f.path, f.type])).toEqual([
      ['design/adr.md', 'component'],
      ['design/cmp-010-x.md', 'component'],
      ['design/flows/flw-003-refund.md', 'flow'],
    ]);
    // the same type as when each is named directly
    for (const f of found.files) {
      const named = JSON.parse((await cli(['validate', f.path, '-f', 'json'], { cwd: root })).stdout) as JsonOut;
      expect(named.files[0].type).toBe(f.type);
    }
    const everything = JSON.parse((await cli(['validate', '-f', 'json', '--fail-on', 'never'], { cwd: root })).stdout) as JsonOut;
    expect(everything.files.map((f) => f.path)).toEqual([...found.files.map((f) => f.path), CMP1, CMP2]);
  });

  test('a run that finds no spec exits 2 and says how specs are found', async () => {
    const root = baseRepo({ 'notes/plan.md': '# Plan\n' });
    const none = await cli(['validate', 'notes'], { cwd: root });
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      'spec-review: no spec files found in notes (a spec is a Markdown file in docs/specs/component/, docs/specs/data-flow/, ' +
        'docs/specs/flow-schematic/ or docs/specs/flow/, named cmp-NNN-*.md, dfl-NNN-*.md, flow-NNN-*.md or flw-NNN-*.md, or with "type:" front matter; ' +
        '--type reviews every Markdown file).\n',
    );
    expect((await cli(['completeness', 'notes', '-f', 'json', '--quiet'], { cwd: root })).code).toBe(2);
    const empty = await cli(['validate'], { cwd: makeRepo({ 'README.md': '# x\n' }, { git: true }) });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^spec-review: no spec files found in this repository \(/);
    // --type makes every Markdown file a spec
    expect((await cli(['validate', 'notes', '--type', 'component', '-f', 'json'], { cwd: root })).code).toBe(1);
  });

  test('a symbolic-link loop or a dangling link is named, repository-relative, and the run exits 2', async () => {
    const root = baseRepo({}, true);
    const dir = path.join(root, 'docs/specs/component');
    symlinkSync('cmp-004-b.md', path.join(dir, 'cmp-003-a.md'));
    symlinkSync('cmp-003-a.md', path.join(dir, 'cmp-004-b.md'));
    symlinkSync('gone.md', path.join(dir, 'cmp-005-gone.md'));
    const expected =
      'spec-review: cannot read docs/specs/component/cmp-003-a.md: symbolic link loop; it was not reviewed.\n' +
      'spec-review: cannot read docs/specs/component/cmp-004-b.md: symbolic link loop; it was not reviewed.\n' +
      'spec-review: cannot read docs/specs/component/cmp-005-gone.md: symbolic link to a missing file (gone.md); it was not reviewed.\n';
    for (const argv of [['validate'], ['validate', 'docs'], ['validate', 'docs/specs/component/cmp-003-a.md', 'docs/specs/component/cmp-004-b.md', 'docs/specs/component/cmp-005-gone.md', CMP1]]) {
      const out = await cli([...argv, '-f', 'json'], { cwd: root });
      expect(out.stderr).toBe(expected);
      expect(out.code).toBe(2);
      expect(out.stdout + out.stderr).not.toContain(root);
      expect((JSON.parse(out.stdout) as JsonOut).files.map((f) => f.path)).toContain(CMP1); // the others are still reviewed
      expect(out.stdout).not.toContain('file-encoding');
    }
  });

  test('colours on a TTY only, and never with NO_COLOR or --no-color', async () => {
    const root = baseRepo();
    expect((await cli(['validate', CMP1], { cwd: root, tty: true })).stdout).toMatch(/\u001b\[31m/);
    expect((await cli(['validate', CMP1], { cwd: root, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
    expect((await cli(['validate', CMP1, '--no-color'], { cwd: root, tty: true })).stdout).not.toMatch(/\u001b\[/);
  });

  test('binary and oversize files get a finding, not a crash', async () => {
    const big = componentSpec('Big', 'x'.repeat(5000));
    const root = baseRepo({
      'docs/specs/component/cmp-003-binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]),
      'docs/specs/component/cmp-004-big.md': big,
      '.github/spec-review.yml': 'max_file_size: 2048\n',
    });
    const out = await cli(['validate', 'docs/specs/component/cmp-003-binary.md', 'docs/specs/component/cmp-004-big.md', '-f', 'json'], { cwd: root });
    const report = JSON.parse(out.stdout) as JsonOut;
    expect(report.files.map((f) => f.findings.map((x) => x.rule))).toEqual([expect.arrayContaining(['file-encoding']), expect.arrayContaining(['file-encoding'])]);
    expect(report.files[1].findings.find((f) => f.rule === 'file-encoding')?.message).toMatch(/over the 2 KB limit|over the 2\.0 KB limit|limit/);
    expect(out.code).toBe(1);
  });

  test('many files (in-thread under jest) come back in input order', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 40; i++) files[`docs/specs/component/cmp-${String(i).padStart(3, '0')}-s${i}.md`] = componentSpec(`Service ${i}`);
    const root = makeRepo(files);
    const out = JSON.parse((await cli(['validate', 'docs', '-f', 'json', '--fail-on', 'never'], { cwd: root })).stdout) as JsonOut;
    expect(out.files.map((f) => f.path)).toEqual(Object.keys(files).sort());
  });
});

describe('configuration', () => {
  test('a bad config exits 2 naming file:line, no stack trace', async () => {
    const root = baseRepo({ '.github/spec-review.yml': 'fail_on: error\nmin_score: 250\n' });
    const out = await cli(['validate'], { cwd: root });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^spec-review: \.github\/spec-review\.yml:2(:\d+)?: .*min_score/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('unknown rule ids and type names in the config are all reported, each with its line and a suggestion, exit 2', async () => {
    const root = baseRepo({ '.github/spec-review.yml': 'rules:\n  placeholders: off\n  component/monitor: warning\nspecs:\n  - path: "design/**/*.md"\n    type: compnent\n' });
    const out = await cli(['validate'], { cwd: root });
    expect(out.code).toBe(2);
    expect(out.stderr.trimEnd().split('\n')).toEqual([
      'spec-review: .github/spec-review.yml:2: rules: "placeholders" is not a rule id. Did you mean "placeholder"? (every rule is listed in docs/rules.md) (config-invalid)',
      '.github/spec-review.yml:3: rules: "component/monitor" is not a rule id. Did you mean "component/monitoring"? (every rule is listed in docs/rules.md) (config-invalid)',
      '.github/spec-review.yml:6: specs[0].type "compnent" is not a spec type. Did you mean "component"? (known: component, data-flow, flow-schematic, flow) (config-invalid)',
    ]);
  });

  test('config is found at the repository root from a subdirectory; --config overrides; a missing --config exits 2', async () => {
    const root = baseRepo({ '.github/spec-review.yml': 'fail_on: never\n', 'strict.yml': 'fail_on: notice\n' });
    const sub = path.join(root, 'docs');
    expect((await cli(['validate', 'specs'], { cwd: sub })).code).toBe(0);
    expect((await cli(['validate', 'specs', '--config', '../strict.yml'], { cwd: sub })).code).toBe(1);
    const missing = await cli(['validate', '--config', 'nope.yml'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^spec-review: Configuration file not found: nope\.yml\./);
  });

  test('an extra rule file listed in types that does not exist is named with the config line', async () => {
    const root = baseRepo({ '.github/spec-review.yml': 'fail_on: error\ntypes:\n  - rules/runbook.yml\n' });
    const out = await cli(['types'], { cwd: root });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^spec-review: \.github\/spec-review\.yml:3: Rule file "rules\/runbook\.yml" listed in types does not exist/);
  });
});

describe('completeness', () => {
  test('text shows score and what cost points; json adds breakdown', async () => {
    const root = baseRepo();
    const text = await cli(['completeness', CMP1, '--fail-on', 'never'], { cwd: root });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${CMP1.replace(/\./g, '\\.')}  component  \\d+/100`));
    expect(text.stdout).toMatch(/\n {2,}-\d+(\.\d)? of \d+(\.\d)? {2}/);
    expect(text.stdout).toMatch(/\n1 file, average score \d+\n$/);
    const json = JSON.parse((await cli(['completeness', CMP1, '-f', 'json'], { cwd: root })).stdout) as JsonOut;
    expect(Object.keys(json.files[0])).toEqual(['path', 'type', 'score', 'findings', 'breakdown']);
    const items = json.files[0].breakdown as { item: string; max: number; lost: number }[];
    expect(items.length).toBeGreaterThan(0);
    const lost = items.reduce((n, i) => n + i.lost, 0);
    const max = items.reduce((n, i) => n + i.max, 0);
    expect(Math.round(100 - (lost * 100) / max)).toBeCloseTo(json.files[0].score!, -1);
  });
  test('exit 1 under --min-score', async () => {
    const root = baseRepo();
    const out = await cli(['completeness', CMP1, '--fail-on', 'never', '--min-score', '99'], { cwd: root });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/below minimum 99/);
  });
});

describe('scaffold', () => {
  const now = new Date(2025, 2, 7, 12, 0, 0);

  test('writes the template in the type folder, prints the path, fills id/title/date', async () => {
    const root = baseRepo();
    const out = await cli(['scaffold', 'component', 'payment-gateway', '--title', 'Payment Gateway'], { cwd: root, now });
    expect(out.code).toBe(0);
    // next free id after CMP-001 and CMP-002
    expect(out.stdout).toBe('docs/specs/component/cmp-003-payment-gateway.md\n');
    expect(out.stderr).toMatch(/^Created CMP-003 "Payment Gateway"/);
    const text = readFileSync(path.join(root, 'docs/specs/component/cmp-003-payment-gateway.md'), 'utf8');
    expect(text).toMatch(/^# Payment Gateway\n/);
    expect(text).toContain('CMP-003');
    expect(text).toContain('2025-03-07');
    expect(text).not.toMatch(/\{\{/);
  });

  test('creates missing folders; path relative to the cwd', async () => {
    const root = makeRepo({ 'README.md': '# x\n' }, { git: true });
    const out = await cli(['scaffold', 'flow-schematic', 'checkout', '-f', 'json'], { cwd: path.join(root), now });
    expect(out.code).toBe(0);
    const info = JSON.parse(out.stdout);
    expect(info).toMatchObject({ type: 'flow-schematic', path: expect.stringMatching(/^docs\/specs\/flow-schematic\/flow-001-checkout\.md$/), id: 'FLOW-001' });
    expect(existsSync(path.join(root, info.path))).toBe(true);
  });

  test('never overwrites an existing file', async () => {
    const root = baseRepo();
    const target = path.join(root, CMP1);
    const before = readFileSync(target, 'utf8');
    const out = await cli(['scaffold', 'component', 'cmp-001-payment-service'], { cwd: root, now });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^spec-review: .*(already exists|already used)/);
    expect(readFileSync(target, 'utf8')).toBe(before);
    // a file the index does not know (git-ignored) is still never overwritten
    writeFileSync(path.join(root, '.gitignore'), 'docs/specs/component/cmp-007-hidden.md\n');
    writeFileSync(path.join(root, 'docs/specs/component/cmp-007-hidden.md'), 'mine\n');
    const hidden = await cli(['scaffold', 'component', 'cmp-007-hidden'], { cwd: root, now });
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toMatch(/already exists; it was not overwritten/);
    expect(readFileSync(path.join(root, 'docs/specs/component/cmp-007-hidden.md'), 'utf8')).toBe('mine\n');
  });

  test('--dry-run prints and writes nothing; bad input exits 2', async () => {
    const root = baseRepo();
    const dry = await cli(['scaffold', 'component', 'audit-log', '--dry-run'], { cwd: root, now });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/^Would create docs\/specs\/component\/cmp-003-audit-log\.md/);
    expect(dry.stdout).toMatch(/^# Audit Log\n/);
    expect(existsSync(path.join(root, 'docs/specs/component/cmp-003-audit-log.md'))).toBe(false);
    expect((await cli(['scaffold', 'widget', 'x'], { cwd: root })).stderr).toMatch(/^spec-review: Unknown spec type "widget"/);
    expect((await cli(['scaffold', 'component', 'Bad Slug!'], { cwd: root })).code).toBe(2);
    expect((await cli(['scaffold', 'component'], { cwd: root })).stderr).toMatch(/scaffold needs a type and a name/);
  });
});

describe('extra types from the config', () => {
  function runbookRules(template: string): string {
    const flow = readFileSync(new URL('../../rules/flow.yml', import.meta.url), 'utf8');
    return flow
      .replace(/^name: flow$/m, 'name: runbook')
      .replace(/^template: .*$/m, `template: ${template}`)
      .replace(/^folder: .*$/m, 'folder: docs/runbooks')
      .replace(/^file_prefix: .*$/m, 'file_prefix: rbk')
      .replace(/^id_prefix: .*$/m, 'id_prefix: RBK');
  }

  test('a rule file and its template are read relative to the repository root and the rule file', async () => {
    const template = readFileSync(new URL('../../templates/flow.md', import.meta.url), 'utf8');
    const root = makeRepo({
      '.github/spec-review.yml': 'types:\n  - spec-types/runbook.yml\n',
      'spec-types/runbook.yml': runbookRules('templates/runbook.md'),
      'spec-types/templates/runbook.md': template,
    });
    const list = JSON.parse((await cli(['types', '-f', 'json'], { cwd: root })).stdout);
    expect(list.find((t: { name: string }) => t.name === 'runbook')).toMatchObject({
      folder: 'docs/runbooks/',
      pattern: 'rbk-NNN-slug.md',
      id: 'RBK-NNN',
      template: 'spec-types/templates/runbook.md',
    });
    const made = await cli(['scaffold', 'runbook', 'restart-db'], { cwd: root, now: new Date(2025, 0, 2) });
    expect(made.stdout).toBe('docs/runbooks/rbk-001-restart-db.md\n');
  });

  test('a template that does not exist is named with the rule file and line', async () => {
    const root = makeRepo({
      '.github/spec-review.yml': 'types:\n  - spec-types/runbook.yml\n',
      'spec-types/runbook.yml': runbookRules('nope/runbook.md'),
    });
    const out = await cli(['types'], { cwd: root });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^spec-review: spec-types\/runbook\.yml:6: Template "nope\/runbook\.md" not found/);
  });
});

describe('types', () => {
  test('lists the built-in types as a table and as JSON', async () => {
    const root = makeRepo({ 'README.md': '# x\n' });
    const text = await cli(['types'], { cwd: root });
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TYPE +FOLDER +FILE NAME +ID +TEMPLATE +DESCRIPTION$/);
    expect(lines.find((l) => l.startsWith('component '))).toMatch(/^component +docs\/specs\/component\/ +cmp-NNN-slug\.md +CMP-NNN +templates\/component\.md +\S/);
    const json = JSON.parse((await cli(['types', '-f', 'json'], { cwd: root })).stdout);
    expect(json.map((t: { name: string }) => t.name).sort()).toEqual(['component', 'data-flow', 'flow', 'flow-schematic']);
    expect(Object.keys(json[0])).toEqual(['name', 'folder', 'pattern', 'id', 'template', 'description']);
  });
});

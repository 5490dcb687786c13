/**
 * The code-scanning workflow (docs/code-scanning.md): `spec-review validate --format sarif > results.sarif`
 * on a real review (real engine, built-in rules, a throw-away repository), validated against the
 * SARIF 2.1.0 JSON Schema, plus what GitHub's upload needs: repository-relative URIs, rule metadata,
 * levels, and the exit code the workflow's `continue-on-error`/`|| true` handles.
 */
import { afterAll, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../cli/run-cli.js';
import { cleanupRepos, makeRepo } from '../cli/temp-repo.js';
import { sarifValidator } from '../report/sarif-schema.js';

afterAll(cleanupRepos);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BAD = 'docs/specs/component/cmp-001-payment-service.md';
const MERMAID = 'docs/specs/flow-schematic/flow-001-checkout.md';

interface Result {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
}

test('the SARIF of a real review is valid SARIF 2.1.0 with repository-relative locations', async () => {
  const repo = makeRepo(
    {
      [BAD]: '# Payment service\n\nTODO: write this. See [CMP-404].\n',
      [MERMAID]: '# Checkout\n\n```mermaid\nflowchart TD\n  A-->\n```\n',
      'README.md': '# project\n',
    },
    { git: true },
  );
  const out = await cli(['validate', '--format', 'sarif', 'docs/specs'], { cwd: repo });
  expect(out.stderr).toBe('');
  expect(out.code).toBe(1); // findings: the workflow must not let this stop the upload
  const log = JSON.parse(out.stdout);
  const validate = sarifValidator();
  if (!validate(log)) throw new Error(JSON.stringify(validate.errors, null, 2));

  const run = log.runs[0];
  expect(run.tool.driver.name).toBe('spec-review');
  const results = run.results as Result[];
  expect(results.length).toBeGreaterThan(3);
  const uris = new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  expect([...uris].sort()).toEqual([BAD, MERMAID]);
  for (const r of results) {
    expect(['error', 'warning', 'note']).toContain(r.level);
    expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    // every result's rule is described in the driver (code scanning shows the rule's name and help)
    expect(run.tool.driver.rules.some((d: { id: string }) => d.id === r.ruleId)).toBe(true);
  }
  expect(results.some((r) => r.ruleId === 'code-mermaid' && r.locations[0].physicalLocation.region.startLine === 5)).toBe(true);
  expect(results.some((r) => r.ruleId === 'reference' && /CMP-404/.test(r.message.text))).toBe(true);
});

test('the same from a subfolder of the repository keeps root-relative URIs', async () => {
  const repo = makeRepo({ [BAD]: '# Payment service\n\nTODO\n' }, { git: true });
  const out = await cli(['validate', '--format', 'sarif', 'cmp-001-payment-service.md'], { cwd: path.join(repo, 'docs/specs/component') });
  const log = JSON.parse(out.stdout);
  const uris = (log.runs[0].results as Result[]).map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
  expect(new Set(uris)).toEqual(new Set([BAD]));
});

test('docs/code-scanning.md has the workflow: SARIF output, upload-sarif, security-events: write', () => {
  const doc = readFileSync(path.join(root, 'docs/code-scanning.md'), 'utf8');
  expect(doc).toContain('validate --format sarif');
  expect(doc).toContain('github/codeql-action/upload-sarif@v4');
  expect(doc).toMatch(/security-events:\s*write/);
});

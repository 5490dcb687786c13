/**
 * What the docs tell a team to type works as written: no doc installs spec-review by a registry name
 * (it is not on one); the report workflow (docs/workflows/spec-report.yml, quoted in the README) writes
 * the job summary and the artifact's page when its steps run — here with the built CLI standing in for
 * the installed one; and the README's example of the impact section is what the renderer makes today.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { openRepository } from '../../src/cli/repo.js';
import { impactExample, withExample } from '../../src/docs/impact-example.js';
import { corpusRepository } from '../../src/docs/report-pictures.js';
import { assertBuilt } from '../helpers/built.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

test('no doc, workflow or script installs spec-review by a registry name', () => {
  const files = [...openRepository(root, root).paths].filter(
    (p) => (p === 'README.md' || p.startsWith('docs/') || p.startsWith('scripts/') || p.startsWith('.github/') || p === 'action.yml') && /\.(md|ya?ml|sh|mjs)$/.test(p) && !p.startsWith('docs/images/'),
  );
  expect(files.length).toBeGreaterThan(20);
  const registry = [/npx\s+(?:--yes\s+|-y\s+)?spec-review@/, /npm\s+(?:i|install|add)\b[^\n`;&|]*?\sspec-review(?:@[\w.^~<>=-]+)?(?=\s|$|`)/, /npm\s+(?:publish|dist-tag|view\s+spec-review)/];
  const hits: string[] = [];
  for (const f of files) {
    read(f)
      .split('\n')
      .forEach((line, i) => {
        if (registry.some((re) => re.test(line))) hits.push(`${f}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(hits).toEqual([]);
});

describe('the report workflow', () => {
  const workflow = parseYaml(read('docs/workflows/spec-report.yml')) as { jobs: { report: { steps: { name?: string; uses?: string; run?: string; with?: Record<string, string> }[] } } };
  const steps = workflow.jobs.report.steps;
  const report = steps.find((s) => s.name === 'Report every spec')!;
  const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;

  test('the README quotes its install, report and upload steps', () => {
    const readme = read('README.md');
    for (const line of report.run!.trim().split('\n')) expect(readme).toContain(line.trim());
    expect(readme).toContain(steps.find((s) => s.name === 'Install spec-review')!.run!);
    expect(readme).toContain(`uses: ${upload.uses}`);
    expect(upload.uses).toMatch(/^actions\/upload-artifact@v[4-9]$/);
  });

  test('its steps write the job summary and the page the artifact uploads', () => {
    assertBuilt();
    const repo = corpusRepository(root);
    try {
      // `npx --no-install spec-review …` as the installed package would answer it: the CLI built from this tree.
      const shims = path.join(repo, '.shims');
      mkdirSync(shims);
      writeFileSync(path.join(shims, 'npx'), `#!/bin/sh\n[ "$1" = "--no-install" ] && shift\n[ "$1" = "spec-review" ] || exit 127\nshift\nexec "${process.execPath}" "${path.join(root, 'bin', 'spec-review.js')}" "$@"\n`);
      chmodSync(path.join(shims, 'npx'), 0o755);
      const summary = path.join(repo, '.summary.md');
      writeFileSync(summary, '');
      const run = spawnSync('bash', ['-e', '-c', report.run!], { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: `${shims}:${process.env.PATH}`, GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1' } });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: 'Wrote spec-report/index.html (html, 28 files).\n' });
      const md = readFileSync(summary, 'utf8');
      expect(md.startsWith('<!-- spec-review report -->\n# Spec report — ')).toBe(true);
      expect(md).toContain('| component | 7 |');
      expect(statSync(summary).size).toBeLessThan(1024 * 1024); // GitHub's limit for a step's summary
      const page = path.join(repo, upload.with!.path, 'index.html');
      expect(existsSync(page)).toBe(true);
      expect(readFileSync(page, 'utf8').match(/<tr class="spec"/g)).toHaveLength(28);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

test('the README shows the impact section as the renderer makes it (npm run gen)', async () => {
  const readme = read('README.md');
  const example = await impactExample(root);
  expect(example).toContain('#### Affected specs');
  expect(example).toContain('```mermaid');
  expect(withExample(readme, example)).toBe(readme);
});

/**
 * The project's own docs hold: every relative link in README.md and docs/**\/*.md resolves (checked by
 * the engine's own `relative-link` check, against the repository's file list as the CLI builds it), a
 * `#section` anchor names a heading of its target (GitHub's heading ids), and every doc path named in
 * the comments of the YAML files users copy or read (action.yml, .pre-commit-hooks.yaml, app.yml,
 * docs/workflows/*.yml, .github/workflows/*.yml, the header comments of rules/*.yml) exists.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toString } from 'mdast-util-to-string';
import type { Heading } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { openRepository } from '../../src/cli/repo.js';
import { relativeLink } from '../../src/engine/checks/relative-link.js';
import type { CheckContext, Report } from '../../src/engine/checks/types.js';
import { parseSpec } from '../../src/engine/parse.js';
import { dirname, resolvePath } from '../../src/engine/repo-index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const repo = openRepository(root, root);
const index = { paths: repo.paths };
const read = (rel: string) => readFileSync(path.join(root, ...rel.split('/')), 'utf8');
const inRepo = (rel: string) => repo.paths.has(rel) || [...repo.paths].some((p) => p.startsWith(`${rel.replace(/\/$/, '')}/`));

/** README.md and docs/**, but not docs/images/sample/ (the pictures' sample pull request, wrong on purpose). */
const markdownDocs = [...repo.paths].filter((p) => p === 'README.md' || (p.startsWith('docs/') && !p.startsWith('docs/images/') && p.endsWith('.md'))).sort();
const yamlFiles = [...repo.paths]
  .filter((p) => ['action.yml', '.pre-commit-hooks.yaml', 'app.yml'].includes(p) || /^(docs\/workflows|\.github\/workflows|rules)\/[^/]+\.ya?ml$/.test(p))
  .sort();

/** GitHub's id for a heading: lower case, punctuation and symbols dropped, spaces to hyphens; repeats get -1, -2… */
export function headingIds(markdown: string): Set<string> {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (node.type === 'heading') {
      const base = toString(node as Heading)
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      ids.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const child of (node.children ?? []) as { type: string }[]) visit(child);
  };
  visit(tree);
  for (const m of markdown.matchAll(/<a (?:id|name)="([^"]+)"/g)) ids.add(m[1]);
  return ids;
}

/** What the engine's relative-link check reports for one Markdown file, and the links it read. */
function linkProblems(file: string, text = read(file)): string[] {
  const doc = parseSpec(text);
  const problems: string[] = [];
  const report = (r: Report) => problems.push(`${file}:${r.line}: ${r.message}`);
  void relativeLink.run({ doc, path: file, index, report } as unknown as CheckContext);
  // Anchors: `#id` in this file, `other.md#id` in another Markdown file of the repository.
  for (const link of doc.links) {
    const m = /^([^?#]*)#(.+)$/.exec(link.url.trim());
    if (!m || /^[a-z][a-z0-9+.-]*:/i.test(m[1]) || m[1].startsWith('//')) continue;
    const target = m[1] === '' ? file : resolvePath(dirname(file), decodeURIComponent(m[1]));
    if (target === null || !target.endsWith('.md') || (target !== file && !repo.paths.has(target))) continue;
    if (!headingIds(target === file ? text : read(target)).has(decodeURIComponent(m[2]).toLowerCase())) {
      problems.push(`${file}:${link.line}: Link "${link.url}": ${target} has no heading with the id "${m[2]}".`);
    }
  }
  return problems;
}

/** Doc paths named in a YAML file's comments (for rules/*.yml: its header comment only). */
function commentPaths(file: string, text = read(file)): { line: number; ref: string }[] {
  const lines = text.split('\n');
  const out: { line: number; ref: string }[] = [];
  for (const [i, text] of lines.entries()) {
    const comment = /^\s*#(.*)$/.exec(text) ?? /\s#\s(.*)$/.exec(text);
    if (!comment) {
      if (file.startsWith('rules/') && text.trim() !== '') break; // the header comment ended
      continue;
    }
    for (const m of comment[1].matchAll(/(?:\.{1,2}\/)*[\w.-]+(?:\/[\w.-]+)*\.md(?:#[\w-]+)?/g)) out.push({ line: i + 1, ref: m[0] });
  }
  return out;
}

describe('the project’s docs hold', () => {
  test('there are docs and YAML files to check', () => {
    expect(markdownDocs).toEqual(expect.arrayContaining(['README.md', 'docs/cli.md', 'docs/app.md']));
    expect(yamlFiles).toEqual(expect.arrayContaining(['action.yml', '.pre-commit-hooks.yaml', 'app.yml', 'docs/workflows/spec-review.yml', 'rules/component.yml']));
  });

  test.each(markdownDocs)('%s: relative links resolve, anchors name a heading', (file) => {
    expect(linkProblems(file)).toEqual([]);
  });

  test.each(yamlFiles)('%s: doc paths in comments exist (relative to the file or the repository root)', (file) => {
    const missing: string[] = [];
    for (const { line, ref } of commentPaths(file)) {
      const [target, anchor] = ref.split('#');
      const resolved = [resolvePath(dirname(file), target), resolvePath('', target)].find((p) => p !== null && inRepo(p));
      if (!resolved) missing.push(`${file}:${line}: ${ref} does not exist`);
      else if (anchor && !headingIds(read(resolved)).has(anchor)) missing.push(`${file}:${line}: ${resolved} has no heading "${anchor}"`);
    }
    expect(missing).toEqual([]);
  });

  test('the checks can fail: a broken link, a wrong anchor here or in another file', () => {
    const text = 'See [gone](missing.md), [here](#nowhere), [there](cli.md#nope), [ok](cli.md#options) and [self](#somewhere).\n\n## Somewhere\n';
    expect(linkProblems('docs/x.md', text)).toEqual([
      'docs/x.md:1: Link "missing.md" points at docs/missing.md, which is not in the repository.',
      'docs/x.md:1: Link "#nowhere": docs/x.md has no heading with the id "nowhere".',
      'docs/x.md:1: Link "cli.md#nope": docs/cli.md has no heading with the id "nope".',
    ]);
    expect(commentPaths('x.yml', '# See docs/choose.md and\n# ../docs/cli.md#options.\nkey: 1 # docs/app.md\n')).toEqual([
      { line: 1, ref: 'docs/choose.md' },
      { line: 2, ref: '../docs/cli.md#options' },
      { line: 3, ref: 'docs/app.md' },
    ]);
    expect(headingIds('## Configuration — `.github/spec-review.yml`\n## A\n## A\n')).toEqual(new Set(['configuration--githubspec-reviewyml', 'a', 'a-1']));
  });

  test('one schema URL: README and docs name the same published config schema, for this version', () => {
    const version = (JSON.parse(read('package.json')) as { version: string }).version;
    const urls = new Set<string>();
    for (const file of markdownDocs) for (const m of read(file).matchAll(/\$schema=(https?:\/\/\S+?config\.schema\.json)/g)) urls.add(m[1]);
    expect([...urls]).toEqual([`https://raw.githubusercontent.com/spec-review/spec-review/v${version}/schemas/config.schema.json`]);
    expect(inRepo('schemas/config.schema.json')).toBe(true);
  });
});

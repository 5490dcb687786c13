/**
 * tree.ts builds the part of the mdast tree the checks read straight from micromark's events. It must
 * give exactly what mdast-util-from-markdown (with the GFM table and front matter extensions) gives for
 * that part: same nodes, fields and positions. Differential test over every Markdown file in the
 * project, generated benchmark specs and random documents built from every construct.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
// @ts-expect-error: plain JavaScript module without types
import { CORPORA, createRng, planCorpus, renderSpec } from '../../bench/corpus.js';
import { parseTree } from '../../src/engine/tree.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function reference(text: string): unknown {
  return fromMarkdown(text, { extensions: [gfmTable(), frontmatter(['yaml'])], mdastExtensions: [gfmTableFromMarkdown(), frontmatterFromMarkdown(['yaml'])] });
}

const FIELDS = ['depth', 'ordered', 'lang', 'value', 'url', 'label'] as const;
type Any = { type: string; position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } }; children?: Any[] } & Record<string, unknown>;

/** The part of a node the checks read: type, position, the fields above and children. */
function project(node: Any): unknown {
  const p = node.position;
  const out: Record<string, unknown> = { type: node.type };
  if (p) {
    out.start = `${p.start.line}:${p.start.column}:${p.start.offset}`;
    // A list item's end is left out by tree.ts (no check reads it).
    if (node.type !== 'listItem') out.end = `${p.end.line}:${p.end.column}:${p.end.offset}`;
  }
  for (const f of FIELDS) {
    if (f === 'label' && node.type !== 'definition') continue;
    if (node[f] !== undefined) out[f] = node[f];
  }
  if (node.children) out.children = node.children.map(project);
  return out;
}

/** Compared three ways: as one parse, split wherever it may be (every top-level heading), and as the engine splits it. */
function same(text: string): void {
  const theirs = (reference(text) as Any).children!.map(project);
  for (const minPiece of [Infinity, 1, undefined]) {
    const ours = (parseTree(text, minPiece) as unknown as Any).children!.map(project);
    expect(ours).toEqual(theirs);
  }
}

function* markdownFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'dist' || e.name === 'coverage') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* markdownFiles(path);
    else if (/\.(md|markdown)$/.test(e.name)) yield path;
  }
}

describe('tree.ts agrees with mdast-util-from-markdown', () => {
  test('on hand-picked constructs', () => {
    const cases = [
      '# T\n\n## A ##\n\nSet\n===\n\nTwo\nlines\n---\n',
      '- **A**: x\n  more\n- b\n\n  para\n\n1. one\n2. two\n   - nested\n     > quote\n',
      '| H1 | `c\\|d` | **b** |\n| --- | :-: | --- |\n| x | y \\| z | `\\\\|` |\n',
      '---\na: 1\nb: [2]\n---\n\n# Doc\n',
      '```js  meta data\ncode\n\n  indented\n```\n\n~~~\nunclosed',
      '    indented\n\n    code\n\ntext',
      '<!-- a\n\ncomment -->\n\n<div>\nhtml\n</div>\n\ninline <b>x</b> and <!-- c\n-->',
      '[a]: ./x.md "title"\n[^1]: note\n[b]:\n  <./y z.md>\n  \'t\'\n',
      '[l](../y.md) ![i](z.png) [a] [a][] [a][b] <http://q> <me@x.io> a&amp;\\* &#35; &#x41; &bogus; b  \nc\\\nd',
      '[multi\nline](u "t\nt") ![alt *em*\nx](i.png) [![img](i.png)](l.md) [a](<b c> \'t\')\n\n[a]: x',
      '*em **strong** _x_* __y__ `co\nde` ``a`b``',
      '> # Heading in quote\n> - list\n>\n> ```\n> code\n> ```\nlazy',
      '* a\n\n* b\n\n<!-- -->\n* c',
      '\ttab\n\n  - item\n\n-\n  x\n\n10) ten',
      '# \n\n#\n\n## Only # hashes ###\n\n#hashtag',
      '| a |\n|---|\n\n| not | table |\n| x |',
      '| `a\\\\b` | `c\\|d` |\n| - | - |',
      '[a](u\n"t") [b](\nv\n) ![c](w\n\'t\')',
      '',
      '\n\n\n',
      'a\r\nb\r\n\r\n```\r\ncode\r\n```\r\n',
    ];
    for (const c of cases) same(c);
  });

  test('on every Markdown file of the project', () => {
    let n = 0;
    for (const path of markdownFiles(ROOT)) {
      const text = readFileSync(path, 'utf8');
      try {
        same(text);
      } catch (e) {
        throw new Error(`${path}: ${(e as Error).message}`);
      }
      n++;
    }
    expect(n).toBeGreaterThan(30);
  });

  test('on generated benchmark specs', () => {
    const spec = CORPORA.main;
    const plans = planCorpus(spec, createRng(spec.seed));
    for (const plan of plans.slice(0, 40)) same(renderSpec(plan, plans, spec.seed));
  });

  const piece = fc.oneof(
    fc.constantFrom(
      '# Title', '## Sub ##', 'Setext', '===', '---', '***', '> quote', '> > deep', '>', '- item', '* item', '1. item', '2) item',
      '  - nested', '    code', '\tcode', '```', '```json', '```js meta', '~~~', '| a | b |', '|---|:--|', '| x | `y\\|z` |', '| only |',
      '<!-- c -->', '<!--', '-->', '<div>', '</div>', '<b>inline</b>', '**Version**: 1.0', '**Bold', '__u__', '*em*', '_e_',
      '[link](../x.md)', '[link](<a b> "t")', '[ref][r]', '[r][]', '[r]', '[r]: ./a.md', '[r]: <b> \'t\'', '![img](a.png)',
      '![alt [l](x)](i.png)', '[![i](a.png)](b.md)', '<http://x.y>', '<a@b.c>', '&amp;', '&#123;', '&#x1F600;', '&nope;', '\\*',
      '\\', 'a  ', 'b\\', '`code`', '``a`b``', '`open', '[', ']', '(', ')', '!', '<', '---\nk: v\n---', '', ' ', '\t', '😀', 'text',
    ),
    fc.string({ maxLength: 12 }),
  );
  const line = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
  const lineStart = fc.constantFrom('', '', '', '  ', '    ', '> ', '- ', '1. ', '   ');
  // Top-level headings are frequent: the engine may parse between them separately (tree.ts).
  const docLine = fc.oneof({ weight: 4, arbitrary: fc.tuple(lineStart, line).map(([s, l]) => s + l) }, { weight: 1, arbitrary: fc.constantFrom('# H', '## Sub', '###', '#\tTab', '####### seven') });
  const doc = fc.array(docLine, { maxLength: 30 }).map((ls) => ls.join('\n'));

  test('on random documents', () => {
    fc.assert(
      fc.property(doc, (text) => {
        same(text);
      }),
      { numRuns: Number(process.env.TREE_RUNS ?? 1500) },
    );
  });
});

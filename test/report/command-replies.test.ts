/** Reply bodies of the `/spec` commands: pure Markdown, user text escaped, fences that cannot break. */
import { describe, expect, test } from '@jest/globals';
import {
  COMMANDS_DOCS_URL,
  REPLY_MARKER,
  commandReply,
  configErrorSection,
  fencedBlock,
  helpSection,
  link,
  permissionDeniedSection,
  scaffoldCreatedSection,
  scaffoldExistsSection,
  scaffoldPasteSection,
  usageSection,
} from '../../src/report/command-replies.js';

/** Markdown outside code spans and fenced blocks: where mentions and HTML would be live. */
function prose(md: string): string {
  return md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[^`]*?\1/g, '');
}

describe('building blocks', () => {
  test('fencedBlock: the fence is longer than any backtick run inside, at least 3', () => {
    expect(fencedBlock('plain', 'text')).toBe('```text\nplain\n```');
    expect(fencedBlock('a\n```js\nx\n```\n', 'markdown')).toBe('````markdown\na\n```js\nx\n```\n````');
    expect(fencedBlock('`````')).toBe('``````\n`````\n``````');
  });

  test('link: only http(s), destination characters that would end it are encoded', () => {
    expect(link('x', 'https://github.com/o/r/blob/main/a (1).md')).toBe('[x](https://github.com/o/r/blob/main/a%20%281%29.md)');
    expect(link('x', 'javascript:alert(1)')).toBe('x');
    expect(link('x', undefined)).toBe('x');
  });
});

describe('sections', () => {
  test('help: commands, types with their file pattern, the docs link', () => {
    const md = helpSection({ types: [{ name: 'component', folder: 'docs/specs/component', fileName: 'cmp-NNN-slug.md' }, { name: 'flow' }] });
    expect(md).toContain('- `/spec scaffold <type> [<id>-]<slug> [--title "Title"]`');
    expect(md).toContain('- `/spec recheck`');
    expect(md).toContain('- `/spec help`');
    expect(md).toContain('- `component` \u2192 `docs/specs/component/cmp-NNN-slug.md`');
    expect(md).toContain('- `flow`\n');
    expect(md).toContain(`[More in the docs](${COMMANDS_DOCS_URL})`);
    expect(COMMANDS_DOCS_URL).toMatch(/\/docs\/app\.md#commands$/);
  });

  test('help notes a broken configuration', () => {
    expect(helpSection({ types: [], configNote: 'config broken' })).toContain('\u26a0\ufe0f config broken');
  });

  test('usage: problem, did-you-mean in a code span, usage in a fence; user text escaped', () => {
    const md = usageSection({ problem: 'unknown command "@team <img src=x>"', usage: '/spec help', suggestion: '/spec help' });
    expect(md.startsWith('Unknown command')).toBe(true);
    expect(md).toContain('Did you mean `/spec help`?');
    expect(md).toContain('```text\n/spec help\n```');
    expect(prose(md)).not.toMatch(/@team|<img/);
  });

  test('permission denied names the user without pinging them', () => {
    const md = permissionDeniedSection({ login: 'octocat', role: 'read' });
    expect(md).toContain('octocat');
    expect(md).toContain('write, maintain or admin');
    expect(md).toContain('(your role here: read)');
    expect(permissionDeniedSection({ login: 'x', role: 'none' })).not.toContain('your role');
  });

  test('created: link, id, title, branch and what to fill first, escaped', () => {
    const md = scaffoldCreatedSection({
      path: 'docs/specs/component/cmp-002-pay.md',
      url: 'https://github.com/o/r/blob/feat/docs/specs/component/cmp-002-pay.md',
      branch: 'feat/@evil',
      id: 'CMP-002',
      title: 'Pay <script>',
      fillFirst: [{ line: 14, message: 'Section "Purpose" is empty.', severity: 'error' }],
      more: 3,
    });
    expect(md).toContain('Created [`docs/specs/component/cmp-002-pay.md`](https://github.com/o/r/blob/feat/docs/specs/component/cmp-002-pay.md)');
    expect(md).toContain('(`CMP-002`, \u201cPay &lt;script&gt;\u201d) on `feat/@evil`');
    expect(md).toContain('- line 14: Section "Purpose" is empty.');
    expect(md).toContain('\u2026and 3 more findings');
    expect(prose(md)).not.toMatch(/<script>/);
  });

  test('exists: link to the file, nothing changed', () => {
    expect(scaffoldExistsSection({ path: 'docs/a.md', url: 'https://github.com/o/r/blob/b/docs/a.md' })).toBe(
      '[`docs/a.md`](https://github.com/o/r/blob/b/docs/a.md) already exists; nothing was changed. Pick another name, or omit the id to take the next free one.',
    );
  });

  test('paste: content verbatim in a collapsed block, even when it holds </details> and fences', () => {
    const content = '# T\n\n```mermaid\ngraph TD\n```\n\n</details> @team\n';
    const md = scaffoldPasteSection({ path: 'docs/specs/flow/flw-001-x.md', content, reason: 'fork', newFileUrl: 'https://github.com/f/r/new/b?filename=x' });
    expect(md).toContain('[create `docs/specs/flow/flw-001-x.md`](https://github.com/f/r/new/b?filename=x)');
    expect(md).toContain('<details><summary>flw-001-x.md</summary>\n\n````markdown\n' + content + '````\n\n</details>');
    expect(md.match(/<\/details>/g)).toHaveLength(2); // the one inside is in the code block
  });

  test('paste: a template longer than the limit is cut with a note, and the fence still closes', () => {
    const md = scaffoldPasteSection({ path: 'a.md', content: 'x'.repeat(5000), reason: 'no-push', detail: 'HTTP 403', limit: 1500 });
    expect(md.length).toBeLessThanOrEqual(1700);
    expect(md).toContain('GitHub refused my push to this branch (HTTP 403). Please');
    expect(md).toMatch(/```\n\n<\/details>\n_The template is too long/);
  });

  test('config error quotes the message as code', () => {
    expect(configErrorSection('.github/spec-review.yml@main:2: bad @x')).toContain('`.github/spec-review.yml@main:2: bad @x`');
  });
});

describe('the reply', () => {
  test('marker first, one section per command in order, headed by the escaped command', () => {
    const md = commandReply([
      { command: '/spec help', status: 'ok', text: 'A' },
      { command: '/spec scaffold x `y`', status: 'refused', text: 'B' },
      { status: 'error', text: 'C' },
    ]);
    expect(md).toBe(`${REPLY_MARKER}\n\u2705 \`/spec help\`\n\nA\n\n---\n\n\u26a0\ufe0f \`\` /spec scaffold x \`y\` \`\`\n\nB\n\n---\n\nC\n`);
  });

  test('stays under the limit', () => {
    const md = commandReply([{ status: 'ok', text: 'x'.repeat(5000) }], 1000);
    expect(md.length).toBeLessThanOrEqual(1000);
    expect(md).toMatch(/reply cut to fit/);
  });
});

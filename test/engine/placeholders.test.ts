/**
 * placeholdersInLine as valid/invalid tables: what an unfilled template placeholder is, and the bracket
 * and brace syntax of ordinary Markdown, code and prose that must never be taken for one.
 */
import { placeholdersInLine, templateTokens } from '../../src/engine/placeholders.js';

const NO_TOKENS: ReadonlySet<string> = new Set();
const tokens = (line: string, opts: { inCode?: boolean; known?: ReadonlySet<string> } = {}) =>
  placeholdersInLine(line, 7, opts.known ?? NO_TOKENS, opts.inCode ?? false).map((p) => p.token);

describe('flags unfilled placeholders', () => {
  const invalid: [string, string, string[]][] = [
    ['system name', '# [SYSTEM NAME]', ['[SYSTEM NAME]']],
    ['upper-case with digits and underscore', 'Reads [DATA_SOURCE_1] hourly.', ['[DATA_SOURCE_1]']],
    ['numbered item', 'Talks to [Component 1] and [Service Name 2].', ['[Component 1]', '[Service Name 2]']],
    ['date pattern', '**Last Updated**: YYYY-MM-DD', ['YYYY-MM-DD']],
    ['date token', 'Released on [DATE].', ['[DATE]']],
    ['TODO', 'TODO: describe retries', ['TODO']],
    ['TBD', 'Capacity is TBD.', ['TBD']],
    ['FIXME', 'FIXME before release', ['FIXME']],
    ['elided object', 'Body: {...}', ['{...}']],
    ['elided object, ellipsis character', 'Body: {…}', ['{…}']],
    ['scaffold variable', 'Title: {{title}} ({{ id }})', ['{{title}}', '{{ id }}']],
    ['instruction', '[Describe the purpose of the component]', ['[Describe the purpose of the component]']],
    ['instruction, example', 'Runs on [example: Kubernetes]', ['[example: Kubernetes]']],
    ['several on one line', '[ACTOR] sends [REQUEST] to [SERVICE]', ['[ACTOR]', '[REQUEST]', '[SERVICE]']],
    ['inside a code block, a bracket followed by a paren is not a link', '[NAME](x)', ['[NAME]']],
  ];
  test.each(invalid)('%s: %j', (_name, line, expected) => {
    const inCode = _name.startsWith('inside a code block');
    expect(tokens(line, { inCode })).toEqual(expected);
  });

  test('a token the type\'s template uses is flagged even when it looks like prose', () => {
    const known = templateTokens('- [Concrete duty]\n- [Tests passing]\n');
    expect(tokens('- [Concrete duty]', { known })).toEqual(['[Concrete duty]']);
    expect(tokens('- [Tests passing]', { known })).toEqual(['[Tests passing]']);
  });

  test('reports line and 1-based column of each placeholder', () => {
    expect(placeholdersInLine('ab [SYSTEM NAME] TODO', 12, NO_TOKENS, false)).toEqual([
      { token: '[SYSTEM NAME]', line: 12, column: 4 },
      { token: 'TODO', line: 12, column: 18 },
    ]);
  });
});

describe('does not flag ordinary Markdown, code and prose', () => {
  const valid: [string, string][] = [
    ['inline link', 'See [the DESIGN](../design/x.md).'],
    ['full reference link', 'See [the DESIGN][DESIGN].'],
    ['collapsed reference link', 'See [DESIGN][].'],
    ['image', '![ARCHITECTURE](img/arch.png)'],
    ['link reference definition', '[DESIGN]: https://example.com/design'],
    ['indented link reference definition', '   [API DOCS]: ../api.md "API"'],
    ['footnote', 'As measured[^1] and noted[^NOTE].'],
    ['footnote definition', '[^1]: Measured in March.'],
    ['open task', '- [ ] write the migration'],
    ['done task', '- [x] choose the database'],
    ['done task, upper-case', '* [X] choose the database'],
    ['spec reference', 'Depends on [CMP-001], [FLOW-012] and [DEPLOY-003].'],
    ['indexing', 'Read config[KEY] and rows[0] and f()[INDEX].'],
    ['JSON array', 'Tags are ["a","b"] and [1, 2, 3].'],
    ['JSON array in code', '"tags": ["a", "b"]'],
    ['mixed-case prose in brackets, unknown to the template', '- [Concrete duty]'],
    ['lower-case prose in brackets', 'The service (and [optionally] the worker) restarts.'],
    ['todo as part of a word', 'The TODOS table and the todo app are features.'],
    ['date, filled', '**Last Updated**: 2024-03-01'],
    ['template braces of other tools', 'Use ${VAR} and {name} in the path.'],
    ['empty line', ''],
  ];
  test.each(valid)('%s: %j', (_name, line) => {
    expect(tokens(line, { inCode: _name.endsWith('in code') })).toEqual([]);
  });
});

// Known engine bug (reported); becomes a row of the table above once fixed.
test('flags "[e.g. Kubernetes]"', () => {
  expect(placeholdersInLine('Runs on [e.g. Kubernetes].', 1, new Set(), false).map((p) => p.token)).toEqual(['[e.g. Kubernetes]']);
});

describe('templateTokens', () => {
  test('collects the bracketed tokens of a template, not references, footnotes or task boxes', () => {
    const t = templateTokens('# {{title}}\n**Type**: [Microservice | Library]\n- [ ] [Tests passing]\nSee [CMP-001][^1].\n');
    expect([...t].sort()).toEqual(['Microservice | Library', 'Tests passing']);
  });
});

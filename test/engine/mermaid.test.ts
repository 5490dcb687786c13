import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { checkMermaid, MAX_NESTING, MAX_TEXT_SIZE } from '../../src/engine/mermaid.js';

const fixtures = new URL('../fixtures/mermaid/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, fixtures), 'utf8');

const FULL_FLOWCHART = `flowchart LR
  %% every node shape and link kind
  subgraph one [One]
    direction TB
    a1((circle)) -.-> a2[(database)]
    a3>flag] ==> a4{{hexagon}}
    a5[/parallelogram/] --- a6[\\alt\\]
    a7(((double))) -- text --> a8([stadium])
    a9[[subroutine]] -->|label| a10{decision}
    a1 --x a11 & a12 --o a13
  end
  subgraph two
    b1 <--> b2
  end
  one --> two
  classDef green fill:#9f6,stroke:#333,stroke-width:2px;
  class a1,a2 green
  style a3 fill:#f9f
  linkStyle 0 stroke:#ff3
  click a1 "https://example.org" "tooltip"
  click a2 callback
`;

const FULL_SEQUENCE = `sequenceDiagram
  autonumber
  participant A as Alice
  actor B as Bob
  A->>B: solid arrow
  B-->>A: dotted arrow
  A->B: open
  A-->B: dotted open
  A-xB: cross
  A--xB: dotted cross
  A-)B: async
  A--)B: dotted async
  Note left of A: note
  Note right of A: note
  Note over A,B: note
  loop every minute
    A->>B: q
  end
  alt x
    A->>B: q
  else y
    A->>B: q
  end
  opt o
    A->>B: q
  end
  par p
    A->>B: q
  and q
    A->>B: q
  end
  critical c
    A->>B: q
  option o
    A->>B: q
  end
  break b
    A->>B: q
  end
  rect rgb(0, 0, 0)
    A->>B: q
  end
  activate A
  deactivate A
  A->>+B: x
  B-->>-A: y
`;

const OTHER_VALID: Record<string, string> = {
  classDiagram: 'classDiagram\n  class Animal {\n    +int age\n    +eat()\n  }\n  Animal <|-- Duck',
  stateDiagram: 'stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy: start\n  state Busy {\n    a --> b\n  }\n  Busy --> [*]',
  erDiagram: 'erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER ||--|{ LINE_ITEM : contains',
  gantt: 'gantt\n  title Plan\n  dateFormat YYYY-MM-DD\n  section Build\n  Design :a1, 2024-01-01, 10d\n  Code   :after a1, 20d',
  pie: 'pie title Pets\n  "Dogs": 386\n  "Cats": 85',
  journey: 'journey\n  title My day\n  section Work\n    Make tea: 5: Me',
  gitGraph: 'gitGraph\n  commit\n  branch dev\n  checkout dev\n  commit\n  checkout main\n  merge dev',
  mindmap: 'mindmap\n  root((Spec))\n    Sections\n    Metadata',
  timeline: 'timeline\n  title History\n  2002 : LinkedIn\n  2004 : Facebook',
  zenuml: 'zenuml\n  Alice.hello()',
};

describe('checkMermaid: valid diagrams', () => {
  it.each(readdirSync(fixtures).filter((f) => f.startsWith('valid-')))('accepts the seed diagram %s', async (name) => {
    expect(await checkMermaid(fixture(name))).toEqual([]);
  });

  it('accepts every flowchart shape, link kind and statement', async () => {
    expect(await checkMermaid(FULL_FLOWCHART)).toEqual([]);
  });

  it('accepts every sequence-diagram arrow and block', async () => {
    expect(await checkMermaid(FULL_SEQUENCE)).toEqual([]);
  });

  it.each(Object.entries(OTHER_VALID))('accepts a valid %s', async (_, source) => {
    expect(await checkMermaid(source)).toEqual([]);
  });

  it('accepts front matter, directives, comments, blank lines and CRLF', async () => {
    const source = '---\ntitle: Flow\n---\n%%{init: {"theme": "dark"}}%%\n\n%% comment\r\ngraph TD\r\n\r\n  A --> B\r\n';
    expect(await checkMermaid(source)).toEqual([]);
  });
});

interface Invalid {
  name: string;
  source: string;
  line: number;
  column?: number;
  message: RegExp;
}

const INVALID: Invalid[] = [
  {
    name: 'bare [ID] node (seed 002)',
    source: fixture('invalid-bare-ids-data-sources.mmd'),
    line: 3,
    column: 9,
    message: /^Mermaid flowchart: unexpected '\[' on line 3 \(a node id cannot start with '\['; .*DATA_SOURCE_1\[DATA_SOURCE_1\]\)$/,
  },
  {
    name: 'bare [ID] node in the cache seed (seed 002)',
    source: fixture('invalid-bare-ids-cache-layers.mmd'),
    line: 3,
    column: 9,
    message: /node id cannot start with '\['.*L1_CACHE_1\[L1_CACHE_1\]/,
  },
  {
    name: 'subgraph without end',
    source: 'graph TB\n  subgraph Inner\n    A --> B\n  C --> D\n',
    line: 2,
    message: /^Mermaid flowchart: 'subgraph' on line 2 is never closed \(add 'end'/,
  },
  {
    name: 'end without subgraph',
    source: 'graph TB\n  A --> B\n  end\n',
    line: 3,
    message: /'end' on line 3 has no matching 'subgraph'/,
  },
  {
    name: 'bad arrow ->',
    source: 'graph TD\n  A --> B\n  B -> C\n',
    line: 3,
    column: 5,
    message: /^Mermaid flowchart: unexpected '-' on line 3; links are written -->/,
  },
  {
    name: 'unclosed bracket',
    source: 'graph TD\n  A[Start --> B\n  B --> C\n',
    line: 2,
    column: 4,
    message: /'\[' on line 2 is never closed \(expected '\]'\)/,
  },
  {
    name: 'unclosed quote',
    source: 'graph TD\n  A["Start] --> B\n',
    line: 2,
    message: /'"' on line 2 is never closed/,
  },
  {
    name: 'loop without end',
    source: 'sequenceDiagram\n  participant A\n  loop every minute\n    A->>B: hi\n',
    line: 3,
    message: /^Mermaid sequence diagram: 'loop' on line 3 is never closed/,
  },
  {
    name: 'sequence message without colon',
    source: 'sequenceDiagram\n  A->>B: ok\n  A->>B hello\n',
    line: 3,
    message: /a message is written 'A->>B: text'/,
  },
  {
    name: 'sequence bad arrow',
    source: 'sequenceDiagram\n  A->>B: ok\n  A=>B: bad\n',
    line: 3,
    message: /^Mermaid sequence diagram: unexpected '>' on line 3/,
  },
  {
    name: 'unknown diagram type after a comment',
    source: '%% a comment\n\nxyz TD\n  A --> B\n',
    line: 3,
    column: 1,
    message: /^Unknown diagram type 'xyz'/,
  },
  {
    name: 'empty diagram',
    source: '\n  \n',
    line: 1,
    message: /the diagram is empty/,
  },
  {
    name: 'line numbers survive comments, blank lines and front matter',
    source: '---\ntitle: T\n---\ngraph TD\n%% one\n\n\n  A --> B\n  [orphan]\n',
    line: 9,
    column: 3,
    message: /unexpected '\[' on line 9/,
  },
  {
    name: 'line numbers survive a multi-line directive',
    source: '%%{init: {\n  "theme": "dark"\n}}%%\ngraph TD\n  A --> B\n  [x]\n',
    line: 6,
    message: /on line 6/,
  },
  {
    name: 'columns survive long runs of spaces',
    source: `graph TD\n  A${' '.repeat(300)}--> B !!\n`,
    line: 2,
    column: 310,
    message: /unexpected '!!' on line 2/,
  },
  {
    name: 'invalid YAML front matter',
    source: '---\ntitle: [\n---\ngraph TD\n  A --> B\n',
    line: 2,
    message: /^Mermaid front matter: /,
  },
  {
    name: 'pie slice without colon (langium parser)',
    source: 'pie title Pets\n  "Dogs": 386\n  "Cats" 85\n',
    line: 3,
    column: 10,
    message: /^Mermaid pie: Expecting token of type ':' but found `85`/,
  },
  {
    name: 'class body not closed',
    source: 'classDiagram\n  class A {\n    +int x\n',
    line: 2,
    message: /'\{' on line 2 is never closed \(add '\}'/,
  },
  {
    name: 'semantic error from the diagram itself',
    source: 'sequenceDiagram\n  A->>B: hi\n  deactivate A\n',
    line: 1,
    message: /^Mermaid sequence diagram: Trying to inactivate an inactive participant \(A\)$/,
  },
];

describe('checkMermaid: invalid diagrams', () => {
  it.each(INVALID.map((c) => [c.name, c] as const))('reports %s at the right line', async (_, c) => {
    const problems = await checkMermaid(c.source);
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(c.line);
    if (c.column !== undefined) expect(problems[0].column).toBe(c.column);
    expect(problems[0].message).toMatch(c.message);
  });

  it('checks concurrent calls independently', async () => {
    const [good, bad, seq] = await Promise.all([
      checkMermaid(fixture('valid-flow-decision.mmd')),
      checkMermaid('graph TD\n  A --> B\n  [x]\n'),
      checkMermaid(fixture('valid-sequence.mmd')),
    ]);
    expect(good).toEqual([]);
    expect(bad.map((p) => p.line)).toEqual([3]);
    expect(seq).toEqual([]);
  });
});

describe('checkMermaid: pathological input', () => {
  it('returns for 10,000 opening brackets', async () => {
    const problems = await checkMermaid(`graph TD\n${'['.repeat(10_000)}`);
    expect(Array.isArray(problems)).toBe(true);
  });

  it('returns for 10,000 brackets after a node id', async () => {
    const problems = await checkMermaid(`graph TD\n  A${'['.repeat(5_000)}${']'.repeat(5_000)}`);
    expect(Array.isArray(problems)).toBe(true);
  });

  it('reports a 50,000-line diagram as over mermaid’s size limit', async () => {
    const source = `graph TD\n${Array.from({ length: 50_000 }, (_, i) => `  N${i} --> N${i + 1}`).join('\n')}`;
    const problems = await checkMermaid(source);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(`more than ${MAX_TEXT_SIZE.toLocaleString('en-US')}`);
  });

  it('returns for just under the size limit in blank lines, spaces and comments', async () => {
    expect(await checkMermaid(`graph TD\n${'\n'.repeat(49_000)}A --> B`)).toEqual([]);
    expect(await checkMermaid(`graph TD\n${'%% c\n'.repeat(9_000)}A --> B`)).toEqual([]);
    const spaces = await checkMermaid(`graph TD\n  A${' '.repeat(1_500)}!`);
    expect(spaces[0].line).toBe(2);
  });

  it('reports nesting deeper than the limit without parsing', async () => {
    const depth = MAX_NESTING + 50;
    const source = `sequenceDiagram\n${'loop x\n'.repeat(depth)}A->>B: x\n${'end\n'.repeat(depth)}`;
    const problems = await checkMermaid(source);
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(MAX_NESTING + 2);
    expect(problems[0].message).toMatch(/nested more than/);
  });

  it('returns for thousands of unterminated tags', async () => {
    expect(await checkMermaid(`graph TD\nA[${'<a'.repeat(20_000)}]`)).toEqual([]);
  });

  it('never throws on non-string input', async () => {
    expect(await checkMermaid(undefined as unknown as string)).toHaveLength(1);
  });
});

describe('checkMermaid: repeated diagrams', () => {
  it('returns the same problems for the same text, as independent copies', async () => {
    const source = 'graph TD\n  A --> B\n  [again]\n';
    const first = await checkMermaid(source);
    first[0].line = 99;
    const second = await checkMermaid(source);
    expect(second).toHaveLength(1);
    expect(second[0].line).toBe(3);
  });
});

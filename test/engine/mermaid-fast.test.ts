/**
 * The fast path may only say "valid" where mermaid's own parser agrees. Differential property test:
 * random flowcharts and sequence diagrams, built from valid pieces and near misses (keywords as ids,
 * arrow heads next to ids, punctuation in labels, unbalanced blocks), checked against mermaid.
 */
import fc from 'fast-check';
import { checkWithMermaid } from '../../src/engine/mermaid.js';
import { certainlyValid } from '../../src/engine/mermaid-fast.js';

/** Mostly plain pieces, sometimes a near miss: each diagram then has a fair chance of being all plain. */
const mix = (plain: string[], tricky: string[]) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...plain) }, { weight: 1, arbitrary: fc.constantFrom(...tricky) });
const ids = mix(
  ['A', 'B', 'Start', 'Api', 'Db', 'User', 'Export_Worker', 'End', 'node1', 'Alt', 'Ops', 'Queue'],
  ['end', 'endpoint', 'END', 'Style', 'Class', 'Graph', 'Subgraph', 'style', 'classify', 'Links', 'links', 'Link', 'PartnerAPI', 'Note', 'note', 'Par', 'loop', 'Loop', 'As', 'as', 'AS', 'Opt', 'click', 'default', 'Box', 'box', 'Title', 'Rect', 'critical', 'oB', 'xB', 'Box', 'Go', 'graph', 'subgraph', 'Notify', 'NotificationService', 'loopback', 'Participant', 'As', 'x', 'X', 'o', 'Xray', 'XE', 'xe', 'left', 'Left', 'RIGHT', 'right', 'Over', 'over', 'of', 'Of', 'activate', 'Actor', 'create', 'option', 'Details', 'title'],
);
const labels = mix(
  ['Start', 'Process A', 'Is it valid?', 'Step: one', 'a/b', "it's", '50%', 'x+y=z', 'Done.', '"quoted (ok)"'],
  ['end', 'Start (x)', 'a;b', 'a|b', 'x--y', '<b>', '#35;', 'a & b', '', ' ', 'café'],
);
const shapes = mix(['[%]', '(%)', '{%}', '([%])', '[[%]]', '((%))', '[(%)]', '{{%}}', ''], ['>%]', '[/%/]']);
const edges = mix(
  ['-->', '---', '-.->', '-.-', '==>', '===', ' --> ', ' --- ', '-->|yes|', '-->|it is|', ' -->|a b| ', '-->|"quoted"|', ' -->|"a / b (c)"| ', '==>|"[1. Action]"|', '-.->|"x: y, z"|'],
  ['--o', '--x', '<-->', '-- text -->', '->', '-->|a;b|', '-->|"a|b"|', '-->|"end"|', '-->|"#35;"|', '-->|"<b>x</b>"|', '-->|""|', '-->|"a"b"|', '-->|"`md`"|', '-->|"x" |', '-->| "x"|'],
);

const node = fc.tuple(ids, shapes, labels).map(([id, shape, label]) => (shape ? id + shape.replace('%', label) : id));
const chain = fc.tuple(node, fc.array(fc.tuple(edges, node), { maxLength: 3 })).map(([first, rest]) => first + rest.map(([e, n]) => e + n).join(''));
const flowLine = fc.oneof(
  { weight: 10, arbitrary: chain },
  { weight: 1, arbitrary: fc.tuple(ids, fc.constantFrom('', ' [Title]', '[Title]', ' [a (b)]')).map(([id, t]) => `subgraph ${id}${t}`) },
  { weight: 1, arbitrary: fc.constant('subgraph "Quoted title"') },
  { weight: 1, arbitrary: fc.constant('end') },
  { weight: 1, arbitrary: mix(['%% a comment', ''], ['direction LR', 'direction XY', 'classDef x fill:#f9f', 'A;B']) },
  { weight: 2, arbitrary: styling() },
);

/** `classDef`, `class` and `style` lines, plain and near misses (keywords as names, spaces, quotes and parentheses in values). */
function styling() {
  const names = mix(['store', 'ext', 'gate', 'a1', 'Warn_2'], ['end', 'default', 'style', 'class', 'x', 'o', '1a', 'a-b']);
  const styles = mix(
    ['fill:#eef', 'fill:#eef,stroke:#557', 'stroke-width:4px', 'fill:#f9f,stroke:#333,stroke-width:0.5px', 'color:red', 'opacity:50%'],
    ['fill: #eef', 'fill:#eef, stroke:#557', 'fill:rgb(1,2,3)', 'font-family:"Arial"', 'fill', 'fill:', ':#eef', 'fill:#eef;', 'stroke-dasharray: 5 5'],
  );
  const list = fc.array(names, { minLength: 1, maxLength: 3 }).map((n) => n.join(','));
  return fc.oneof(
    fc.tuple(list, styles).map(([n, st]) => `classDef ${n} ${st}`),
    fc.tuple(fc.array(ids, { minLength: 1, maxLength: 3 }).map((n) => n.join(',')), names).map(([n, c]) => `class ${n} ${c}`),
    fc.tuple(ids, styles).map(([id, st]) => `style ${id} ${st}`),
    fc.constantFrom('class A, B store', 'classDef  store fill:#eef', 'class A', 'style A', 'classDef store', 'class A store extra'),
  );
}
const flowchart = fc
  .tuple(fc.constantFrom('graph TD', 'graph LR', 'flowchart TB', 'flowchart', 'graph XY'), fc.array(flowLine, { minLength: 1, maxLength: 6 }))
  .map(([h, lines]) => [h, ...lines.map((l) => `    ${l}`)].join('\n'));

const arrows = mix(['->>', '-->>', '->', '-->', '-x', '--x', '-)', '--)', ' ->> '], ['->>+', '-->>-', '<<->>', '=>']);
const texts = mix(
  ['hello', 'Request data', 'a: b', 'done (ok)', 'retry * 3', 'end', '', 'GET /v1/{pc}/zone', 'a [b] <c> "d" & @ $ ~ ^ | `e`', 'x -> y', 'x->>y: z', 'wrap:long text', '50% done'],
  ['GET /exports/{id}', 'x;y', '#59;', '<br/>', '%%x', 'a %% b', '%', 'a#b', ':x', 'nowrap:', 'x\\y', '+x', '-'],
);
const seqLine = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(ids, arrows, ids, fc.constantFrom(' ', '', '  '), texts).map(([a, arrow, b, sp, t]) => `${a}${arrow}${b}:${sp}${t}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('participant', 'actor'), ids, fc.constantFrom('', ' as Component A', ' as The (main) API', ' as')).map(([k, id, as]) => `${k} ${id}${as}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('left of', 'right of', 'over', 'above'), ids, texts).map(([w, id, t]) => `Note ${w} ${id}: ${t}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('loop', 'alt', 'else', 'opt', 'par', 'and', 'critical', 'break', 'end', 'rect'), fc.constantFrom('', ' every minute', ' ok?')).map(([k, t]) => k + t) },
  { weight: 1, arbitrary: fc.constantFrom('autonumber', 'activate A', '%% note', 'title X', '') },
);
const sequence = fc.array(seqLine, { minLength: 1, maxLength: 6 }).map((lines) => ['sequenceDiagram', ...lines.map((l) => `    ${l}`)].join('\n'));

let claimed = 0;
async function agree(diagram: string): Promise<boolean> {
  if (!certainlyValid(diagram)) return true; // not claimed: nothing to check
  claimed++;
  const problems = await checkWithMermaid(diagram);
  if (problems.length) throw new Error(`fast path accepted a diagram mermaid rejects:\n${diagram}\n→ ${problems[0].message}`);
  return true;
}

describe('the fast path never accepts what mermaid rejects', () => {
  // Each run must claim a fair share of its diagrams, or the property would hold vacuously.
  test('flowcharts', async () => {
    claimed = 0;
    await fc.assert(fc.asyncProperty(flowchart, agree), { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261126) });
    expect(claimed).toBeGreaterThan(100);
  }, 120_000);

  test('sequence diagrams', async () => {
    claimed = 0;
    await fc.assert(fc.asyncProperty(sequence, agree), { numRuns: 1500, seed: Number(process.env.FC_SEED ?? 20261126) });
    expect(claimed).toBeGreaterThan(100);
  }, 120_000);
});

describe('it takes the plain diagrams specs are made of', () => {
  test.each([
    'graph TD\n    A[Start] --> B{Decision Point}\n    B -->|Path 1| C[Process A]\n    B -->|Path 2| D[Process B]\n    C --> E[Common End]\n    D --> E',
    'graph LR\n    A[Prerequisite Flow] --> B[This Flow]\n    B --> C[Dependent Flow 1]\n    E[Parallel Flow] -.-> B',
    'flowchart TB\n    subgraph ingest [Ingestion]\n        S1[Source] --> C[Collector]\n    end\n    C --> V[(Store)]',
    'sequenceDiagram\n    participant A as Component A\n    participant B as Component B\n    A->>B: Request data\n    B-->>A: Processed response',
    'sequenceDiagram\n    autonumber\n    User->>Api: POST /exports\n    alt valid\n        Api-->>User: 201 Created\n    else invalid\n        Api-->>User: 400 Bad Request\n    end',
    'flowchart TD\n    A["Shipment booked"] --> B{"Carrier?"}\n    B -->|"dpd / evri / postnl"| C["Allocate carrier number"]\n    B -->|own fleet| D["Use our number"]',
    'sequenceDiagram\n    participant AS as address-service\n    participant XE as Xero\n    AS->>XE: GET /v1/postcodes/{pc}/zone (cache miss only)\n    XE-->>AS: zone [ok] <b>\n    Note right of AS: 50% of calls',
    'graph LR\n    subgraph in["Inputs"]\n        A[Upload] --> B[(Rate cards)]\n    end\n    classDef gate fill:#ffd,stroke:#aa0\n    classDef ext,store fill:#eef,stroke-width:2px\n    class A gate\n    class B,A ext\n    style B fill:#fee',
  ])('%#', async (diagram) => {
    expect(certainlyValid(diagram)).toBe(true);
    expect(await checkWithMermaid(diagram)).toEqual([]);
  });

  test.each([
    'graph TB\n    [DATA_SOURCE_1] --> [COLLECTOR]',
    'graph TD\n    subgraph x\n    A --> B',
    'sequenceDiagram\n    loop every minute\n    A->>B: x',
    'graph TD\n    A[Start (x)] --> B',
    'pie\n    "a" : 1',
    'sequenceDiagram\n    A->>B:%%x',
    'graph TD\n    A[50%%] --> B',
  ])('defers anything else to mermaid (%#)', (diagram) => {
    expect(certainlyValid(diagram)).toBe(false);
  });
});

/**
 * A fast, conservative "certainly valid" test for the plain flowcharts and sequence diagrams specs are
 * full of. Mermaid's own parser (mermaid.ts) stays the judge: this only answers `true` for diagrams
 * written entirely in a small, unambiguous subset of the syntax, and `false` ("ask mermaid") for
 * anything else — including every error. Mermaid spends most of its time deep-copying its
 * configuration for each labelled node (5–10 ms a diagram); this check takes microseconds.
 * A differential property test (test/engine/mermaid-fast.test.ts) holds it to mermaid's verdicts.
 * Every pattern is anchored and linear.
 */

/** Deeper nesting is left to mermaid.ts, which reports it (see MAX_NESTING there). */
const MAX_DEPTH = 50;

const FLOW_HEADER = /^(?:graph|flowchart)\s+(?:TB|TD|BT|RL|LR)\s*;?$/;
const ID = '[A-Za-z][A-Za-z0-9_]*';
// Label text: letters, digits and punctuation that mean nothing to mermaid's lexers.
const TEXT = "[A-Za-z0-9_ .,:!?'/%+=-]*[A-Za-z0-9_.,!?'%+=]";
const QUOTED = '"[^"\\n]{1,200}"';
const LABEL = `(?:${QUOTED}|${TEXT})`;
const SHAPES = [`\\[${LABEL}\\]`, `\\(${LABEL}\\)`, `\\{${LABEL}\\}`, `\\(\\[${LABEL}\\]\\)`, `\\[\\[${LABEL}\\]\\]`, `\\(\\(${LABEL}\\)\\)`, `\\[\\(${LABEL}\\)\\]`, `\\{\\{${LABEL}\\}\\}`];
const NODE = new RegExp(`^(${ID})(?:${SHAPES.join('|')})?`);
const EDGE = new RegExp(`^\\s*(?:-->|---|-\\.->|-\\.-|==>|===)(?:\\|(?:${TEXT}|${QUOTED})\\|)?\\s*`);
const SUBGRAPH = new RegExp(`^subgraph\\s+(?:(${ID})(?:\\s*\\[${LABEL}\\])?|${QUOTED})$`);
const DIRECTION = /^direction\s+(?:TB|TD|BT|RL|LR)$/;
// Styling: `classDef a,b fill:#f9f,stroke:#333`, `class A,B a`, `style A fill:#f9f` (plain property:value
// pairs only, single spaces: no spaces, parentheses or quotes in the values).
const STYLES = '[a-z-]+:[#A-Za-z0-9.%-]+(?:,[a-z-]+:[#A-Za-z0-9.%-]+)*';
const CLASS_DEF = new RegExp(`^classDef (${ID}(?:,${ID})*) ${STYLES}$`);
const CLASS = new RegExp(`^class (${ID}(?:,${ID})*) (${ID})$`);
const STYLE = new RegExp(`^style (${ID}) ${STYLES}$`);

/** Words mermaid's flowchart lexer takes as keywords (case-sensitive). */
const FLOW_KEYWORDS = ['end', 'subgraph', 'graph', 'flowchart', 'style', 'class', 'click', 'link', 'call', 'href', 'default', 'direction', 'interpolate', 'accdescr', 'acctitle'];

function flowIdOk(id: string, before: string, after: string): boolean {
  // The lexer's keywords are lower-case words: `End`, `END` and `endpoint` are ids, `end` is not
  // (checked against mermaid in test/engine/mermaid-fast.test.ts).
  if (FLOW_KEYWORDS.includes(id)) return false;
  // `A--oB`, `A--xB`, `Ao--oB`: o/x next to an edge are arrow heads.
  if (/^[ox]/i.test(id) && /[-=.]$/.test(before)) return false;
  if (/[ox]$/i.test(id) && /^[-=.]/.test(after)) return false;
  return true;
}

function flowStatement(line: string): number | false {
  let rest = line;
  let edges = 0;
  let before = '';
  for (;;) {
    const n = NODE.exec(rest);
    if (!n) return false;
    const after = rest.slice(n[0].length);
    if (!flowIdOk(n[1], before, after)) return false;
    rest = after;
    if (rest === '') return edges;
    const e = EDGE.exec(rest);
    if (!e) return false;
    edges++;
    before = rest.slice(0, e[0].length).trimEnd();
    rest = rest.slice(e[0].length);
  }
}

function flowchart(lines: string[]): boolean {
  let depth = 0;
  let edges = 0;
  for (const raw of lines) {
    const line = raw.replace(/;$/, '').trim();
    if (line === 'end') {
      if (--depth < 0) return false;
      continue;
    }
    if (line.startsWith('subgraph')) {
      const m = SUBGRAPH.exec(line);
      if (!m || (m[1] && !flowIdOk(m[1], '', ''))) return false;
      if (++depth > MAX_DEPTH) return false;
      continue;
    }
    if (DIRECTION.test(line)) {
      if (depth === 0) return false;
      continue;
    }
    const styling = CLASS_DEF.exec(line) ?? CLASS.exec(line) ?? STYLE.exec(line);
    if (styling) {
      const names = [...styling[1].split(','), ...(styling[2] ? [styling[2]] : [])];
      if (!names.every((id) => flowIdOk(id, '', ''))) return false;
      continue;
    }
    if (line.includes(';')) return false;
    const n = flowStatement(line);
    if (n === false) return false;
    edges += n;
  }
  return depth === 0 && edges <= 400;
}

const SEQ_ID = '[A-Za-z][A-Za-z0-9_]*';
const SEQ_TEXT = "[A-Za-z0-9_ .,:!?'/%+=()*-]*";
// A message's or note's text runs to the end of the line; `#` (an entity such as `#59;`) and `;` (a
// statement break) end it. `%%` is refused for every line in certainlyValid.
const MSG_TEXT = '[^#;\\n]*';
const PARTICIPANT = new RegExp(`^(?:participant|actor)\\s+(${SEQ_ID})(?:\\s+as\\s+${SEQ_TEXT}[A-Za-z0-9_.!?')])?$`);
const MESSAGE = new RegExp(`^(${SEQ_ID})\\s*(?:-->>|->>|-->|->|--x|-x|--\\)|-\\))\\s*(${SEQ_ID})\\s*:${MSG_TEXT}$`);
const NOTE = new RegExp(`^[Nn]ote\\s+(?:left of|right of|over)\\s+(${SEQ_ID})(?:\\s*,\\s*(${SEQ_ID}))?\\s*:${MSG_TEXT}$`);
const BLOCK = new RegExp(`^(loop|alt|else|opt|par|and|critical|break)(?:\\s+${SEQ_TEXT})?$`);

/**
 * Words the sequence lexer reads as keywords where an actor stands, in any case. (`as`, `left`, `right`
 * and ids starting with x, such as `AS` or `Xero`, are read as actors: checked against mermaid in
 * test/engine/mermaid-fast.test.ts.)
 */
const SEQ_KEYWORDS = ['participant', 'actor', 'note', 'loop', 'alt', 'else', 'opt', 'par', 'and', 'end', 'rect', 'critical', 'break', 'box', 'autonumber', 'activate', 'deactivate', 'title', 'link', 'links', 'properties', 'details', 'create', 'destroy', 'over', 'option', 'accdescr', 'acctitle'];

function seqIdOk(id: string | undefined): boolean {
  if (id === undefined) return true;
  // Keywords are matched case-insensitively as whole words: `Links` is a keyword, `PartnerAPI` is not.
  return !SEQ_KEYWORDS.includes(id.toLowerCase());
}

function sequence(lines: string[]): boolean {
  const blocks: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === 'end') {
      if (!blocks.pop()) return false;
      continue;
    }
    if (line === 'autonumber') continue;
    let m = PARTICIPANT.exec(line);
    if (m) {
      if (!seqIdOk(m[1])) return false;
      continue;
    }
    m = MESSAGE.exec(line);
    if (m) {
      if (!seqIdOk(m[1]) || !seqIdOk(m[2])) return false;
      continue;
    }
    m = NOTE.exec(line);
    if (m) {
      if (!seqIdOk(m[1]) || !seqIdOk(m[2])) return false;
      continue;
    }
    m = BLOCK.exec(line);
    if (m) {
      const kw = m[1];
      if (kw === 'else') {
        if (blocks[blocks.length - 1] !== 'alt') return false;
      } else if (kw === 'and') {
        if (blocks[blocks.length - 1] !== 'par') return false;
      } else if (blocks.push(kw) > MAX_DEPTH) return false;
      continue;
    }
    return false;
  }
  return blocks.length === 0;
}

/**
 * True only when the diagram is certainly valid mermaid. False means "not known": ask mermaid.
 */
export function certainlyValid(source: string): boolean {
  if (source.length > 20_000 || source.includes('%%{') || source.includes('\t')) return false;
  const lines: string[] = [];
  for (const line of source.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('%%')) continue;
    // `%%` after other text may start a comment where it stands (`A->>B:%%x` has no message text).
    if (line.length > 500 || t.includes('%%')) return false;
    lines.push(line);
  }
  const header = lines.shift()?.trim();
  if (!header || header.startsWith('---')) return false;
  if (FLOW_HEADER.test(header)) return flowchart(lines);
  if (header === 'sequenceDiagram') return sequence(lines);
  return false;
}

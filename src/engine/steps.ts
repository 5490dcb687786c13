/**
 * The steps of a flow, in every form authors write them, with the labels each step gives
 * (`Actor`, `Action`, `Input`...):
 *
 * - `### Step 3: Validate` / `#### 3. Validate` headings and `**Step 3: Validate**` paragraphs, with
 *   the labels on the lines up to the next step (`- **Actor**: API`, `**Actor:** API`, `Actor: API`);
 * - a table with a Step (or `#`) column: one step per row, a label per non-empty cell, named by its
 *   column (`| Step | Actor | Action | Input | Output |`);
 * - a numbered list whose items give labels (`1. **Actor**: User — **Action**: clicks Export`, or an
 *   item with a nested label list): one step per item.
 *
 * Pure and linear in the lines and nodes of the scope.
 */
import type { List, Nodes, Table } from 'mdast';
import { normalizeLabel, plainText } from './parse.js';
import type { SpecDoc } from './parse.js';

export interface Step {
  name: string;
  line: number;
  /** Normalised labels given for the step (`actor`, `action`...). */
  labels: Set<string>;
}

export interface StepScope {
  from: number;
  to: number;
  nodes: readonly Nodes[];
}

const STEP_TITLE = /^(?:step\s*#?\s*\d+[a-z]?\b|\d+[.)]\s+\S)/i;
/** Bold labels anywhere on a line: `**Actor**:`, `**Actor:**`, `__Actor__:`. */
const BOLD_LABEL = /(?:\*\*|__)([^*_\n]{1,40}?)(?:(?::|：)(?:\*\*|__)|(?:\*\*|__)\s*(?::|：|—|–))/g;
/** A plain label at the start of a line or list item: `Actor: API`. */
const PLAIN_LABEL = /^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?([A-Za-z][A-Za-z /&-]{0,30}?)\s*[:：]\s+\S/;

/** Labels given on one line of text. */
function labelsOfLine(line: string, into: Set<string>): void {
  if (line.includes('**') || line.includes('__')) for (const m of line.matchAll(BOLD_LABEL)) into.add(normalizeLabel(m[1]));
  const p = PLAIN_LABEL.exec(line);
  if (p) into.add(normalizeLabel(p[1]));
}

function stepTable(t: Table): Step[] | undefined {
  const cells = (t.children[0]?.children ?? []).map((c) => plainText(c).trim().toLowerCase());
  if (!cells.some((h) => /^(?:steps?|#|no\.?|nr\.?|n|seq|order|step\s*(?:no\.?|#))$/.test(h))) return undefined;
  const header = cells.map(normalizeLabel);
  return t.children.slice(1).map((row, i) => {
    const labels = new Set<string>();
    row.children.forEach((cell, c) => {
      if (header[c] && plainText(cell).trim()) labels.add(header[c]);
    });
    const first = plainText(row.children[0] ?? row).trim();
    return { name: `Step ${first || i + 1}`, line: row.position?.start.line ?? 0, labels };
  });
}

function listSteps(l: List, doc: SpecDoc): Step[] {
  const steps: Step[] = [];
  for (const [i, item] of l.children.entries()) {
    const from = item.position?.start.line ?? 0;
    const next = l.children[i + 1]?.position?.start.line;
    const to = next ? next - 1 : (l.position?.end.line ?? from);
    const labels = new Set<string>();
    for (let ln = from; ln <= to; ln++) if (!doc.literalLines.has(ln)) labelsOfLine(doc.lines[ln - 1] ?? '', labels);
    const text = plainText(item).trim().split('\n')[0];
    steps.push({ name: `Step ${i + 1}${text ? ` (${text.length > 40 ? `${text.slice(0, 40)}…` : text})` : ''}`, line: from, labels });
  }
  return steps;
}

/** Steps found in a scope (a section, or the whole document). */
export function stepsIn(scope: StepScope, doc: SpecDoc): Step[] {
  // 1. Headings and bold paragraphs that start a step; labels from their lines.
  const starts: { name: string; line: number }[] = [];
  for (const n of scope.nodes) {
    if (n.type === 'heading' || n.type === 'paragraph') {
      const first = n.children[0];
      const t = n.type === 'heading' ? plainText(n).trim() : first && first.type === 'strong' ? plainText(first).trim() : '';
      if (t && STEP_TITLE.test(t)) starts.push({ name: t.replace(/[:.]$/, ''), line: n.position?.start.line ?? 0 });
    }
  }
  const steps: Step[] = [];
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].line - 1 : scope.to;
    const labels = new Set<string>();
    for (let ln = s.line + 1; ln <= end; ln++) {
      if (doc.literalLines.has(ln)) continue;
      const line = doc.lines[ln - 1] ?? '';
      if (/^\s{0,3}#{1,6}\s/.test(line)) break; // a following heading that is not a step ends it
      labelsOfLine(line, labels);
    }
    // A `**Step 1:** **Actor**: User` paragraph may give labels on its own line too.
    labelsOfLine((doc.lines[s.line - 1] ?? '').replace(/^\s*(?:\*\*|__)[^*_]*?(?:\*\*|__)/, ''), labels);
    steps.push({ ...s, labels });
  });
  if (steps.length) return steps;

  // 2. Step tables and 3. numbered lists whose items carry labels, in document order.
  for (const n of scope.nodes) {
    if (n.type === 'table') steps.push(...(stepTable(n) ?? []));
    else if (n.type === 'list' && n.ordered) {
      const l = listSteps(n, doc);
      if (l.filter((s) => s.labels.size >= 2).length >= Math.ceil(l.length / 2)) steps.push(...l);
    }
  }
  return steps;
}

/** Whether a step gives a label: the label itself or an alias, in singular or plural (`Actors` for Actor). */
export function hasLabel(step: Step, names: readonly string[]): boolean {
  for (const name of names) {
    const w = normalizeLabel(name);
    for (const l of step.labels) if (l === w || l === `${w}s` || w === `${l}s` || l.startsWith(`${w} `) || l.endsWith(` ${w}`)) return true;
  }
  return false;
}

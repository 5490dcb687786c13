/**
 * Markdown for what a change does to the rest of the spec set — "Affected specs", a Mermaid graph of
 * the changed specs and their neighbours, score movement (`62 → 85 ▲23`), specs that may need review
 * (stale), and the problems the graph proves — as blocks for the PR summary comment and the check
 * run's summary. Pure: data in (from src/engine/graph), Markdown out; '' when a block has nothing to
 * say. Every block is bounded (the engine's caps plus `maxChars` for the whole section), and all text
 * from users' files is escaped (escape.ts); Mermaid labels are quoted with `"` and `<>`` ` `` made inert.
 *
 * `impactSection(...)` computes and renders everything in one call; the block functions are for
 * callers that want them apart (e.g. score movement in the check run's table).
 */
import {
  affectedSpecs,
  graphFindings,
  neighbourhood,
  scoreMovement,
  staleSpecs,
  type AffectedSpec,
  type ChangeSet,
  type GraphFinding,
  type Neighbourhood,
  type RuleSeverities,
  type ScoredSpec,
  type ScoreMove,
  type SpecGraph,
  type SpecRef,
  type StaleSpec,
} from '../engine/graph/index.js';
import { summarize } from '../engine/engine.js';
import type { FileResult, Finding, ReviewReport } from '../engine/types.js';
import { code, escapeInline, oneLine } from './escape.js';
import { plural } from './format-common.js';

export interface BlockOptions {
  /** Markdown heading level of each block's title (default 3: `###`); 0 leaves the title out. */
  headingLevel?: number;
  /** A link to a spec (and a line in it), e.g. its blob URL at the head commit; without it paths are shown as code. */
  href?(path: string, line?: number): string;
}

const SEVERITY_ICON = { error: '🔴', warning: '🟡', notice: '🔵' } as const;

function heading(text: string, opts: BlockOptions): string {
  const level = opts.headingLevel ?? 3;
  return level > 0 ? `${'#'.repeat(Math.min(6, level))} ${text}\n\n` : '';
}

/** `CMP-002 Rating Service` in bold id + escaped title; the path as code (or a link when `href` is given). */
export function specLabel(s: Pick<SpecRef, 'path' | 'id' | 'title'>, opts: BlockOptions = {}, line?: number): string {
  const name = [s.id ? `**${escapeInline(s.id)}**` : '', s.title ? escapeInline(s.title) : ''].filter(Boolean).join(' ');
  const where = opts.href ? `[${code(s.path)}](${opts.href(s.path, line)})` : code(s.path);
  return name ? `${name} (${where})` : where;
}

/** The `62 → 85 ▲23` of one move: `new · 70`, `33 → removed`, `77 → 77 ±0`, `58 → 40 ▼18`. */
export function formatMove(m: Pick<ScoreMove, 'state' | 'before' | 'after' | 'delta'>): string {
  const score = (n: number | null) => (n === null ? '–' : String(n));
  if (m.state === 'new') return `new · ${score(m.after)}`;
  if (m.state === 'removed') return `${score(m.before)} → removed`;
  const arrow = m.delta === null ? '' : m.delta > 0 ? ` ▲${m.delta}` : m.delta < 0 ? ` ▼${-m.delta}` : ' ±0';
  return `${score(m.before)} → ${score(m.after)}${arrow}`;
}

/** "Affected specs": per changed spec, the specs outside the change that point at it. */
export function affectedSpecsMarkdown(affected: { specs: readonly AffectedSpec[]; omitted: number }, opts: BlockOptions = {}): string {
  if (!affected.specs.length) return '';
  const lines: string[] = [heading('Affected specs', opts) + 'Specs outside this change that point at the specs it changes — check they still hold:', ''];
  for (const a of affected.specs) {
    lines.push(`- ${specLabel(a.spec, opts)} is referenced by ${plural(a.total, 'spec')}:`);
    for (const r of a.referrers) lines.push(`  - ${specLabel(r, opts, r.line)} — line ${r.line}, ${r.via.join(', ')}${r.status ? `, ${escapeInline(r.status)}` : ''}`);
    if (a.total > a.referrers.length) lines.push(`  - … and ${a.total - a.referrers.length} more`);
  }
  if (affected.omitted) lines.push(`- … and ${plural(affected.omitted, 'more changed spec')} with referrers`);
  return `${lines.join('\n')}\n`;
}

/** A Mermaid label: one line, at most 40 characters, nothing that could close the quotes or open markup. */
export function mermaidLabel(text: string): string {
  let t = oneLine(text).trim();
  if (t.length > 40) t = `${t.slice(0, 39).trimEnd()}…`;
  return t.replace(/[#"<>`&]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[[\]{}()|]/g, ' ');
}

/**
 * The changed specs and their neighbours as a Mermaid flowchart (GitHub renders it in comments and
 * check-run summaries): an arrow from the spec that points to the spec it points at, dotted when it
 * only names it (a mention); changed specs highlighted. '' without an edge.
 */
export function impactGraphMarkdown(n: Neighbourhood, opts: BlockOptions = {}): string {
  if (!n.edges.length) return '';
  const ids = new Map(n.nodes.map((node, i) => [node.path, `s${i}`]));
  const lines = ['```mermaid', 'flowchart LR'];
  for (const node of n.nodes) {
    const name = node.id ? `${node.id}${node.title ? ` · ${node.title}` : ''}` : (node.title ?? node.path.slice(node.path.lastIndexOf('/') + 1));
    lines.push(`  ${ids.get(node.path)}["${mermaidLabel(name)}"]${node.changed ? ':::changed' : ''}`);
  }
  for (const e of n.edges) lines.push(`  ${ids.get(e.from)} ${e.via.length === 1 && e.via[0] === 'mention' ? '-.->' : '-->'} ${ids.get(e.to)}`);
  lines.push('  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px', '```');
  const left = [n.omittedNodes ? plural(n.omittedNodes, 'spec') : '', n.omittedEdges ? plural(n.omittedEdges, 'reference') : ''].filter(Boolean);
  const note = `Highlighted: changed in this change. An arrow points from the spec that references to the spec it references; dotted: named in a flow's steps.${left.length ? ` Not drawn: ${left.join(' and ')}.` : ''}`;
  return `${heading('Spec graph around this change', opts)}${lines.join('\n')}\n\n${note}\n`;
}

/** Score movement: a table of each changed spec's score on the base branch and now. */
export function scoreMovementMarkdown(moves: readonly ScoreMove[], opts: BlockOptions & { limit?: number } = {}): string {
  if (!moves.length) return '';
  const limit = opts.limit ?? 50;
  const rows = moves.slice(0, limit).map((m) => {
    const renamed = m.renamedFrom ? ` (renamed from ${code(m.renamedFrom, { inTable: true })})` : '';
    const name = [m.id ? `**${escapeInline(m.id)}**` : '', m.title ? escapeInline(m.title) : ''].filter(Boolean).join(' ');
    return `| ${name ? `${name} ` : ''}${code(m.path, { inTable: true })}${renamed} | ${formatMove(m)} |`;
  });
  const more = moves.length > limit ? `\n… and ${plural(moves.length - limit, 'more spec')}.\n` : '';
  return `${heading('Score movement', opts)}| Spec | Base → now |\n| --- | --- |\n${rows.join('\n')}\n${more}`;
}

/** Specs that may need review: older than the limit and pointing at what the change touches. */
export function staleSpecsMarkdown(stale: { specs: readonly StaleSpec[]; omitted: number }, opts: BlockOptions & { afterDays: number }): string {
  if (!stale.specs.length) return '';
  const lines = [`${heading('May need review', opts)}Not updated for more than ${plural(opts.afterDays, 'day')} and pointing at a spec this change touches:`, ''];
  for (const s of stale.specs) {
    const targets = s.references.map((p) => code(p)).join(', ');
    lines.push(`- ${SEVERITY_ICON.notice} ${specLabel(s, opts)} — last updated ${escapeInline(s.updated)} (${plural(s.ageDays, 'day')} ago), references ${targets}`);
  }
  if (stale.omitted) lines.push(`- … and ${plural(stale.omitted, 'more spec')}`);
  return `${lines.join('\n')}\n`;
}

/** The findings the graph proves, one line each with where it sits. */
export function graphFindingsMarkdown(findings: readonly GraphFinding[], opts: BlockOptions & { limit?: number } = {}): string {
  if (!findings.length) return '';
  const limit = opts.limit ?? 30;
  const lines: string[] = [];
  for (const { path, finding: f } of findings.slice(0, limit)) {
    const where = opts.href ? `[${code(`${path}:${f.line}`)}](${opts.href(path, f.line)})` : code(`${path}:${f.line}`);
    lines.push(`- ${SEVERITY_ICON[f.severity]} ${where} ${escapeInline(f.message)} (${code(f.rule)})`);
  }
  if (findings.length > limit) lines.push(`- … and ${plural(findings.length - limit, 'more problem')}`);
  return `${heading('Problems across specs', opts)}${lines.join('\n')}\n`;
}

export interface ImpactInput {
  /** The spec graph at the head: every spec of the repository with its facts (reviewed), so referrers outside the change are known. */
  graph: SpecGraph;
  change: ChangeSet;
  /** The changed specs reviewed at the head, and the same specs reviewed on the base branch (when fetched): score movement. */
  head?: readonly ScoredSpec[];
  base?: readonly ScoredSpec[];
  /** Today, for staleness (the caller's clock). */
  today: Date;
  /** The config's `stale_after_days` (default 180; 0: no staleness block). */
  staleAfterDays?: number;
  /** The config's `rules:` severities, for the graph's findings. */
  rules?: RuleSeverities;
}

export interface ImpactSection {
  /** The whole section ('' when there is nothing to say). */
  markdown: string;
  /** The graph's findings, for annotations (each names its path) and for the verdict. */
  findings: GraphFinding[];
  moves: ScoreMove[];
}

/** Everything above for one change, in one bounded block (`maxChars`, default 20,000: blocks that do not fit are left out, graph first). */
export function impactSection(input: ImpactInput, opts: BlockOptions & { maxChars?: number } = {}): ImpactSection {
  const level = opts.headingLevel ?? 3;
  const sub = { ...opts, headingLevel: level > 0 ? level + 1 : 0 };
  const findings = graphFindings(input.graph, input.change, input.rules);
  const moves = input.head && input.base ? scoreMovement(input.head, input.base, input.change) : [];
  const staleAfter = input.staleAfterDays ?? 180;
  const blocks = [
    { key: 'moves', text: scoreMovementMarkdown(moves, sub) },
    { key: 'findings', text: graphFindingsMarkdown(findings, sub) },
    { key: 'affected', text: affectedSpecsMarkdown(affectedSpecs(input.graph, input.change, { limit: 5, maxSpecs: 10 }), sub) },
    { key: 'graph', text: impactGraphMarkdown(neighbourhood(input.graph, input.change.changed), sub) },
    { key: 'stale', text: staleSpecsMarkdown(staleSpecs(input.graph, input.change, { today: input.today, afterDays: staleAfter }), { ...sub, afterDays: staleAfter }) },
  ].filter((b) => b.text);
  if (!blocks.length) return { markdown: '', findings, moves };
  const max = opts.maxChars ?? 20_000;
  const title = heading('Impact on other specs', opts);
  const fits = (list: typeof blocks) => title.length + list.reduce((n, b) => n + b.text.length + 1, 0) <= max;
  for (const drop of ['graph', 'stale', 'affected', 'findings', 'moves']) {
    if (fits(blocks)) break;
    const i = blocks.findIndex((b) => b.key === drop);
    if (i >= 0) blocks.splice(i, 1);
  }
  const markdown = blocks.length ? `${title}${blocks.map((b) => b.text).join('\n')}` : '';
  return { markdown, findings, moves };
}

/** How much of the spec set a review could see: what the impact section says about what it does not know. */
export interface ImpactCoverage {
  /** Specs of the repository outside the change. */
  specs: number;
  /** How many of them this review did not examine (what they point at is not known). */
  notExamined: number;
  /** The number of specs a review reads for the graph at most (the reason they were left out). */
  readLimit?: number;
  /** GitHub's listing of the repository was cut (a very large repository): specs past it are unknown. */
  indexTruncated?: boolean;
  /** Changed specs whose base-branch version was not read: they have no score movement. */
  movesOmitted?: number;
  /** The number of base-branch versions a review reads at most. */
  baseReadLimit?: number;
}

/** `> [!NOTE]` lines saying what the impact section could not see; '' when it saw everything. */
export function impactCoverageNote(c: ImpactCoverage): string {
  const lines: string[] = [];
  if (c.notExamined > 0) {
    const why =
      c.readLimit !== undefined
        ? ` A review reads at most ${c.readLimit.toLocaleString('en-US')} specs it has not seen before (the first reviews of a repository); the next reviews read the rest.`
        : '';
    lines.push(
      `${c.notExamined.toLocaleString('en-US')} of the repository's ${c.specs.toLocaleString('en-US')} other spec${c.specs === 1 ? '' : 's'} ${c.notExamined === 1 ? 'was' : 'were'} not examined, so specs that point at this change may be missing above.${why}`,
    );
  }
  if (c.indexTruncated) lines.push('The repository is too large for one listing: specs past it were not examined.');
  if (c.movesOmitted) {
    lines.push(
      `${plural(c.movesOmitted, 'changed spec')} ${c.movesOmitted === 1 ? 'has' : 'have'} no score movement: a review reads at most ${(c.baseReadLimit ?? 0).toLocaleString('en-US')} base-branch versions it has not seen before.`,
    );
  }
  return lines.length ? `> [!NOTE]\n${lines.map((l) => `> ${l}`).join('\n>\n')}\n` : '';
}

/** The impact section as posted: the section, then what it could not see (under the section's heading when the section is empty). */
export function impactWithCoverage(section: string, coverage: ImpactCoverage, opts: Pick<BlockOptions, 'headingLevel'> = {}): string {
  const note = impactCoverageNote(coverage);
  if (!note) return section;
  if (!section) return `${heading('Impact on other specs', opts)}No spec among those examined points at this change.\n\n${note}`;
  return `${section}\n${note}`;
}

/** The impact section of a review that could not compute it: why, and that the rest of the review stands. */
export function impactFailedMarkdown(reason: string, opts: Pick<BlockOptions, 'headingLevel'> = {}): string {
  return (
    `${heading('Impact on other specs', opts)}> [!WARNING]\n> The impact of this change on other specs could not be computed: ${escapeInline(oneLine(reason))}. ` +
    'The findings and scores above are complete; push again or press **Re-run** to try again.\n'
  );
}

/** The graph's findings as a report (one file per spec they sit on, no score), for the verdict and the annotations. */
export function graphFindingsReport(findings: readonly GraphFinding[]): ReviewReport {
  const byPath = new Map<string, Finding[]>();
  for (const { path, finding } of findings) byPath.set(path, [...(byPath.get(path) ?? []), finding]);
  const files: FileResult[] = [...byPath].map(([path, list]) => ({ path, type: null, score: null, findings: list }));
  return { files, summary: summarize(files) };
}

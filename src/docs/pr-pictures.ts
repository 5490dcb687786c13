/**
 * Pictures of a pull request reviewed by Spec Review, for the README (`npm run screenshots`) and for
 * the test that renders them: the real engine reviews a sample pull request, our renderers produce the
 * exact Markdown the app posts (summary comment failing and clean, the check run's output and
 * annotations, a `/spec scaffold` reply), and the Markdown becomes GitHub-flavoured HTML the way GitHub
 * does it (remark-gfm → rehype, raw HTML re-parsed and sanitised with GitHub's own allow-list), framed
 * in a light GitHub-like page with our own CSS. Nothing here is hand-written output: change a renderer
 * and the pictures change with it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { createEngine, type Engine } from '../engine/index.js';
import type { FileResult, InputFile, RepoIndex, ReviewReport } from '../engine/types.js';
import { graphEntry, runImpactJob, scoredSpec } from '../github/impact-job.js';
import { withoutSection } from './impact-example.js';
import { toAnnotations, type Annotation } from '../report/annotations.js';
import { reviewOutput, type ImpactView } from '../report/check-run.js';
import { commandReply, scaffoldCreatedSection } from '../report/command-replies.js';
import { fixFirst, summaryComment } from '../report/comment.js';
import { graphFindingsReport } from '../report/impact.js';
import { loadBuiltinRuleFiles } from '../rules-fs.js';

/** GitHub's alerts (`> [!NOTE]`): a blockquote whose first line names the kind becomes a titled box. */
function githubAlerts() {
  return (tree: HastRoot): void => {
    const visit = (node: HastRoot | Element): void => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === 'blockquote') {
          const p = child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'p');
          const first = p?.children[0];
          const m = first?.type === 'text' ? /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/.exec(first.value) : null;
          if (p && first?.type === 'text' && m) {
            first.value = first.value.slice(m[0].length);
            const kind = m[1].toLowerCase();
            const title: Element = { type: 'element', tagName: 'p', properties: { className: ['markdown-alert-title'] }, children: [{ type: 'text', value: kind[0].toUpperCase() + kind.slice(1) }] };
            child.tagName = 'div';
            child.properties = { className: ['markdown-alert', `markdown-alert-${kind}`] };
            child.children = [title, ...child.children];
          }
        }
        visit(child);
      }
    };
    visit(tree);
  };
}

const markdown = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeSanitize) // hast-util-sanitize's default schema is GitHub's
  .use(githubAlerts)
  .use(rehypeStringify);

/** Markdown as GitHub renders it in a comment or a check run (without GitHub's stylesheet). */
export function markdownToHtml(md: string): string {
  return String(markdown.processSync(md));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A sample pull request: files before review, the repository index, and what a reviewer asks for. */
export interface SamplePullRequest {
  owner: string;
  repo: string;
  number: number;
  title: string;
  author: string;
  branch: string;
  headSha: string;
  /** The changed spec files of the failing push, and of the push that fixed them. */
  failing: InputFile[];
  clean: InputFile[];
  index: RepoIndex;
  /** Every spec of the repository at the head (the graph's specs), and the base branch's versions of the changed ones. */
  repository: InputFile[];
  base: InputFile[];
  /** The spec the pull request adds (new: no base version). */
  added: string[];
  /** The day of the review (staleness). */
  today: string;
  scaffold: { type: string; name: string; date: string };
}

export interface Picture {
  /** File name without extension (docs/images/<name>.png). */
  name: string;
  /** What it shows, for alt text. */
  alt: string;
  html: string;
}

const SAMPLE_DIR = 'docs/images/sample';

/**
 * The sample pull request of the pictures, from the repository at `root`: its own design specs
 * (docs/specs, complete: the clean push) plus docs/images/sample/ (a new spec still being written: the
 * failing push), as one repository.
 */
export function loadSamplePullRequest(root: string, paths: readonly string[]): SamplePullRequest {
  const read = (rel: string): InputFile => ({ path: rel, content: readFileSync(path.join(root, ...rel.split('/')), 'utf8') });
  const sample = paths.filter((p) => p.startsWith(`${SAMPLE_DIR}/`) && p.endsWith('.md'));
  const inSample = (p: string) => p.slice(SAMPLE_DIR.length + 1);
  const ownSpecs = paths.filter((p) => p.startsWith('docs/specs/'));
  const index = { paths: new Set([...ownSpecs, ...sample.map(inSample)]) };
  const failing = sample.map((p) => ({ ...read(p), path: inSample(p) }));
  const flow = read('docs/specs/flow/flw-001-scaffold-command.md');
  const own = ownSpecs.filter((p) => p.endsWith('.md')).map(read);
  return {
    owner: 'acme',
    repo: 'payments',
    number: 42,
    title: 'Add the Payment Service spec',
    author: 'octocat',
    branch: 'payment-service-spec',
    headSha: '4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39',
    failing: [...failing, flow],
    clean: [read('docs/specs/component/cmp-003-cli.md'), flow],
    index,
    repository: [...own, ...failing],
    // The pull request also writes the scaffold flow's examples (its base version has none).
    base: [{ path: flow.path, content: withoutSection(String(flow.content), '## 7. Examples') }],
    added: failing.map((f) => f.path),
    today: '2026-11-30',
    scaffold: { type: 'data-flow', name: 'payment-events', date: '2026-11-30' },
  };
}

/**
 * The impact section the app adds for a push of the sample pull request that changes `files`: the
 * same engine job the app runs (src/github/impact-job.ts) on the sample repository.
 */
export async function sampleImpact(engine: Engine, pr: SamplePullRequest, report: ReviewReport): Promise<ImpactView> {
  const changed = report.files.map((f) => f.path);
  const inChange = new Set(changed);
  const baseFiles = pr.base.filter((b) => inChange.has(b.path));
  const basePaths = [...pr.index.paths].filter((p) => !pr.added.includes(p));
  const unchanged = new Map(pr.repository.filter((f) => inChange.has(f.path) && !pr.added.includes(f.path) && !baseFiles.some((b) => b.path === f.path)).map((f) => [f.path, f]));
  const result = await runImpactJob(engine, (file, index) => engine.review(file, index), {
    change: { changed, added: pr.added.filter((p) => inChange.has(p)) },
    head: { paths: [...pr.index.paths], known: report.files.map(graphEntry), inputs: pr.repository.filter((f) => !inChange.has(f.path) && pr.index.paths.has(f.path)) },
    moved: report.files.map(scoredSpec),
    base: { paths: basePaths, known: [], inputs: [...baseFiles, ...unchanged.values()] },
    today: Date.parse(`${pr.today}T00:00:00Z`),
    staleAfterDays: engine.config.stale_after_days,
    rules: engine.config.rules,
    headingLevel: 3,
  });
  return { markdown: result.section.markdown, findings: result.section.findings };
}

/** The engine with the built-in rules, as the app builds it without a repository config. */
export function defaultEngine(): Engine {
  return createEngine({ ruleFiles: loadBuiltinRuleFiles() });
}

// ---------------------------------------------------------------------------------------------------
// Page pieces

const AVATAR_COLORS: Record<string, string> = { bot: '#0969da', user: '#8250df' };

function avatar(kind: 'bot' | 'user', letter: string): string {
  return (
    `<svg class="avatar" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true"><rect width="40" height="40" rx="${kind === 'bot' ? 6 : 20}" fill="${AVATAR_COLORS[kind]}"/>` +
    `<text x="20" y="26" text-anchor="middle" font-size="18" font-weight="600" fill="#fff">${escapeHtml(letter)}</text></svg>`
  );
}

function commentBox(opts: { author: string; bot?: boolean; when: string; body: string }): string {
  const label = opts.bot ? '<span class="label">bot</span>' : '';
  return (
    `<div class="timeline-item">${avatar(opts.bot ? 'bot' : 'user', opts.author[0].toUpperCase())}` +
    `<div class="comment"><div class="comment-header"><strong>${escapeHtml(opts.author)}</strong>${label} <span class="muted">commented ${escapeHtml(opts.when)}</span></div>` +
    `<div class="comment-body markdown-body">${opts.body}</div></div></div>`
  );
}

function prHeader(pr: SamplePullRequest, tab: 'conversation' | 'checks' | 'files'): string {
  const tabs = [
    ['conversation', 'Conversation'],
    ['commits', 'Commits'],
    ['checks', 'Checks'],
    ['files', 'Files changed'],
  ]
    .map(([id, label]) => `<span class="tab${id === tab ? ' selected' : ''}">${label}</span>`)
    .join('');
  return (
    `<div class="pr-header"><div class="repo muted">${escapeHtml(pr.owner)} / <strong>${escapeHtml(pr.repo)}</strong></div>` +
    `<h1>${escapeHtml(pr.title)} <span class="muted">#${pr.number}</span></h1>` +
    `<div><span class="state">Open</span> <span class="muted"><strong>${escapeHtml(pr.author)}</strong> wants to merge 2 commits into <code class="branch">main</code> from <code class="branch">${escapeHtml(pr.branch)}</code></span></div>` +
    `<nav class="tabs">${tabs}</nav></div>`
  );
}

const LEVEL_LABEL: Record<Annotation['annotation_level'], string> = { failure: 'Check failure', warning: 'Check warning', notice: 'Check notice' };

function annotationBox(a: Annotation, withPath = false): string {
  const where = withPath ? `on line ${a.start_line} in <code>${escapeHtml(a.path)}</code>` : `on line ${a.start_line}`;
  return (
    `<div class="annotation ${a.annotation_level}"><div class="annotation-head"><span class="dot"></span><strong>${LEVEL_LABEL[a.annotation_level]}</strong> ` +
    `<span class="muted">${where} — Spec Review / ${escapeHtml(a.title)}</span></div>` +
    `<div class="annotation-message">${escapeHtml(a.message)}</div></div>`
  );
}

/** A new file's diff, only the lines around annotations, each annotation under its line (as GitHub shows them). */
function diffWithAnnotations(file: InputFile, annotations: readonly Annotation[], context = 1): string {
  const lines = String(file.content).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const byLine = new Map<number, Annotation[]>();
  for (const a of annotations) byLine.set(a.end_line, [...(byLine.get(a.end_line) ?? []), a]);
  const shown = new Set<number>();
  for (const a of annotations) for (let l = a.start_line - context; l <= a.end_line + context; l++) if (l >= 1 && l <= lines.length) shown.add(l);
  let rows = '';
  let last = 0;
  for (let l = 1; l <= lines.length; l++) {
    if (!shown.has(l)) continue;
    if (l > last + 1) rows += `<tr class="hunk"><td class="num">⋯</td><td class="code"></td></tr>`;
    rows += `<tr class="add"><td class="num">${l}</td><td class="code">+${escapeHtml(lines[l - 1]) || ' '}</td></tr>`;
    for (const a of byLine.get(l) ?? []) rows += `<tr><td class="num"></td><td class="annotation-cell">${annotationBox(a)}</td></tr>`;
    last = l;
  }
  return `<div class="file"><div class="file-header"><code>${escapeHtml(file.path)}</code> <span class="added">+${lines.length}</span></div><table class="diff">${rows}</table></div>`;
}

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
#shot { width: 940px; padding: 20px 24px 24px; }
.muted { color: #59636e; }
code, pre, .diff { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
.pr-header h1 { font-size: 26px; font-weight: 400; margin: 4px 0 8px; }
.repo { font-size: 14px; }
.state { display: inline-block; background: #1f883d; color: #fff; border-radius: 2em; padding: 3px 12px; font-weight: 500; margin-right: 4px; }
.branch { background: #ddf4ff; color: #0969da; border-radius: 6px; padding: 1px 6px; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid #d1d9e0; margin: 16px 0 20px; }
.tab { padding: 8px 14px; color: #59636e; }
.tab.selected { color: #1f2328; font-weight: 600; border: 1px solid #d1d9e0; border-bottom-color: #fff; border-radius: 6px 6px 0 0; margin-bottom: -1px; background: #fff; }
.timeline-item { display: flex; gap: 14px; margin-bottom: 18px; align-items: flex-start; }
.avatar { flex: none; }
.comment { flex: 1; border: 1px solid #d1d9e0; border-radius: 6px; min-width: 0; }
.comment-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; border-radius: 6px 6px 0 0; }
.label { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; margin-left: 6px; color: #59636e; }
.comment-body { padding: 16px; }
.markdown-body > :first-child { margin-top: 0; }
.markdown-body > :last-child { margin-bottom: 0; }
.markdown-body h3 { font-size: 18px; margin: 8px 0 14px; }
.markdown-body p, .markdown-body ul, .markdown-body ol, .markdown-body table, .markdown-body details, .markdown-body pre, .markdown-body .markdown-alert { margin: 0 0 14px; }
.markdown-body ul, .markdown-body ol { padding-left: 2em; }
.markdown-body li + li { margin-top: 4px; }
.markdown-body code { background: #eff1f3; border-radius: 6px; padding: 2px 5px; }
.markdown-body pre { background: #f6f8fa; border-radius: 6px; padding: 14px; overflow: hidden; }
.markdown-body pre code { background: none; padding: 0; }
.markdown-body table { border-collapse: collapse; }
.markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 5px 12px; }
.markdown-body th { font-weight: 600; }
.markdown-body tr:nth-child(2n) td { background: #f6f8fa; }
.markdown-body hr { border: 0; height: 3px; background: #d1d9e0; margin: 18px 0; }
.markdown-body a { color: #0969da; text-decoration: none; }
.markdown-body summary { cursor: pointer; }
.markdown-alert { border-left: 4px solid #0969da; padding: 6px 14px; }
.markdown-alert-warning { border-left-color: #9a6700; }
.markdown-alert-title { font-weight: 600; color: #0969da; margin: 0 0 4px; }
.markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.check-run { border: 1px solid #d1d9e0; border-radius: 6px; }
.check-run-head { display: flex; align-items: center; gap: 10px; padding: 14px 16px; border-bottom: 1px solid #d1d9e0; background: #f6f8fa; border-radius: 6px 6px 0 0; }
.check-run-head h2 { font-size: 20px; margin: 0; font-weight: 600; }
.check-run .output { padding: 16px; }
.conclusion { width: 22px; height: 22px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center; color: #fff; font-weight: 700; }
.conclusion.failure { background: #d1242f; }
.conclusion.success { background: #1f883d; }
.file { border: 1px solid #d1d9e0; border-radius: 6px; margin-bottom: 18px; overflow: hidden; }
.file-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; }
.file-header code { font-weight: 600; }
.added { color: #1a7f37; font-weight: 600; margin-left: 8px; }
.diff { border-collapse: collapse; width: 100%; }
.diff td { padding: 0 10px; vertical-align: top; white-space: pre-wrap; word-break: break-word; }
.diff .num { width: 48px; color: #59636e; text-align: right; background: #d1f8d9; user-select: none; }
.diff tr.add .code { background: #e6ffec; }
.diff tr.hunk td { background: #ddf4ff; color: #59636e; padding: 4px 10px; }
.diff tr:not(.add):not(.hunk) .num { background: #fff; }
.annotation-cell { padding: 8px 10px !important; font-family: "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 14px; white-space: normal !important; }
.annotation { border: 1px solid #d1d9e0; border-left: 4px solid #d1242f; border-radius: 6px; padding: 8px 12px; background: #fff; }
.annotation.warning { border-left-color: #9a6700; }
.annotation.notice { border-left-color: #0969da; }
.annotation .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: #d1242f; margin-right: 6px; }
.annotation.warning .dot { background: #9a6700; }
.annotation.notice .dot { background: #0969da; }
.annotation-message { margin-top: 4px; white-space: pre-wrap; }
.markdown-body .annotation-list { list-style: none; padding: 0; margin: 0; }
.markdown-body .annotation-list li + li { margin-top: 8px; }
`;

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<style>${CSS}</style></head><body><div id="shot">${body}</div></body></html>`
  );
}

// ---------------------------------------------------------------------------------------------------
// The pictures

async function review(engine: Engine, files: readonly InputFile[], index: RepoIndex): Promise<ReviewReport> {
  return engine.reviewAll([...files], index);
}

const CHECK_RUN_URL = 'https://github.com/acme/payments/runs/1';

/** Every picture of the sample pull request, rendered from the real engine and renderers. */
export async function prPictures(pr: SamplePullRequest, engine: Engine = defaultEngine()): Promise<Picture[]> {
  const types = engine.types().map((t) => t.name);
  const failing = await review(engine, pr.failing, pr.index);
  const clean = await review(engine, pr.clean, pr.index);
  const failingImpact = await sampleImpact(engine, pr, failing);
  const cleanImpact = await sampleImpact(engine, pr, clean);
  // As the app decides: the graph's findings count with the review's.
  const verdict = (report: ReviewReport, impact: ImpactView) => engine.failed(report) || (impact.findings.length > 0 && engine.failed(graphFindingsReport(impact.findings)));
  const failed = verdict(failing, failingImpact);
  const pictures: Picture[] = [];

  const comment = (report: ReviewReport, isFailed: boolean, impact: ImpactView) =>
    commentBox({ author: 'spec-review', bot: true, when: 'now', body: markdownToHtml(summaryComment(report, { headSha: pr.headSha, failed: isFailed, checkRunUrl: CHECK_RUN_URL, types, impact })) });
  pictures.push({
    name: 'summary-comment-failing',
    alt: 'The Spec Review summary comment on a pull request with problems: scores per spec, what to fix first, and the impact on other specs',
    html: page('Summary comment (failing)', prHeader(pr, 'conversation') + comment(failing, failed, failingImpact)),
  });
  pictures.push({
    name: 'summary-comment-clean',
    alt: 'The Spec Review summary comment once every spec passes',
    html: page('Summary comment (clean)', prHeader(pr, 'conversation') + comment(clean, verdict(clean, cleanImpact), cleanImpact)),
  });

  const output = reviewOutput(failing, { failed, failOn: engine.config.fail_on, minScore: engine.config.min_score, impact: failingImpact });
  const annotations = toAnnotations({ files: [...failing.files, ...graphFindingsReport(failingImpact.findings).files] });
  const list = annotations
    .map((a) => `<li>${annotationBox(a, true)}</li>`)
    .join('');
  pictures.push({
    name: 'check-run',
    alt: 'The Spec Review check run: verdict, scores per spec and the score breakdown',
    html: page(
      'Check run',
      prHeader(pr, 'checks') +
        `<div class="check-run"><div class="check-run-head"><span class="conclusion ${failed ? 'failure' : 'success'}">${failed ? '✕' : '✓'}</span>` +
        `<h2>Spec Review</h2><span class="muted">${escapeHtml(output.title)}</span></div>` +
        `<div class="output markdown-body">${markdownToHtml(output.summary)}<h3>Annotations</h3><ul class="annotation-list">${list}</ul></div></div>`,
    ),
  });

  const diffs = pr.failing
    .map((file) => ({ file, notes: annotations.filter((a) => a.path === file.path) }))
    .filter((d) => d.notes.length > 0)
    .map((d) => diffWithAnnotations(d.file, d.notes))
    .join('');
  pictures.push({
    name: 'annotations',
    alt: 'Spec Review annotations on the lines of the diff',
    html: page('Annotations on the diff', prHeader(pr, 'files') + diffs),
  });

  const spec = engine.scaffold(pr.scaffold.type, pr.scaffold.name, { date: pr.scaffold.date, index: pr.index });
  const result: FileResult = await engine.review({ path: spec.path, content: spec.content }, pr.index);
  const ranked = fixFirst({ files: [result], summary: { files: 1, errors: 0, warnings: 0, notices: 0 } }, 4);
  const command = `/spec scaffold ${pr.scaffold.type} ${pr.scaffold.name}`;
  const reply = commandReply([
    {
      command,
      status: 'ok',
      text: scaffoldCreatedSection({
        path: spec.path,
        url: `https://github.com/${pr.owner}/${pr.repo}/blob/${pr.branch}/${spec.path}`,
        branch: pr.branch,
        id: spec.id,
        title: spec.title,
        fillFirst: ranked.map(({ finding }) => ({ line: finding.line, message: finding.message, severity: finding.severity })),
        more: result.findings.length - ranked.length,
      }),
    },
  ]);
  pictures.push({
    name: 'scaffold-reply',
    alt: 'A /spec scaffold comment and the reply: the new spec committed to the branch, with what to fill first',
    html: page(
      'Scaffold reply',
      prHeader(pr, 'conversation') +
        commentBox({ author: 'reviewer', when: '2 minutes ago', body: markdownToHtml(`Please add a spec for the events.\n\n${command}`) }) +
        commentBox({ author: 'spec-review', bot: true, when: 'now', body: markdownToHtml(reply) }),
    ),
  });
  return pictures;
}

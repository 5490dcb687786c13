/**
 * The `spec-review` CLI: argument handling, file discovery, reading and output. All checking is the
 * engine's; all rendering is src/report's. `run()` is the whole program, in-process and testable;
 * `main()` wires it to the real process (bin/spec-review.js).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ALL_RULES, createEngine, relocateGraph, SpecReviewError, summarize, type Engine, type SpecGraph } from '../engine/index.js';
import { isUserFacingError } from '../engine/errors.js';
import type { FileResult, RepoIndex, ReviewReport } from '../engine/types.js';
import { filterReport } from '../report/format-common.js';
import { formatGithubCommands } from '../report/github-commands.js';
import { formatJson } from '../report/json.js';
import { formatSarif } from '../report/sarif.js';
import {
  DEFAULT_WIDTH,
  formatCompletenessText,
  formatScoreFailures,
  formatTextFile,
  formatTextSummary,
} from '../report/text.js';
import { COMMANDS, parseCommandLine, type ParsedArgs } from './args.js';
import { helpText } from './help.js';
import { UsageError, type CliIO } from './io.js';
import { openRepository, relativePosix, type Repository } from './repo.js';
import { isUnreadable, reviewTargets } from './review.js';
import { specFileRule } from './spec-files.js';
import { buildReportModel, formatReportHtml, formatReportMarkdown, HTML_REPORT_MARKER, MD_REPORT_MARKER } from '../report/spec-report/index.js';
import { loadSetup, type EngineSetup } from './setup.js';
import { isGlob, resolveTargets, type Target } from './targets.js';
import picomatch from 'picomatch';

export type { CliIO } from './io.js';

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Colours: --color/--no-color win; else only on a terminal, without NO_COLOR, not TERM=dumb. */
function useColor(args: ParsedArgs, io: CliIO): boolean {
  if (args.color !== undefined) return args.color;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb';
}

/** Columns the text output fits: the terminal's width, else COLUMNS, else 80. */
function outputWidth(io: CliIO): number {
  if (io.stdout.isTTY && io.stdout.columns) return io.stdout.columns;
  const fromEnv = Number(io.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
}


/** Run the CLI. Resolves to the exit code; never throws. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let args: ParsedArgs | undefined;
  try {
    args = parseCommandLine(argv);
    if (args.version) {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    if (args.help) {
      io.stdout.write(helpText(args.command));
      return 0;
    }
    switch (args.command) {
      case undefined:
        io.stderr.write(helpText());
        return 2;
      case 'validate':
      case 'completeness':
        return await review(args, io);
      case 'report':
        return await report(args, io);
      case 'scaffold':
        return scaffold(args, io);
      case 'types':
        return types(args, io);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      const command = args?.command ?? (COMMANDS as readonly string[]).find((c) => c === argv[0]);
      const hint = command ? `spec-review ${command} --help` : 'spec-review --help';
      io.stderr.write(err.hint ? `spec-review: ${err.message}\nRun "${hint}" for usage.\n` : `spec-review: ${err.message}\n`);
      return 2;
    }
    if (isUserFacingError(err)) {
      io.stderr.write(`spec-review: ${err.format()}\n`);
      return 2;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr.write(`spec-review: internal error: ${e.message}\n`);
    if (io.env.SPEC_REVIEW_DEBUG) io.stderr.write(`${e.stack ?? ''}\n`);
    else io.stderr.write('Set SPEC_REVIEW_DEBUG=1 for details, and please report it.\n');
    return 2;
  }
}

/** Where to look for the repository: the first path named (or its glob base), else the cwd. */
function repositoryStart(args: ParsedArgs, cwd: string): string {
  const first = args.positionals[0];
  if (first === undefined) return cwd;
  const candidate = path.resolve(cwd, isGlob(first) ? picomatch.scan(first).base || '.' : first);
  try {
    return statSync(candidate).isDirectory() ? candidate : path.dirname(candidate);
  } catch {
    return cwd;
  }
}

/** Whether a run builds the spec graph: its results then carry the facts it is built from. */
function needsGraph(args: ParsedArgs): boolean {
  return args.command === 'report' || args.format === 'json';
}

function prepare(args: ParsedArgs, io: CliIO, start: string): { repo: Repository; setup: EngineSetup; engine: Engine } {
  const repo = openRepository(start, io.cwd);
  const setup = loadSetup({ cwd: io.cwd, root: repo.root, configPath: args.config, minScore: args.minScore, failOn: args.failOn });
  const engine = createEngine({ ruleFiles: setup.ruleFiles, config: setup.config, configFile: setup.configFile, configText: setup.configText, facts: needsGraph(args) });
  return { repo, setup, engine };
}

function checkType(engine: Engine, type: string | undefined): void {
  if (type === undefined) return;
  const names = engine.types().map((t) => t.name);
  if (!names.includes(type)) throw new UsageError(`Unknown type "${type}" for --type: expected ${names.join(', ')}.`);
}

function withPaths(report: ReviewReport, paths: readonly string[]): ReviewReport {
  return { files: report.files.map((f, i) => ({ ...f, path: paths[i] })), summary: report.summary };
}

/** What stderr says when a run finds no spec: where it looked and how a spec is recognised. */
function noSpecMessage(args: ParsedArgs, engine: Engine): string {
  const where = args.positionals.length ? `in ${args.positionals.join(', ')}` : 'in this repository';
  const types = engine.types();
  const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : items.join(''));
  return (
    `spec-review: no spec files found ${where} (a spec is a Markdown file in ${list(types.map((t) => `${t.folder}/`))}, ` +
    `named ${list(types.map((t) => `${t.filePrefix}-NNN-*.md`))}, or with "type:" front matter; --type reviews every Markdown file).\n`
  );
}

interface Discovered {
  repo: Repository;
  setup: EngineSetup;
  engine: Engine;
  targets: Target[];
  index: RepoIndex;
}

/** The files a validate/completeness/report run reviews, and the repository they resolve against; an exit code when there is none. */
function discover(args: ParsedArgs, io: CliIO): Discovered | number {
  const { repo, setup, engine } = prepare(args, io, repositoryStart(args, io.cwd));
  checkType(engine, args.type);
  const targets = resolveTargets(args.positionals, {
    cwd: io.cwd,
    repo,
    isSpec: specFileRule(engine),
    forcedType: args.type !== undefined,
  });
  if (targets.length === 0) {
    // As ESLint does for patterns that match nothing: a CI job pointed at the wrong folder must fail.
    io.stderr.write(noSpecMessage(args, engine));
    return 2;
  }
  for (const t of targets) if (!t.repoPath.startsWith('../')) repo.paths.add(t.repoPath);
  return { repo, setup, engine, targets, index: { paths: repo.paths } };
}

async function review(args: ParsedArgs, io: CliIO): Promise<number> {
  const found = discover(args, io);
  if (typeof found === 'number') return found;
  const { repo, setup, engine, targets, index } = found;
  const color = useColor(args, io);
  const width = outputWidth(io);
  const completeness = args.command === 'completeness';
  const streamText = args.format === 'text' && !completeness;

  const results: FileResult[] = [];
  /** Paths as shown (relative to the cwd), parallel to `results`. */
  const display: string[] = [];
  const unreadable: string[] = [];
  let printedBlock = false;
  await reviewTargets(engine, setup, targets, index, { type: args.type, jobs: args.jobs, facts: needsGraph(args) }, (outcome, i) => {
    const shownPath = relativePosix(io.cwd, targets[i].abs);
    if (isUnreadable(outcome)) {
      unreadable.push(`spec-review: cannot read ${shownPath}: ${outcome.unreadable}; it was not reviewed.\n`);
      return;
    }
    results.push(outcome);
    display.push(shownPath);
    if (streamText) {
      let shown = { ...outcome, path: shownPath };
      if (args.quiet) shown = filterReport({ files: [shown], summary: summarize([shown]) }, 'error').files[0];
      const block = formatTextFile(shown, { color, width });
      if (block) {
        io.stdout.write(printedBlock ? block : `\n${block}`);
        printedBlock = true;
      }
    }
  });

  const report: ReviewReport = { files: results, summary: summarize(results) };
  const shown = args.quiet ? filterReport(report, 'error') : report;
  const minScore = setup.config.min_score;
  switch (args.format) {
    case 'text': {
      const local = withPaths(shown, display);
      if (completeness) {
        io.stdout.write(formatCompletenessText(local, { color, minScore, width }));
      } else {
        const problems = local.summary.errors + local.summary.warnings + local.summary.notices;
        if (problems > 0 || (!args.quiet && results.length > 0)) io.stdout.write(formatTextSummary(local, { color }));
        io.stdout.write(formatScoreFailures(local, minScore, { color }));
      }
      break;
    }
    case 'json':
      io.stdout.write(formatJson(withPaths(shown, display), { breakdown: completeness, graph: shownGraph(engine, results, index, repo, io.cwd) }));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(shown, { toolVersion: version(), ruleDescriptions: Object.fromEntries(ALL_RULES.map((r) => [r.id, r.description])) }));
      break;
    case 'github':
      io.stdout.write(formatGithubCommands(shown, { minScore }));
      break;
  }
  // A file that could not be read was not reviewed: the run is incomplete, whatever the others say.
  for (const line of unreadable) io.stderr.write(line);
  if (unreadable.length > 0) return 2;
  return engine.failed(report) ? 1 : 0;
}

/** `spec-review report`: every spec (or those named) reviewed, with the graph, as one HTML page, Markdown or JSON. */
async function report(args: ParsedArgs, io: CliIO): Promise<number> {
  const found = discover(args, io);
  if (typeof found === 'number') return found;
  const { repo, setup, engine, targets, index } = found;
  const results: FileResult[] = [];
  const unreadable: string[] = [];
  await reviewTargets(engine, setup, targets, index, { type: args.type, jobs: args.jobs, facts: true }, (outcome, i) => {
    if (isUnreadable(outcome)) unreadable.push(`spec-review: cannot read ${relativePosix(io.cwd, targets[i].abs)}: ${outcome.unreadable}; it was not reviewed.\n`);
    else results.push(outcome);
  });
  const shownPath = (p: string) => relativePosix(io.cwd, path.join(repo.root, ...p.split('/')));
  const graph = relocateGraph(engine.graph(results, index), shownPath);
  const shown: ReviewReport = { files: results.map((f) => ({ ...f, path: shownPath(f.path) })), summary: summarize(results) };
  let text: string;
  if (args.format === 'json') text = formatJson(shown, { breakdown: true, graph });
  else {
    const model = buildReportModel(shown, graph, {
      title: args.title ?? `Spec report — ${path.basename(repo.root)}`,
      today: now(io),
      version: version(),
      typeOrder: engine.types().map((t) => t.name),
      staleAfterDays: setup.config.stale_after_days,
      rules: setup.config.rules,
    });
    text = args.format === 'md' ? formatReportMarkdown(model) : formatReportHtml(model);
  }
  if (args.output === undefined) io.stdout.write(text);
  else {
    const written = writeReport(args.output, text, io);
    if (!args.quiet) io.stderr.write(`Wrote ${written} (${args.format}, ${shown.files.length} file${shown.files.length === 1 ? '' : 's'}).\n`);
  }
  for (const line of unreadable) io.stderr.write(line);
  return unreadable.length > 0 ? 2 : 0;
}

/** A file the report may replace: a report written earlier (its marker, or a JSON report's first key). */
function isReport(head: string): boolean {
  return head.includes(HTML_REPORT_MARKER) || head.includes(MD_REPORT_MARKER) || /^\{\s*"files"\s*:\s*\[/.test(head);
}

/** Write the report to `file` (relative to the cwd), making folders; never over a file that is not a report. Returns the path as shown. */
function writeReport(file: string, text: string, io: CliIO): string {
  const abs = path.resolve(io.cwd, file);
  const shown = relativePosix(io.cwd, abs);
  if (existsSync(abs)) {
    if (statSync(abs).isDirectory()) throw new UsageError(`--output ${file} is a directory: name a file, e.g. ${path.posix.join(file, 'spec-report.html')}.`, { hint: false });
    if (!isReport(readFileSync(abs, 'utf8').slice(0, 4096))) {
      throw new SpecReviewError('file-exists', `${shown} exists and is not a spec-review report; it was not overwritten. Choose another --output.`, { file: shown });
    }
  }
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  } catch (err) {
    throw new SpecReviewError('write-failed', `Cannot write ${shown}: ${(err as Error).message}.`, { file: shown });
  }
  return shown;
}

/** The spec graph of the reviewed files, with paths shown as the files' are (relative to the current directory). */
function shownGraph(engine: Engine, results: readonly FileResult[], index: RepoIndex, repo: Repository, cwd: string): SpecGraph {
  return relocateGraph(engine.graph(results, index), (p) => relativePosix(cwd, path.join(repo.root, ...p.split('/'))));
}

/** Local calendar date, YYYY-MM-DD. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function scaffold(args: ParsedArgs, io: CliIO): number {
  const [type, name, ...extra] = args.positionals;
  if (type === undefined || name === undefined) {
    throw new UsageError('scaffold needs a type and a name: spec-review scaffold <type> [<id>-]<slug>, e.g. "spec-review scaffold component payment-service".');
  }
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}" (quote a --title that has spaces).`);
  const { repo, engine } = prepare(args, io, io.cwd);
  const date = isoDate(now(io));
  const spec = engine.scaffold(type, name, { title: args.title, date, index: { paths: repo.paths } });
  const abs = path.join(repo.root, ...spec.path.split('/'));
  const shown = relativePosix(io.cwd, abs);
  if (args.dryRun) {
    if (args.format === 'json') {
      io.stdout.write(`${JSON.stringify({ path: shown, type, id: spec.id, title: spec.title, content: spec.content }, null, 2)}\n`);
    } else {
      if (!args.quiet) io.stderr.write(`Would create ${shown} (${spec.id}, dry run):\n`);
      io.stdout.write(spec.content.endsWith('\n') ? spec.content : `${spec.content}\n`);
    }
    return 0;
  }
  if (existsSync(abs)) {
    throw new SpecReviewError('file-exists', `${shown} already exists; it was not overwritten.`, { file: shown });
  }
  mkdirSync(path.dirname(abs), { recursive: true });
  try {
    writeFileSync(abs, spec.content, { flag: 'wx' }); // never overwrite, even if created meanwhile
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SpecReviewError('file-exists', `${shown} already exists; it was not overwritten.`, { file: shown });
    }
    throw new SpecReviewError('write-failed', `Cannot write ${shown}: ${(err as Error).message}.`, { file: shown });
  }
  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify({ path: shown, type, id: spec.id, title: spec.title }, null, 2)}\n`);
  } else {
    io.stdout.write(`${shown}\n`);
    if (!args.quiet) io.stderr.write(`Created ${spec.id} "${spec.title}". Fill it in, then run: spec-review validate ${shown}\n`);
  }
  return 0;
}

interface TypeRow {
  name: string;
  folder: string;
  pattern: string;
  id: string;
  template: string;
  description: string;
}

/** Each type's rule file path (its `template:` is relative to it); later files override earlier ones. */
function ruleFileOfType(setup: EngineSetup): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of setup.ruleFiles) {
    try {
      const data = parseYaml(file.text) as { name?: unknown } | null;
      if (data && typeof data.name === 'string') out.set(data.name, file.path);
    } catch {
      // the engine accepted every rule file; nothing to report here
    }
  }
  return out;
}

function types(args: ParsedArgs, io: CliIO): number {
  if (args.positionals.length > 0) throw new UsageError(`"types" takes no arguments (got "${args.positionals[0]}").`);
  const { setup, engine } = prepare(args, io, io.cwd);
  const ruleFiles = ruleFileOfType(setup);
  const templateOf = (name: string, template: string): string => {
    const ruleFile = ruleFiles.get(name);
    return ruleFile ? path.posix.normalize(path.posix.join(path.posix.dirname(ruleFile), template)) : template;
  };
  const rows: TypeRow[] = engine.types().map((t) => ({
    name: t.name,
    folder: t.folder.endsWith('/') ? t.folder : `${t.folder}/`,
    pattern: t.fileName,
    id: `${t.idPrefix}-NNN`,
    template: templateOf(t.name, t.template),
    description: t.description,
  }));
  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const header: TypeRow = { name: 'TYPE', folder: 'FOLDER', pattern: 'FILE NAME', id: 'ID', template: 'TEMPLATE', description: 'DESCRIPTION' };
  const cols: (keyof TypeRow)[] = ['name', 'folder', 'pattern', 'id', 'template', 'description'];
  const width = (c: keyof TypeRow) => Math.max(...[header, ...rows].map((r) => r[c].length));
  const widths = cols.map(width);
  for (const r of [header, ...rows]) {
    io.stdout.write(`${cols.map((c, i) => (i === cols.length - 1 ? r[c] : r[c].padEnd(widths[i]))).join('  ')}`.trimEnd() + '\n');
  }
  return 0;
}

/**
 * The clock: SOURCE_DATE_EPOCH (seconds; the reproducible-builds convention) pins the date a report
 * or a scaffolded spec carries, so the same tree gives the same bytes; else the system clock.
 */
export function now(io: CliIO): Date {
  if (io.now) return io.now();
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d{1,12}$/.test(epoch.trim())) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (got "${epoch}").`, { hint: false });
  return new Date(Number(epoch.trim()) * 1000);
}

/** Entry point of bin/spec-review.js. */
export async function main(): Promise<void> {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0); // output piped into `head` etc.
    throw err;
  });
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  });
}

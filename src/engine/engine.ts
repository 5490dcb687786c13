/**
 * The engine: rule files + config in; `review(file, index)` out. Decides each file's type, runs every
 * check, stamps severities (config › rule file › check default), drops `off` rules and scores the file.
 * Never throws for bad input: problems become findings.
 */
import { analyze } from './analyze.js';
import { ALL_RULES, CHECKS, type Check, type CheckContext, type CodeCheckContext, type DetectedBy, type Report } from './checks/index.js';
import { CONFIG_PATH, DEFAULT_CONFIG, type Config } from './config.js';
import { decode } from './decode.js';
import { compileGlob, compileGlobs } from './glob.js';
import { checkLimits } from './limits.js';
import { SpecReviewError, type Problem } from './errors.js';
import { closest } from 'fastest-levenshtein';
import { parseSpec, type SpecDoc } from './parse.js';
import { checkWithMermaid, type MermaidChecker } from './mermaid.js';
import { idFromName, idKey, lookups, basename } from './repo-index.js';
import { compileRuleFiles, ruleIdsOf, type RuleFileInput, type SpecType } from './ruleset.js';
import { score } from './score.js';
import { buildSpecGraph } from './graph/build.js';
import { specFacts } from './graph/facts.js';
import type { SpecGraph } from './graph/types.js';
import { yamlLineOf } from './yaml-data.js';
import { severityRank, type FileResult, type Finding, type InputFile, type RepoIndex, type ReviewReport, type Severity, type SeveritySetting, type Summary } from './types.js';


export interface TypeInfo {
  name: string;
  description: string;
  folder: string;
  filePrefix: string;
  idPrefix: string;
  template: string;
  fileName: string;
}

export interface ScaffoldResult {
  path: string;
  content: string;
  id: string;
  title: string;
  type: string;
}

export interface Engine {
  readonly config: Config;
  types(): TypeInfo[];
  type(name: string): SpecType | undefined;
  isSpecPath(path: string): boolean;
  detectType(path: string, doc?: SpecDoc): { type: SpecType; by: DetectedBy } | undefined;
  review(file: InputFile & { size?: number }, index?: RepoIndex, opts?: { type?: string }): Promise<FileResult>;
  reviewAll(files: InputFile[], index?: RepoIndex, opts?: { type?: string }): Promise<ReviewReport>;
  failed(report: ReviewReport): boolean;
  /**
   * The spec graph of reviewed files (repository paths, as `review` returns them) in a repository:
   * their nodes and edges, plus a node for every spec they point at (graph/build.ts).
   */
  graph(results: readonly FileResult[], index: RepoIndex): SpecGraph;
  /** The type and file-name id of a repository path that is (or would be) a spec by its path alone. */
  identify(path: string): { type: string; id?: string } | undefined;
  scaffold(type: string, name: string, opts: { title?: string; date: string; index: RepoIndex }): ScaffoldResult;
}

export function summarize(files: FileResult[]): Summary {
  const s: Summary = { files: files.length, errors: 0, warnings: 0, notices: 0 };
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') s.errors++;
      else if (x.severity === 'warning') s.warnings++;
      else s.notices++;
    }
  }
  return s;
}

/** Whether a report fails the run: a finding at or above `fail_on`, or a score under `min_score`. */
export function reportFails(report: ReviewReport, config: Pick<Config, 'fail_on' | 'min_score'>): boolean {
  if (config.fail_on !== 'never') {
    const min = severityRank(config.fail_on);
    if (report.files.some((f) => f.findings.some((x) => severityRank(x.severity) <= min))) return true;
  }
  return config.min_score > 0 && report.files.some((f) => f.score !== null && f.score < config.min_score);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Longest slug a scaffold takes: with the folder and `cmp-001-`, far under the 255 bytes a file name may have. */
const MAX_SLUG = 100;
/** Most digits an id may have (`cmp-123456-x`). */
const MAX_ID_DIGITS = 6;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .map((w) => (w.length <= 3 && /^(api|ui|id|db|sla|slo|sdk|cli|url|jwt|s3)$/.test(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

function commonRoot(folders: string[]): string {
  if (!folders.length) return '';
  const split = folders.map((f) => f.split('/'));
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const seg = split[0][i];
    if (seg === undefined || split.some((s) => s[i] !== seg)) break;
    out.push(seg);
  }
  return out.join('/');
}

export function createEngine(opts: {
  ruleFiles: RuleFileInput[];
  config?: Config;
  /** Where the config came from and its text, so config errors found here can name file:line. */
  configFile?: string;
  configText?: string;
  /** Mermaid's parser for the diagrams the fast path cannot vouch for (default: load it on this thread). */
  mermaid?: MermaidChecker;
  /** Whether `review` gives each result the facts the spec graph needs (default true; off when no graph will be built). */
  facts?: boolean;
}): Engine {
  const mermaid = opts.mermaid ?? checkWithMermaid;
  const config = opts.config ?? DEFAULT_CONFIG;
  const specTypes = compileRuleFiles(opts.ruleFiles);
  const byName = new Map(specTypes.map((t) => [t.name, t]));
  // Rule ids and type names in the config must exist: a typo would otherwise silently do nothing.
  const knownRules = [...new Set([...ALL_RULES.map((r) => r.id), ...specTypes.flatMap(ruleIdsOf)])];
  const configFile = opts.configFile ?? CONFIG_PATH;
  const lineIn = (path: (string | number)[]) => (opts.configText ? yamlLineOf(opts.configText, path) : undefined);
  const problems: Problem[] = [];
  for (const [i, s] of config.specs.entries()) {
    if (byName.has(s.type)) continue;
    problems.push({ message: `specs[${i}].type "${s.type}" is not a spec type. Did you mean "${closest(s.type, [...byName.keys()])}"? (known: ${[...byName.keys()].join(', ')})`, line: lineIn(['specs', i, 'type']) });
  }
  for (const rule of Object.keys(config.rules)) {
    if (knownRules.includes(rule)) continue;
    problems.push({ message: `rules: "${rule}" is not a rule id. Did you mean "${closest(rule, knownRules)}"? (every rule is listed in docs/rules.md)`, line: lineIn(['rules', rule]) });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  SpecReviewError.throwAll('config-invalid', configFile, problems);
  for (const t of specTypes) {
    const unknown = Object.keys(t.rule.severity ?? {}).filter((r) => !knownRules.includes(r));
    if (unknown.length) {
      throw new SpecReviewError('ruleset-invalid', `severity: "${unknown[0]}" is not a rule id. Did you mean "${closest(unknown[0], knownRules)}"?`, { file: t.source });
    }
  }
  // Globs are compiled to RE2 (linear time): file names come from pull requests. parseConfig has
  // already refused the ones that do not compile.
  const globs = config.specs.map((s) => ({ match: compileGlob(s.path), type: byName.get(s.type)! }));
  const ignored = compileGlobs(config.ignore);
  const root = commonRoot(specTypes.map((t) => t.folder).filter((f) => !f.includes('*')));
  const defaults = new Map<string, Severity>(ALL_RULES.map((r) => [r.id, r.severity]));
  const isMarkdown = (p: string) => /\.(md|markdown)$/i.test(p);

  function severityOf(rule: string, type: SpecType | undefined, fallback: Severity | undefined): SeveritySetting {
    return config.rules[rule] ?? type?.rule.severity?.[rule] ?? fallback ?? defaults.get(rule) ?? 'warning';
  }

  function detectType(path: string, doc?: SpecDoc): { type: SpecType; by: DetectedBy } | undefined {
    for (const g of globs) if (g.match(path)) return { type: g.type, by: 'config' };
    for (const t of specTypes) if (path.startsWith(`${t.folder}/`)) return { type: t, by: 'folder' };
    const id = idFromName(path);
    if (id) {
      const t = specTypes.find((x) => x.filePrefix === id.prefix);
      if (t) return { type: t, by: 'prefix' };
    }
    const declared = doc?.frontMatter?.type;
    if (typeof declared === 'string' && byName.has(declared)) return { type: byName.get(declared)!, by: 'front-matter' };
    return undefined;
  }

  function isSpecPath(path: string): boolean {
    if (!isMarkdown(path) || ignored(path)) return false;
    if (globs.some((g) => g.match(path))) return true;
    if (specTypes.some((t) => path.startsWith(`${t.folder}/`))) return true;
    return root !== '' && path.startsWith(`${root}/`);
  }

  /** Reports → findings: severities stamped (config › rule file › check default), `off` dropped, in line order. */
  function resolve(type: SpecType | undefined, reports: Report[]): Finding[] {
    const findings: Finding[] = [];
    for (const r of reports) {
      const rule = r.rule ?? 'internal-error';
      const severity = severityOf(rule, type, r.severity);
      if (severity === 'off') continue;
      const f: Finding = { rule, severity, message: r.message, line: Math.max(1, r.line) };
      if (r.endLine && r.endLine > f.line) f.endLine = r.endLine;
      if (r.column && r.column > 0) f.column = r.column;
      findings.push(f);
    }
    findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || severityRank(a.severity) - severityRank(b.severity));
    return findings;
  }

  function finish(path: string, type: SpecType | undefined, findings: Finding[], extra: Partial<FileResult> = {}): FileResult {
    // Messages and titles are built from slices of the document; V8 keeps a whole file's text alive for
    // as long as one slice of it lives. A JSON round trip gives the result strings of its own, so the
    // caller can hold thousands of results without holding thousands of documents.
    return JSON.parse(JSON.stringify({ path, type: type?.name ?? null, score: null, findings, ...extra })) as FileResult;
  }

  async function review(file: InputFile & { size?: number }, index?: RepoIndex, ropts: { type?: string } = {}): Promise<FileResult> {
    const path = file.path.replace(/\\/g, '/').replace(/^\.\//, '');
    const forced = ropts.type ? byName.get(ropts.type) : undefined;
    if (ropts.type && !forced) throw new SpecReviewError('unknown-type', `Unknown spec type "${ropts.type}" (known: ${[...byName.keys()].join(', ')}).`);
    const decoded = decode(file.content, config.max_file_size, file.size);
    const reports: Report[] = decoded.problems.map((p) => ({ ...p }));
    if (decoded.text === null) {
      const t = forced ?? detectType(path)?.type;
      return finish(path, t, resolve(t, reports));
    }
    const limit = checkLimits(decoded.text);
    if (limit) {
      reports.push({ rule: 'parse-limit', message: limit.message, line: limit.line });
      const t = forced ?? detectType(path)?.type;
      return finish(path, t, resolve(t, reports));
    }
    let doc: SpecDoc;
    try {
      doc = parseSpec(decoded.text);
    } catch (e) {
      reports.push({ rule: 'parse-limit', message: `The Markdown could not be parsed (${(e as Error).message}); the file was not reviewed. Simplify its structure.`, line: 1 });
      const t = forced ?? detectType(path)?.type;
      return finish(path, t, resolve(t, reports));
    }
    const detected = forced ? { type: forced, by: 'forced' as const } : detectType(path, doc);
    if (doc.frontMatterError) reports.push({ rule: 'front-matter', message: `Invalid YAML front matter: ${doc.frontMatterError.message}`, line: doc.frontMatterError.line });
    if (!detected) {
      const list = specTypes.map((t) => `${t.folder}/${t.filePrefix}-NNN-slug.md`).join(', ');
      reports.push({ rule: 'unknown-type', message: `"${basename(path)}" matches no spec type: put it at one of ${list}, or add "type: <name>" front matter.`, line: 1 });
      return finish(path, undefined, resolve(undefined, reports), doc.h1 ? { title: doc.h1.text } : {});
    }
    const { type, by } = detected;
    const id = idFromName(path);
    const nameId = id && id.prefix === type.filePrefix ? `${type.idPrefix}-${id.digits}` : undefined;
    const base = { path, doc, type, types: specTypes, index, detectedBy: by, isSpec: isSpecPath, report: (r: Report) => reports.push(r), mermaid };
    const off = (rule: string) => severityOf(rule, type, undefined) === 'off';
    const runCheck = async (check: Check, ctx: CodeCheckContext) => {
      // A check that also reports the type's own rules (component/monitoring...) runs while its own id is off.
      if (off(check.id) && !check.typeRules) return;
      const before = reports.length;
      try {
        await (check.run as (c: CodeCheckContext) => void | Promise<void>)(ctx);
        for (let i = before; i < reports.length; i++) reports[i].rule ??= check.id;
      } catch (e) {
        reports.length = before;
        reports.push({ rule: 'internal-error', message: `Check "${check.id}" failed on this file (${(e as Error).message}); other checks still ran.`, line: 1 });
      }
    };
    // Code blocks first: one with an error-level finding in it is broken and earns no credit.
    for (const check of CHECKS) if (check.phase === 'code') await runCheck(check, base);
    for (const r of reports) {
      if (!r.rule || severityOf(r.rule, type, r.severity) !== 'error') continue;
      for (const c of doc.codeBlocks) if (r.line >= c.line && r.line <= c.endLine) c.invalid = true;
    }
    const analysis = analyze(doc, type, { nameId });
    const ctx: CheckContext = { ...base, analysis };
    for (const check of CHECKS) if (check.phase !== 'code') await runCheck(check, ctx);
    const findings = resolve(type, reports);
    const s = score(analysis, type, { off, findings });
    return finish(path, type, findings, {
      score: s.value,
      breakdown: s.breakdown,
      ...(opts.facts === false ? {} : { facts: specFacts({ path, doc, type, types: specTypes, analysis, index, isSpec: isSpecPath }) }),
      ...(nameId ? { id: nameId } : analysis.declaredId ? { id: analysis.declaredId.id } : {}),
      ...(doc.h1 ? { title: doc.h1.text } : typeof doc.frontMatter?.title === 'string' ? { title: doc.frontMatter.title } : {}),
    });
  }

  function identify(path: string): { type: string; id?: string } | undefined {
    if (!isMarkdown(path) || ignored(path)) return undefined;
    const byPath = isSpecPath(path);
    const id = idFromName(path);
    const detected = detectType(path);
    if (!detected || (!byPath && detected.by !== 'prefix')) return undefined;
    const { type } = detected;
    return id && id.prefix === type.filePrefix ? { type: type.name, id: `${type.idPrefix}-${id.digits}` } : { type: type.name };
  }

  return {
    config,
    identify,
    graph: (results, index) => buildSpecGraph({ results, index, identify }),
    types: () =>
      specTypes.map((t) => ({
        name: t.name,
        description: t.description,
        folder: t.folder,
        filePrefix: t.filePrefix,
        idPrefix: t.idPrefix,
        template: t.templatePath,
        fileName: `${t.filePrefix}-NNN-slug.md`,
      })),
    type: (name) => byName.get(name),
    isSpecPath,
    detectType,
    review,
    async reviewAll(files, index, ropts) {
      const results: FileResult[] = [];
      for (const f of files) results.push(await review(f, index, ropts));
      return { files: results, summary: summarize(results) };
    },
    failed: (report) => reportFails(report, config),
    scaffold(typeName, name, sopts) {
      const type = byName.get(typeName);
      if (!type) throw new SpecReviewError('unknown-type', `Unknown spec type "${typeName}" (known: ${[...byName.keys()].join(', ')}).`);
      const raw = name.trim().replace(/\.md$/i, '');
      if (!raw || raw.includes('/') || raw.includes('\\') || raw.includes('..') || raw.startsWith('.')) {
        throw new SpecReviewError('bad-slug', `"${name}" is not a valid spec name: use lower-case words joined by dashes, e.g. ${type.filePrefix}-002-payment-service or payment-service.`);
      }
      const m = new RegExp(`^(?:([a-z][a-z0-9]*)-(\\d{1,${MAX_ID_DIGITS}})-)?(.+)$`).exec(raw)!;
      const [, prefix, digits, slug] = m;
      if (prefix && prefix !== type.filePrefix) {
        throw new SpecReviewError('bad-slug', `"${raw}" starts with "${prefix}-", but ${type.name} specs are named ${type.filePrefix}-NNN-slug (e.g. ${type.filePrefix}-${digits}-${slug}).`);
      }
      // A name that starts like a spec file name but is not one (`cmp-abc-x`, `cmp-1234567-x`) is refused,
      // not taken as a slug (which would make cmp-005-cmp-abc-x.md).
      const idLike = new RegExp(`^(${specTypes.map((t) => escapeRe(t.filePrefix)).join('|')})-([a-z0-9]+)(?:-|$)`).exec(prefix ? '' : raw);
      // Another type's prefix before a word is a slug like any other (`flow-engine` for a component).
      if (idLike && (idLike[1] === type.filePrefix || /^\d+$/.test(idLike[2]))) {
        const [, p, part] = idLike;
        const why = /^\d+$/.test(part) ? `${part} has ${part.length} digits and ids have at most ${MAX_ID_DIGITS}` : `"${part}" is not a number`;
        const owner = specTypes.find((t) => t.filePrefix === p)!;
        throw new SpecReviewError(
          'bad-slug',
          `"${raw}" starts like a ${owner.name} file name (${owner.filePrefix}-NNN-slug), but ${why}: give a slug (payment-service) or an id and a slug (${type.filePrefix}-012-payment-service).`,
        );
      }
      if (!SLUG.test(slug)) {
        throw new SpecReviewError('bad-slug', `"${slug}" is not a valid slug: use lower-case letters, digits and single dashes (e.g. payment-service).`);
      }
      if (slug.length > MAX_SLUG) {
        throw new SpecReviewError('bad-slug', `The slug has ${slug.length} characters; at most ${MAX_SLUG} make a file name every checkout can hold (e.g. ${slug.slice(0, 40).replace(/-[^-]*$/, '')}).`);
      }
      const ids = lookups(sopts.index).ids;
      let num: number;
      if (digits) {
        num = Number(digits);
        const used = (ids.get(idKey(type.filePrefix, num)) ?? []).filter(isSpecPath);
        if (used.length) throw new SpecReviewError('duplicate-id', `Id ${type.idPrefix}-${digits.padStart(3, '0')} is already used by ${used[0]}; omit the id to take the next free one.`);
      } else {
        num = 1;
        for (const [key, paths] of ids) {
          const [p, n] = key.split('-');
          if (p === type.filePrefix.toUpperCase() && paths.some(isSpecPath)) num = Math.max(num, Number(n) + 1);
        }
      }
      const num3 = String(num).padStart(3, '0');
      const path = `${type.folder}/${type.filePrefix}-${num3}-${slug}.md`;
      if (sopts.index.paths.has(path)) throw new SpecReviewError('file-exists', `${path} already exists; it was not overwritten.`, { file: path });
      const id = `${type.idPrefix}-${num3}`;
      const title = (sopts.title ?? titleFromSlug(slug)).replace(/[\r\n]+/g, ' ').trim();
      const vars: Record<string, string> = { id, title, date: sopts.date, slug };
      const content = type.template.replace(/\{\{\s*(id|title|date|slug)\s*\}\}/g, (_, k: string) => vars[k]);
      return { path, content, id, title, type: type.name };
    },
  };
}

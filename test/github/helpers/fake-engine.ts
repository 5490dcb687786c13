/**
 * A small engine implementing the contract of src/engine/index.ts (ENGINE-API), for app tests that
 * must not depend on the built-in rules. Real behaviour, simple rules:
 * - specs: `docs/specs/**.md` plus config `specs[].path` prefixes, minus `ignore` prefixes;
 * - `file-encoding` error for empty, binary (NUL byte) or over max_file_size content;
 * - `required-section` error when there is no `## Interfaces` heading (line 1);
 * - `placeholder` warning on every line containing TODO (column of the TODO);
 * - score 100 − 20/error − 5/warning (min 0).
 */
import { parse, YAMLParseError } from 'yaml';
import type { FileResult, Finding, InputFile, ReviewReport, Summary } from '../../../src/engine/types.js';
import type { AppConfig, AppEngine, EnginePort, RuleFileInput } from '../../../src/github/engine-port.js';

export class FakeSpecError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
  }
  format(): string {
    return `${this.file}${this.line ? `:${this.line}` : ''}: ${this.message}`;
  }
}

export const FAKE_DEFAULT: AppConfig = {
  specs: [],
  rules: {},
  types: [],
  min_score: 0,
  fail_on: 'error',
  max_file_size: 1_048_576,
  ignore: [],
  comment: { on_clean: 'compact' },
};

const KEYS = new Set(Object.keys(FAKE_DEFAULT));

function lineOf(text: string, key: string): number {
  const i = text.split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`) || l.includes(`${key}:`));
  return i < 0 ? 1 : i + 1;
}

export function fakeParseConfig(text: string, file = '.github/spec-review.yml'): AppConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    const line = err instanceof YAMLParseError ? err.linePos?.[0].line : undefined;
    throw new FakeSpecError('config-invalid', 'is not valid YAML', file, line);
  }
  if (data === null || data === undefined) return { ...FAKE_DEFAULT };
  if (typeof data !== 'object' || Array.isArray(data)) throw new FakeSpecError('config-invalid', 'must be a mapping', file, 1);
  const raw = data as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.has(key)) throw new FakeSpecError('config-invalid', `unknown key "${key}"`, file, lineOf(text, key));
  }
  const onClean = (raw.comment as { on_clean?: unknown } | undefined)?.on_clean ?? 'compact';
  if (!['compact', 'shrink', 'keep', 'delete'].includes(String(onClean)))
    throw new FakeSpecError('config-invalid', 'comment.on_clean must be one of compact, keep, delete, shrink', file, lineOf(text, 'on_clean'));
  return {
    ...FAKE_DEFAULT,
    ...(raw as Partial<AppConfig>),
    comment: { on_clean: onClean as 'compact' | 'shrink' | 'keep' | 'delete' },
  };
}

function summarize(files: FileResult[]): Summary {
  const s: Summary = { files: files.length, errors: 0, warnings: 0, notices: 0 };
  for (const f of files) for (const x of f.findings) s[x.severity === 'error' ? 'errors' : x.severity === 'warning' ? 'warnings' : 'notices']++;
  return s;
}

export function fakeCreateEngine(opts: { ruleFiles: RuleFileInput[]; config?: AppConfig }): AppEngine {
  const config = opts.config ?? FAKE_DEFAULT;
  const extraTypes = opts.ruleFiles.filter((r) => r.path !== 'builtin').map((r) => ({ name: r.path.replace(/^.*\/|\.ya?ml$/g, '') }));
  const specPrefixes = ['docs/specs/', ...((config.specs as { path: string }[] | undefined) ?? []).map((s) => s.path.replace(/\*.*$/, ''))];
  const ignore = ((config.ignore as string[] | undefined) ?? []).map((g) => g.replace(/\*.*$/, ''));
  const isSpecPath = (p: string) => p.endsWith('.md') && specPrefixes.some((x) => p.startsWith(x)) && !ignore.some((x) => p.startsWith(x));

  async function review(file: InputFile): Promise<FileResult> {
    const bytes = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    const findings: Finding[] = [];
    if (bytes.length === 0) findings.push({ rule: 'file-encoding', severity: 'error', message: 'File is empty.', line: 1 });
    else if (bytes.length > config.max_file_size)
      findings.push({ rule: 'file-encoding', severity: 'error', message: `File is larger than ${config.max_file_size} bytes.`, line: 1 });
    else if (bytes.includes(0)) findings.push({ rule: 'file-encoding', severity: 'error', message: 'File is binary, not UTF-8 text.', line: 1 });
    else {
      const text = new TextDecoder().decode(bytes);
      const lines = text.split('\n');
      if (!lines.some((l) => /^##\s+Interfaces\s*$/.test(l)))
        findings.push({ rule: 'required-section', severity: 'error', message: 'Missing required section "Interfaces".', line: 1 });
      lines.forEach((l, i) => {
        const col = l.indexOf('TODO');
        if (col >= 0) findings.push({ rule: 'placeholder', severity: 'warning', message: `Placeholder left in text: "${l.trim()}".`, line: i + 1, column: col + 1 });
      });
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const score = Math.max(0, 100 - 20 * errors - 5 * warnings);
    return {
      path: file.path,
      type: 'component',
      score,
      findings,
      breakdown: [
        { item: 'sections', max: 60, lost: Math.min(60, 20 * errors), reason: errors ? 'missing sections' : undefined },
        { item: 'placeholders', max: 40, lost: Math.min(40, 5 * warnings), reason: warnings ? 'placeholders left' : undefined },
      ],
    };
  }

  return {
    config,
    types: () => [{ name: 'component' }, { name: 'flow' }, ...extraTypes],
    isSpecPath,
    review,
    async reviewAll(files) {
      const results = [];
      for (const f of files) results.push(await review(f));
      return { files: results, summary: summarize(results) };
    },
    failed(report: ReviewReport) {
      const s = report.summary;
      const sev = config.fail_on;
      const bySeverity =
        (sev === 'error' && s.errors > 0) ||
        (sev === 'warning' && s.errors + s.warnings > 0) ||
        (sev === 'notice' && s.errors + s.warnings + s.notices > 0);
      return bySeverity || report.files.some((f) => f.score !== null && f.score < config.min_score);
    },
  };
}

export const fakeEngine: EnginePort = {
  parseConfig: fakeParseConfig,
  DEFAULT_CONFIG: FAKE_DEFAULT,
  createEngine: fakeCreateEngine,
  builtinRuleFiles: () => [{ path: 'builtin', text: '' }],
};

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, tool driver
 * `spec-review` with one rule per rule id seen, one result per finding, locations relative to the
 * repository root (`uriBaseId: %SRCROOT%`). Pure.
 */
import type { Finding, ReviewReport, Severity } from '../engine/types.js';
import { oneLine, sortFindings } from './format-common.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', notice: 'note' };

export function sarifLevel(severity: Severity): SarifLevel {
  return LEVEL[severity];
}

export interface SarifOptions {
  /** The tool's version (package.json). */
  toolVersion?: string;
  /** One-line descriptions by rule id; rules without one get a description built from the id. */
  ruleDescriptions?: Readonly<Record<string, string>>;
  /** Where the rules are documented (a page per rule id is not assumed). */
  informationUri?: string;
}

/** `component/interfaces` → `Component: interfaces`; `required-section` → `Required section`. */
export function describeRuleId(id: string): string {
  const words = (s: string) => s.replace(/[-_]+/g, ' ').trim();
  const slash = id.indexOf('/');
  const text = slash >= 0 ? `${words(id.slice(0, slash))}: ${words(id.slice(slash + 1))}` : words(id);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Encode a repository-relative POSIX path as a relative URI reference (spaces, `#`, `%` ...). */
export function pathToUri(path: string): string {
  return path.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

function region(f: Finding): Record<string, number> {
  const r: Record<string, number> = { startLine: f.line };
  if (f.endLine !== undefined && f.endLine >= f.line) r.endLine = f.endLine;
  if (f.column !== undefined) r.startColumn = f.column;
  return r;
}

/** The SARIF log as an object (see formatSarif for the text). */
export function toSarif(report: ReviewReport, options: SarifOptions = {}) {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const results: unknown[] = [];
  for (const file of report.files) {
    for (const f of sortFindings(file.findings)) {
      let index = ruleIndex.get(f.rule);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(f.rule, index);
        rules.push({
          id: f.rule,
          name: f.rule,
          shortDescription: { text: options.ruleDescriptions?.[f.rule] ?? describeRuleId(f.rule) },
          defaultConfiguration: { level: sarifLevel(f.severity) },
        });
      }
      results.push({
        ruleId: f.rule,
        ruleIndex: index,
        level: sarifLevel(f.severity),
        message: { text: oneLine(f.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: pathToUri(file.path), uriBaseId: '%SRCROOT%' },
              region: region(f),
            },
          },
        ],
      });
    }
  }
  const driver: Record<string, unknown> = { name: 'spec-review' };
  if (options.toolVersion) driver.version = options.toolVersion;
  if (options.informationUri) driver.informationUri = options.informationUri;
  driver.rules = rules;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: { driver },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(report: ReviewReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}

import type { Analysis } from '../analyze.js';
import type { MermaidChecker } from '../mermaid.js';
import type { SpecDoc } from '../parse.js';
import type { SpecType } from '../ruleset.js';
import type { Finding, RepoIndex, Severity } from '../types.js';

/** What a check reports; the engine adds the severity (config › rule file › check default). */
export interface Report {
  rule?: string;
  message: string;
  line: number;
  endLine?: number;
  column?: number;
  /** Default severity for a data-defined rule id (e.g. from a requirement in the rule file). */
  severity?: Severity;
}

export type DetectedBy = 'forced' | 'config' | 'folder' | 'prefix' | 'front-matter';

export interface CheckContext {
  /** Repository-relative path. */
  path: string;
  doc: SpecDoc;
  type: SpecType;
  types: readonly SpecType[];
  analysis: Analysis;
  index?: RepoIndex;
  /** How the type was decided: forced (--type), config glob, folder, file-name prefix or front matter. */
  detectedBy: DetectedBy;
  /** Whether a repository path is a spec under the current config (spec folders, globs, not ignored). */
  isSpec(path: string): boolean;
  report(r: Report): void;
  /** Mermaid's own verdict on a diagram the fast path cannot vouch for. */
  mermaid: MermaidChecker;
}

/** What a check of the code phase sees: everything but the analysis, which is made after it. */
export type CodeCheckContext = Omit<CheckContext, 'analysis'>;

interface CheckInfo {
  /** Stable rule id. */
  id: string;
  description: string;
  severity: Severity;
  /** It also reports rule ids of the type's rule file (`component/monitoring`), so it runs even when its own id is off. */
  typeRules?: true;
}

/**
 * A check. Checks of the `code` phase (code blocks that must parse) run before the analysis: a block
 * with an error-level finding in it is broken, and broken code earns no credit in the analysis or score.
 */
export type Check = CheckInfo & ({ phase?: undefined; run(ctx: CheckContext): void | Promise<void> } | { phase: 'code'; run(ctx: CodeCheckContext): void | Promise<void> });

export type { Finding };

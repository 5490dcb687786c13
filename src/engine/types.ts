/**
 * The engine's public data shapes. The engine is pure: text, a rule set, a config and a repository
 * index in; findings, scores and reports out. Nothing here knows about GitHub or the file system.
 */

import type { SpecFacts } from './graph/types.js';

/** Severity of a finding. `off` exists only in configuration, never on a finding. */
export type Severity = 'error' | 'warning' | 'notice';
export type SeveritySetting = Severity | 'off';

/** The severities, most severe first: the one order every output sorts and compares by. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/** 0 for an error, 1 for a warning, 2 for a notice: lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The one finding shape used by every output (CLI text/JSON/SARIF, check-run annotations, comment). */
export interface Finding {
  /** Stable rule id, e.g. `required-section` or `component/configuration`. */
  rule: string;
  severity: Severity;
  /** One sentence, what was expected. */
  message: string;
  /** 1-based line. */
  line: number;
  endLine?: number;
  /** 1-based column. */
  column?: number;
}

/** One item of the explainable score: what it was worth and how much of it the file lost. */
export interface ScoreItem {
  /** What the points are for, e.g. `section "Interfaces"`, `metadata "Version"`, `placeholders`. */
  item: string;
  /** Points this item is worth (out of 100 across the file). */
  max: number;
  /** Points lost (0..max). */
  lost: number;
  /** Why points were lost; empty when nothing was lost. */
  reason?: string;
}

export interface Score {
  /** 0..100, rounded to an integer. */
  value: number;
  breakdown: ScoreItem[];
}

/** The engine's result for one file; the CLI's JSON `files[]` entries are this minus `breakdown`. */
export interface FileResult {
  path: string;
  /** Spec type name, or null when the file matches no type. */
  type: string | null;
  /** 0..100, or null when the file has no type (or could not be read). */
  score: number | null;
  findings: Finding[];
  /** Explainable score; present when score is not null. */
  breakdown?: ScoreItem[];
  /** The spec id found in the file name (`CMP-002`), if any. */
  id?: string;
  /** The document title (first H1), if any. */
  title?: string;
  /** What the spec graph needs from this file (status, date, references, links, mentions); absent when it was not analysed. */
  facts?: SpecFacts;
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  notices: number;
}

/** The stable JSON contract of `spec-review validate --format json` (see docs/json-output.md). */
export interface ReviewReport {
  files: FileResult[];
  summary: Summary;
}

/**
 * What the engine knows of the repository the files live in: every path (POSIX, relative to the
 * repository root, no leading `./`). Used to resolve spec references and relative links, and to find
 * the next free id and duplicate ids.
 */
export interface RepoIndex {
  paths: ReadonlySet<string>;
}

/** One file handed to the engine. `content` is raw bytes or text; the engine decodes and sanity-checks it. */
export interface InputFile {
  path: string;
  content: string | Uint8Array;
}

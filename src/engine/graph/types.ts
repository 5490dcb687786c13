/**
 * The spec graph's data shapes: what one review learns about a spec's place among the others (its
 * facts), and the graph built from many reviews and the repository index. Plain data, serialisable
 * as JSON (`spec-review validate --format json` prints the graph; docs/json-output.md).
 */

/** The graph format's version: bumped only when a field changes meaning or type (fields may be added). */
export const GRAPH_VERSION = 1;

/** How one spec points at another. */
export type EdgeKind = 'reference' | 'link' | 'mention';

/**
 * What a review learns about a spec for the graph: its status and date, and what it points at.
 * Lines are 1-based; each target appears once, at its first occurrence.
 */
export interface SpecFacts {
  /** The Status metadata's value, its first word as written (`Deprecated`); absent when missing or a placeholder. */
  status?: string;
  /** The Last Updated (or Date) metadata, `YYYY-MM-DD`; absent when missing or not a valid date. */
  updated?: string;
  /** `[CMP-001]`-style references with a spec type's prefix, as written (`CMP-001`). */
  refs: { id: string; line: number }[];
  /** Relative links to Markdown files, resolved to repository paths (whether or not the file exists). */
  links: { path: string; line: number }[];
  /** Component specs named in the steps or components sections, found by their file name's slug. */
  mentions: { path: string; line: number }[];
  /** Short names given in those sections (bold, link text, code, first table column), normalised: matched to component titles. */
  names: { name: string; line: number }[];
}

export interface GraphNode {
  /** Repository path (the CLI's JSON shows it relative to the current directory). */
  path: string;
  /** The spec id: from the file name (`CMP-002`), else the ID metadata field. */
  id?: string;
  type: string;
  title?: string;
  status?: string;
  /** Last updated, `YYYY-MM-DD`. */
  updated?: string;
  /** Completeness 0–100; null for a spec that was not reviewed in this run (known from the index only). */
  score: number | null;
  /** Whether this run reviewed the file (its edges are known); false for a spec only pointed at. */
  reviewed: boolean;
}

export interface GraphEdge {
  /** The spec that points. */
  from: string;
  /** The spec pointed at. */
  to: string;
  /** Every way `from` points at `to`, sorted. */
  via: EdgeKind[];
  /** Line in `from` of the first of them. */
  line: number;
}

/** A reference or link that points at no spec in the repository (a removed or renamed one, a typo). */
export interface DanglingEdge {
  from: string;
  /** The id (`CMP-009`) or the repository path the link resolves to. */
  target: string;
  via: 'reference' | 'link';
  line: number;
}

export interface SpecGraph {
  version: typeof GRAPH_VERSION;
  /** Sorted by path. */
  nodes: GraphNode[];
  /** Sorted by from, then to. */
  edges: GraphEdge[];
  /** Sorted by from, then line. */
  dangling: DanglingEdge[];
}

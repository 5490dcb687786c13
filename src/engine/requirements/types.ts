/**
 * A requirement kind: what a section (or the whole document) must contain — a table with given
 * columns, a code block, a diagram, a sub-section, a list, labelled steps, keywords, a word count.
 * Each kind is one file with its option schema (for rule files), its evaluation and its description
 * (for docs/rules.md); `index.ts` lists them.
 */
import type { Nodes } from 'mdast';
import type { CodeBlock, Section, SpecDoc } from '../parse.js';
import type { Step } from '../steps.js';

/** What a requirement is evaluated against: a section, or the whole document. */
export interface RequirementScope {
  doc: SpecDoc;
  from: number;
  to: number;
  nodes: readonly Nodes[];
  subsections: readonly Section[];
  /** Words of the scope's own content (template text, placeholders and filler excluded). */
  words: number;
  /** The author's own code blocks in the scope: not copied from the template, not mostly placeholders, not broken, not empty. */
  code(): CodeBlock[];
  /** The scope's own text (template lines excluded), lower-case, one string. */
  text(): string;
  /** The scope's steps (steps.ts). */
  steps(): Step[];
}

export interface Outcome {
  met: boolean;
  /** How fully it is met, 0..1 (default 1): a two-node diagram meets "a diagram" a little. */
  strength?: number;
  /** Why it is unmet, e.g. `no table with columns Variable, Description`. */
  detail?: string;
  /** Where it is unmet, when that is one place (the first step that lacks a label); else the scope's heading. */
  line?: number;
}

export interface RequirementKind<O, K extends string = string> {
  /** The key in a rule file's requirement (`table:`, `code:`...). */
  key: K;
  /** JSON Schema of the option. */
  schema: object;
  /** In words, for docs: `a table with columns Variable, Description`. */
  describe(option: O): string;
  evaluate(option: O, scope: RequirementScope): Outcome;
}

/** Something a requirement looks for by name, with the other names authors give it (`Actor` / `Who`, `Variable` / `Var`). */
export type Named = string | { name: string; aliases?: string[] };

/** The JSON Schema of a list of {@link Named}. */
export const namedList = {
  type: 'array',
  minItems: 1,
  items: {
    anyOf: [
      { type: 'string', minLength: 1 },
      {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: { type: 'string', minLength: 1 }, aliases: { type: 'array', items: { type: 'string', minLength: 1 } } },
      },
    ],
  },
};

export const nameOf = (n: Named): string => (typeof n === 'string' ? n : n.name);
export const namesOf = (n: Named): string[] => (typeof n === 'string' ? [n] : [n.name, ...(n.aliases ?? [])]);

/**
 * The requirement kinds, in the order their details are shown. A requirement in a rule file names one
 * or more kinds and is met when ANY of them is (`subsection` or `keywords`, `table` or `code`).
 */
import { code } from './code.js';
import { diagram } from './diagram.js';
import { keywords } from './keywords.js';
import { list } from './list.js';
import { minWords } from './min-words.js';
import { stepLabels } from './step-labels.js';
import { subsection } from './subsection.js';
import { table } from './table.js';
import type { Outcome, RequirementKind, RequirementScope } from './types.js';

export const REQUIREMENT_KINDS = [table, code, diagram, subsection, list, stepLabels, keywords, minWords] as const;

type Kinds = (typeof REQUIREMENT_KINDS)[number];
/** The kinds' options as they appear in a rule file's requirement: `{ table?: {...}, code?: {...}, ... }`. */
export type RequirementOptions = { [K in Kinds as K['key']]?: K extends RequirementKind<infer O, string> ? O : never };

/** Evaluate a requirement: met when any of its kinds is (as strongly as the strongest); otherwise every kind's reason, joined by "or". */
export function evaluateRequirement(req: object, scope: RequirementScope): Outcome {
  const details: string[] = [];
  const lines: number[] = [];
  let strength = -1;
  for (const kind of REQUIREMENT_KINDS as readonly RequirementKind<unknown>[]) {
    const option = (req as Record<string, unknown>)[kind.key];
    if (option === undefined) continue;
    const r = kind.evaluate(option, scope);
    if (r.met) strength = Math.max(strength, r.strength ?? 1);
    else {
      if (r.detail) details.push(r.detail);
      if (r.line) lines.push(r.line);
    }
  }
  if (strength >= 0) return strength < 1 ? { met: true, strength } : { met: true };
  // A place is given only when the one unmet kind names one.
  return { met: false, detail: details.join(' or '), ...(lines.length === 1 && details.length === 1 ? { line: lines[0] } : {}) };
}

/** A requirement in words, for docs: `a table with columns Variable, Description, or a fenced code block`. */
export function describeRequirement(req: object): string {
  return (REQUIREMENT_KINDS as readonly RequirementKind<unknown>[])
    .filter((k) => (req as Record<string, unknown>)[k.key] !== undefined)
    .map((k) => k.describe((req as Record<string, unknown>)[k.key]))
    .join(', or ');
}

export type { Outcome, RequirementKind, RequirementScope } from './types.js';

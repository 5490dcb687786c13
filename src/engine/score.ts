/**
 * The completeness score: 0–100 against the type's template, explainable item by item, computed from
 * the same Analysis the checks report from, and from the findings themselves:
 *
 * - **sections**: present earns 20% of a section's weight; the other 80% is earned by what it holds —
 *   the share of its requirements met (`(1 + met) / (1 + requirements)`) times its substance (what it
 *   holds against what the type expects, substance.ts);
 * - **whole-document requirements**, **metadata** and **no placeholders**;
 * - **no errors**: every error-level finding that no item above accounts for (a broken reference, code
 *   that does not parse) costs points, so a spec never shows 100 beside an error.
 *
 * Every loss is owed to a rule; a rule that is `off` costs nothing (the item is kept at full credit, so
 * turning a rule off never lowers a score). The value is 100 minus the breakdown's losses, rounded.
 */
import type { Analysis, SectionStatus } from './analyze.js';
import type { SpecType } from './ruleset.js';
import { describeSubstance } from './substance.js';
import type { Finding, Score, ScoreItem } from './types.js';

/** What a section's heading alone earns of its weight; the rest is earned by what it holds. */
const PRESENT = 0.2;
export const DETAIL_RULE = 'section-detail';

export interface ScoreOptions {
  /** Whether a rule is off: its losses are not counted. */
  off(rule: string): boolean;
  /** The file's findings, severities resolved: error-level ones no other item accounts for cost points. */
  findings: readonly Finding[];
}

/** Rule ids whose findings the items of a type's score account for (all other errors cost "no errors" points). */
export function scoredRules(type: SpecType): Set<string> {
  const ids = new Set(['required-section', 'empty-section', 'section-content', DETAIL_RULE, 'metadata', 'placeholder']);
  for (const s of type.sections) {
    if (s.missing) ids.add(s.missing.rule);
    if (s.detail) ids.add(s.detail.rule);
    for (const r of s.requires ?? []) ids.add(r.rule ?? 'section-content');
  }
  for (const r of type.rule.requires ?? []) ids.add(r.rule ?? 'section-content');
  return ids;
}

/** The rule a section's substance is owed to (its `detail:` rule, else section-detail). */
export function detailRule(s: SectionStatus): string {
  return s.rule.detail?.rule ?? DETAIL_RULE;
}

function sectionItem(s: SectionStatus, off: ScoreOptions['off']): ScoreItem | undefined {
  const w = s.rule.weightValue;
  if (w <= 0 || (!s.rule.required && !s.section)) return undefined;
  const item = `section "${s.rule.title}"`;
  if (!s.section) {
    const rule = s.rule.missing?.rule ?? 'required-section';
    return { item, max: w, lost: off(rule) ? 0 : w, reason: 'missing' };
  }
  if (!s.filled && !off('empty-section')) return { item, max: w, lost: w * (1 - PRESENT), reason: 'empty or only template text' };
  const reqs = s.requirements.filter((r) => !off(r.req.rule ?? 'section-content'));
  const unmet = reqs.filter((r) => !r.met);
  const met = (1 + reqs.reduce((a, r) => a + (r.met ? (r.strength ?? 1) : 0), 0)) / (1 + reqs.length);
  const substance = off(detailRule(s)) ? 1 : s.ratio;
  const reasons = unmet.map((r) => r.req.message + (r.detail ? ` (${r.detail})` : ''));
  if (substance < 1 && s.substance && s.expect) reasons.push(`lacks detail: ${describeSubstance(s.substance, s.expect)}`);
  return { item, max: w, lost: w * (1 - PRESENT) * (1 - met * substance), reason: reasons.join('; ') || undefined };
}

export function score(analysis: Analysis, type: SpecType, opts: ScoreOptions): Score {
  const { off } = opts;
  const raw: ScoreItem[] = [];
  for (const s of analysis.sections) {
    const item = sectionItem(s, off);
    if (item) raw.push(item);
  }
  for (const r of analysis.document) {
    const w = r.req.weight ?? 5;
    if (w <= 0) continue;
    const lost = off(r.req.rule ?? 'section-content') ? 0 : r.met ? w * (1 - (r.strength ?? 1)) : w;
    const reason = r.met ? 'only a small one' : (r.detail ?? 'missing');
    raw.push({ item: r.req.message.replace(/^(missing|no)\s+/i, ''), max: w, lost, reason: lost ? reason : undefined });
  }
  const metaWeight = type.rule.metadata.weight ?? 10;
  const counted = analysis.metadata.filter((m) => m.field.required || m.value !== undefined);
  if (metaWeight > 0 && counted.length) {
    const bad = off('metadata') ? [] : counted.filter((m) => m.problem);
    raw.push({
      item: 'metadata',
      max: metaWeight,
      lost: (metaWeight * bad.length) / counted.length,
      reason: bad.length ? bad.map((m) => `${m.field.name} ${m.problem}`).join(', ') : undefined,
    });
  }
  const phWeight = type.rule.placeholders?.weight ?? 10;
  if (phWeight > 0) {
    const per = type.rule.placeholders?.per_placeholder ?? 2;
    const n = off('placeholder') ? 0 : analysis.placeholders.length;
    raw.push({ item: 'no placeholders', max: phWeight, lost: Math.min(phWeight, n * per), reason: n ? `${n} unfilled placeholder${n === 1 ? '' : 's'}` : undefined });
  }
  const errWeight = type.rule.errors?.weight ?? 10;
  if (errWeight > 0) {
    const scored = scoredRules(type);
    const errors = opts.findings.filter((f) => f.severity === 'error' && !scored.has(f.rule));
    const per = type.rule.errors?.per_error ?? 5;
    const byRule = new Map<string, number>();
    for (const f of errors) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    raw.push({
      item: 'no errors',
      max: errWeight,
      lost: Math.min(errWeight, errors.length * per),
      reason: errors.length ? `${errors.length} error${errors.length === 1 ? '' : 's'} (${[...byRule].map(([r, n]) => `${r}${n > 1 ? ` ×${n}` : ''}`).join(', ')})` : undefined,
    });
  }
  const total = raw.reduce((a, i) => a + i.max, 0);
  if (total <= 0) return { value: 100, breakdown: [] };
  const scale = 100 / total;
  const breakdown = raw.map((i) => {
    const out: ScoreItem = { item: i.item, max: round1(i.max * scale), lost: round1(i.lost * scale) };
    if (i.reason && out.lost > 0) out.reason = i.reason;
    return out;
  });
  return { value: valueOf(breakdown), breakdown };
}

/** 100 minus the breakdown's losses, rounded to an integer and kept in 0..100: the breakdown adds up to the score. */
export function valueOf(breakdown: readonly ScoreItem[]): number {
  const lost = breakdown.reduce((a, i) => a + i.lost, 0);
  return Math.max(0, Math.min(100, Math.round(100 - lost)));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

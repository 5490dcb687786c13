/**
 * The completeness score: 0–100 against the type's template, explainable item by item. Sections
 * (present 30% of their weight, filled the rest, split with their requirements), whole-document
 * requirements, metadata and placeholders. Computed from the same Analysis the checks report from.
 */
import type { Analysis } from './analyze.js';
import type { SpecType } from './ruleset.js';
import type { Score, ScoreItem } from './types.js';

const PRESENT = 0.3;

export function score(analysis: Analysis, type: SpecType): Score {
  const raw: ScoreItem[] = [];
  for (const s of analysis.sections) {
    const w = s.rule.weightValue;
    if (w <= 0 || (!s.rule.required && !s.section)) continue;
    const item = `section "${s.rule.title}"`;
    if (!s.section) {
      raw.push({ item, max: w, lost: w, reason: 'missing' });
      continue;
    }
    if (!s.filled) {
      raw.push({ item, max: w, lost: w * (1 - PRESENT), reason: 'empty or only template text' });
      continue;
    }
    const reqs = s.requirements;
    const share = reqs.length ? (w * (1 - PRESENT)) / (reqs.length + 1) : 0;
    const unmet = reqs.filter((r) => !r.met);
    raw.push({
      item,
      max: w,
      lost: share * unmet.length,
      reason: unmet.length ? unmet.map((r) => r.req.message + (r.detail ? ` (${r.detail})` : '')).join('; ') : undefined,
    });
  }
  for (const r of analysis.document) {
    const w = r.req.weight ?? 5;
    if (w <= 0) continue;
    raw.push({ item: r.req.message.replace(/^(missing|no)\s+/i, ''), max: w, lost: r.met ? 0 : w, reason: r.met ? undefined : r.detail ?? 'missing' });
  }
  const metaWeight = type.rule.metadata.weight ?? 10;
  const counted = analysis.metadata.filter((m) => m.field.required || m.value !== undefined);
  if (metaWeight > 0 && counted.length) {
    const bad = counted.filter((m) => m.problem);
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
    const n = analysis.placeholders.length;
    raw.push({ item: 'no placeholders', max: phWeight, lost: Math.min(phWeight, n * per), reason: n ? `${n} unfilled placeholder${n === 1 ? '' : 's'}` : undefined });
  }
  const total = raw.reduce((a, i) => a + i.max, 0);
  if (total <= 0) return { value: 100, breakdown: [] };
  const scale = 100 / total;
  const breakdown = raw.map((i) => {
    const out: ScoreItem = { item: i.item, max: round1(i.max * scale), lost: round1(i.lost * scale) };
    if (i.reason && i.lost > 0) out.reason = i.reason;
    return out;
  });
  const lost = raw.reduce((a, i) => a + i.lost, 0) * scale;
  return { value: Math.max(0, Math.min(100, Math.round(100 - lost))), breakdown };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

import { detailRule } from '../score.js';
import { describeSubstance } from '../substance.js';
import type { Check } from './types.js';

/** Below this share of what the type expects, a section is reported as lacking detail (the score counts every share). */
export const DETAIL_THRESHOLD = 0.5;

/**
 * A present section holds much less than the type expects of a finished one (words, list items, table
 * rows, code, sub-sections; filler, `{}` examples and one-row tables earn nothing). The message is the
 * guide's own where the rule file gives one ("Step descriptions lack detail").
 */
export const sectionDetail: Check = {
  id: 'section-detail',
  description: 'Present sections hold about what the type expects of a finished one (words, list items, table rows, code blocks, sub-sections); filler, empty examples and one-row tables earn nothing.',
  severity: 'warning',
  typeRules: true,
  run({ analysis, report }) {
    for (const s of analysis.sections) {
      if (!s.section || !s.filled || !s.substance || !s.expect || s.ratio >= DETAIL_THRESHOLD) continue;
      const d = s.rule.detail;
      // An unmet requirement reported under the same rule already says what the section lacks.
      if (d && s.requirements.some((r) => !r.met && (r.req.rule ?? 'section-content') === d.rule)) continue;
      const head = d ? `${d.message}: section "${s.section.title}" holds` : `Section "${s.section.title}" lacks detail: it holds`;
      const hint = d?.hint ? ` ${d.hint}` : '';
      report({ rule: detailRule(s), message: `${head} ${describeSubstance(s.substance, s.expect)}.${hint}`, line: s.section.line, severity: d ? 'warning' : undefined });
    }
  },
};

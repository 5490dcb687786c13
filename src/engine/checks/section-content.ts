import type { RequirementResult } from '../analyze.js';
import type { Check, Report } from './types.js';

function toReport(r: RequirementResult, line: number): Report {
  const hint = r.req.hint ? ` ${r.req.hint}` : '';
  const detail = r.detail ? `: ${r.detail}` : '';
  return { rule: r.req.rule, message: `${r.req.message}${detail}.${hint}`.replace(/\.\./g, '.'), line, severity: r.req.severity === 'off' ? undefined : r.req.severity };
}

/** What the template says a section (or the whole document) must contain: tables, code, diagrams, steps... */
export const sectionContent: Check = {
  id: 'section-content',
  description: 'Sections contain what the type requires (tables with given columns, code blocks, diagrams, step details, sub-sections).',
  severity: 'warning',
  typeRules: true,
  run({ analysis, report }) {
    for (const s of analysis.sections) {
      if (!s.section || !s.filled) continue; // missing / empty sections are reported once, by their own checks
      for (const r of s.requirements) if (!r.met) report(toReport(r, r.line));
    }
    for (const r of analysis.document) if (!r.met) report(toReport(r, r.line));
  },
};

import type { Check } from './types.js';

/** A section the type's template marks `required` is missing. */
export const requiredSection: Check = {
  id: 'required-section',
  description: 'Every required section of the type\'s template is present.',
  severity: 'error',
  run({ analysis, doc, report }) {
    const line = doc.h1?.line ?? 1;
    for (const s of analysis.sections) {
      if (s.section || !s.rule.required) continue;
      if (s.rule.missing) {
        const hint = s.rule.missing.hint ? `: ${s.rule.missing.hint}` : '';
        report({ rule: s.rule.missing.rule, message: `${s.rule.missing.message}${hint}`, line, severity: 'error' });
      } else {
        report({ message: `Missing required section "${s.rule.title}".`, line });
      }
    }
  },
};

import type { Check } from './types.js';

/** A section is present but holds nothing beyond template text and placeholders. */
export const emptySection: Check = {
  id: 'empty-section',
  description: 'Present sections hold real content, not only template text or placeholders.',
  severity: 'error',
  run({ analysis, report }) {
    for (const s of analysis.sections) {
      if (!s.section || s.filled) continue;
      const min = s.rule.min_words ?? 1;
      const what = s.words === 0 ? 'is empty or only holds template text and placeholders' : `has ${s.words} words of content, expected at least ${min}`;
      report({ message: `Section "${s.section.title}" ${what}.`, line: s.section.line, endLine: s.section.endLine > s.section.line ? s.section.endLine : undefined });
    }
  },
};

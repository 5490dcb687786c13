import type { Check } from './types.js';

/** Template placeholders left unfilled. */
export const placeholder: Check = {
  id: 'placeholder',
  description: 'No unfilled template placeholders ([SYSTEM NAME], [Component 1], YYYY-MM-DD, TODO, TBD, {...}).',
  severity: 'warning',
  run({ analysis, report }) {
    for (const p of analysis.placeholders) {
      report({ message: `Unfilled placeholder ${p.token}: replace it with real content.`, line: p.line, column: p.column });
    }
  },
};

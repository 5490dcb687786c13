import type { Check } from './types.js';

/** Sections appear in the template's order. */
export const sectionOrder: Check = {
  id: 'section-order',
  description: 'Sections follow the order of the type\'s template.',
  severity: 'notice',
  run({ analysis, report }) {
    for (const { status, after } of analysis.outOfOrder) {
      report({ message: `Section "${status.section!.title}" should come after "${after.section!.title}", as in the template.`, line: status.section!.line });
    }
  },
};

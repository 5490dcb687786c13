import type { Check } from './types.js';

/** Template placeholders left unfilled. */
export const placeholder: Check = {
  id: 'placeholder',
  description: 'No unfilled template placeholders ([SYSTEM NAME], [Component 1], YYYY-MM-DD, TODO, TBD, {...}).',
  severity: 'warning',
  run({ analysis, report }) {
    // A metadata value that is a placeholder is reported once, by the metadata check.
    const metadataLines = new Set(analysis.metadata.filter((m) => m.problem === 'placeholder').map((m) => m.line));
    for (const p of analysis.placeholders) {
      if (metadataLines.has(p.line)) continue;
      report({ message: `Unfilled placeholder ${p.token}: replace it with real content.`, line: p.line, column: p.column });
    }
  },
};

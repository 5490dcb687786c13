import type { Check } from './types.js';

/** Metadata fields the type names (Title, Type, Version, Status, Actor, Scope...) are present and filled. */
export const metadata: Check = {
  id: 'metadata',
  description: 'Required metadata fields are present, filled and valid.',
  severity: 'warning',
  run({ analysis, doc, report }) {
    const top = doc.h1?.line ?? 1;
    for (const m of analysis.metadata) {
      if (!m.problem) continue;
      const name = m.field.name;
      const form = m.field.source === 'heading' ? 'a "# Title" heading' : `"**${name}**: value" under the title (or "${name.toLowerCase().replace(/ /g, '_')}:" in front matter, or a ${name} row in a metadata table)`;
      switch (m.problem) {
        case 'missing':
          report({ message: `Missing metadata "${name}": add ${form}.`, line: top });
          break;
        case 'empty':
          report({ message: `Metadata "${name}" is empty.`, line: m.line!, column: m.column });
          break;
        case 'placeholder':
          report({ message: `Metadata "${name}" is still a placeholder ("${m.value}").`, line: m.line!, column: m.column });
          break;
        case 'invalid':
          report({ message: `Metadata "${name}": ${m.detail}.`, line: m.line!, column: m.column });
          break;
      }
    }
  },
};

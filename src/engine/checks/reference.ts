import { idKey, lookups } from '../repo-index.js';
import type { Check } from './types.js';

/** Prefixes of specs the seeds refer to beyond the built-in types (design, API, data model, deployment, BRD). */
export const EXTERNAL_PREFIXES = ['DES', 'API', 'DATA', 'DEPLOY', 'BRD'];

/** Blank out inline code spans so references inside them are ignored, keeping columns. */
export function withoutInlineCode(line: string): string {
  return line.includes('`') ? line.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length)) : line;
}

/** Spec references like [CMP-001] resolve to a spec file in the repository. */
export const reference: Check = {
  id: 'reference',
  description: 'Spec references such as [CMP-001], [DES-001], [FLOW-001] point at a spec in the repository.',
  severity: 'error',
  run({ doc, types, index, report }) {
    if (!index) return;
    const prefixes = new Set([...EXTERNAL_PREFIXES, ...types.map((t) => t.idPrefix)]);
    const known = lookups(index).ids;
    const re = /\[([A-Z][A-Z0-9]*)-(\d{1,6})\](?!\()/g;
    for (let ln = 1; ln <= doc.lines.length; ln++) {
      if (doc.literalLines.has(ln) || doc.commentLines.has(ln)) continue;
      const line = doc.lines[ln - 1];
      if (!line.includes('-')) continue;
      for (const m of withoutInlineCode(line).matchAll(re)) {
        if (!prefixes.has(m[1])) continue;
        if (known.has(idKey(m[1], m[2]))) continue;
        report({
          message: `Reference ${m[0]} does not match any spec in the repository (expected a file named ${m[1].toLowerCase()}-${m[2]}-<slug>.md).`,
          line: ln,
          column: (m.index ?? 0) + 1,
        });
      }
    }
  },
};

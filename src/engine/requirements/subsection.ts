import { subheadingMatches } from '../headings.js';
import { plainText, walk } from '../parse.js';
import type { RequirementKind } from './types.js';

export interface SubsectionOption {
  title: string;
  aliases?: string[];
}

/**
 * A sub-heading with the title or an alias (`Phase 2: Export` for "Phase", `Kubernetes Health Checks`
 * for "Health Checks"), or a paragraph or list item led by it in bold (`**Rollback:** ...`).
 */
export const subsection: RequirementKind<SubsectionOption, 'subsection'> = {
  key: 'subsection',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title'],
    properties: { title: { type: 'string', minLength: 1 }, aliases: { type: 'array', items: { type: 'string', minLength: 1 } } },
    description: 'A sub-heading with this title (or an alias), or a paragraph or list item led by it in bold.',
  },
  describe: (o) => `a sub-heading "${o.title}"${o.aliases?.length ? ` (or ${o.aliases.map((a) => `"${a}"`).join(', ')})` : ''}`,
  evaluate(o, scope) {
    const wanted = [o.title, ...(o.aliases ?? [])];
    if (scope.subsections.some((s) => subheadingMatches(s.title, wanted))) return { met: true };
    let found = false;
    walk(scope.nodes, (n) => {
      if (found || n.type !== 'paragraph') return;
      const first = n.children[0];
      if (first && first.type === 'strong' && subheadingMatches(plainText(first), wanted)) found = true;
    });
    return found ? { met: true } : { met: false, detail: `no "${o.title}" subsection` };
  },
};

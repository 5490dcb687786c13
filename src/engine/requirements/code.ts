import { codeWeight } from '../substance.js';
import type { RequirementKind } from './types.js';

export interface CodeOption {
  languages?: string[];
  min?: number;
}

/** Fenced code blocks of the author's own (not template text, not `{}`, not broken), in given languages. */
export const code: RequirementKind<CodeOption, 'code'> = {
  key: 'code',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { languages: { type: 'array', items: { type: 'string', minLength: 1 } }, min: { type: 'integer', minimum: 1 } },
    description: 'A fenced code block in one of these languages (`none` = no language given).',
  },
  describe(o) {
    const many = o.min && o.min > 1;
    return `${many ? `${o.min} ` : 'a '}fenced code block${many ? 's' : ''}${o.languages ? ` (${o.languages.join(', ')})` : ''}`;
  },
  evaluate(o, scope) {
    const langs = o.languages?.map((l) => l.toLowerCase());
    const blocks = scope.code().filter((c) => c.fenced && (!langs || langs.includes(c.lang ?? 'none')));
    const min = o.min ?? 1;
    if (blocks.length < min) return { met: false, detail: `no ${langs ? `${langs.join('/')} ` : ''}code block${min > 1 ? `s (${blocks.length} of ${min})` : ''}` };
    // A one-line stub meets it a little; a real example (five lines or more) fully.
    const weights = blocks.map(codeWeight).sort((a, b) => b - a);
    return { met: true, strength: Math.min(1, weights.slice(0, min).reduce((a, w) => a + w, 0) / min) };
  },
};

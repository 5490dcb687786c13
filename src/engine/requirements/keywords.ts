import type { RequirementKind } from './types.js';

const cache = new Map<string, RegExp>();

/** A keyword matches whole words; a trailing `*` makes it a stem (`recover*` → recover, recovery, recovered). */
export function keywordPattern(k: string): RegExp {
  let re = cache.get(k);
  if (!re) {
    const stem = k.endsWith('*');
    const body = (stem ? k.slice(0, -1) : k).toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s-]+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${body}${stem ? '' : '(?![\\p{L}\\p{N}])'}`, 'u');
    cache.set(k, re);
  }
  return re;
}

/** One of these words or phrases in the scope's own text (whole words, case-insensitive; `word*` is a stem). */
export const keywords: RequirementKind<string[], 'keywords'> = {
  key: 'keywords',
  schema: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'One of these words appears in the text (whole word, case-insensitive; a trailing * matches any ending).' },
  describe: (o) => `a mention of ${o.map((k) => `"${k}"`).join(', ')}`,
  evaluate(o, scope) {
    const text = scope.text();
    return o.some((k) => keywordPattern(k).test(text)) ? { met: true } : { met: false, detail: `nothing about ${o.slice(0, 4).map((k) => k.replace(/\*$/, '')).join(', ')}` };
  },
};

import type { RequirementKind } from './types.js';

/** At least so many words of the author's own (template text, placeholders and filler excluded). */
export const minWords: RequirementKind<number, 'min_words'> = {
  key: 'min_words',
  schema: { type: 'integer', minimum: 1, description: 'The section has at least this many words of its own (template text, placeholders and filler excluded).' },
  describe: (o) => `at least ${o} words`,
  evaluate: (o, scope) => (scope.words >= o ? { met: true } : { met: false, detail: `${scope.words} words, expected at least ${o}` }),
};

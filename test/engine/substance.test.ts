/**
 * countWords and ownText run on every line of every document, so they are written for speed. These
 * differential tests hold them to the plain versions they replaced (kept here as the reference) on
 * words, filler, numbers, punctuation, bold labels, placeholders and random Unicode text.
 */
import fc from 'fast-check';
import { countWords, ownText } from '../../src/engine/substance.js';
import type { Placeholder } from '../../src/engine/placeholders.js';

const FILLER = new Set(['stuff', 'things', 'thing', 'some', 'etc', 'etc.', 'various', 'misc', 'miscellaneous', 'whatever', 'something', 'somehow', 'needed', 'appropriate', 'necessary', 'relevant', 'stuffs', 'lorem', 'ipsum', 'dolor', 'foo', 'bar', 'baz', 'blah', 'xyz']);

function referenceCountWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}_'’.-]*/gu);
  if (!m) return 0;
  let n = 0;
  for (const raw of m) {
    const w = raw.toLowerCase().replace(/[.'’-]+$/, '');
    if (!w || FILLER.has(w)) continue;
    if (!/\p{L}/u.test(w) && w.length < 2) continue;
    n++;
  }
  return n;
}

function referenceOwnText(line: string, placeholders: readonly Placeholder[]): string {
  let s = line;
  for (const p of placeholders) s = s.split(p.token).join(' ');
  return s.replace(/\*\*[^*]{1,60}\*\*\s*:?/g, ' ').replace(/__[^_]{1,60}__\s*:?/g, ' ');
}

const pieces = fc.constantFrom(
  'stuff', 'Stuff', 'STUFF.', 'things', 'etc.', 'etc', 'Etc...', 'miscellaneous', 'Miscellaneous.', 'miscellaneouss', 'some', "some'", 'some’', 'some-',
  'a', 'A', '1', '7.', '42', '3.5', 'v2', 'x', 'I', 'é', 'É', '½', '٣', 'İ', 'K', 'Σ', 'ΑΣ.', '𐐀', '日本', 'don’t', "it's", 'well-known', 'end-', 'x.y.z',
  'Deploy', 'the', 'service', 'FOO', 'bar', 'lorem', 'ipsum', ' ', '  ', '\t', '.', ',', '-', '—', '**', '__', ':', '[TBD]', '`code`', '|', '#',
);
const text = fc.oneof(fc.array(pieces, { maxLength: 20 }).map((p) => p.join(' ')), fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }));

describe('countWords', () => {
  it('counts as the reference does', () => {
    fc.assert(fc.property(text, (t) => countWords(t) === referenceCountWords(t)), { numRuns: 5000 });
  });

  it('counts content words, not filler or bare digits', () => {
    expect(countWords('Handle stuff, do things etc.')).toBe(2);
    expect(countWords('Retries 3 times, then 10 more')).toBe(5);
    expect(countWords('Miscellaneous miscellaneousness')).toBe(1);
  });
});

describe('ownText', () => {
  const label = fc.constantFrom('**Actor**:', '**Actor:**', '__Input__', '**', '__', '**a**', '**' + 'x'.repeat(61) + '**', '* not bold *');
  const line = fc.array(fc.oneof(label, pieces), { maxLength: 10 }).map((p) => p.join(' '));
  const placeholders = fc.array(fc.constantFrom('[TBD]', 'TODO', '[Component Name]', '**'), { maxLength: 3 }).map((ts) => ts.map((token, i) => ({ token, line: 1, column: i + 1 })));

  it('removes what the reference removes', () => {
    fc.assert(fc.property(line, placeholders, (l, ph) => ownText(l, ph) === referenceOwnText(l, ph)), { numRuns: 3000 });
  });
});

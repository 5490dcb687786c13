import picomatch from 'picomatch';
import { compileGlob, GlobError } from '../../src/engine/glob.js';

// The RE2 globs must mean what users expect from picomatch (with dot: true) on the patterns they write.
const paths = [
  'a.md', 'docs/a.md', 'docs/specs/component/cmp-001-x.md', 'docs/specs/README.md', 'design/x/y/z.md',
  'design/.hidden/a.md', 'docs/specs/archive/old.md', 'x.txt', 'docs/a.markdown', 'src/a.b.md', 'docs/specs/flow/flw-001-a.md',
];
const globs = [
  '**/*.md', 'docs/**', 'docs/**/*.md', 'docs/*.md', 'design/**/*.md', '**/README.md', 'docs/specs/archive/**',
  '*.md', 'docs/specs/{component,flow}/*.md', 'docs/specs/*/[cf]*.md', 'src/?.b.md', 'docs/a.{md,markdown}',
  '**', 'docs/**/flw-*.md', './docs/*.md',
];

test.each(globs)('%s matches the same paths as picomatch', (glob) => {
  const ours = compileGlob(glob);
  const theirs = picomatch(glob.replace(/^\.\//, ''), { dot: true });
  for (const p of paths) expect([p, ours(p)]).toEqual([p, theirs(p)]);
});

test.each([
  ['+(a|b)', /extglob/],
  ['!(x).md', /extglob/],
  ['{a,{b,c}}', /nested braces/],
  ['{a,b', /not closed/],
  ['a}', /without/],
  ['docs\\', /lone/],
  ['[a/b].md', /character class/],
  ['x'.repeat(257), /longer than 256/],
])('refuses %s', (glob, message) => {
  expect(() => compileGlob(glob)).toThrow(GlobError);
  expect(() => compileGlob(glob)).toThrow(message);
});

test('a negated class excludes its characters (POSIX [!c])', () => {
  const m = compileGlob('docs/specs/*/[!c]*.md');
  expect(m('docs/specs/component/cmp-001-x.md')).toBe(false);
  expect(m('docs/specs/flow/flw-001-a.md')).toBe(true);
});

test('escapes and regex metacharacters are literal', () => {
  expect(compileGlob('docs/a+b(1).md')('docs/a+b(1).md')).toBe(true);
  expect(compileGlob('docs/a+b(1).md')('docs/aab1.md')).toBe(false);
  expect(compileGlob('docs/\\*.md')('docs/*.md')).toBe(true);
  expect(compileGlob('docs/\\*.md')('docs/x.md')).toBe(false);
});

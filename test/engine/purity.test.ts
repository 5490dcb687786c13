/**
 * The engine and the renderers are pure (STYLE.md, "Pure core, thin shells"): no Node built-in module,
 * no environment, no clock, no randomness. A clock is always handed in (staleness, the report's date).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './helpers.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const IMPURE: [RegExp, string][] = [
  [/from\s+['"](?:node:)?(?:fs|path|os|child_process|worker_threads|http|https|net|process|url)(?:\/[a-z]+)?['"]/, 'imports a Node built-in module'],
  [/\bprocess\./, 'reads the process'],
  [/\bDate\.now\(/, 'reads the clock'],
  [/\bnew Date\(\)/, 'reads the clock'],
  [/\bMath\.random\(/, 'is random'],
];

test('src/engine and src/report import no Node module and read no clock, environment or randomness', () => {
  const files = [...sources(join(ROOT, 'src/engine')), ...sources(join(ROOT, 'src/report'))];
  expect(files.length).toBeGreaterThan(50);
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[^]*?\*\/|\/\/.*$/gm, '');
    for (const [re, what] of IMPURE) if (re.test(text)) problems.push(`${relative(ROOT, file)} ${what}`);
  }
  expect(problems).toEqual([]);
});

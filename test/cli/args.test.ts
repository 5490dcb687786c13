import { parseCommandLine } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/io.js';

describe('parseCommandLine', () => {
  test('defaults', () => {
    expect(parseCommandLine(['validate'])).toMatchObject({ command: 'validate', positionals: [], format: 'text', quiet: false, dryRun: false, help: false });
  });
  test('options and positionals', () => {
    const a = parseCommandLine(['completeness', 'docs', '-f', 'json', '--min-score', '80', '--fail-on', 'warning', '--no-color', '-q', '--type', 'flow', '--jobs', '3']);
    expect(a).toMatchObject({ command: 'completeness', positionals: ['docs'], format: 'json', minScore: 80, failOn: 'warning', color: false, quiet: true, type: 'flow', jobs: 3 });
    expect(parseCommandLine(['scaffold', 'component', 'x', '--title', 'A B', '--dry-run'])).toMatchObject({ positionals: ['component', 'x'], title: 'A B', dryRun: true });
    expect(parseCommandLine(['validate', '--color']).color).toBe(true);
    expect(parseCommandLine(['validate']).color).toBeUndefined();
  });
  test.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['validate', '--bogus'], /Unknown option '--bogus'/],
    [['validate', '--format', 'xml'], /Invalid value "xml" for --format: expected text, json, sarif, github/],
    [['validate', '--min-score', '101'], /--min-score: expected a whole number from 0 to 100/],
    [['validate', '--min-score', '7.5'], /--min-score/],
    [['validate', '--fail-on', 'fatal'], /--fail-on: expected error, warning, notice, never/],
    [['scaffold', 'component', 'x', '--format', 'sarif'], /"scaffold" does not support --format sarif/],
    [['types', '--format', 'github'], /"types" does not support --format github/],
    [['validate', '--title', 'x'], /--title does not apply to "validate"/],
    [['scaffold', 'a', 'b', '--min-score', '3'], /--min-score does not apply to "scaffold"/],
    [['validate', '--color', '--no-color'], /either --color or --no-color/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

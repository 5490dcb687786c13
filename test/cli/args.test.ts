import { didYouMean, parseCommandLine } from '../../src/cli/args.js';
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
    [['validate', '--bogus'], /^Unknown option --bogus\. Run "spec-review validate --help" for the options\.$/],
    [['validate', '--colour'], /^Unknown option --colour\. Did you mean --color\?$/],
    [['validate', '--form', 'json'], /^Unknown option --form\. Did you mean --format\?$/],
    [['validate', '--no-colour'], /^Unknown option --no-colour\. Did you mean --no-color\?$/],
    [['validate', '-x'], /^Unknown option -x\. Run "spec-review validate --help" for the options\.$/],
    [['--verison'], /^Unknown option --verison\. Did you mean --version\?$/],
    [['valdate'], /^Unknown command "valdate": expected one of validate, completeness, scaffold, types\. Did you mean "validate"\?$/],
    [['validate', '--format'], /^Option --format needs a value: --format text\|json\|sarif\|github\.$/],
    [['validate', '--format', '--quiet'], /^Option --format needs a value/],
    [['validate', '--quiet=yes'], /^Option --quiet takes no value \(got "yes"\)\.$/],
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

describe('didYouMean', () => {
  test('a unique prefix, else a close spelling, else nothing', () => {
    expect(didYouMean('for', ['format', 'fail-on'])).toBe('format');
    expect(didYouMean('f', ['format', 'fail-on'])).toBeUndefined();
    expect(didYouMean('qiuet', ['quiet', 'type'])).toBe('quiet');
    expect(didYouMean('frobnicate', ['quiet', 'type'])).toBeUndefined();
  });
});

import { formatSarif, pathToUri, describeRuleId, toSarif } from '../../src/report/sarif.js';
import { cleanReport, sampleReport } from './cli-report-fixtures.js';
import { sarifValidator } from './sarif-schema.js';

describe('sarif', () => {
  const validate = sarifValidator();

  test('validator rejects an invalid log (the check can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    // a nested error deep in a result (level `notice` is not a SARIF level) is caught too
    const log = JSON.parse(formatSarif(sampleReport()));
    log.runs[0].results[0].level = 'notice';
    expect(validate(log)).toBe(false);
  });

  test('report is schema-valid SARIF 2.1.0', () => {
    const log = JSON.parse(formatSarif(sampleReport(), { toolVersion: '0.1.0' }));
    const ok = validate(log);
    if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
    expect(JSON.parse(formatSarif(cleanReport()))).toMatchObject({ version: '2.1.0', runs: [{ results: [] }] });
    expect(validate(JSON.parse(formatSarif(cleanReport())))).toBe(true);
  });

  test('what GitHub code scanning reads', () => {
    const log = toSarif(sampleReport(), { toolVersion: '0.1.0', ruleDescriptions: { placeholder: 'Unfilled template placeholder' } });
    const run = log.runs[0];
    const driver = run.tool.driver as { name: string; version: string; rules: { id: string; shortDescription: { text: string } }[] };
    expect(driver.name).toBe('spec-review');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((r) => r.id)).toEqual(['required-section', 'placeholder', 'reference', 'code-json', 'unknown-type']);
    expect(driver.rules[1].shortDescription.text).toBe('Unfilled template placeholder');
    expect(driver.rules[0].shortDescription.text).toBe('Required section');
    expect(run.results).toHaveLength(5);
    expect(run.results[3]).toEqual({
      ruleId: 'code-json',
      ruleIndex: 3,
      level: 'error',
      message: { text: 'Invalid JSON: Unexpected token } at 3:1, expected "," or "]".' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'docs/specs/component/cmp-001-payment-service.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 40, endLine: 42, startColumn: 1 },
          },
        },
      ],
    });
    const levels = (run.results as { level: string }[]).map((r) => r.level);
    expect(levels).toEqual(['error', 'warning', 'note', 'error', 'warning']);
  });

  test('helpers', () => {
    expect(pathToUri('docs/specs/notes, draft #1.md')).toBe('docs/specs/notes%2C%20draft%20%231.md');
    expect(describeRuleId('component/interfaces')).toBe('Component: interfaces');
    expect(describeRuleId('relative-link')).toBe('Relative link');
  });
});

import type { ReviewReport } from '../../src/engine/types.js';

/** A hand-built report covering: several severities, optional endLine/column, an untyped file, a clean
 * file, characters that need escaping in workflow commands and URIs. */
export function sampleReport(): ReviewReport {
  return {
    files: [
      {
        path: 'docs/specs/component/cmp-001-payment-service.md',
        type: 'component',
        score: 62,
        id: 'CMP-001',
        title: 'Payment Service',
        breakdown: [
          { item: 'section "Interfaces"', max: 20, lost: 20, reason: 'missing' },
          { item: 'metadata "Version"', max: 5, lost: 5, reason: 'still a placeholder' },
          { item: 'placeholders', max: 10, lost: 3, reason: '3 unfilled placeholders' },
          { item: 'section "Overview"', max: 15, lost: 0 },
        ],
        findings: [
          { rule: 'placeholder', severity: 'warning', message: 'Unfilled placeholder "[SYSTEM NAME]".', line: 14, column: 9 },
          { rule: 'required-section', severity: 'error', message: 'Missing required section "Interfaces".', line: 1 },
          { rule: 'code-json', severity: 'error', message: 'Invalid JSON: Unexpected token } at 3:1, expected "," or\n"]".', line: 40, endLine: 42, column: 1 },
          { rule: 'reference', severity: 'notice', message: 'Reference [DES-001] does not resolve to a spec (100% sure: a, b).', line: 22, column: 5 },
        ],
      },
      {
        path: 'docs/specs/flow/flw-002-checkout.md',
        type: 'flow',
        score: 100,
        breakdown: [{ item: 'section "Purpose"', max: 100, lost: 0 }],
        findings: [],
      },
      {
        path: 'docs/specs/notes, draft.md',
        type: null,
        score: null,
        findings: [{ rule: 'unknown-type', severity: 'warning', message: 'No spec type matches this file.', line: 1 }],
      },
    ],
    summary: { files: 3, errors: 2, warnings: 2, notices: 1 },
  };
}

export function cleanReport(): ReviewReport {
  return {
    files: [{ path: 'docs/specs/flow/flw-002-checkout.md', type: 'flow', score: 100, findings: [] }],
    summary: { files: 1, errors: 0, warnings: 0, notices: 0 },
  };
}

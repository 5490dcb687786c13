import { parseAllDocuments } from 'yaml';
import { placeInBlock } from '../parse.js';
import type { Check } from './types.js';

/** ```yaml blocks parse as YAML; the finding points at the offending line inside the block. */
export const codeYaml: Check = {
  id: 'code-yaml',
  description: 'YAML code blocks are valid YAML.',
  severity: 'error',
  phase: 'code',
  run({ doc, report }) {
    for (const c of doc.codeBlocks) {
      if (c.lang !== 'yaml' && c.lang !== 'yml') continue;
      if (!c.value.trim()) {
        report({ message: 'Empty YAML code block.', line: c.line });
        continue;
      }
      const docs = parseAllDocuments(c.value);
      const list = Array.isArray(docs) ? docs : [docs];
      const err = list.flatMap((d) => d.errors)[0];
      if (!err) continue;
      const lp = err.linePos?.[0] ?? { line: 1, col: 1 };
      const reason = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      report({ message: `Invalid YAML in code block: ${reason} (line ${lp.line} of the block).`, ...placeInBlock(doc, c, lp.line, lp.col) });
    }
  },
};

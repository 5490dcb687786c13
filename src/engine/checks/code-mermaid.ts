import { checkMermaid } from '../mermaid.js';
import { placeInBlock } from '../parse.js';
import type { Check } from './types.js';

/** ```mermaid blocks parse (GitHub shows "Unable to render rich display" otherwise). */
export const codeMermaid: Check = {
  id: 'code-mermaid',
  description: 'Mermaid code blocks are valid diagrams (flowchart/graph, sequenceDiagram and more).',
  severity: 'error',
  phase: 'code',
  async run({ doc, report, mermaid }) {
    for (const c of doc.codeBlocks) {
      if (c.lang !== 'mermaid') continue;
      const problems = await checkMermaid(c.value, mermaid);
      for (const p of problems.slice(0, 5)) {
        report({ message: p.message, ...placeInBlock(doc, c, p.line, p.column) });
      }
    }
  },
};

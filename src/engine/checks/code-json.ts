import type { Check } from './types.js';

/** Offset → 1-based line/column within a text. */
export function positionIn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** ```json blocks parse as JSON; the finding points at the offending line inside the block. */
export const codeJson: Check = {
  id: 'code-json',
  description: 'JSON code blocks are valid JSON.',
  severity: 'error',
  run({ doc, report }) {
    for (const c of doc.codeBlocks) {
      if (c.lang !== 'json') continue;
      if (!c.value.trim()) {
        report({ message: 'Empty JSON code block.', line: c.line });
        continue;
      }
      try {
        JSON.parse(c.value);
      } catch (e) {
        const msg = String((e as Error).message);
        const at = /position (\d+)/.exec(msg);
        const lc = /line (\d+) column (\d+)/.exec(msg);
        let pos = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : at ? positionIn(c.value, Number(at[1])) : { line: c.value.split('\n').length, column: 1 };
        if (!at && !lc) pos = { line: c.value.trimEnd().split('\n').length, column: 1 };
        const reason = msg.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
        report({ message: `Invalid JSON in code block: ${reason} (line ${pos.line} of the block).`, line: c.contentLine + pos.line - 1, column: pos.column });
      }
    }
  },
};

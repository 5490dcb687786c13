/**
 * Shapes of Markdown that make the parser slow (super-linear) or overflow its stack: extremely long
 * lines, huge paragraphs and very deep nesting outside code blocks. No real spec has them; a file that
 * does is reported (rule `parse-limit`) instead of parsed, so the time per file stays bounded.
 * One linear pass over the lines.
 */

export const LIMITS = {
  /** Characters in one line outside fenced code. */
  lineLength: 20_000,
  /** Characters in one run of non-blank lines (a paragraph) outside fenced code and tables. */
  paragraph: 100_000,
  /** Nesting depth of block quotes and lists. */
  depth: 100,
};

export interface LimitProblem {
  line: number;
  message: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function nestingDepth(line: string): number {
  let depth = 0;
  let i = 0;
  let indent = 0;
  while (i < line.length && i < 4000) {
    const c = line[i];
    if (c === '>') {
      depth++;
      i++;
    } else if (c === ' ' || c === '\t') {
      // Leading indentation nests list items (about two columns a level); spaces after a marker do not.
      if (depth === 0) indent += c === '\t' ? 4 : 1;
      i++;
    } else if ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === undefined)) {
      depth++;
      i += 2;
    } else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < line.length && j - i < 9 && line[j] >= '0' && line[j] <= '9') j++;
      if ((line[j] === '.' || line[j] === ')') && (line[j + 1] === ' ' || line[j + 1] === undefined)) {
        depth++;
        i = j + 2;
      } else break;
    } else break;
  }
  return depth + Math.floor(indent / 2);
}

/** The first limit the text exceeds, or undefined. */
export function checkLimits(text: string): LimitProblem | undefined {
  const lines = text.split('\n');
  let fence: string | undefined;
  let run = 0;
  let runStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      run = 0;
      continue;
    }
    if (line.length > LIMITS.lineLength) {
      return { line: i + 1, message: `Line ${i + 1} is ${line.length.toLocaleString('en')} characters long; lines over ${LIMITS.lineLength.toLocaleString('en')} characters outside code blocks make Markdown parsing too slow, so the file was not reviewed. Break the line up.` };
    }
    if (line.trim() === '' || line.trimStart().startsWith('|')) {
      run = 0;
      continue;
    }
    if (run === 0) runStart = i + 1;
    run += line.length + 1;
    if (run > LIMITS.paragraph) {
      return { line: runStart, message: `The paragraph starting at line ${runStart} is over ${LIMITS.paragraph.toLocaleString('en')} characters without a blank line; the file was not reviewed. Split it into paragraphs.` };
    }
    const depth = nestingDepth(line);
    if (depth > LIMITS.depth) {
      return { line: i + 1, message: `Line ${i + 1} is nested ${depth} levels deep (quotes and lists); over ${LIMITS.depth} levels the file is not reviewed. Flatten the nesting.` };
    }
  }
  return undefined;
}

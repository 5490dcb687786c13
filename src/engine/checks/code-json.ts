import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { placeInBlock } from '../parse.js';
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

const PHRASES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'a number is malformed',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected after the property name',
  CommaExpected: 'a comma is expected between the items',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'there is more after the end of the JSON value (one } or ] too many?)',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a \\u escape is malformed',
  InvalidEscapeCharacter: 'a \\ escape is malformed',
  InvalidCharacter: 'a control character (a tab or newline?) is inside a string',
};

interface Explained {
  offset: number;
  message: string;
  /** The message already names the line. */
  placed?: boolean;
}

/**
 * Why a block that JSON.parse refused is not JSON, said the way a reviewer would: where, and how to fix
 * it (a trailing comma, `...` standing for elided content, comments, single quotes).
 */
export function explainJson(text: string): Explained {
  const errors: ParseError[] = [];
  parseLenient(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return { offset: Math.max(0, text.trimEnd().length - 1), message: 'it is not valid JSON' };
  const at = first.offset;
  const code = printParseErrorCode(first.error);
  const before = text.slice(0, at).replace(/\s+$/, '');
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && before.endsWith(',') && /^[\]}]/.test(text.slice(at))) {
    const comma = before.length - 1;
    return { offset: comma, message: `remove the trailing comma after line ${positionIn(text, comma).line} of the block (JSON allows no comma before "${text[at]}")`, placed: true };
  }
  if (code === 'InvalidSymbol' && /^(\.\.\.|…)/.test(text.slice(at))) {
    return { offset: at, message: '"..." stands for elided content, which JSON cannot hold: show the whole example, or mark a partial one ```jsonc or ```text' };
  }
  if (code === 'InvalidCommentToken') return { offset: at, message: 'JSON has no comments: remove them, or mark the block ```jsonc' };
  if (code === 'InvalidSymbol' && text[at] === "'") return { offset: at, message: 'JSON strings and names take double quotes, not single quotes' };
  const token = /^[^\s,:{}[\]]{1,24}/.exec(text.slice(at))?.[0];
  if (code === 'InvalidSymbol' && token && /^[\p{L}_]/u.test(token)) return { offset: at, message: `"${token}" is not quoted: JSON strings take double quotes` };
  return { offset: at, message: `${PHRASES[code] ?? code}${token ? ` at "${token}"` : ''}` };
}

/** ```json blocks parse as JSON; the finding points at the offending line inside the block and says how to fix it. */
export const codeJson: Check = {
  id: 'code-json',
  description: 'JSON code blocks are valid JSON (a partial example with "..." or comments belongs in a jsonc or text block).',
  severity: 'error',
  phase: 'code',
  run({ doc, report }) {
    for (const c of doc.codeBlocks) {
      if (c.lang !== 'json') continue;
      if (!c.value.trim()) {
        report({ message: 'Empty JSON code block.', line: c.line });
        continue;
      }
      try {
        JSON.parse(c.value);
      } catch {
        const { offset, message, placed } = explainJson(c.value);
        const pos = positionIn(c.value, offset);
        report({ message: `Invalid JSON in code block: ${message}${placed ? '' : ` (line ${pos.line} of the block)`}.`, ...placeInBlock(doc, c, pos.line, pos.column) });
      }
    }
  },
};

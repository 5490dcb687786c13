/**
 * Turns the raw bytes of a file into text the parser can trust, or says why it cannot.
 * Handles binary files, invalid UTF-8, a byte-order mark, CRLF/CR line endings, empty and oversize files.
 */
import type { Finding } from './types.js';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export interface Decoded {
  /** Normalised text (LF line endings, no BOM); null when the file cannot be reviewed as Markdown. */
  text: string | null;
  /** Findings about the encoding itself (rule `file-encoding`), severity filled in later by the engine. */
  problems: Omit<Finding, 'severity'>[];
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8');

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Line and column (1-based, in characters as an editor counts them) of a byte offset. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: [...lenient.decode(bytes.subarray(lineStart, offset))].length + 1 };
}

/** Offset of the first byte that breaks UTF-8, or -1. Linear scan. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decode a file. `size` is the file's real size when the caller read only a prefix of a large file.
 */
export function decode(content: string | Uint8Array, maxSize = DEFAULT_MAX_FILE_SIZE, size?: number): Decoded {
  const problems: Decoded['problems'] = [];
  const rule = 'file-encoding';
  let text: string;
  if (typeof content === 'string') {
    const realSize = size ?? Buffer.byteLength(content, 'utf8');
    if (realSize > maxSize) {
      problems.push({ rule, line: 1, message: `File is ${sizeLabel(realSize)}, over the ${sizeLabel(maxSize)} limit for a spec (max_file_size); it was not reviewed.` });
      return { text: null, problems };
    }
    text = content;
  } else {
    const realSize = size ?? content.byteLength;
    if (realSize > maxSize) {
      problems.push({ rule, line: 1, message: `File is ${sizeLabel(realSize)}, over the ${sizeLabel(maxSize)} limit for a spec (max_file_size); it was not reviewed.` });
      return { text: null, problems };
    }
    const probe = content.subarray(0, 8000);
    const nul = probe.indexOf(0);
    if (nul !== -1) {
      problems.push({ rule, line: 1, message: 'Binary file (it contains NUL bytes): a spec must be a Markdown text file.' });
      return { text: null, problems };
    }
    try {
      text = decoder.decode(content);
    } catch {
      const at = firstInvalidUtf8(content);
      const pos = bytePosition(content, Math.max(0, at));
      problems.push({ rule, line: pos.line, column: pos.column, message: `File is not valid UTF-8 (invalid byte at line ${pos.line}, column ${pos.column}); save it as UTF-8.` });
      return { text: null, problems };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    problems.push({ rule: 'file-bom', line: 1, message: 'File starts with a UTF-8 byte order mark; it was ignored, but remove it for consistent tooling.' });
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    problems.push({ rule, line: 1, message: 'File is empty: a spec needs at least a title and its required sections.' });
    return { text: null, problems };
  }
  if (text.includes('\0')) {
    problems.push({ rule, line: 1, message: 'Binary file (it contains NUL bytes): a spec must be a Markdown text file.' });
    return { text: null, problems };
  }
  return { text, problems };
}

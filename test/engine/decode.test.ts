/**
 * decode(): raw bytes or text → text the parser can trust, or a file-encoding finding saying why not.
 */
import { decode, DEFAULT_MAX_FILE_SIZE } from '../../src/engine/decode.js';
import { engine } from './helpers.js';

const bytes = (...parts: (string | number[])[]) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)));
  return new Uint8Array(Buffer.concat(chunks));
};

describe('BOM', () => {
  test('text input: stripped, with a file-bom notice on line 1', () => {
    const d = decode('\uFEFF# Title\n');
    expect(d.text).toBe('# Title\n');
    expect(d.problems).toEqual([{ rule: 'file-bom', line: 1, message: expect.stringContaining('byte order mark') }]);
  });

  test('byte input: stripped', () => {
    expect(decode(bytes([0xef, 0xbb, 0xbf], '# Title\n')).text).toBe('# Title\n');
  });
  test('byte input: a file-bom notice too', () => {
    expect(decode(bytes([0xef, 0xbb, 0xbf], '# Title\n')).problems).toEqual([{ rule: 'file-bom', line: 1, message: expect.stringContaining('byte order mark') }]);
  });

  test('a BOM-only file is empty', () => {
    const d = decode('\uFEFF');
    expect(d.text).toBeNull();
    expect(d.problems.map((p) => p.rule)).toEqual(['file-bom', 'file-encoding']);
  });
});

describe('line endings', () => {
  test.each([
    ['CRLF', 'a\r\nb\r\nc\r\n', 'a\nb\nc\n'],
    ['lone CR', 'a\rb\rc', 'a\nb\nc'],
    ['mixed', 'a\r\nb\rc\nd', 'a\nb\nc\nd'],
    ['CRLF as bytes', bytes('a\r\nb\r\n'), 'a\nb\n'],
  ])('%s is normalised to LF', (_name, input, text) => {
    const d = decode(input);
    expect(d.text).toBe(text);
    expect(d.problems).toEqual([]);
  });

  test('findings keep their line numbers in a CRLF file', async () => {
    const lf = '# Billing Service\n\n**Status**: Draft\n\n## Purpose\n\nCapacity is TBD.\n\n```json\n{ "a": 1, }\n```\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const e = engine();
    const path = 'docs/specs/component/cmp-001-billing.md';
    const a = await e.review({ path, content: bytes(lf) });
    const b = await e.review({ path, content: bytes(crlf) });
    expect(b.findings).toEqual(a.findings);
    expect(b.findings.find((f) => f.rule === 'placeholder')).toMatchObject({ line: 7, column: 13 });
    expect(b.findings.find((f) => f.rule === 'code-json')).toMatchObject({ line: 10 });
  });
});

describe('binary files', () => {
  test('a NUL byte in the first 8000 bytes', () => {
    const d = decode(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(d.text).toBeNull();
    expect(d.problems).toEqual([{ rule: 'file-encoding', line: 1, message: 'Binary file (it contains NUL bytes): a spec must be a Markdown text file.' }]);
  });

  test('a NUL byte after the first 8000 bytes', () => {
    const d = decode(bytes('# Title\n', 'x'.repeat(9000), [0], 'y'));
    expect(d.text).toBeNull();
    expect(d.problems[0].message).toMatch(/^Binary file/);
  });

  test('a NUL character in text input', () => {
    expect(decode('# Title\n\0').problems[0].message).toMatch(/^Binary file/);
  });
});

describe('invalid UTF-8 is reported at its line and column', () => {
  const cases: [string, Uint8Array, number, number][] = [
    ['Latin-1 byte', bytes('# Title\n\nPrice: ', [0xa3], '5\n'), 3, 8],
    ['lone continuation byte', bytes([0x80], 'abc'), 1, 1],
    ['overlong encoding', bytes('ab', [0xc0, 0xaf]), 1, 3],
    ['UTF-16 surrogate', bytes('x\n', [0xed, 0xa0, 0x80]), 2, 1],
    ['above U+10FFFF', bytes('x\ny\nz', [0xf4, 0x90, 0x80, 0x80]), 3, 2],
    ['truncated sequence at the end', bytes('# T\n', [0xe2, 0x82]), 2, 1],
    ['truncated sequence before ASCII', bytes('# T\nab', [0xe2], 'c\n'), 2, 3],
    ['after CRLF lines', bytes('a\r\nb\r\n', [0xff]), 3, 1],
  ];
  test.each(cases)('%s', (_name, input, line, column) => {
    const d = decode(input);
    expect(d.text).toBeNull();
    expect(d.problems).toEqual([
      { rule: 'file-encoding', line, column, message: `File is not valid UTF-8 (invalid byte at line ${line}, column ${column}); save it as UTF-8.` },
    ]);
  });

  test('valid multi-byte text decodes', () => {
    expect(decode(bytes('Größe: 5 €, 𝄞\n')).text).toBe('Größe: 5 €, 𝄞\n');
  });
  test('the column counts characters, not bytes', () => {
    expect(decode(bytes('é', [0xff], '\n')).problems[0]).toMatchObject({ line: 1, column: 2 });
  });
});

describe('empty files', () => {
  test.each([
    ['zero bytes', new Uint8Array()],
    ['empty string', ''],
    ['whitespace only', ' \n\t\n  \n'],
    ['CRLF blank lines', bytes('\r\n\r\n')],
  ])('%s', (_name, input) => {
    const d = decode(input);
    expect(d.text).toBeNull();
    expect(d.problems).toEqual([{ rule: 'file-encoding', line: 1, message: 'File is empty: a spec needs at least a title and its required sections.' }]);
  });
});

describe('file size', () => {
  test('the default limit is 1 MB', () => {
    expect(DEFAULT_MAX_FILE_SIZE).toBe(1024 * 1024);
    expect(decode(bytes('#'.repeat(DEFAULT_MAX_FILE_SIZE))).text).not.toBeNull();
    expect(decode(bytes('#'.repeat(DEFAULT_MAX_FILE_SIZE + 1))).problems[0].message).toBe(
      'File is 1.0 MB, over the 1.0 MB limit for a spec (max_file_size); it was not reviewed.',
    );
  });

  test.each([
    ['bytes', bytes('x'.repeat(3000))],
    ['text', 'x'.repeat(3000)],
  ])('%s over max_file_size are not reviewed', (_name, input) => {
    const d = decode(input, 2048);
    expect(d.text).toBeNull();
    expect(d.problems).toEqual([{ rule: 'file-encoding', line: 1, message: 'File is 3 KB, over the 2 KB limit for a spec (max_file_size); it was not reviewed.' }]);
  });

  test('text size is measured in UTF-8 bytes, not characters', () => {
    expect(decode('€'.repeat(1000), 2048).text).toBeNull(); // 3,000 bytes
    expect(decode('e'.repeat(1000), 2048).text).not.toBeNull();
  });

  test('exactly at the limit is reviewed', () => {
    expect(decode(bytes('x'.repeat(2048)), 2048).text).toBe('x'.repeat(2048));
  });

  test('the real size wins when the caller read only a prefix', () => {
    const d = decode(bytes('# Title\n'), 1024 * 1024, 5 * 1024 * 1024 + 10);
    expect(d.text).toBeNull();
    expect(d.problems[0].message).toBe('File is 5.0 MB, over the 1.0 MB limit for a spec (max_file_size); it was not reviewed.');
  });

  test('oversize is checked before the content (a huge binary file is "too big", not "binary")', () => {
    expect(decode(new Uint8Array(5000), 100).problems[0].message).toMatch(/over the 100 bytes limit/);
  });
});

test('the engine turns decode problems into findings and skips the checks', async () => {
  const r = await engine().review({ path: 'docs/specs/component/cmp-001-x.md', content: bytes([0xff, 0xfe, 0x23, 0x00]) });
  expect(r).toMatchObject({ type: 'component', score: null });
  expect(r.findings).toEqual([{ rule: 'file-encoding', severity: 'error', line: 1, message: expect.stringMatching(/^Binary file/) }]);
});

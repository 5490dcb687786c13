import { SpecReviewError } from '../../src/engine/index.js';
import { engine, index } from './helpers.js';

const e = engine();
const opts = (paths: string[] = [], title?: string) => ({ date: '2026-03-04', index: index(...paths), title });

describe('scaffold', () => {
  test('fills id, slug, title and date into the template', () => {
    const s = e.scaffold('component', 'cmp-002-payment-service', opts());
    expect(s.path).toBe('docs/specs/component/cmp-002-payment-service.md');
    expect(s.id).toBe('CMP-002');
    expect(s.title).toBe('Payment Service');
    expect(s.content.startsWith('# Payment Service\n')).toBe(true);
    expect(s.content).toContain('**ID**: CMP-002');
    expect(s.content).toContain('2026-03-04');
    expect(s.content).not.toMatch(/\{\{\s*(id|title|date|slug)\s*\}\}/);
  });

  test('takes the next free id when only a slug is given (ids of specs count, look-alike files elsewhere do not)', () => {
    const s = e.scaffold('component', 'payment-service', opts(['docs/specs/component/cmp-001-a.md', 'docs/specs/component/legacy/cmp-007-b.md', 'test/fixtures/cmp-009-x.md', 'docs/specs/flow/flw-009-c.md']));
    expect(s.id).toBe('CMP-008');
    expect(s.path).toBe('docs/specs/component/cmp-008-payment-service.md');
  });

  test('starts at 001 in an empty repository', () => {
    expect(e.scaffold('flow', 'checkout', opts()).path).toBe('docs/specs/flow/flw-001-checkout.md');
  });

  test('uses --title when given', () => {
    expect(e.scaffold('flow-schematic', 'user-export', opts([], 'User Bulk Export Flow')).content).toMatch(/^# User Bulk Export Flow\n/);
  });

  test.each([
    ['../escape', 'bad-slug'],
    ['/etc/passwd', 'bad-slug'],
    ['a/b', 'bad-slug'],
    ['Payment Service', 'bad-slug'],
    ['payment--service', 'bad-slug'],
    ['flow-002-payment', 'bad-slug'],
    ['.hidden', 'bad-slug'],
  ])('refuses %s', (name, code) => {
    expect(() => e.scaffold('component', name, opts())).toThrow(SpecReviewError);
    try {
      e.scaffold('component', name, opts());
    } catch (err) {
      expect((err as SpecReviewError).code).toBe(code);
    }
  });

  test.each([
    ['cmp-abc-x', /"cmp-abc-x" starts like a component file name \(cmp-NNN-slug\), but "abc" is not a number: give a slug/],
    ['cmp-1234567-x', /"cmp-1234567-x" starts like a component file name \(cmp-NNN-slug\), but 1234567 has 7 digits and ids have at most 6/],
    ['flw-1234567-y', /"flw-1234567-y" starts like a flow file name \(flw-NNN-slug\), but 1234567 has 7 digits/],
  ])('a name that starts like a spec file name but is not one is refused, not read as a slug: %s', (name, message) => {
    expect(() => e.scaffold('component', name, opts())).toThrow(message);
  });

  test.each([
    ['cmp', 'docs/specs/component/cmp-001-cmp.md'],
    ['flow-engine', 'docs/specs/component/cmp-001-flow-engine.md'],
    ['cmp-007-ledger', 'docs/specs/component/cmp-007-ledger.md'],
  ])('%s is a name the type can take', (name, path) => {
    expect(e.scaffold('component', name, opts()).path).toBe(path);
  });

  test('a slug over 100 characters is refused; 100 are taken', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join('-');
    expect(() => e.scaffold('component', long, opts())).toThrow(/The slug has \d+ characters; at most 100/);
    const max = 'a'.repeat(100);
    expect(Buffer.byteLength(e.scaffold('component', max, opts()).path.split('/').pop()!)).toBeLessThanOrEqual(255);
  });

  test('never overwrites: an id already used is refused with the file that holds it', () => {
    expect(() => e.scaffold('component', 'cmp-002-payment-service', opts(['docs/specs/component/cmp-002-payment-service.md']))).toThrow(/already used by docs\/specs\/component\/cmp-002-payment-service.md/);
    expect(() => e.scaffold('component', 'cmp-002-other', opts(['docs/specs/component/cmp-002-payment-service.md']))).toThrow(/already used/);
  });

  test('unknown type names the known ones', () => {
    expect(() => e.scaffold('componnet', 'x', opts())).toThrow(/Unknown spec type "componnet" \(known: .*component/);
  });
});

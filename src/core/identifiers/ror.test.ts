import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { rorChecksum, validateRor } from './ror.js';

const CROCKFORD = [...'0123456789abcdefghjkmnpqrstvwxyz'];
const first7 = fc.array(fc.constantFrom(...CROCKFORD), { minLength: 6, maxLength: 6 }).map((c) => `0${c.join('')}`);
const validId = first7.map((f) => f + rorChecksum(f));

describe('validateRor', () => {
  test('accepts real ROR ids (ground truth for the checksum)', () => {
    for (const id of ['02mhbdp94', '05dxps055', '00f54p054']) expect(validateRor(id)).toEqual({ ok: true, normalized: id });
  });

  test('accepts the URL form, upper case and surrounding blanks', () => {
    const ok = { ok: true, normalized: '02mhbdp94' };
    expect(validateRor('https://ror.org/02mhbdp94')).toEqual(ok);
    expect(validateRor(' HTTPS://ROR.ORG/02MHBDP94/ ')).toEqual(ok);
    expect(validateRor('http://www.ror.org/02mhbdp94')).toEqual(ok);
    expect(validateRor('ror.org/02mhbdp94')).toEqual(ok);
  });

  test('names the problem', () => {
    expect(validateRor('')).toEqual({ ok: false, reason: 'empty' });
    expect(validateRor('12mhbdp94')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateRor('02mhbdp9')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateRor('02mhbdp944')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateRor('02mhbdu94')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateRor('02mhbdpx4')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateRor('https://example.org/02mhbdp94')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateRor('02mhbdp95')).toEqual({ ok: false, reason: 'checksum', expected: '94' });
    expect(validateRor('02mhbdq94')).toMatchObject({ ok: false, reason: 'checksum' });
  });

  test('rorChecksum reproduces the real ids and refuses bad input', () => {
    expect(rorChecksum('02mhbdp')).toBe('94');
    expect(rorChecksum('05dxps0')).toBe('55');
    expect(rorChecksum('00f54p0')).toBe('54');
    expect(() => rorChecksum('02mhbdi')).toThrow(RangeError);
  });

  test('property: generated ids pass and normalise to themselves', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(validateRor(`https://ror.org/${id.toUpperCase()}`)).toEqual({ ok: true, normalized: id });
      }),
    );
  });

  test('property: the checksum is always two digits', () => {
    fc.assert(
      fc.property(first7, (f) => {
        expect(rorChecksum(f)).toMatch(/^\d{2}$/);
      }),
    );
  });

  test('property: any single substitution in the encoded part or checksum fails', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 31 }), (id, index, shift) => {
        const symbols = index >= 7 ? [...'0123456789'] : CROCKFORD;
        const current = symbols.indexOf(id.charAt(index));
        const replacement = symbols[(current + (shift % symbols.length || 1)) % symbols.length] ?? '';
        const mutated = id.slice(0, index) + replacement + id.slice(index + 1);
        expect(validateRor(mutated).ok).toBe(false);
      }),
    );
  });
});

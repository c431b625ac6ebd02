import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { orcidCheckDigit, validateOrcid } from './orcid.js';

const base15 = fc.array(fc.constantFrom(...'0123456789'), { minLength: 15, maxLength: 15 }).map((d) => d.join(''));
/** A valid iD as 16 bare characters. */
const bare16 = base15.map((b) => b + orcidCheckDigit(b));
const hyphenate = (s: string): string => s.match(/.{4}/g)?.join('-') ?? s;

describe('validateOrcid', () => {
  test("accepts the examples from ORCID's documentation", () => {
    for (const id of ['0000-0002-1825-0097', '0000-0001-5109-3700', '0000-0002-1694-233X']) expect(validateOrcid(id)).toEqual({ ok: true, normalized: id });
  });

  test('accepts bare digits, a lower-case x, spaces and profile URLs', () => {
    const ok = { ok: true, normalized: '0000-0002-1694-233X' };
    expect(validateOrcid('000000021694233x')).toEqual(ok);
    expect(validateOrcid(' 0000 0002 1694 233X ')).toEqual(ok);
    expect(validateOrcid('https://orcid.org/0000-0002-1694-233X')).toEqual(ok);
    expect(validateOrcid('http://www.orcid.org/0000-0002-1694-233X/')).toEqual(ok);
    expect(validateOrcid('orcid.org/000000021694233X')).toEqual(ok);
    expect(validateOrcid('００００－０００２－１６９４－２３３Ｘ')).toEqual(ok);
  });

  test('names the problem', () => {
    expect(validateOrcid('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(validateOrcid('0000-0002-1825-009')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateOrcid('0000-0002-1825-00970')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateOrcid('0000-000X-1825-0097')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateOrcid('00-00000218250097')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateOrcid('https://example.org/0000-0002-1825-0097')).toEqual({ ok: false, reason: 'wrong_format' });
    expect(validateOrcid('0000-0002-1825-0098')).toEqual({ ok: false, reason: 'check_digit', expected: '7' });
    expect(validateOrcid('0000-0002-1694-2330')).toEqual({ ok: false, reason: 'check_digit', expected: 'X' });
  });

  test('property: generated ids pass, bare or hyphenated, and normalise to the hyphenated form', () => {
    fc.assert(
      fc.property(bare16, (id) => {
        expect(validateOrcid(id)).toEqual({ ok: true, normalized: hyphenate(id) });
        expect(validateOrcid(`https://orcid.org/${hyphenate(id)}`)).toEqual({ ok: true, normalized: hyphenate(id) });
      }),
    );
  });

  test('property: any single-character substitution fails', () => {
    fc.assert(
      fc.property(bare16, fc.nat(15), fc.integer({ min: 1, max: 10 }), (id, index, shift) => {
        const symbols = '0123456789X';
        const current = symbols.indexOf(id.charAt(index));
        const replacement = symbols.charAt((current + shift) % 11);
        const mutated = id.slice(0, index) + replacement + id.slice(index + 1);
        expect(validateOrcid(mutated).ok).toBe(false);
      }),
    );
  });

  test('property: swapping two different adjacent characters fails', () => {
    fc.assert(
      fc.property(bare16, fc.nat(14), (id, index) => {
        const a = id.charAt(index);
        const b = id.charAt(index + 1);
        fc.pre(a !== b);
        const swapped = id.slice(0, index) + b + a + id.slice(index + 2);
        expect(validateOrcid(swapped).ok).toBe(false);
      }),
    );
  });
});

describe('orcidCheckDigit', () => {
  test('reproduces the documented check characters', () => {
    expect(orcidCheckDigit('000000021825009')).toBe('7');
    expect(orcidCheckDigit('000000015109370')).toBe('0');
    expect(orcidCheckDigit('000000021694233')).toBe('X');
  });
  test('refuses anything but 15 digits', () => expect(() => orcidCheckDigit('00000002182500')).toThrow(RangeError));
});

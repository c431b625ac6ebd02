import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { organisationCodeCheckCharacter, USCC_ALPHABET, USCC_AUTHORITIES, usccCheckCharacter, validateUscc } from './uscc.js';

/** Codes below are constructed with the check algorithms, not taken from real organisations. */
const alphabet = [...USCC_ALPHABET];
const char = fc.constantFrom(...alphabet);
const digit = fc.constantFrom(...'0123456789');

/** A well-formed 17-character body: valid authority, any category, 6-digit division, organisation code with its check. */
const body17 = fc
  .tuple(fc.constantFrom(...USCC_AUTHORITIES), char, fc.array(digit, { minLength: 6, maxLength: 6 }), fc.array(char, { minLength: 8, maxLength: 8 }))
  .map(([authority, category, division, org]) => {
    const orgBody = org.join('');
    return `${authority}${category}${division.join('')}${orgBody}${organisationCodeCheckCharacter(orgBody)}`;
  });
const validCode = body17.map((b) => b + usccCheckCharacter(b));

describe('usccCheckCharacter', () => {
  test('hand-computed: Σ = 1116 = 36·31, so C18 = 31, written 0', () => {
    // values 9,1,3,1,0,1,1,5,1,2,3,4,5,6,7,8,8 × weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    expect(usccCheckCharacter('91310115123456788')).toBe('0');
  });

  test('hand-computed: letters use the USCC values (M = 21, P = 23): Σ = 2477, 2477 mod 31 = 28, C18 = 3', () => {
    expect(usccCheckCharacter('53110000MA7G0K2P6')).toBe('3');
  });

  test('a remainder of 1 gives value 30, written Y', () => expect(usccCheckCharacter('91110000000000334')).toBe('Y'));

  test('refuses a body of the wrong length or alphabet (programming errors)', () => {
    expect(() => usccCheckCharacter('9131011512345678')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9131011512345678I')).toThrow(RangeError);
  });
});

describe('organisationCodeCheckCharacter (GB 11714)', () => {
  test('hand-computed: 12345678 → Σ = 201, 201 mod 11 = 3, C9 = 8', () => expect(organisationCodeCheckCharacter('12345678')).toBe('8'));
  test('letters count over the full Latin alphabet (M = 22, P = 25): MA7G0K2P → Σ = 577, C9 = 6', () =>
    expect(organisationCodeCheckCharacter('MA7G0K2P')).toBe('6'));
  test('11 − 1 = 10 is written X', () => expect(organisationCodeCheckCharacter('00000006')).toBe('X'));
  test('11 − 0 = 11 is written 0', () => expect(organisationCodeCheckCharacter('00000000')).toBe('0'));
});

describe('validateUscc', () => {
  test('accepts hand-computed codes and splits them into parts', () => {
    expect(validateUscc('913101151234567880')).toEqual({
      ok: true,
      normalized: '913101151234567880',
      parts: { authority: '9', category: '1', division: '310115', organisationCode: '123456788' },
    });
    expect(validateUscc('53110000MA7G0K2P63')).toMatchObject({ ok: true, parts: { authority: '5', category: '3', organisationCode: 'MA7G0K2P6' } });
    expect(validateUscc('9111000000000006XE')).toMatchObject({ ok: true, parts: { organisationCode: '00000006X' } });
    expect(validateUscc('91110000000000334Y').ok).toBe(true);
  });

  test('normalises blanks, hyphens, lower case and full-width input', () => {
    const expected = { ok: true, normalized: '53110000MA7G0K2P63' };
    expect(validateUscc('  53110000ma7g0k2p63 ')).toMatchObject(expected);
    expect(validateUscc('5311 0000 MA7G0K2P-6 3')).toMatchObject(expected);
    expect(validateUscc('５３１１００００ＭＡ７Ｇ０Ｋ２Ｐ６３')).toMatchObject(expected);
  });

  test('names the problem and where it is', () => {
    expect(validateUscc('')).toEqual({ ok: false, reason: 'empty' });
    expect(validateUscc(' - ')).toEqual({ ok: false, reason: 'empty' });
    expect(validateUscc('91310115123456788')).toEqual({ ok: false, reason: 'wrong_length', length: 17 });
    expect(validateUscc('9131011512345678800')).toEqual({ ok: false, reason: 'wrong_length', length: 19 });
    expect(validateUscc('91310115I23456788O')).toEqual({ ok: false, reason: 'invalid_character', position: 9, character: 'I' });
    expect(validateUscc('9131011512345678_0')).toEqual({ ok: false, reason: 'invalid_character', position: 17, character: '_' });
    expect(validateUscc('B13101151234567880')).toEqual({ ok: false, reason: 'invalid_authority', position: 1, character: 'B' });
    expect(validateUscc('9131A1151234567880')).toEqual({ ok: false, reason: 'invalid_division', position: 5, character: 'A' });
    expect(validateUscc('913101151234567870')).toEqual({ ok: false, reason: 'organisation_code_check', position: 17, character: '7', expected: '8' });
    expect(validateUscc('913101151234567881')).toEqual({ ok: false, reason: 'check_character', position: 18, character: '1', expected: '0' });
  });

  test('counts an astral character as one character', () => {
    expect(validateUscc('91310115123456788😀')).toEqual({ ok: false, reason: 'invalid_character', position: 18, character: '😀' });
  });

  test('property: every well-formed body with its computed check character is valid', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const code = body + usccCheckCharacter(body);
        const result = validateUscc(code);
        expect(result).toEqual({
          ok: true,
          normalized: code,
          parts: { authority: code[0], category: code[1], division: code.slice(2, 8), organisationCode: code.slice(8, 17) },
        });
      }),
    );
  });

  test('property: changing any single character to another alphabet character makes the code fail', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.integer({ min: 1, max: alphabet.length - 1 }), (code, index, shift) => {
        const original = USCC_ALPHABET.indexOf(code.charAt(index));
        const replacement = USCC_ALPHABET.charAt((original + shift) % alphabet.length);
        const mutated = code.slice(0, index) + replacement + code.slice(index + 1);
        expect(validateUscc(mutated).ok).toBe(false);
      }),
    );
  });

  test('property: only the 31-character alphabet is accepted, anywhere', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...'IOSVZ_.!*'), (code, index, bad) => {
        const mutated = code.slice(0, index) + bad + code.slice(index + 1);
        expect(validateUscc(mutated)).toMatchObject({ ok: false, reason: 'invalid_character', position: index + 1, character: bad });
      }),
    );
  });

  test('property: validation is idempotent on the normalised form', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (input) => {
        const first = validateUscc(input);
        if (first.ok) expect(validateUscc(first.normalized)).toEqual(first);
      }),
    );
  });
});

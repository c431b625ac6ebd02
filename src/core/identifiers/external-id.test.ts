import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EXTERNAL_ID_SCHEME_MAX_LENGTH, EXTERNAL_ID_VALUE_MAX_LENGTH, validateExternalId } from './external-id.js';

describe('validateExternalId', () => {
  test('accepts typical schemes and keeps the value as typed', () => {
    expect(validateExternalId({ scheme: 'wikidata', value: 'Q12345' })).toEqual({ ok: true, normalized: { scheme: 'wikidata', value: 'Q12345' } });
    expect(validateExternalId({ scheme: ' LEI ', value: ' TEST0000000000000042 ' })).toEqual({
      ok: true,
      normalized: { scheme: 'lei', value: 'TEST0000000000000042' },
    });
    expect(validateExternalId({ scheme: 'tianyancha', value: '科创有限公司-123' }).ok).toBe(true);
    expect(validateExternalId({ scheme: 'cn-qcc_v2', value: 'x' }).ok).toBe(true);
  });

  test('names the problem', () => {
    expect(validateExternalId({ scheme: '  ', value: 'x' })).toEqual({ ok: false, reason: 'scheme_empty' });
    for (const scheme of ['1lei', 'wiki data', 'wiki--data', 'wiki-', '-wiki', 'wiki.data', '维基'])
      expect(validateExternalId({ scheme, value: 'x' })).toEqual({ ok: false, reason: 'scheme_invalid' });
    expect(validateExternalId({ scheme: 'a'.repeat(EXTERNAL_ID_SCHEME_MAX_LENGTH + 1), value: 'x' })).toEqual({
      ok: false,
      reason: 'scheme_invalid',
      max: EXTERNAL_ID_SCHEME_MAX_LENGTH,
    });
    expect(validateExternalId({ scheme: 'isni', value: ' \t ' })).toEqual({ ok: false, reason: 'value_empty' });
    expect(validateExternalId({ scheme: 'isni', value: 'ab\ncd' })).toEqual({ ok: false, reason: 'value_unprintable', position: 3 });
    expect(validateExternalId({ scheme: 'isni', value: 'ab\u200bcd' })).toEqual({ ok: false, reason: 'value_unprintable', position: 3 });
    expect(validateExternalId({ scheme: 'isni', value: 'x'.repeat(EXTERNAL_ID_VALUE_MAX_LENGTH + 1) })).toEqual({
      ok: false,
      reason: 'value_too_long',
      max: EXTERNAL_ID_VALUE_MAX_LENGTH,
    });
  });

  test('counts the value in characters, not UTF-16 units', () => {
    expect(validateExternalId({ scheme: 'x1', value: '𠀀'.repeat(EXTERNAL_ID_VALUE_MAX_LENGTH) }).ok).toBe(true);
    expect(validateExternalId({ scheme: 'x1', value: '科'.repeat(EXTERNAL_ID_VALUE_MAX_LENGTH + 1) })).toMatchObject({ reason: 'value_too_long' });
  });

  test('property: any printable ASCII value of 1..200 characters with a slug scheme is accepted unchanged', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9]{0,15}$/),
        fc.string({ minLength: 1, maxLength: EXTERNAL_ID_VALUE_MAX_LENGTH, unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
        (scheme, value) => {
          expect(validateExternalId({ scheme, value })).toEqual({ ok: true, normalized: { scheme, value } });
        },
      ),
    );
  });

  test('property: a control character anywhere inside the value is refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), fc.integer({ min: 0, max: 0x1f }), (a, b, code) => {
        const result = validateExternalId({ scheme: 'lei', value: a + String.fromCharCode(code) + b });
        expect(result).toMatchObject({ ok: false, reason: 'value_unprintable', position: [...a].length + 1 });
      }),
    );
  });

  test('property: the result, once ok, validates to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), (scheme, value) => {
        const first = validateExternalId({ scheme, value });
        if (first.ok) expect(validateExternalId(first.normalized)).toEqual(first);
      }),
    );
  });
});

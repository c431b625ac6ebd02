import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { characterClasses, checkPassword, PASSWORD_MIN_LENGTH } from './password-policy.js';

describe('checkPassword', () => {
  test('accepts a long password that mixes classes and avoids the username', () => {
    expect(checkPassword('Kechuang-Strong-2026', 'analyst')).toEqual([]);
  });

  test('names every broken rule at once', () => {
    expect(checkPassword('admin', 'admin')).toEqual(['too_short', 'too_few_character_classes', 'contains_username']);
    expect(checkPassword('Password1234', 'someone')).toEqual(['common_password']);
    expect(checkPassword('Quiet-River-2026', 'someone')).toEqual([]);
    expect(checkPassword('p@ssw0rd1234', 'someone')).toEqual(['common_password']);
  });

  test('counts Chinese characters as characters, not bytes', () => {
    expect(checkPassword('科创平台安全密码Ab1!', 'u1x')).toEqual([]);
    expect(checkPassword('科创平台密码Ab1!', 'u1x')).toEqual(['too_short']);
    expect([...'科创平台安全密码Ab1!'].length).toBe(PASSWORD_MIN_LENGTH);
  });

  test('property: anything shorter than the minimum is too short', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1, unit: 'grapheme-ascii' }), (pw) => {
        expect(checkPassword(pw, 'nobody-here')).toContain('too_short');
      }),
    );
  });

  test('property: a password containing the username is refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{3,12}$/), fc.string({ maxLength: 20 }), (user, tail) => {
        expect(checkPassword(`Xy9!${user.toUpperCase()}${tail}`, user)).toContain('contains_username');
      }),
    );
  });

  test('property: character classes are between 0 and 4 and monotone under concatenation', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = characterClasses(a + b);
        expect(ab).toBeGreaterThanOrEqual(Math.max(characterClasses(a), characterClasses(b)));
        expect(ab).toBeLessThanOrEqual(4);
      }),
    );
  });
});

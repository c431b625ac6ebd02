import { describe, expect, test } from 'vitest';
import { characterClasses, passwordProblems } from './password-policy.js';

describe('passwordProblems', () => {
  test('accepts a long password mixing three classes', () => {
    expect(passwordProblems('correct-horse-42', 'admin')).toEqual([]);
  });
  test('flags a short password', () => {
    expect(passwordProblems('Ab1!', 'admin')).toContain('length');
  });
  test('flags too few character classes', () => {
    expect(passwordProblems('alllowercaseletters', 'admin')).toEqual(['classes']);
  });
  test('flags a password containing the username, ignoring case', () => {
    expect(passwordProblems('My-Admin-Pass-2024', 'admin')).toEqual(['username']);
  });
  test('counts length in characters, not UTF-16 units', () => {
    expect(passwordProblems('密码密码密码密码密码A1!', 'x')).toEqual([]);
  });
  test('counts classes', () => {
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('abc')).toBe(1);
  });
});

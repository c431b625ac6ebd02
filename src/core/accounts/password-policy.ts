/**
 * The password policy, as a pure check that lists every rule a password
 * breaks (empty list: acceptable). The web app shows the same rules.
 */
export type PasswordViolation = 'too_short' | 'too_long' | 'too_few_character_classes' | 'contains_username' | 'common_password';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MIN_CLASSES = 3;

/** Passwords from breach lists that also pass the length rule; the list is short on purpose. */
const COMMON = new Set([
  'password1234',
  'password123!',
  'passw0rd1234',
  'qwerty123456',
  'qwertyuiop123',
  '123456789012',
  'admin1234567',
  'administrator1',
  'iloveyou1234',
  'welcome12345',
  'abc123456789',
  'aa1234567890',
  'zaq12wsxcde3',
  '1qaz2wsx3edc',
  'p@ssw0rd1234',
  'p@ssword1234',
  'changeme1234',
]);

export const characterClasses = (password: string): number => {
  let classes = 0;
  if (/\p{Ll}/u.test(password)) classes++;
  if (/\p{Lu}/u.test(password)) classes++;
  if (/\p{Nd}/u.test(password)) classes++;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) classes++;
  return classes;
};

export const checkPassword = (password: string, username: string): PasswordViolation[] => {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) violations.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) violations.push('too_long');
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) violations.push('too_few_character_classes');
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) violations.push('contains_username');
  if (COMMON.has(lower)) violations.push('common_password');
  return violations;
};

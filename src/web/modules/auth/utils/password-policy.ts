/**
 * The password policy, as the server enforces it, so the form can say what is
 * missing before submitting. The server stays the judge (PASSWORD_POLICY).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MIN_CLASSES = 3;

export type PasswordRule = 'length' | 'classes' | 'username';
export const PASSWORD_RULES: readonly PasswordRule[] = ['length', 'classes', 'username'];

export const characterClasses = (password: string): number =>
  [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password)).length;

/** The rules a candidate password breaks (empty when it passes). */
export const passwordProblems = (password: string, username: string): PasswordRule[] => {
  const problems: PasswordRule[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('length');
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) problems.push('classes');
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) problems.push('username');
  return problems;
};

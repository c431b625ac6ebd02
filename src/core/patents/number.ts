import { patentCheckCharacter } from '../contracts/contract.js';
import type { PatentKind } from '../../shared/patents-vocabulary.js';

/**
 * Chinese patent application numbers (CNIPA, ZC 0006-2003). From 2003 they
 * are 12 digits — filing year (4), type (1), serial (7) — then a check
 * character; before that 8 digits — year (2), type (1), serial (5). The check
 * character is the one technology contracts already use
 * (core/contracts/contract.ts), imported rather than copied.
 *
 * The canonical form is `202310123456.7`: no `CN` or `ZL` prefix, one dot,
 * the same form contract records store, so a contract's patent numbers and
 * the patent records join on equality.
 */

export type PatentNumberProblem = 'format' | 'check_digit';
export type ParsedPatentNumber = {
  ok: true;
  number: string;
  digits: string;
  check: string;
  filingYear: number;
  typeDigit: string;
  /** Null for a type digit that names no kind (a number may still be valid). */
  kind: PatentKind | null;
};
export type PatentNumberResult = ParsedPatentNumber | { ok: false; problem: PatentNumberProblem; expected?: string };

const SHAPE = /^(?:CN)?(?:ZL)?(\d{8}|\d{12})\.?([\dX])$/;

/** Full-width digits and letters from a Chinese IME fold to ASCII; spaces, hyphens and case carry no meaning. */
export const cleanPatentNumber = (raw: string): string => raw.normalize('NFKC').toUpperCase().replace(/[\s\-_]+/g, '');

/** 1 and 8 (a PCT application entering China) are inventions; 2 and 9 utility models; 3 designs. */
export const kindOfTypeDigit = (digit: string): PatentKind | null =>
  digit === '1' || digit === '8' ? 'invention' : digit === '2' || digit === '9' ? 'utility_model' : digit === '3' ? 'design' : null;

export const parsePatentNumber = (raw: string): PatentNumberResult => {
  const m = SHAPE.exec(cleanPatentNumber(raw));
  if (!m) return { ok: false, problem: 'format' };
  const [, digits, check] = m as unknown as [string, string, string];
  const expected = patentCheckCharacter(digits);
  if (expected !== check) return { ok: false, problem: 'check_digit', expected };
  const long = digits.length === 12;
  const yy = Number(digits.slice(0, 2));
  const filingYear = long ? Number(digits.slice(0, 4)) : yy >= 85 ? 1900 + yy : 2000 + yy;
  const typeDigit = long ? digits.charAt(4) : digits.charAt(2);
  return { ok: true, number: `${digits}.${check}`, digits, check, filingYear, typeDigit, kind: kindOfTypeDigit(typeDigit) };
};

/**
 * The kind a record may have: the stated kind must agree with the number's
 * type digit when the digit names one; without a stated kind the digit decides.
 */
export const resolveKind = (parsed: ParsedPatentNumber, stated: PatentKind | null): { kind: PatentKind | null; conflict: boolean } => {
  if (stated && parsed.kind && stated !== parsed.kind) return { kind: stated, conflict: true };
  return { kind: stated ?? parsed.kind, conflict: false };
};

// Shown the same way on the web, which reads the shared vocabulary, not core.
export { displayPatentNumber } from '../../shared/patents-vocabulary.js';

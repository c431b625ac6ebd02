import { NON_TECHNICAL_ITEMS, PATENT_CONTRACT_TYPES, type AmountItem, type TechContractType } from '../../shared/contracts-vocabulary.js';

/** What the registry checks in a contract beyond its shape: the parts that must agree with each other. */
export type ContractFacts = {
  type: TechContractType;
  sellerId: string;
  buyerEntityId: string | null;
  amount: number;
  breakdown: readonly { item: AmountItem; amount: number }[];
  patentNumbers: readonly string[];
  /** YYYY-MM-DD */
  signedOn: string;
  validUntil: string | null;
};

export type ContractIssue = { path: string; code: string; message: string; data?: Record<string, unknown> };

/** Amounts are yuan with at most two decimals; comparisons allow for float rounding of the cents. */
const CENT = 0.005;
export const roundYuan = (v: number): number => Math.round(v * 100) / 100;

/** 技术交易额: the contract price less its non-technical items (equipment, materials …). */
export const technicalTransactionAmount = (amount: number, breakdown: readonly { item: AmountItem; amount: number }[]): number =>
  roundYuan(amount - breakdown.filter((b) => NON_TECHNICAL_ITEMS.includes(b.item)).reduce((s, b) => s + b.amount, 0));

/**
 * Chinese patent application numbers: 12 digits (from 2003) or 8 digits, a
 * dot, and a check character; `ZL` in front is the granted patent's prefix.
 * The check character is the weighted digit sum modulo 11 (10 is written X).
 */
export const normalisePatentNumber = (raw: string): string => raw.trim().toUpperCase().replace(/^CN/, '').replace(/\s+/g, '');
export const patentCheckCharacter = (digits: string): string => {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (weights[i % 8] as number);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
};
export const patentNumberProblem = (raw: string): string | null => {
  const m = /^(?:ZL)?(\d{8}|\d{12})\.?([\dX])$/.exec(normalisePatentNumber(raw));
  if (!m) return 'not a Chinese patent number (12 or 8 digits, a dot and a check digit, optionally prefixed ZL)';
  const [, digits, check] = m as unknown as [string, string, string];
  const expected = patentCheckCharacter(digits);
  return expected === check ? null : `check digit is ${check}; the digits give ${expected}`;
};
export const canonicalPatentNumber = (raw: string): string => {
  const m = /^(?:ZL)?(\d{8}|\d{12})\.?([\dX])$/.exec(normalisePatentNumber(raw));
  return m ? `${m[1]}.${m[2]}` : normalisePatentNumber(raw);
};

/** Every problem in a contract, each at its field: empty when it may be registered. */
export const checkContract = (c: ContractFacts, today: string): ContractIssue[] => {
  const issues: ContractIssue[] = [];
  if (!(c.amount > 0)) issues.push({ path: 'amount', code: 'amount_positive', message: 'the contract amount must be more than zero' });
  if (c.breakdown.length > 0) {
    const sum = c.breakdown.reduce((s, b) => s + b.amount, 0);
    if (Math.abs(sum - c.amount) > CENT) issues.push({ path: 'breakdown', code: 'breakdown_sum', message: `the items add up to ${roundYuan(sum)}, not the contract amount ${c.amount}`, data: { sum: roundYuan(sum), amount: c.amount } });
    const seen = new Set<string>();
    c.breakdown.forEach((b, i) => {
      if (seen.has(b.item)) issues.push({ path: `breakdown.${i}.item`, code: 'duplicate_item', message: `${b.item} is listed twice` });
      seen.add(b.item);
    });
  }
  if (technicalTransactionAmount(c.amount, c.breakdown) < -CENT) issues.push({ path: 'breakdown', code: 'technical_amount_negative', message: 'the non-technical items exceed the contract amount' });
  if (c.buyerEntityId !== null && c.buyerEntityId === c.sellerId) issues.push({ path: 'buyer.entityId', code: 'same_party', message: 'the buyer cannot be the seller' });
  if (c.signedOn > today) issues.push({ path: 'signedOn', code: 'signed_in_future', message: `the signing date ${c.signedOn} is after today (${today})` });
  if (c.validUntil !== null && c.validUntil < c.signedOn) issues.push({ path: 'validUntil', code: 'ends_before_signed', message: 'the contract cannot end before it is signed' });
  if (PATENT_CONTRACT_TYPES.includes(c.type) && c.patentNumbers.length === 0) issues.push({ path: 'patentNumbers', code: 'patent_required', message: 'a patent transfer or licence names at least one patent' });
  const seenPatents = new Set<string>();
  c.patentNumbers.forEach((p, i) => {
    const problem = patentNumberProblem(p);
    if (problem) issues.push({ path: `patentNumbers.${i}`, code: 'patent_number_invalid', message: `${p}: ${problem}` });
    const key = canonicalPatentNumber(p);
    if (seenPatents.has(key)) issues.push({ path: `patentNumbers.${i}`, code: 'duplicate_patent', message: `${p} is listed twice` });
    seenPatents.add(key);
  });
  return issues;
};

/** The seller's own contract number without case, spaces or punctuation: with the seller, how a second submission of one contract is recognised. */
export const contractKey = (contractNumber: string): string => contractNumber.normalize('NFKC').toUpperCase().replace(/[\s\-_/\\.·—–]+/g, '');

export const REVIEW_DAYS = 30;
const DAY_MS = 86_400_000;

/** The registrar's review clock: due 30 days after (re)submission. */
export const reviewClock = (submittedAt: Date, now: Date, decidedAt: Date | null = null): { dueAt: Date; daysUsed: number; daysLeft: number; overdue: boolean } => {
  const dueAt = new Date(submittedAt.getTime() + REVIEW_DAYS * DAY_MS);
  const until = decidedAt ?? now;
  const daysUsed = Math.max(0, Math.floor((until.getTime() - submittedAt.getTime()) / DAY_MS));
  return { dueAt, daysUsed, daysLeft: REVIEW_DAYS - daysUsed, overdue: until.getTime() > dueAt.getTime() };
};

/** KeChuang's registration number: year, the centre's area code and a sequence within the year (not an official numbering scheme). */
export const registrationNumber = (year: number, areaCode: string, sequence: number): string => `${year}${areaCode}${String(sequence).padStart(6, '0')}`;

/**
 * The vocabularies of S&T finance records (issue 9): investment rounds, the
 * boards companies list on, and how a company leaves the unicorn list.
 */

/** Rounds in the order a venture normally passes them; `strategic` and `other` have no place in that order. */
export const ROUND_STAGES = ['seed', 'angel', 'pre_a', 'a', 'b', 'c', 'd_plus', 'pre_ipo', 'strategic', 'other'] as const;
export type RoundStage = (typeof ROUND_STAGES)[number];

/** The ordered stages (the funnel's steps before listing). */
export const ORDERED_STAGES: readonly RoundStage[] = ['seed', 'angel', 'pre_a', 'a', 'b', 'c', 'd_plus', 'pre_ipo'];

/** Chinese names as announcements and spreadsheets write them. */
export const ROUND_STAGE_ZH: Readonly<Record<RoundStage, string>> = {
  seed: '种子轮',
  angel: '天使轮',
  pre_a: 'Pre-A轮',
  a: 'A轮',
  b: 'B轮',
  c: 'C轮',
  d_plus: 'D轮及以后',
  pre_ipo: 'Pre-IPO',
  strategic: '战略投资',
  other: '其他',
};

/** Boards a company lists on. */
export const LISTING_BOARDS = ['bse', 'star', 'chinext', 'sse_main', 'szse_main', 'hkex', 'nasdaq', 'nyse', 'overseas_other'] as const;
export type ListingBoard = (typeof LISTING_BOARDS)[number];

/** How a company leaves venture finance: a listing (on a board) or an acquisition. */
export const EXIT_KINDS = ['listing', 'acquisition'] as const;
export type ExitKind = (typeof EXIT_KINDS)[number];

/** ISO 4217 codes the forms offer; any three capital letters are accepted. */
export const COMMON_CURRENCIES = ['CNY', 'USD', 'HKD', 'EUR', 'JPY', 'GBP'] as const;

/** The registry recognition that marks a unicorn (src/shared/schemas/registry.ts). */
export const UNICORN_RECOGNITION = 'unicorn';

/** A unicorn's valuation threshold, in US dollars. */
export const UNICORN_THRESHOLD_USD = 1_000_000_000;

/** Why a company is (no longer) on the unicorn list at a date. */
export const UNICORN_BASES = ['recognition', 'valuation'] as const;
export const UNICORN_EXIT_REASONS = ['listing', 'acquisition', 'valuation_drop', 'recognition_ended'] as const;
export type UnicornExitReason = (typeof UNICORN_EXIT_REASONS)[number];

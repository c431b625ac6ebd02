import { TECHNICAL_FIELDS, type TechnicalField } from './contracts-vocabulary.js';

/**
 * The vocabularies of S&T achievements (科技成果) and technology needs.
 * Technical fields are the technology-market classification of
 * contracts-vocabulary.ts, so an achievement, the contracts that carry it and
 * the needs it answers are counted in one scheme.
 */
export { TECHNICAL_FIELDS, type TechnicalField };

export const ACHIEVEMENT_STATES = ['draft', 'published', 'withdrawn'] as const;
export type AchievementState = (typeof ACHIEVEMENT_STATES)[number];
export const ACHIEVEMENT_ACTIONS = ['publish', 'withdraw', 'redraft'] as const;
export type AchievementAction = (typeof ACHIEVEMENT_ACTIONS)[number];

/** Where the achievement stands, as technology-market listings put it (研发、小试、中试、小批量、产业化). */
export const ACHIEVEMENT_STAGES = ['research', 'lab_trial', 'pilot', 'small_batch', 'industrialised'] as const;
export type AchievementStage = (typeof ACHIEVEMENT_STAGES)[number];

/** How a buyer may take it up. */
export const AVAILABILITY_MODES = ['licence', 'transfer', 'cooperation', 'equity'] as const;
export type AvailabilityMode = (typeof AVAILABILITY_MODES)[number];

export const ACCESS_REQUEST_STATES = ['requested', 'granted', 'refused', 'revoked'] as const;
export type AccessRequestState = (typeof ACCESS_REQUEST_STATES)[number];
export const ACCESS_DECISIONS = ['grant', 'refuse', 'revoke'] as const;
export type AccessDecision = (typeof ACCESS_DECISIONS)[number];
/** A grant lapses after this many days unless the owner sets another expiry. */
export const DEFAULT_GRANT_DAYS = 90;

/** Why a confidential detail was read: the log shows it. */
export const DETAIL_VIEW_BASES = ['owner', 'officer', 'grant'] as const;
export type DetailViewBasis = (typeof DETAIL_VIEW_BASES)[number];

export const NEED_STATES = ['open', 'matched', 'closed', 'converted'] as const;
export type NeedState = (typeof NEED_STATES)[number];
export const NEED_ACTIONS = ['mark_matched', 'close', 'reopen'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

/** Which need actions apply in which state (conversion to a call is its own route). */
export const NEED_TRANSITIONS: Readonly<Record<NeedAction, { from: readonly NeedState[]; to: NeedState }>> = {
  mark_matched: { from: ['open'], to: 'matched' },
  close: { from: ['open', 'matched'], to: 'closed' },
  reopen: { from: ['matched', 'closed'], to: 'open' },
};

export const ACHIEVEMENT_TRANSITIONS: Readonly<Record<AchievementAction, { from: readonly AchievementState[]; to: AchievementState }>> = {
  publish: { from: ['draft'], to: 'published' },
  withdraw: { from: ['published'], to: 'withdrawn' },
  redraft: { from: ['withdrawn'], to: 'draft' },
};

export const TRL_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

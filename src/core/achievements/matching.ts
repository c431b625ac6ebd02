import { descriptive } from '../text/words.js';

/**
 * Matching a technology need against achievements. Each side arrives as its
 * words (segmented by the caller with jieba), its field code and its TRL.
 *
 * score = relevance × trlFactor, where
 *   relevance = 0.6 · text + 0.4 · field
 *   text      = share of the need's informative words the achievement also has
 *   field     = 1 same code, 0.5 same parent (top-level) code, 0 otherwise
 *   trlFactor = 0.6 + 0.4 · closeness when the achievement reaches the need's
 *               minimum TRL (closeness 1 at the minimum, falling towards TRL 9),
 *               0.25 below it (shown, but behind every ready one of equal relevance)
 * Relevance gates the TRL so that maturity alone never makes a match. Pure and
 * deterministic: ties are broken by achievement id.
 */
export const TEXT_WEIGHT = 0.6;
export const FIELD_WEIGHT = 0.4;
export const BELOW_MINIMUM_FACTOR = 0.25;

export type MatchNeed = { id: string; words: readonly string[]; field: string; trlMin: number };
export type MatchAchievement = { id: string; words: readonly string[]; field: string; trl: number };
export type FieldRelation = 'same' | 'same_parent' | 'different';

export type MatchExplanation = {
  achievementId: string;
  score: number;
  text: { value: number; weight: number; sharedTerms: string[]; needTerms: number };
  field: { value: number; weight: number; relation: FieldRelation };
  trl: { factor: number; achievementTrl: number; needMin: number; meetsMinimum: boolean };
};

/** The top-level code of a dotted field code (`electronic_information.ai` → `electronic_information`). */
export const fieldParent = (code: string): string => code.split('.')[0] ?? code;

export const fieldRelation = (a: string, b: string): FieldRelation => (a === b ? 'same' : fieldParent(a) === fieldParent(b) ? 'same_parent' : 'different');

const FIELD_VALUE: Readonly<Record<FieldRelation, number>> = { same: 1, same_parent: 0.5, different: 0 };

/** Words every technology text uses (一种、基于、提高 …): they would make any two records look alike. */
export const MATCH_STOP_WORDS: ReadonlySet<string> = new Set(['技术', '一种', '基于', '提高', '实现', '提供', '采用', '具有', '通过', '用于', '可', '能够', 'technology', 'based', 'using', 'novel', 'method']);

/** Words that can carry meaning: what topic clustering counts (services/topics.ts), less the matching stop words; lower case, each once, sorted. */
export const informativeTerms = (words: readonly string[]): string[] => [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => descriptive(w) && !MATCH_STOP_WORDS.has(w)))].sort();

/** 1 at the need's minimum, falling linearly to 0 at TRL 9 (a need that asks for 9 is met only by 9). */
export const trlCloseness = (trl: number, trlMin: number): number => (trlMin >= 9 ? 1 : Math.max(0, 1 - (trl - trlMin) / (9 - trlMin)));

export const trlFactor = (trl: number, trlMin: number): number => (trl >= trlMin ? 0.6 + 0.4 * trlCloseness(trl, trlMin) : BELOW_MINIMUM_FACTOR);

export const explainMatch = (need: MatchNeed, achievement: MatchAchievement): MatchExplanation => {
  const needTerms = informativeTerms(need.words);
  const have = new Set(informativeTerms(achievement.words));
  const sharedTerms = needTerms.filter((t) => have.has(t));
  const text = needTerms.length === 0 ? 0 : sharedTerms.length / needTerms.length;
  const relation = fieldRelation(need.field, achievement.field);
  const field = FIELD_VALUE[relation];
  const meetsMinimum = achievement.trl >= need.trlMin;
  const factor = trlFactor(achievement.trl, need.trlMin);
  const score = Math.min(1, Math.max(0, (TEXT_WEIGHT * text + FIELD_WEIGHT * field) * factor));
  return {
    achievementId: achievement.id,
    score,
    text: { value: text, weight: TEXT_WEIGHT, sharedTerms, needTerms: needTerms.length },
    field: { value: field, weight: FIELD_WEIGHT, relation },
    trl: { factor, achievementTrl: achievement.trl, needMin: need.trlMin, meetsMinimum },
  };
};

/** Achievements with any relevance, best first; equal scores in id order. */
export const rankMatches = (need: MatchNeed, pool: readonly MatchAchievement[], limit = 20): MatchExplanation[] =>
  pool
    .map((a) => explainMatch(need, a))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || (a.achievementId < b.achievementId ? -1 : a.achievementId > b.achievementId ? 1 : 0))
    .slice(0, limit);

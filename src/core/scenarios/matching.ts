import { descriptive } from '../text/words.js';

/**
 * Which enterprises could solve a scenario: each candidate scored on three
 * explained components — its industry tags against the scenario's fields, the
 * scenario's words found in what the registry says of it, and deployments it
 * has already delivered — so an officer can see why a name is suggested and
 * invite it, never pick it silently.
 */
export type ScenarioProfile = { fieldCodes: readonly string[]; words: readonly string[] };
export type ScenarioCandidate = { id: string; tags: readonly string[]; words: readonly string[]; deployed: number };
export type CandidateScore = { id: string; score: number; components: { field: number; text: number; trackRecord: number }; matchedFields: string[]; matchedWords: string[] };

export const MATCH_WEIGHTS = { field: 0.5, text: 0.35, trackRecord: 0.15 } as const;

const top = (code: string): string => code.split('.')[0] as string;

/** 1 for the same field code, ½ for a parent, child or sibling under the same top-level field, 0 otherwise. */
export const fieldAffinity = (fieldCode: string, tag: string): number => {
  if (fieldCode === tag) return 1;
  if (fieldCode.startsWith(`${tag}.`) || tag.startsWith(`${fieldCode}.`) || top(fieldCode) === top(tag)) return 0.5;
  return 0;
};

const terms = (words: readonly string[]): Set<string> => new Set(words.map((w) => w.trim().toLowerCase()).filter(descriptive));

export const scoreCandidate = (scenario: ScenarioProfile, c: ScenarioCandidate): CandidateScore => {
  let field = 0;
  const matchedFields: string[] = [];
  for (const code of scenario.fieldCodes) {
    let best = 0;
    for (const tag of c.tags) best = Math.max(best, fieldAffinity(code, tag));
    if (best > 0) matchedFields.push(code);
    field = Math.max(field, best);
  }
  const wanted = terms(scenario.words);
  const offered = terms(c.words);
  const matchedWords = [...wanted].filter((w) => offered.has(w)).sort();
  // Share of the scenario's words the candidate's record mentions, saturating at five: a long problem text should not drown a good match.
  const text = wanted.size === 0 ? 0 : Math.min(1, matchedWords.length / Math.min(5, wanted.size));
  const deployed = Math.max(0, Math.floor(c.deployed));
  const trackRecord = deployed / (deployed + 1);
  const score = MATCH_WEIGHTS.field * field + MATCH_WEIGHTS.text * text + MATCH_WEIGHTS.trackRecord * trackRecord;
  return { id: c.id, score: Math.round(score * 1e6) / 1e6, components: { field, text, trackRecord }, matchedFields, matchedWords };
};

/** Candidates with anything in common with the scenario, best first; ties by id so the list never reorders by chance. */
export const rankCandidates = (scenario: ScenarioProfile, candidates: readonly ScenarioCandidate[], limit = 20): CandidateScore[] =>
  candidates
    .map((c) => scoreCandidate(scenario, c))
    .filter((s) => s.components.field > 0 || s.components.text > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, limit));

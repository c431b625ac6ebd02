import type { ProgrammeSettings } from '../../db/schema/calls.js';

/** Complete review settings for programmes that tests write straight to the table (test data only). */
export const TEST_PROGRAMME_SETTINGS: ProgrammeSettings = {
  form: { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'overall', label: 'Overall', kind: 'numeric', min: 0, max: 10, weight: 100, commentBelow: null, threshold: null }] },
  minReviewers: 1,
  minCompletedReviews: 1,
  coiYears: 3,
  consortiumYears: 3,
  appealDays: 10,
  requiredDeclarations: [],
  discloseReviewers: false,
};

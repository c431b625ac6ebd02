export * from './acceptance.js';
export * from './eligibility.js';
export * from './coi.js';
export * from './assignment.js';
export * from './scoring.js';
export * from './ranking.js';
export * from './statistics.js';
export * from './agreement.js';

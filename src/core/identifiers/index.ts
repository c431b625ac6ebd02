/** Pure validators for the identifiers the actor registry stores. */
export * from './external-id.js';
export * from './orcid.js';
export * from './ror.js';
export * from './uscc.js';

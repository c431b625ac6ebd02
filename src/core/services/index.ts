export * from './demand-types.js';
export * from './sla.js';
export * from './escalation.js';
export * from './routing.js';
export * from './metrics.js';
export * from './topics.js';
export * from './statistics.js';

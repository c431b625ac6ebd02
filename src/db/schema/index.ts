export * from './centres.js';
export * from './sources.js';
export * from './entities.js';
export * from './indicators.js';
export * from './accounts.js';
export * from './audit.js';
export * from './evaluation.js';
export * from './calls.js';

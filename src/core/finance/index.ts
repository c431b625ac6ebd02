export * from './money.js';
export * from './unicorns.js';
export * from './funnel.js';
export * from './import-row.js';

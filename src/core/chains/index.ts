export * from './model.js';
export * from './analytics.js';
export * from './whatif.js';
export * from './diff.js';
export * from './workbook.js';

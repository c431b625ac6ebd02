export * from './matching.js';
export * from './deployment.js';

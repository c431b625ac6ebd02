export * from './funnel.js';

export * from '../../shared/contracts-vocabulary.js';
export * from './contract.js';
export * from './statistics.js';

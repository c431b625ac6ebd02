export * from '../../shared/achievements-vocabulary.js';
export * from './matching.js';

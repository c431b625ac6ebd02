export * from '../../shared/patents-vocabulary.js';
export * from './number.js';
export * from './ipc.js';
export * from './statistics.js';
export * from './import-row.js';

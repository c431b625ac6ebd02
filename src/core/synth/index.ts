export * from './city.js';
export * from './names.js';
export * from './random.js';

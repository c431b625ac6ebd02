export * from './machine.js';
export * from './effects.js';
export * from './guards.js';
export * from './call.js';
export * from './application.js';
export * from './milestone.js';
export * from './assignment.js';
export * from './demand.js';

/** Talent programmes (issue 9): the merit-point self-assessment and credential validity. See docs/TALENT.md. */
export * from './merit.js';
export * from './credential.js';
export * from './figures.js';

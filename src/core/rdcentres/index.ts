/** Foreign-funded R&D centres (issue 9): the definition as policy rules, the comprehensive assessment and the recognised count. See docs/RD_CENTRES.md. */
export * from './criteria.js';
export * from './outputs.js';

/** ExcelJS's browser bundle (no Node polyfills), loaded on demand by the Excel export; its API is typed where it is used (export.ts). */
declare module 'exceljs/dist/exceljs.bare.min.js' {
  const ExcelJS: unknown;
  export default ExcelJS;
}

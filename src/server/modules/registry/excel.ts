import type ExcelJS from 'exceljs';

/** exceljs takes a quarter of a second to load: only imports and exports pay for it, not every start. */
export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

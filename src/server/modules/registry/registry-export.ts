import { PassThrough, type Readable } from 'node:stream';
import { loadExcel, writeTable } from '../../tabular.js';
import { csvLine } from '../../../core/tabular/csv.js';
import { IMPORT_COLUMNS } from '../../../shared/schemas/registry-import.js';
import type { TSearchQuery } from '../../../shared/schemas/registry.js';
import type { ReadTx } from '../../../db/tx.js';
import { findEntitiesByIds } from './registry.repository.js';
import { searchEntities } from './registry-search.js';

const PAGE = 100;

/** Every record a search matches, page by page, in the import template's columns. */
async function* exportRows(tx: ReadTx, centreId: string, query: Omit<TSearchQuery, 'limit' | 'cursor'>): AsyncGenerator<unknown[]> {
  let cursor: string | undefined;
  do {
    const page = await searchEntities(tx, centreId, { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) });
    const rows = new Map((await findEntitiesByIds(tx, page.items.map((i) => i.id))).map((r) => [r.id, r]));
    for (const item of page.items) {
      const r = rows.get(item.id);
      if (!r) continue;
      const values: Record<string, unknown> = { ...r, isSample: r.isSample ? '是' : '否' };
      yield IMPORT_COLUMNS.map((c) => {
        const v = values[c.field];
        return Array.isArray(v) ? v.join('|') : (v ?? '');
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** A CSV (UTF-8 with BOM, so Excel reads the Chinese) or XLSX stream of a filtered list. */
export const exportEntities = (tx: ReadTx, centreId: string, query: Omit<TSearchQuery, 'limit' | 'cursor'>, format: 'csv' | 'xlsx', headers: 'zh' | 'en' = 'zh'): Readable => {
  const out = new PassThrough();
  const header = IMPORT_COLUMNS.map((c) => c[headers]);
  void (async () => {
    try {
      if (format === 'csv') {
        out.write(`\uFEFF${csvLine(header)}`);
        for await (const row of exportRows(tx, centreId, query)) out.write(csvLine(row));
        out.end();
        return;
      }
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      const sheet = workbook.addWorksheet(headers === 'zh' ? '创新主体' : 'Actors');
      sheet.addRow(header).commit();
      for await (const row of exportRows(tx, centreId, query)) sheet.addRow(row).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
};

/** The empty template: header row only, in the chosen format. */
export const importTemplate = (format: 'csv' | 'xlsx', headers: 'zh' | 'en' = 'zh'): Promise<Buffer> =>
  writeTable(IMPORT_COLUMNS.map((c) => c[headers]), [], format, headers === 'zh' ? '创新主体' : 'Actors');

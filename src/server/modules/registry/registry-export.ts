import type { Readable } from 'node:stream';
import { streamTable, writeTable } from '../../tabular.js';
import { IMPORT_COLUMNS } from '../../../shared/schemas/registry-import.js';
import type { TSearchQuery } from '../../../shared/schemas/registry.js';
import type { ReadTx } from '../../../db/tx.js';
import { findEntitiesByIds } from './registry.repository.js';
import { allMatchingIds } from './registry-search.js';

const PAGE = 1000;

/** Every record a search matches, in id order, in the import template's columns. */
async function* exportRows(tx: ReadTx, centreId: string, query: Omit<TSearchQuery, 'limit' | 'cursor'>): AsyncGenerator<unknown[]> {
  for await (const ids of allMatchingIds(tx, centreId, query, PAGE)) {
    const rows = new Map((await findEntitiesByIds(tx, ids)).map((r) => [r.id, r]));
    for (const id of ids) {
      const r = rows.get(id);
      if (!r) continue;
      const values: Record<string, unknown> = { ...r, isSample: r.isSample ? '是' : '否' };
      yield IMPORT_COLUMNS.map((c) => {
        const v = values[c.field];
        return Array.isArray(v) ? v.join('|') : (v ?? '');
      });
    }
  }
}

/** A CSV (UTF-8 with BOM, so Excel reads the Chinese) or XLSX stream of a filtered list. */
export const exportEntities = (tx: ReadTx, centreId: string, query: Omit<TSearchQuery, 'limit' | 'cursor'>, format: 'csv' | 'xlsx', headers: 'zh' | 'en' = 'zh'): Readable =>
  streamTable(
    IMPORT_COLUMNS.map((c) => c[headers]),
    format,
    headers === 'zh' ? '创新主体' : 'Actors',
    (write) => write(exportRows(tx, centreId, query)),
  );

/** The empty template: header row only, in the chosen format. */
export const importTemplate = (format: 'csv' | 'xlsx', headers: 'zh' | 'en' = 'zh'): Promise<Buffer> =>
  writeTable(IMPORT_COLUMNS.map((c) => c[headers]), [], format, headers === 'zh' ? '创新主体' : 'Actors');

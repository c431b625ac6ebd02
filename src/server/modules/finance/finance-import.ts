import { randomUUID } from 'node:crypto';
import { checkRoundRow, ROUND_IMPORT_COLUMNS, type RoundImportField, type RoundRow } from '../../../core/finance/index.js';
import { nameKey } from '../../../core/patents/index.js';
import type { TRoundImportReport } from '../../../shared/schemas/finance.js';
import { withWriteTx } from '../../../db/tx.js';
import { auditWrite } from '../../audit.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { formatOf, readTable, writeTable } from '../../tabular.js';
import { findCentre } from '../contracts/contracts.repository.js';
import { organisationLookup } from '../patents/patents.repository.js';
import * as repo from './finance.repository.js';

/**
 * Investment rounds from a spreadsheet (CSV or XLSX), landing whole or not at
 * all: any bad row leaves the database untouched and the report names each
 * problem by row, column and value. The company must be a registry
 * organisation (by id, USCC, name or alias); investors link to the registry
 * when their name is unambiguous and stay names otherwise.
 */
export const MAX_ROUND_IMPORT_ROWS = 20_000;
const MAX_ERRORS = 500;

const HEADERS = new Map<string, RoundImportField>(ROUND_IMPORT_COLUMNS.flatMap((c) => [[c.zh.toLowerCase(), c.field], [c.en.toLowerCase(), c.field], [c.field.toLowerCase(), c.field]] as [string, RoundImportField][]));
const label = (f: RoundImportField): string => ROUND_IMPORT_COLUMNS.find((c) => c.field === f)?.zh ?? f;
const REASONS: Record<string, string> = { required: 'required', date: 'not a calendar date (YYYY-MM-DD)', stage: 'unknown stage', amount: 'not an amount (a number, optionally with 万 or 亿)', currency: 'not a three-letter currency code', below_amount: 'valuation below the amount raised', unknown_company: 'no such organisation in the registry', ambiguous_company: 'several registry organisations carry this name' };

export const roundImportTemplate = (format: 'csv' | 'xlsx'): Promise<Buffer> => writeTable(ROUND_IMPORT_COLUMNS.map((c) => c.zh), [], format, '投融资');

export const importRounds = async (ctx: ServiceContext, centreId: string, input: Buffer, fileName: string, opts: { dryRun: boolean; isSample: boolean }): Promise<TRoundImportReport> => {
  const format = formatOf(fileName);
  return withWriteTx(ctx.db, async (tx) => {
    if (!(await findCentre(tx, centreId))) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
    const orgs = await organisationLookup(tx, centreId);
    const errors: TRoundImportReport['errors'] = [];
    const fail = (row: number, field: RoundImportField | string, value: string, code: string) => {
      if (errors.length < MAX_ERRORS) errors.push({ row, column: ROUND_IMPORT_COLUMNS.some((c) => c.field === field) ? label(field as RoundImportField) : field, value, code, reason: REASONS[code] ?? code });
    };
    let columns: (RoundImportField | null)[] | null = null;
    let rowNumber = 0;
    const parsed: { row: number; record: RoundRow; investeeId: string }[] = [];
    for await (const cells of readTable(input, format)) {
      rowNumber++;
      if (!columns) {
        columns = cells.map((h) => HEADERS.get(h.trim().replace(/^\uFEFF/, '').toLowerCase()) ?? null);
        for (const c of ROUND_IMPORT_COLUMNS) if (c.required && !columns.includes(c.field)) fail(1, c.field, '', 'missing_column');
        if (errors.length) break;
        continue;
      }
      if (cells.every((c) => !c.trim())) continue;
      if (parsed.length + errors.length >= MAX_ROUND_IMPORT_ROWS) throw new AppError('VALIDATION_FAILED', `At most ${MAX_ROUND_IMPORT_ROWS} rows per file`, { fields: [{ in: 'body', path: '', reason: 'too_many_rows', message: `at most ${MAX_ROUND_IMPORT_ROWS} rows` }] });
      const values: Partial<Record<RoundImportField, string>> = {};
      columns.forEach((f, i) => {
        if (f) values[f] = cells[i] ?? '';
      });
      const checked = checkRoundRow(values);
      if (!checked.ok) {
        for (const p of checked.problems) fail(rowNumber, p.field, values[p.field] ?? '', p.code);
        continue;
      }
      const org = orgs.get(nameKey(checked.row.investee));
      if (!org || org === 'ambiguous') {
        fail(rowNumber, 'investee', checked.row.investee, org ? 'ambiguous_company' : 'unknown_company');
        continue;
      }
      parsed.push({ row: rowNumber, record: checked.row, investeeId: org.id });
    }
    if (!columns) fail(1, 'investee', '', 'empty_file');
    const report: TRoundImportReport = { rows: parsed.length + new Set(errors.map((e) => e.row)).size, created: 0, dryRun: opts.dryRun, errors, linkedInvestors: 0 };
    if (errors.length) return report;
    const ids: string[] = [];
    for (const { record, investeeId } of parsed) {
      const investors = record.investors.map((inv, position) => {
        const hit = orgs.get(nameKey(inv.name));
        const entityId = hit && hit !== 'ambiguous' && hit.id !== investeeId ? hit.id : null;
        if (entityId) report.linkedInvestors++;
        return { position, name: inv.name, entityId, isLead: inv.isLead };
      });
      report.created++;
      if (opts.dryRun) continue;
      const id = randomUUID();
      ids.push(id);
      await repo.insertRound(tx, { id, centreId, investeeId, announcedOn: record.announcedOn, stage: record.stage, amount: record.amount, currency: record.currency, postMoneyValuation: record.postMoneyValuation, sourceNote: record.sourceNote ?? `${fileName}`, sourceUrl: null, isSample: opts.isSample, createdBy: ctx.user?.id ?? null, createdAt: ctx.now, updatedAt: ctx.now });
      await repo.replaceInvestors(tx, id, investors);
    }
    if (!opts.dryRun && ids.length) await auditWrite(tx, ctx, centreId, 'investment_round.import', 'investment_round_import', randomUUID(), null, { fileName, rounds: ids, isSample: opts.isSample });
    return report;
  });
};

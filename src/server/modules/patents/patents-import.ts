import { randomUUID } from 'node:crypto';
import { checkPatentRow, nameKey, PATENT_IMPORT_COLUMNS, type PatentImportField, type PatentRecord } from '../../../core/patents/index.js';
import type { TPatentImportReport } from '../../../shared/schemas/patents.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { withWriteTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { formatOf, readTable, writeTable } from '../../tabular.js';
import { areaLinks } from '../contracts/contracts.repository.js';
import * as repo from './patents.repository.js';
import type { PartyRow, PatentRow } from './patents.repository.js';
import { attributionOf, loadCentre } from './patents.service.js';
import { dayIn } from '../../../core/calendar.js';

/**
 * Patent records from a spreadsheet (a CNIPA search export, or the template).
 * The file lands whole or not at all: any bad row leaves the database
 * untouched and the report names every problem by row, column and value.
 * A number already held is updated in place (a legal status changes, a
 * grant date arrives), never duplicated. Applicants are linked to registry
 * organisations by exact name, alias or USCC; the rest stay names and are
 * listed in the report so that someone can link them later.
 */

export const MAX_PATENT_IMPORT_ROWS = 100_000;
const MAX_ERRORS = 500;

const HEADERS = new Map<string, PatentImportField>(PATENT_IMPORT_COLUMNS.flatMap((c) => [[c.zh.toLowerCase(), c.field], [c.en.toLowerCase(), c.field], [c.field.toLowerCase(), c.field]] as [string, PatentImportField][]));
// Other headers CNIPA and commercial databases export.
for (const [h, f] of [['申请号/专利号', 'number'], ['专利号', 'number'], ['申请(专利)号', 'number'], ['发明名称', 'title'], ['专利名称', 'title'], ['分类号', 'ipc'], ['ipc', 'ipc'], ['申请(专利权)人', 'applicants'], ['专利权人', 'applicants'], ['公开(公告)日', 'publicationDate'], ['授权公告日', 'grantDate'], ['当前法律状态', 'legalStatus']] as const) HEADERS.set(h.toLowerCase(), f);

const label = (f: PatentImportField): string => PATENT_IMPORT_COLUMNS.find((c) => c.field === f)?.zh ?? f;

/** A blank template with the Chinese headers (the English ones are accepted too). */
export const patentImportTemplate = (format: 'csv' | 'xlsx'): Promise<Buffer> => writeTable(PATENT_IMPORT_COLUMNS.map((c) => c.zh), [], format, '专利');

type Parsed = { row: number; record: PatentRecord };

/** The fields of a record a re-import may change, for telling updated from unchanged. */
const comparable = (r: Pick<PatentRow, 'kind' | 'title' | 'ipcClasses' | 'mainIpc' | 'applicationDate' | 'publicationDate' | 'grantDate' | 'legalStatus' | 'legalStatusDate'>, parties: readonly { role: string; name: string }[]) =>
  JSON.stringify([r.kind, r.title, r.ipcClasses, r.mainIpc, r.applicationDate, r.publicationDate, r.grantDate, r.legalStatus, r.legalStatusDate, parties.map((p) => `${p.role}:${p.name}`)]);

export const importPatents = async (ctx: ServiceContext, centreId: string, input: Buffer, fileName: string, opts: { dryRun: boolean; isSample: boolean }): Promise<TPatentImportReport> => {
  const format = formatOf(fileName);
  return withWriteTx(ctx.db, async (tx) => {
    const centre = await loadCentre(tx, centreId);
    const today = dayIn(ctx.now, centre.timezone);
    const errors: TPatentImportReport['errors'] = [];
    const fail = (row: number, column: string, value: string, code: string, reason: string, params?: Record<string, string | number>) => {
      if (errors.length < MAX_ERRORS) errors.push({ row, column, value, code, reason, ...(params ? { params } : {}) });
    };
    let columns: (PatentImportField | null)[] | null = null;
    let rowNumber = 0;
    const parsed: Parsed[] = [];
    const seen = new Map<string, number>();
    for await (const cells of readTable(input, format)) {
      rowNumber++;
      if (!columns) {
        columns = cells.map((h) => HEADERS.get(h.trim().replace(/^\uFEFF/, '').toLowerCase()) ?? null);
        for (const c of PATENT_IMPORT_COLUMNS) if (c.required && !columns.includes(c.field)) fail(1, c.zh, '', 'missing_column', `missing column ${c.zh} / ${c.en}`);
        if (errors.length) break;
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      if (rowNumber - 1 > MAX_PATENT_IMPORT_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_PATENT_IMPORT_ROWS} patents per file`);
      // Each field's cell read once per row (checkPatentRow asks for a field dozens of times); a repeated header's last column wins.
      const values = new Map<PatentImportField, string>();
      columns.forEach((c, i) => c && values.set(c, (cells[i] ?? '').trim()));
      const v = (f: PatentImportField): string => values.get(f) ?? '';
      const { record, issues } = checkPatentRow(v, today);
      for (const i of issues) fail(rowNumber, label(i.field), i.value, i.code, i.reason, i.params);
      if (!record) continue;
      const first = seen.get(record.number);
      if (first) {
        fail(rowNumber, label('number'), v('number'), 'same_as_row', `the same patent as row ${first}`, { row: first });
        continue;
      }
      seen.set(record.number, rowNumber);
      parsed.push({ row: rowNumber, record });
    }
    if (!columns) throw new AppError('VALIDATION_FAILED', 'The file is empty', { fields: [{ in: 'body', path: 'file', reason: 'empty_file', message: 'no header row' }] });
    const rows = Math.max(0, rowNumber - 1);
    errors.sort((a, b) => a.row - b.row);

    // Link applicants: by exact name, alias or USCC; a name two organisations share links to neither.
    const [orgs, links, existing] = [await repo.organisationLookup(tx, centreId), await areaLinks(tx, centreId), await repo.patentsByNumber(tx, centreId, parsed.map((p) => p.record.number))];
    const oldParties = await repo.partiesOf(tx, [...existing.values()].map((r) => r.id));
    const unmatched = new Map<string, number>();
    let linked = 0;
    const orgAreas = new Map<string, string | null>();
    for (const o of orgs.values()) if (o !== 'ambiguous') orgAreas.set(o.id, o.areaId);
    const plan = parsed.map(({ record }) => {
      const before = existing.get(record.number);
      // A link someone made by hand survives a re-import of the same name.
      const kept = new Map((before ? (oldParties.get(before.id) ?? []) : []).filter((p) => p.role === 'applicant' && p.entityId).map((p) => [nameKey(p.name), p.entityId as string]));
      const id = before?.id ?? randomUUID();
      const parties: PartyRow[] = [
        ...record.applicants.map((name, position) => {
          const hit = orgs.get(nameKey(name));
          const entityId = hit && hit !== 'ambiguous' ? hit.id : (kept.get(nameKey(name)) ?? null);
          if (entityId) linked++;
          else unmatched.set(name, (unmatched.get(name) ?? 0) + 1);
          return { patentId: id, role: 'applicant', position, name, entityId };
        }),
        ...record.inventors.map((name, position) => ({ patentId: id, role: 'inventor', position, name, entityId: null })),
      ];
      const attribution = attributionOf(parties, links, orgAreas);
      const fields = { kind: record.kind, title: record.title, ipcClasses: record.ipcClasses, mainIpc: record.mainIpc, applicationDate: record.applicationDate, publicationDate: record.publicationDate, grantDate: record.grantDate, legalStatus: record.legalStatus, legalStatusDate: record.statusDate, ...attribution };
      const changed = !before || comparable(before, oldParties.get(before.id) ?? []) !== comparable(fields, parties) || before.firstApplicantId !== attribution.firstApplicantId || before.areaId !== attribution.areaId;
      return { id, before, fields, parties, changed, number: record.number };
    });
    const report = (batch: string | null, dryRun: boolean): TPatentImportReport => ({
      batch,
      rows,
      created: errors.length ? 0 : plan.filter((p) => !p.before).length,
      updated: errors.length ? 0 : plan.filter((p) => p.before && p.changed).length,
      unchanged: errors.length ? 0 : plan.filter((p) => p.before && !p.changed).length,
      dryRun,
      errors,
      unmatchedApplicants: [...unmatched].map(([name, patents]) => ({ name, patents })).sort((a, b) => b.patents - a.patents || a.name.localeCompare(b.name)),
      linkedApplicants: linked,
    });
    if (errors.length || opts.dryRun) return report(null, opts.dryRun);

    const batch = randomUUID();
    const created = plan.filter((p) => !p.before);
    const updated = plan.filter((p) => p.before && p.changed);
    const inserted = await repo.insertPatents(tx, created.map((p) => ({ id: p.id, centreId, number: p.number, ...p.fields, importBatch: batch, isSample: opts.isSample, createdAt: ctx.now, updatedAt: ctx.now })));
    // Two imports of the same numbers at once: the later one writes nothing and says so (409), rather than failing on the unique index (500).
    if (inserted < created.length) throw new AppError('CONFLICT', 'Another import has just written some of these patents; check the file again', { fields: [{ in: 'body', path: 'file', reason: 'import_race', message: 'patents written by another import meanwhile' }] });
    for (const p of updated) await repo.updatePatent(tx, p.id, { ...p.fields, importBatch: batch, updatedAt: ctx.now });
    await repo.replaceParties(tx, [...created, ...updated].map((p) => p.id), [...created, ...updated].flatMap((p) => p.parties));
    const changes = updated.slice(0, 1000).map((p) => ({ number: p.number, before: { legalStatus: p.before?.legalStatus, grantDate: p.before?.grantDate, legalStatusDate: p.before?.legalStatusDate }, after: { legalStatus: p.fields.legalStatus, grantDate: p.fields.grantDate, legalStatusDate: p.fields.legalStatusDate } }));
    const out = report(batch, false);
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'patent.import', entityType: 'patent_batch', entityId: batch, centreId, before: null, after: { fileName, rows, created: out.created, updated: out.updated, unchanged: out.unchanged, isSample: opts.isSample, unmatchedApplicants: out.unmatchedApplicants.length, changes }, requestId: ctx.requestId });
    return out;
  });
};

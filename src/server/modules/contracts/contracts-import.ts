import { randomUUID } from 'node:crypto';
import { aggregate, canonicalPatentNumber, checkContract, contractKey, registrationNumber, sellerKindOf, type RegisteredContract } from '../../../core/contracts/index.js';
import { isBuyerRegion, PROVINCES, TECH_CONTRACT_TYPE_ZH, TECH_CONTRACT_TYPES, TECHNICAL_FIELD_ZH, TECHNICAL_FIELDS, type TechContractType, type TechnicalField } from '../../../shared/contracts-vocabulary.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { withWriteTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { formatOf, readTable, writeTable } from '../../tabular.js';
import { parseFigure } from '../indicators/observations-import.js';
import * as repo from './contracts.repository.js';
import { placeOf } from './contracts.service.js';
import { dayIn } from '../../../core/calendar.js';

/**
 * Historical registrations from a spreadsheet: each row a contract that was
 * registered before the platform. The file lands whole or not at all: any bad
 * row leaves the database untouched and the report names every problem by
 * row, column and value. Imported contracts are `registered`, carry the batch
 * id, and enter the statistics in the same transaction.
 */

export const CONTRACT_IMPORT_COLUMNS = [
  { field: 'contractNumber', zh: '合同编号', en: 'Contract number', required: true },
  { field: 'title', zh: '合同名称', en: 'Title', required: true },
  { field: 'type', zh: '合同类型', en: 'Type', required: true },
  { field: 'field', zh: '技术领域', en: 'Technical field', required: true },
  { field: 'seller', zh: '卖方', en: 'Seller', required: true },
  { field: 'buyer', zh: '买方', en: 'Buyer', required: true },
  { field: 'buyerRegion', zh: '买方地区', en: 'Buyer region', required: false },
  { field: 'amount', zh: '合同成交额（元）', en: 'Contract amount (yuan)', required: true },
  { field: 'technicalAmount', zh: '技术交易额（元）', en: 'Technical transaction amount (yuan)', required: false },
  { field: 'signedOn', zh: '签订日期', en: 'Signed on', required: true },
  { field: 'registeredOn', zh: '登记日期', en: 'Registered on', required: true },
  { field: 'registrationNumber', zh: '登记号', en: 'Registration number', required: false },
  { field: 'patentNumbers', zh: '专利号', en: 'Patent numbers', required: false },
] as const;
type Column = (typeof CONTRACT_IMPORT_COLUMNS)[number]['field'];

export const MAX_CONTRACT_IMPORT_ROWS = 100_000;
const MAX_ERRORS = 500;

/** One problem: `code` for the web to translate (with `params`), `reason` in English for API users. */
export type ContractImportError = { row: number; column: string; value: string; code: string; params?: Record<string, string | number>; reason: string };
export type ContractImportReport = { batch: string | null; rows: number; imported: number; errors: ContractImportError[]; dryRun: boolean };

const HEADERS = new Map<string, Column>(CONTRACT_IMPORT_COLUMNS.flatMap((c) => [[c.zh.toLowerCase(), c.field], [c.en.toLowerCase(), c.field], [c.field.toLowerCase(), c.field]] as [string, Column][]));
const TYPE_WORDS = new Map<string, TechContractType>([...TECH_CONTRACT_TYPES.map((t) => [t, t] as const), ...Object.entries(TECH_CONTRACT_TYPE_ZH).map(([t, zh]) => [zh, t as TechContractType] as const)]);
const FIELD_WORDS = new Map<string, TechnicalField>([...TECHNICAL_FIELDS.map((t) => [t, t] as const), ...Object.entries(TECHNICAL_FIELD_ZH).map(([t, zh]) => [zh, t as TechnicalField] as const)]);
const REGION_WORDS = new Map<string, string>(Object.entries(PROVINCES).flatMap(([code, n]) => [[code, code], [n.zh, code], [n.en.toLowerCase(), code]] as [string, string][]));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return DATE.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A blank template with both header rows' worth of names: Chinese headers (English ones are accepted too). */
export const contractImportTemplate = (format: 'csv' | 'xlsx'): Promise<Buffer> => writeTable(CONTRACT_IMPORT_COLUMNS.map((c) => c.zh), [], format, '技术合同');

export const importContracts = async (ctx: ServiceContext, centreId: string, input: Buffer, fileName: string, opts: { dryRun: boolean; isSample: boolean }): Promise<ContractImportReport> => {
  const format = formatOf(fileName);
  return withWriteTx(ctx.db, async (tx) => {
    const centre = await repo.findCentre(tx, centreId);
    if (!centre) throw new AppError('NOT_FOUND', `No centre ${centreId}`);
    const [orgs, root, links] = [await repo.organisationLookup(tx, centreId), await repo.rootArea(tx, centreId), await repo.areaLinks(tx, centreId)];
    const province = (root?.code ?? '00').slice(0, 2);
    const today = dayIn(ctx.now, centre.timezone);
    const errors: ContractImportError[] = [];
    const fail = (row: number, column: string, value: string, code: string, reason: string, params?: Record<string, string | number>) => {
      if (errors.length < MAX_ERRORS) errors.push({ row, column, value, code, reason, ...(params ? { params } : {}) });
    };
    let columns: (Column | null)[] | null = null;
    let rowNumber = 0;
    const parsed: (repo.ContractInsert & { row: number })[] = [];
    const seenInFile = new Map<string, number>();
    const numbersInFile = new Map<string, number>();
    for await (const cells of readTable(input, format)) {
      rowNumber++;
      if (!columns) {
        columns = cells.map((h) => HEADERS.get(h.trim().replace(/^\uFEFF/, '').toLowerCase()) ?? null);
        for (const c of CONTRACT_IMPORT_COLUMNS) if (c.required && !columns.includes(c.field)) fail(1, c.zh, '', 'missing_column', `missing column ${c.zh} / ${c.en}`);
        if (errors.length) break;
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      if (parsed.length + errors.length >= MAX_CONTRACT_IMPORT_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_CONTRACT_IMPORT_ROWS} contracts per file`);
      const v = (f: Column): string => (columns as (Column | null)[]).reduce((acc, c, i) => (c === f ? (cells[i] ?? '').trim() : acc), '');
      const label = (f: Column) => CONTRACT_IMPORT_COLUMNS.find((c) => c.field === f)?.zh ?? f;
      const before = errors.length;
      for (const c of CONTRACT_IMPORT_COLUMNS) if (c.required && v(c.field) === '') fail(rowNumber, c.zh, '', 'required', 'required');
      const type = TYPE_WORDS.get(v('type'));
      if (v('type') && !type) fail(rowNumber, label('type'), v('type'), 'unknown_type', `not a contract type (${Object.values(TECH_CONTRACT_TYPE_ZH).join('、')})`);
      const field = FIELD_WORDS.get(v('field'));
      if (v('field') && !field) fail(rowNumber, label('field'), v('field'), 'unknown_field', 'not a technical field');
      const seller = orgs.get(v('seller').toLowerCase());
      const sellerId = seller?.id;
      if (v('seller') && !sellerId) fail(rowNumber, label('seller'), v('seller'), 'unknown_organisation', 'no organisation with this id, USCC or name in the registry');
      const buyer = orgs.get(v('buyer').toLowerCase()) ?? null;
      const buyerId = buyer?.id ?? null;
      let buyerRegion = buyerId ? province : null;
      const regionText = v('buyerRegion');
      if (regionText) {
        const region = REGION_WORDS.get(regionText) ?? REGION_WORDS.get(regionText.toLowerCase()) ?? (isBuyerRegion(regionText) ? regionText : undefined);
        if (!region) fail(rowNumber, label('buyerRegion'), regionText, 'unknown_region', 'not a province (name or GB/T 2260 code) or abroad:XX');
        else buyerRegion = region;
      } else if (!buyerId && v('buyer')) fail(rowNumber, label('buyerRegion'), '', 'region_required', 'required for a buyer outside the registry');
      const amount = parseFigure(v('amount'));
      if (v('amount') && (amount === null || amount <= 0)) fail(rowNumber, label('amount'), v('amount'), 'amount_invalid', 'not a positive amount');
      const technical = v('technicalAmount') ? parseFigure(v('technicalAmount')) : amount;
      if (v('technicalAmount') && (technical === null || technical < 0 || (amount !== null && technical > amount))) fail(rowNumber, label('technicalAmount'), v('technicalAmount'), 'technical_amount_invalid', 'not an amount between 0 and the contract amount');
      for (const d of ['signedOn', 'registeredOn'] as const) if (v(d) && !realDate(v(d))) fail(rowNumber, label(d), v(d), 'date_invalid', 'not a date (YYYY-MM-DD)');
      if (realDate(v('registeredOn')) && v('registeredOn') > today) fail(rowNumber, label('registeredOn'), v('registeredOn'), 'date_future', 'after today');
      if (realDate(v('registeredOn')) && realDate(v('signedOn')) && v('registeredOn') < v('signedOn')) fail(rowNumber, label('registeredOn'), v('registeredOn'), 'registered_before_signed', 'before the signing date');
      const patents = v('patentNumbers') ? v('patentNumbers').split(/[;；,，\s]+/).filter(Boolean) : [];
      if (errors.length > before || !type || !field || !sellerId || amount === null || technical === null || !buyerRegion) continue;
      const breakdown = technical < amount ? [{ item: 'technical_fee' as const, amount: technical }, { item: 'other_non_technical' as const, amount: Math.round((amount - technical) * 100) / 100 }] : [];
      for (const i of checkContract({ type, sellerId, buyerEntityId: buyerId, amount, breakdown, patentNumbers: patents, signedOn: v('signedOn'), validUntil: null }, today)) fail(rowNumber, i.path.startsWith('patent') ? label('patentNumbers') : i.path.startsWith('buyer') ? label('buyer') : i.path === 'signedOn' ? label('signedOn') : label('amount'), '', i.code, i.message);
      if (errors.length > before) continue;
      const key = contractKey(v('contractNumber'));
      const firstRow = seenInFile.get(`${sellerId}|${key}`);
      if (firstRow) {
        fail(rowNumber, label('contractNumber'), v('contractNumber'), 'same_as_row', `the same contract as row ${firstRow}`, { row: firstRow });
        continue;
      }
      seenInFile.set(`${sellerId}|${key}`, rowNumber);
      const regNo = v('registrationNumber') || null;
      if (regNo) {
        const other = numbersInFile.get(regNo);
        if (other) {
          fail(rowNumber, label('registrationNumber'), regNo, 'number_repeated', `also on row ${other}`, { row: other });
          continue;
        }
        numbersInFile.set(regNo, rowNumber);
      }
      const place = placeOf(seller?.areaId ?? null, links);
      parsed.push({
        row: rowNumber,
        id: randomUUID(),
        centreId,
        state: 'registered',
        contractNumber: v('contractNumber'),
        contractKey: key,
        title: v('title'),
        type,
        field,
        sellerId,
        sellerKind: sellerKindOf(seller?.category ?? ''),
        sellerDistrictId: place.district,
        sellerParkId: place.park,
        buyerEntityId: buyerId,
        buyerName: buyer ? (buyer.nameZh ?? buyer.nameEn) : v('buyer'),
        buyerRegion,
        amount,
        technicalAmount: technical,
        breakdown,
        patentNumbers: patents.map(canonicalPatentNumber),
        signedOn: v('signedOn'),
        submittedAt: new Date(`${v('registeredOn')}T00:00:00Z`),
        decidedAt: new Date(`${v('registeredOn')}T00:00:00Z`),
        registrationNumber: regNo,
        registeredOn: v('registeredOn'),
        submittedBy: null,
        registrarId: ctx.user?.id ?? null,
        isSample: opts.isSample,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
    }
    if (!columns) throw new AppError('VALIDATION_FAILED', 'The file is empty', { fields: [{ in: 'body', path: 'file', reason: 'empty_file', message: 'no header row' }] });
    const rows = rowNumber - 1;
    // Against the database, in bulk: contracts already submitted or registered, registration numbers already used.
    const dups = await repo.findLiveDuplicates(tx, parsed.map((p) => ({ sellerId: p.sellerId, contractKey: p.contractKey })));
    for (const p of parsed) {
      const dup = dups.get(`${p.sellerId}|${p.contractKey}`);
      if (dup) fail(p.row, '合同编号', p.contractNumber, dup.registrationNumber ? 'already_registered' : 'already_submitted', dup.registrationNumber ? `already registered as ${dup.registrationNumber}` : 'already submitted', dup.registrationNumber ? { number: dup.registrationNumber } : undefined);
    }
    const taken = await repo.existingRegistrationNumbers(tx, centreId, [...numbersInFile.keys()]);
    for (const n of taken) fail(numbersInFile.get(n) ?? 0, '登记号', n, 'number_taken', 'already used by a registered contract');
    errors.sort((a, b) => a.row - b.row);
    if (errors.length || opts.dryRun) return { batch: null, rows, imported: 0, errors, dryRun: opts.dryRun };
    const batch = randomUUID();
    // Rows without a registration number get the next numbers of their registration year.
    const byYear = new Map<number, typeof parsed>();
    for (const p of parsed) if (!p.registrationNumber) byYear.set(Number(p.registeredOn?.slice(0, 4)), [...(byYear.get(Number(p.registeredOn?.slice(0, 4))) ?? []), p]);
    for (const [year, list] of byYear) {
      const first = await repo.takeSequence(tx, centreId, year, list.length);
      list.forEach((p, i) => (p.registrationNumber = registrationNumber(year, root?.code ?? '000000', first + i)));
    }
    await repo.insertContracts(tx, parsed.map(({ row: _row, ...p }) => ({ ...p, importBatch: batch })));
    await repo.addToStats(tx, centreId, aggregate(parsed.map((p): RegisteredContract => ({ registeredOn: p.registeredOn as string, type: p.type as TechContractType, field: p.field as TechnicalField, sellerKind: p.sellerKind as RegisteredContract['sellerKind'], sellerDistrictId: p.sellerDistrictId ?? null, sellerParkId: p.sellerParkId ?? null, buyerRegion: p.buyerRegion, amount: p.amount, technicalAmount: p.technicalAmount, isSample: p.isSample ?? false }))));
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'tech_contract.import', entityType: 'tech_contract_batch', entityId: batch, centreId, before: null, after: { fileName, rows, imported: parsed.length, isSample: opts.isSample, firstId: parsed[0]?.id ?? null }, requestId: ctx.requestId });
    return { batch, rows, imported: parsed.length, errors: [], dryRun: false };
  });
};

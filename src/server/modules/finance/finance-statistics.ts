import { sumRounds, unicornsAtYearEnd, type UnicornInput } from '../../../core/finance/index.js';
import { readTogether, type ReadTx } from '../../../db/tx.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { findRootAreaId } from '../indicators/indicators.repository.js';
import { financeRecords } from './finance.repository.js';
import { yearIn } from '../../../core/calendar.js';

/** The published count of unicorns (a seeded or imported figure), shown beside the records' count and never mixed into it. */
export const PUBLISHED_UNICORN_CODE = 'unicorns';

/** The currency venture investment is summed in: rounds in other currencies convert only at rates the user entered. */
export const SUM_CURRENCY = 'CNY';

/** The registry's own measures of S&T finance (issue 9). */
export const FINANCE_INDICATORS = [
  { code: 'venture_rounds', nameZh: '平台记录的创业投资轮次', nameEn: 'Venture rounds recorded', unit: 'rounds', direction: 1 as const, definitionZh: '当年公布的、投向本中心登记机构的投资轮次数（按公布日期；含未披露金额的轮次）。', definitionEn: 'Investment rounds into the centre’s registered organisations announced in the year (by announcement date, undisclosed amounts included).' },
  { code: 'venture_investment_amount', nameZh: '平台记录的创业投资金额', nameEn: 'Venture investment recorded', unit: 'yuan', direction: 1 as const, definitionZh: '当年公布的投资轮次中已披露金额之和，折合人民币元；外币只按用户录入的当年汇率折算，无汇率者不计入（来源只列计入的轮次，融资页列出未折算者）。', definitionEn: 'Disclosed amounts of the rounds announced in the year, in yuan; other currencies convert only at the rates users entered for that year, rounds without one are left out (the provenance lists the rounds counted; the finance page lists those not converted).' },
  { code: 'unicorns_recorded', nameZh: '平台记录的独角兽企业数', nameEn: 'Unicorns in the records', unit: 'enterprises', direction: 1 as const, definitionZh: '年末（12月31日）持有独角兽认定、或最近一轮投后估值按录入汇率不低于10亿美元，且尚未上市或被并购的登记企业数。', definitionEn: 'Registered companies that on 31 December hold the unicorn recognition or whose latest post-money valuation, at the rates entered, is at least USD 1 billion, and have neither listed nor been acquired.' },
];

const roundKind = 'investment_round';

/**
 * Per year, for the centre and the area of each investee: rounds and the
 * disclosed amounts in yuan (each figure lists its rounds; rounds whose
 * currency has no rate are named apart), and the unicorns at each completed
 * year end (listing the companies).
 */
export const loadFinanceFigures = async (tx: ReadTx, centreId: string, now: Date, timeZone: string): Promise<DerivedFigure[]> => {
  const [records, root] = await readTogether(tx, [() => financeRecords(tx, centreId), () => findRootAreaId(tx, centreId)] as const);
  const out: DerivedFigure[] = [];
  const sampleRound = new Map(records.rounds.map((r) => [r.id, r.isSample]));
  const cells = sumRounds(records.rounds.map((r) => ({ ...r, stage: r.stage as 'a' })), records.rates, SUM_CURRENCY);
  type Group = { year: number; areaId: string | undefined; rounds: string[]; amount: number; converted: string[] };
  const groups = new Map<string, Group>();
  for (const c of cells) {
    for (const area of c.areaId && c.areaId !== root ? [undefined, c.areaId] : [undefined]) {
      const key = `${c.year}|${area ?? ''}`;
      const g = groups.get(key) ?? { year: c.year, areaId: area, rounds: [], amount: 0, converted: [] };
      g.rounds.push(...c.roundIds);
      g.amount += c.amount;
      g.converted.push(...c.convertedIds);
      groups.set(key, g);
    }
  }
  for (const g of groups.values()) {
    const ids = [...g.rounds].sort();
    const records_ = ids.map((id) => ({ kind: roundKind, id }));
    const isSample = ids.some((id) => sampleRound.get(id));
    const area = g.areaId ? { areaId: g.areaId } : {};
    out.push({ code: 'venture_rounds', period: String(g.year), value: ids.length, numerator: ids.length, denominator: null, records: records_, isSample, ...area });
    const converted = [...g.converted].sort();
    if (converted.length) out.push({ code: 'venture_investment_amount', period: String(g.year), value: Math.round(g.amount * 100) / 100, numerator: Math.round(g.amount * 100) / 100, denominator: null, records: converted.map((id) => ({ kind: roundKind, id })), isSample: converted.some((id) => sampleRound.get(id)), ...area });
  }
  // Unicorns at each completed year end, from the first year the records name.
  const input: UnicornInput = { recognitions: records.recognitions, rounds: records.rounds, exits: records.exits, rates: records.rates };
  const years = [...records.rounds.map((r) => r.announcedOn), ...records.recognitions.flatMap((r) => (r.validFrom ? [r.validFrom] : []))].map((d) => Number(d.slice(0, 4)));
  const lastYear = yearIn(now, timeZone) - 1;
  const sampleEntity = new Map<string, boolean>();
  for (const r of records.rounds) if (r.isSample) sampleEntity.set(r.entityId, true);
  for (const r of records.recognitions) if (r.isSample) sampleEntity.set(r.entityId, true);
  const areaOf = new Map<string, string | null>([...records.rounds.map((r) => [r.entityId, r.areaId] as const), ...records.recognitions.map((r) => [r.entityId, r.areaId] as const)]);
  if (years.length) {
    for (let year = Math.min(...years); year <= lastYear; year++) {
      const ids = unicornsAtYearEnd(input, year).map((s) => s.entityId).sort();
      const perArea = new Map<string | undefined, string[]>([[undefined, ids]]);
      for (const id of ids) {
        const a = areaOf.get(id);
        if (a && a !== root) perArea.set(a, [...(perArea.get(a) ?? []), id]);
      }
      for (const [areaId, list] of perArea) out.push({ code: 'unicorns_recorded', period: String(year), value: list.length, numerator: list.length, denominator: null, records: list.map((id) => ({ kind: 'entity', id })), isSample: list.some((id) => sampleEntity.get(id)), ...(areaId ? { areaId } : {}) });
    }
  }
  return out;
};

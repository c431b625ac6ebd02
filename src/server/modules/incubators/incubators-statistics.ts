import { funnelOf } from '../../../core/incubators/index.js';
import type { ReadTx } from '../../../db/tx.js';
import { INCUBATOR_TYPES, type TIncubatorType } from '../../../shared/schemas/incubators.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { cohortFacts } from './incubators.service.js';

const TYPE_NAMES: Record<TIncubatorType, { zh: string; en: string }> = {
  university: { zh: '高校', en: 'university' },
  corporate: { zh: '企业', en: 'corporate' },
  government: { zh: '政府', en: 'government-run' },
  professional: { zh: '专业', en: 'professional' },
  private: { zh: '民营', en: 'private' },
  other: { zh: '其他', en: 'other' },
};

const definition = (zh: string, en: string) => ({
  definitionZh: `${zh}该年度入孵的初创企业中，目前仍存续的比例（登记库记为注销的、或以“失败/关闭”离孵的计为未存续；迁出者计为存续）。`,
  definitionEn: `Share of the start-ups ${en}taken in that year that are still alive (dissolved in the registry, or left as failed/closed, counts as lost; relocated counts as alive).`,
});

/** Incubator survival per intake year: over all incubators, and per incubator type (like for like). */
export const INCUBATOR_INDICATORS = [
  { code: 'incubator_survival_rate', nameZh: '孵化企业存续率', nameEn: 'Incubated start-ups surviving', unit: '%', direction: 1 as const, ...definition('', '') },
  ...INCUBATOR_TYPES.map((t) => ({ code: `incubator_survival_rate_${t}`, nameZh: `孵化企业存续率（${TYPE_NAMES[t].zh}孵化器）`, nameEn: `Incubated start-ups surviving: ${TYPE_NAMES[t].en} incubators`, unit: '%', direction: 1 as const, ...definition(`${TYPE_NAMES[t].zh}孵化器`, `by ${TYPE_NAMES[t].en} incubators `) })),
];

/** Per intake year (the period), the survival rate of the start-ups of every cohort of that year, and of each type's cohorts. */
export const loadIncubatorFigures = async (tx: ReadTx, centreId: string): Promise<DerivedFigure[]> => {
  const cohorts = await cohortFacts(tx, centreId);
  const groups = new Map<string, { code: string; period: string; cohorts: typeof cohorts }>();
  for (const c of cohorts) {
    if (c.residents.length === 0) continue;
    for (const code of ['incubator_survival_rate', `incubator_survival_rate_${c.incubatorType}`]) {
      const key = `${code}|${c.intakeYear}`;
      const g = groups.get(key) ?? { code, period: String(c.intakeYear), cohorts: [] };
      g.cohorts.push(c);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => {
    const residents = g.cohorts.flatMap((c) => c.residents);
    const f = funnelOf(residents);
    return { code: g.code, period: g.period, value: Math.round((f.survivalRate ?? 0) * 1e4) / 100, numerator: f.surviving, denominator: f.members, records: residents.map((r) => ({ kind: 'incubator_resident', id: r.id })).sort((a, b) => a.id.localeCompare(b.id)), isSample: g.cohorts.some((c) => c.isSample) };
  });
};

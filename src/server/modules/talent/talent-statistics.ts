import { talentsByCategory } from '../../../core/talent/index.js';
import { readTogether, type ReadTx } from '../../../db/tx.js';
import { TALENT_CATEGORIES } from '../../../shared/schemas/talent-vocabulary.js';
import type { DerivedFigure } from '../indicators/derived-figures.service.js';
import { findRootAreaId } from '../indicators/indicators.repository.js';
import * as repo from './talent.repository.js';
import { dayIn, yearIn } from '../../../core/calendar.js';

const CATEGORY_NAMES: Record<(typeof TALENT_CATEGORIES)[number], [string, string]> = {
  strategic_scientist: ['战略科学家', 'strategic scientists'],
  leading_talent: ['科技领军人才及团队', 'leading talents and teams'],
  young_talent: ['青年人才', 'young talents'],
  high_skilled: ['高技能人才', 'highly skilled talents'],
  foreign_talent: ['外籍人才', 'foreign talents'],
};

const definition = (zh: string, en: string) => ({
  definitionZh: `当年任一时间持有本平台有效人才认定（${zh}）的人数：自认定生效日起至有效期届满或撤销之日止；按用人单位所在区域分列。`,
  definitionEn: `People holding a talent credential issued on the platform (${en}) valid at any time in the year: from the day it took effect to the day it expired or was revoked; by the area of the employer.`,
});

export const TALENT_INDICATORS = [
  { code: 'talent_credentials', nameZh: '平台认定人才（有效）', nameEn: 'Talents with a valid platform credential', unit: 'people', direction: 1 as const, ...definition('全部类别', 'all categories') },
  ...TALENT_CATEGORIES.map((c) => {
    const [zh, en] = CATEGORY_NAMES[c];
    return { code: `talent_credentials_${c}`, nameZh: `平台认定人才（有效）：${zh}`, nameEn: `Talents with a valid platform credential: ${en}`, unit: 'people', direction: 1 as const, ...definition(zh, en) };
  }),
];

/** Per year, category and area: credentials in force, each figure naming its credentials. */
export const loadTalentFigures = async (tx: ReadTx, centreId: string, now: Date, timeZone: string): Promise<DerivedFigure[]> => {
  const [rows, root] = await readTogether(tx, [() => repo.credentialsForFigures(tx, centreId), () => findRootAreaId(tx, centreId)] as const);
  const records = rows.map((r) => ({ id: r.id, category: r.category, validFrom: r.validFrom, validTo: r.validTo, revokedOn: r.revokedAt ? dayIn(r.revokedAt, timeZone) : null, areaId: r.areaId && r.areaId !== root ? r.areaId : null, isSample: r.isSample }));
  return talentsByCategory(records, yearIn(now, timeZone)).map((f) => ({
    code: f.category === null ? 'talent_credentials' : `talent_credentials_${f.category}`,
    period: f.period,
    value: f.value,
    numerator: f.value,
    denominator: null,
    records: f.records.map((id) => ({ kind: 'talent_credential', id })),
    isSample: f.isSample,
    ...(f.areaId ? { areaId: f.areaId } : {}),
  }));
};

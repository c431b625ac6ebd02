import type { TTarget } from '../../../../shared/schemas/indicators.js';
import type { TargetInput } from '../hooks/useCreateTargetMutation.js';

/**
 * A target as the PUT body wants it: the whole definition, source and quote
 * included (a PUT replaces everything, so whatever the form does not touch is
 * sent back as it was).
 */
export const targetInputOf = (target: TTarget): TargetInput => ({
  code: target.code,
  nameZh: target.nameZh,
  nameEn: target.nameEn,
  description: target.description,
  indicatorCode: target.indicatorCode,
  areaId: target.areaId,
  entityId: target.entityId,
  comparison: target.comparison,
  targetValue: target.targetValue,
  baselineValue: target.baselineValue,
  baselinePeriod: target.baselinePeriod,
  deadline: target.deadline,
  assessment: target.assessment,
  assessmentNote: target.assessmentNote,
  sourceId: target.citation?.sourceId ?? null,
  quote: target.citation?.quote ?? null,
  isSample: target.isSample,
});

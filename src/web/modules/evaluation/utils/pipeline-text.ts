import { formatNumber } from '../../../i18n/format.js';
import type { MessageKey } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';

/**
 * A stored pipeline step (every default filled in) in words, for the run
 * page, the step selector and the printed report. A method the catalogs do
 * not know is shown as its code.
 */

type Step = Readonly<Record<string, unknown>>;

const METHOD_KEYS: Record<string, Record<string, MessageKey>> = {
  impute: {
    mean: 'evaluation.impute.mean',
    median: 'evaluation.impute.median',
    none: 'evaluation.impute.none',
    groupMean: 'evaluation.impute.groupMean',
    groupMedian: 'evaluation.impute.groupMedian',
  },
  normalise: {
    minmax: 'evaluation.normalise.minmax',
    zscore: 'evaluation.normalise.zscore',
    rank: 'evaluation.normalise.rank',
    distanceToTarget: 'evaluation.normalise.distanceToTarget',
    distanceToFrontier: 'evaluation.normalise.distanceToFrontier',
    goalposts: 'evaluation.normalise.goalposts',
  },
  aggregate: {
    amean: 'evaluation.aggregate.amean',
    gmean: 'evaluation.aggregate.gmean',
    hmean: 'evaluation.aggregate.hmean',
    median: 'evaluation.aggregate.median',
    copeland: 'evaluation.aggregate.copeland',
  },
};

const method = (op: string, step: Step, t: Translator): string => {
  const code = String(step['method'] ?? '');
  const key = METHOD_KEYS[op]?.[code];
  return key ? t(key) : code;
};

const num = (value: unknown, t: Translator): string => (typeof value === 'number' ? formatNumber(value, t.locale, 4) : '—');

/** The short name of a step's operation ("Impute", "Normalise"…). */
export const stepOpName = (op: string, t: Translator): string => {
  const keys: Record<string, MessageKey> = {
    denominate: 'evaluation.op.denominate',
    impute: 'evaluation.op.impute',
    screen: 'evaluation.op.screen',
    treat: 'evaluation.op.treat',
    normalise: 'evaluation.op.normalise',
    aggregate: 'evaluation.op.aggregate',
  };
  const key = keys[op];
  return key ? t(key) : op;
};

/** One step with its parameters, e.g. "Normalise: min–max to [0, 100]". */
export const describeStep = (step: Step, t: Translator): string => {
  const op = String(step['op'] ?? '');
  switch (op) {
    case 'denominate':
      return t('evaluation.stepText.denominate');
    case 'impute': {
      const group = typeof step['group'] === 'string' ? step['group'] : null;
      return group ? t('evaluation.stepText.imputeGroup', { method: method(op, step, t), group }) : t('evaluation.stepText.impute', { method: method(op, step, t) });
    }
    case 'screen':
      return t('evaluation.stepText.screen', { share: formatNumber(Number(step['minDataAvailability'] ?? 0) * 100, t.locale, 1) });
    case 'treat':
      return t('evaluation.stepText.treat', { winmax: num(step['winmax'], t), skew: num(step['skewThreshold'], t), kurt: num(step['kurtThreshold'], t) });
    case 'normalise': {
      const m = String(step['method'] ?? '');
      if (m === 'minmax' && Array.isArray(step['range'])) {
        const [lo, hi] = step['range'] as unknown[];
        return t('evaluation.stepText.normaliseRange', { method: method(op, step, t), low: num(lo, t), high: num(hi, t) });
      }
      if (m === 'zscore') return t('evaluation.stepText.normaliseZ', { method: method(op, step, t), mean: num(step['mean'], t), sd: num(step['sd'], t) });
      return t('evaluation.stepText.normalise', { method: method(op, step, t) });
    }
    case 'aggregate':
      return t(step['weights'] === 'equal' ? 'evaluation.stepText.aggregateEqual' : 'evaluation.stepText.aggregate', { method: method(op, step, t) });
    default:
      return op;
  }
};

/** The whole pipeline on one line. */
export const describePipeline = (steps: readonly Step[], t: Translator): string => steps.map((s) => describeStep(s, t)).join(' → ');

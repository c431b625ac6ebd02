import type { TPipelineStep } from '../../shared/schemas/evaluation.js';
import { EvaluationError, column, type Dataset, type Framework } from './model.js';
import { max, mean, min, rank, sampleSd } from './stats.js';

/**
 * Normalisation as COINr's Normalise(): each indicator is first multiplied by
 * its direction, then scaled. A column with no spread gives NaN under minmax
 * and zscore, as in COINr (0/0).
 */

export type NormaliseStep = Extract<TPipelineStep, { op: 'normalise' }>;

const scale = (x: Float64Array, f: (v: number) => number): Float64Array => x.map((v) => (Number.isNaN(v) ? v : f(v)));

const normaliseColumn = (x: Float64Array, direction: 1 | -1, target: number, code: string, step: NormaliseStep): Float64Array => {
  const d = direction === 1 ? x : x.map((v) => -v);
  switch (step.method) {
    case 'minmax': {
      const [lo, hi] = step.range;
      const xmin = min(d);
      const span = max(d) - xmin;
      return scale(d, (v) => ((v - xmin) / span) * (hi - lo) + lo);
    }
    case 'zscore': {
      const m = mean(d);
      const sd = sampleSd(d);
      return scale(d, (v) => ((v - m) / sd) * step.sd + step.mean);
    }
    case 'rank':
      return rank(d, false);
    case 'distanceToTarget': {
      if (Number.isNaN(target)) throw new EvaluationError(`normalise distanceToTarget: indicator "${code}" has no Target in iMeta`);
      const t = target * direction;
      const xmin = min(d);
      return scale(d, (v) => {
        const y = 1 - (t - v) / (t - xmin);
        return step.capMax && y > 1 ? 1 : y;
      });
    }
    case 'distanceToFrontier': {
      const xmin = min(d);
      const xmax = max(d);
      return scale(d, (v) => 1 - (xmax - v) / (xmax - xmin));
    }
    case 'goalposts': {
      const posts = step.posts[code];
      if (!posts) throw new EvaluationError(`normalise goalposts: no posts given for indicator "${code}"`);
      // The data arrive multiplied by the direction, so the posts are too (COINr n_goalposts).
      const [lo, hi] = direction === 1 ? posts : [-posts[1], -posts[0]];
      return scale(d, (v) => {
        const y = (v - lo) / (hi - lo);
        return (step.truncate ? Math.min(1, Math.max(0, y)) : y) * step.scale;
      });
    }
  }
};

export const normalise = (dataset: Dataset, framework: Framework, step: NormaliseStep): Dataset => {
  const columns = new Map(dataset.columns);
  for (const code of dataset.codes) {
    const meta = framework.byCode.get(code);
    if (!meta) throw new EvaluationError(`normalise: "${code}" is not in the framework`);
    columns.set(code, normaliseColumn(column(dataset, code), meta.direction, meta.target, code, step));
  }
  return { units: dataset.units, codes: dataset.codes, columns };
};

/** Statistics over Float64Arrays in which NaN means missing (R's na.rm = TRUE). */

export const countPresent = (x: ArrayLike<number>): number => {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i] as number)) n++;
  return n;
};

export const mean = (x: ArrayLike<number>): number => {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
};

/** Sample standard deviation (n − 1), as R's sd(). */
export const sampleSd = (x: ArrayLike<number>): number => {
  const m = mean(x);
  let ss = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) {
      ss += (v - m) * (v - m);
      n++;
    }
  }
  return n < 2 ? Number.NaN : Math.sqrt(ss / (n - 1));
};

/** Sample variance (n − 1), as R's var(). */
export const sampleVariance = (x: ArrayLike<number>): number => sampleSd(x) ** 2;

export const min = (x: ArrayLike<number>): number => {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) < m) m = x[i] as number;
  return m === Number.POSITIVE_INFINITY ? Number.NaN : m;
};

export const max = (x: ArrayLike<number>): number => {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) if ((x[i] as number) > m) m = x[i] as number;
  return m === Number.NEGATIVE_INFINITY ? Number.NaN : m;
};

/** The present values, sorted ascending. */
export const sortedPresent = (x: ArrayLike<number>): Float64Array => {
  const out = new Float64Array(countPresent(x));
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i] as number)) out[k++] = x[i] as number;
  return out.sort();
};

/** R's quantile(type = 7) of an ascending array: linear interpolation between order statistics. */
export const quantileSorted = (sorted: ArrayLike<number>, p: number): number => {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
};

export const median = (x: ArrayLike<number>): number => quantileSorted(sortedPresent(x), 0.5);

/** Sums of squared, cubed and fourth-power deviations from the mean, over present values. */
const deviationSums = (x: ArrayLike<number>): { n: number; s2: number; s3: number; s4: number } => {
  const m = mean(x);
  let n = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (Number.isNaN(v)) continue;
    const d = v - m;
    const d2 = d * d;
    n++;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { n, s2, s3, s4 };
};

/** Type-2 skewness (e1071, Excel SKEW; COINr skew()): √n·Σd³/(Σd²)^1.5 · √(n(n−1))/(n−2). NaN below 3 points or with no spread. */
export const skewness = (x: ArrayLike<number>): number => {
  const { n, s2, s3 } = deviationSums(x);
  if (n < 3 || s2 === 0) return Number.NaN;
  return ((Math.sqrt(n) * s3) / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
};

/** Type-2 excess kurtosis (e1071, Excel KURT; COINr kurt()): r = nΣd⁴/(Σd²)², ((n+1)(r−3)+6)(n−1)/((n−2)(n−3)). */
export const kurtosis = (x: ArrayLike<number>): number => {
  const { n, s2, s4 } = deviationSums(x);
  if (n < 4 || s2 === 0) return Number.NaN;
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
};

/**
 * Ranks with ties given the lowest rank (1, 2, 2, 4; R's ties.method = "min");
 * missing values get NaN. `descending`: the highest value ranks 1.
 */
export const rank = (x: ArrayLike<number>, descending: boolean): Float64Array => {
  const n = x.length;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(x[i] as number)) order.push(i);
  order.sort(descending ? (a, b) => (x[b] as number) - (x[a] as number) : (a, b) => (x[a] as number) - (x[b] as number));
  const out = new Float64Array(n).fill(Number.NaN);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const previous = k > 0 ? (order[k - 1] as number) : -1;
    out[i] = previous >= 0 && x[previous] === x[i] ? (out[previous] as number) : k + 1;
  }
  return out;
};

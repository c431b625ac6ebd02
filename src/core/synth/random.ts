/**
 * Seeded randomness for synthetic data (benchmarks and `kechuang dev synth`):
 * everything drawn from one 32-bit seed, never from the clock or Math.random,
 * so a seed always gives the same rows.
 */

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A picker over lists, drawing from `random`. */
export const picker =
  (random: () => number) =>
  <T>(xs: readonly T[]): T =>
    xs[Math.floor(random() * xs.length)] as T;

/** A sub-stream for one purpose (`"patents"`): kinds drawn independently, so changing one count leaves the others' rows alone. */
export const streamFor = (seed: number, purpose: string): (() => number) => {
  let h = (seed ^ 0x9e3779b9) | 0;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193);
  return seededRandom(h);
};

/** A Pareto draw (≥ xm, tail index alpha): few very large values, many small ones. */
export const pareto = (random: () => number, xm: number, alpha: number): number => xm / Math.pow(1 - random(), 1 / alpha);

/** A standard normal draw (Box–Muller). */
export const normal = (random: () => number): number => {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
};

/** A log-normal draw: exp(mu + sigma·N(0,1)). */
export const logNormal = (random: () => number, mu: number, sigma: number): number => Math.exp(mu + sigma * normal(random));

/**
 * Draws indices with probability proportional to weights, by binary search
 * over the cumulative sums: O(log n) per draw over a million weights.
 */
export const weightedIndex = (weights: ArrayLike<number>): ((random: () => number) => number) => {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] as number;
    cumulative[i] = sum;
  }
  return (random) => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

/** Picks from a list with fixed weights. */
export const weightedPicker = <T>(items: readonly (readonly [T, number])[]): ((random: () => number) => T) => {
  const draw = weightedIndex(items.map(([, w]) => w));
  return (random) => (items[draw(random)] as readonly [T, number])[0];
};

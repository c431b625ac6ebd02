/**
 * Deterministic sampling for the sensitivity analysis: a seeded PRNG and a
 * Sobol' low-discrepancy sequence. Core takes no randomness from the
 * platform, so equal seeds give equal results everywhere.
 */

/** splitmix32: turns any 32-bit seed into well-mixed state words. */
const splitmix32 = (seed: number) => () => {
  seed = (seed + 0x9e3779b9) | 0;
  let z = seed;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
};

/**
 * xoshiro128** (Blackman & Vigna), seeded through splitmix32. `stream`
 * separates independent uses of one seed (weights, sampling, bootstrap).
 * Returns 32-bit unsigned integers.
 */
const createGenerator = (seed: number, stream: number): (() => number) => {
  const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x632be5ab)) | 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return next32;
};

/** Doubles in [0, 1) with 53 random bits. */
export const createRandom = (seed: number, stream = 0): (() => number) => {
  const next32 = createGenerator(seed, stream);
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
};

/** Whole numbers in [0, n) for n ≤ 2³², one generator step each (bootstrap resampling). */
export const createRandomIndex = (seed: number, stream = 0): ((n: number) => number) => {
  const next32 = createGenerator(seed, stream);
  return (n) => Math.floor((next32() / 4294967296) * n);
};

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/**
 * Joe & Kuo (2008) direction numbers, file new-joe-kuo-6.21201, dimensions 2
 * to 40 as `s a m_1 … m_s` (dimension 1 is van der Corput and needs none).
 * 40 dimensions cover a Saltelli design of up to 20 uncertain inputs.
 */
const JOE_KUO =
  '1 0 1|2 1 1 3|3 1 1 3 1|3 2 1 1 1|4 1 1 1 3 3|4 4 1 3 5 13|5 2 1 1 5 5 17|5 4 1 1 5 5 5|5 7 1 1 7 11 19|5 11 1 1 5 1 1|5 13 1 1 1 3 11|5 14 1 3 5 5 31|6 1 1 3 3 9 7 49|6 13 1 1 1 15 21 21|6 16 1 3 1 13 27 49|6 19 1 1 1 15 7 5|6 22 1 3 1 15 13 25|6 25 1 1 5 5 19 61|7 1 1 3 7 11 23 15 103|7 4 1 3 7 13 13 15 69|7 7 1 1 3 13 7 35 63|7 8 1 3 5 9 1 25 53|7 14 1 3 1 13 9 35 107|7 19 1 3 1 5 27 61 31|7 21 1 1 5 11 19 41 61|7 28 1 3 5 3 3 13 69|7 31 1 1 7 13 1 19 1|7 32 1 3 7 5 13 19 59|7 37 1 1 3 9 25 29 41|7 41 1 3 5 13 23 1 55|7 42 1 3 7 3 13 59 17|7 50 1 3 1 3 5 53 69|7 55 1 1 5 5 23 33 13|7 56 1 1 7 7 1 61 123|7 59 1 1 7 9 13 61 49|7 62 1 3 3 5 3 55 33|8 14 1 3 1 15 31 13 49 245|8 21 1 3 5 15 31 59 63 97|8 22 1 3 1 11 11 11 77 249';

export const SOBOL_MAX_DIMENSIONS = JOE_KUO.split('|').length + 1;

const BITS = 32;

/** Direction numbers v_1…v_32 of one dimension, scaled to 32-bit integers. */
const directionNumbers = (dimension: number): Uint32Array => {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let i = 0; i < BITS; i++) v[i] = 2 ** (BITS - 1 - i);
    return v;
  }
  const [s, a, ...m] = (JOE_KUO.split('|')[dimension - 1] as string).split(' ').map(Number) as [number, number, ...number[]];
  for (let i = 0; i < Math.min(s, BITS); i++) v[i] = (m[i] as number) * 2 ** (BITS - 1 - i);
  for (let i = s; i < BITS; i++) {
    let value = (v[i - s] as number) ^ ((v[i - s] as number) >>> s);
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) value ^= v[i - k] as number;
    v[i] = value >>> 0;
  }
  return v;
};

/**
 * The first `count` points of a `dimensions`-dimensional Sobol' sequence
 * (Gray-code order, Bratley & Fox / Joe & Kuo), row-major. The all-zero
 * first point is skipped, as is usual for Monte Carlo estimates.
 */
export const sobolPoints = (count: number, dimensions: number): Float64Array => {
  if (dimensions > SOBOL_MAX_DIMENSIONS) throw new RangeError(`the Sobol' sequence here has at most ${SOBOL_MAX_DIMENSIONS} dimensions`);
  if (count + 1 > 2 ** BITS) throw new RangeError('too many Sobol points');
  const directions = Array.from({ length: dimensions }, (_, j) => directionNumbers(j));
  const state = new Uint32Array(dimensions);
  const out = new Float64Array(count * dimensions);
  for (let n = 1; n <= count; n++) {
    // point n = point n−1 XOR v_c, c = position of the lowest zero bit of n − 1
    let c = 0;
    let value = n - 1;
    while (value & 1) {
      value >>>= 1;
      c++;
    }
    for (let j = 0; j < dimensions; j++) {
      state[j] = ((state[j] as number) ^ ((directions[j] as Uint32Array)[c] as number)) >>> 0;
      out[(n - 1) * dimensions + j] = (state[j] as number) / 2 ** BITS;
    }
  }
  return out;
};

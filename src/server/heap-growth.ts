import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far V8 lets the JavaScript heap grow past what the last major
 * collection left live. V8's own factor adapts to how fast it collects: in the
 * 30-minute soak it let garbage (and the Buffers that garbage holds) build up to
 * five times the live heap, RSS +36 % with no leak. Node keeps V8's flags
 * writable after start, so setting this first thing in a process takes effect.
 * A `--heap-growing-percent` given to node itself wins.
 */
export const applyHeapGrowth = (
  percent: number,
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = setFlagsFromString,
): { flag: string | null; source: 'config' | 'node' | 'v8-default' } => {
  const given = execArgv.find((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a));
  if (given) return { flag: given, source: 'node' };
  if (percent <= 0) return { flag: null, source: 'v8-default' };
  const flag = `--heap-growing-percent=${percent}`;
  setFlags(flag);
  return { flag, source: 'config' };
};

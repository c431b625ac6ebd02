import { Worker } from 'node:worker_threads';
import { planSensitivity, runSensitivityRange, summariseSensitivity, type IndexInput, type SensitivityPlan, type SensitivityResult } from '../../../core/evaluation/index.js';
import type { TSensitivitySpec } from '../../../shared/schemas/evaluation.js';

/**
 * Runs a sensitivity analysis on worker threads. The core engine is pure and
 * every run depends only on its index, so each worker rebuilds the same plan
 * from (input, spec) and runs a contiguous slice of the design; the slices are
 * joined in order, which makes the result identical for any thread count.
 */

export interface WorkerTask {
  readonly input: IndexInput;
  readonly spec: TSensitivitySpec;
  readonly from: number;
  readonly to: number;
}

// From the TypeScript sources (tests, tsx) the worker registers tsx's loader
// itself, as bin/kechuang.js does: workers do not inherit the main thread's hooks.
const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(fromSource ? './sensitivity-worker.ts' : './sensitivity-worker.js', import.meta.url);
const createWorker = (task: WorkerTask): Worker =>
  fromSource
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); });`, { eval: true, workerData: task })
    : new Worker(workerFile, { workerData: task });

const runInWorker = (task: WorkerTask): Promise<Float64Array> =>
  new Promise((resolve, reject) => {
    const worker = createWorker(task);
    let done = false;
    worker.once('message', (scores: Float64Array) => {
      done = true;
      resolve(scores);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`sensitivity worker stopped (exit code ${code}) before returning runs ${task.from + 1}–${task.to}`));
    });
  });

/**
 * `mainThread`: run the first slice here while the workers start (a worker
 * takes about half a second to load the engine, as long as a whole ASEM
 * analysis). Right for the CLI; the server keeps its event loop free and
 * leaves every slice to workers.
 */
export const runSensitivity = async (
  input: IndexInput,
  spec: TSensitivitySpec,
  threads: number,
  options: { mainThread?: boolean } = {},
): Promise<{ plan: SensitivityPlan; result: SensitivityResult }> => {
  const plan = planSensitivity(input, spec);
  const slices = Math.max(1, Math.min(Math.floor(threads), plan.runCount));
  let scores: Float64Array;
  if (slices === 1) {
    scores = runSensitivityRange(plan, 0, plan.runCount);
  } else {
    const bounds = Array.from({ length: slices + 1 }, (_, k) => Math.round((k * plan.runCount) / slices));
    const tasks = bounds.slice(0, -1).map((from, k) => ({ input, spec, from, to: bounds[k + 1] as number }));
    const [first, ...rest] = tasks as [WorkerTask, ...WorkerTask[]];
    const pending = (options.mainThread ? rest : tasks).map(runInWorker);
    const parts = options.mainThread ? [runSensitivityRange(plan, first.from, first.to), ...(await Promise.all(pending))] : await Promise.all(pending);
    scores = new Float64Array(plan.runCount * plan.unitCodes.length);
    parts.forEach((part, k) => scores.set(part, (bounds[k] as number) * plan.unitCodes.length));
  }
  return { plan, result: summariseSensitivity(plan, scores) };
};

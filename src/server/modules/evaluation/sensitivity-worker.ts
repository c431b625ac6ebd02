import { parentPort, workerData } from 'node:worker_threads';
import { planSensitivity, runSensitivityRange } from '../../../core/evaluation/index.js';
import type { WorkerTask } from './sensitivity-workers.js';

/** Worker entry of sensitivity-workers.ts: runs one slice of the design and posts the target scores back. */
const task = workerData as WorkerTask;
const scores = runSensitivityRange(planSensitivity(task.input, task.spec), task.from, task.to);
parentPort?.postMessage(scores, [scores.buffer as ArrayBuffer]);

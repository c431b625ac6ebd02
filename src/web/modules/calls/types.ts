import type { z } from 'zod';
import type {
  ZApplication,
  ZTaskAgreement,
  ZApplicationRow,
  ZAssignment,
  ZAutoAssignResult,
  ZCalibrationRow,
  ZCall,
  ZCallSummary,
  ZExpert,
  ZNotification,
  ZOpenResult,
  ZOpenResultPage,
  ZProgramme,
  ZRankingRow,
} from '../../../shared/schemas/calls.js';

/** A response as it crosses the wire: dates are ISO strings. */
export type Wire<T> = T extends Date ? string : T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type Call = Wire<z.infer<typeof ZCall>>;
export type CallSummary = Wire<z.infer<typeof ZCallSummary>>;
export type Programme = Wire<z.infer<typeof ZProgramme>>;
export type Application = Wire<z.infer<typeof ZApplication>>;
export type TaskAgreement = Wire<z.infer<typeof ZTaskAgreement>>;
export type ApplicationRow = Wire<z.infer<typeof ZApplicationRow>>;
export type Milestone = Application['milestones'][number];
export type Assignment = Wire<z.infer<typeof ZAssignment>>;
export type AutoAssignResult = Wire<z.infer<typeof ZAutoAssignResult>>;
export type Expert = Wire<z.infer<typeof ZExpert>>;
export type RankingRow = Wire<z.infer<typeof ZRankingRow>>;
export type CalibrationRow = Wire<z.infer<typeof ZCalibrationRow>>;
export type Notification = Wire<z.infer<typeof ZNotification>>;
export type OpenResult = Wire<z.infer<typeof ZOpenResult>>;
export type OpenResultPage = Wire<z.infer<typeof ZOpenResultPage>>;
export type NextAction = Call['actions'][number];
export type CoiFlag = Assignment['coiFlags'][number];
export type ScoringCriterion = Programme['settings']['form']['criteria'][number];
export type TransitionResult = { id: string; from: string; to: string; version?: number; cascaded: { resource: string; id: string; from: string; to: string }[] };

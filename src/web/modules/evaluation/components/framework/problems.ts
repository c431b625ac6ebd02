import type { MessageKey } from '../../../../i18n/keys.js';
import type { Translator } from '../../../../i18n/translate.js';
import type { Problem, ProblemReason } from '../../utils/framework.js';

const KEYS: Record<ProblemReason, MessageKey> = {
  codeEmpty: 'evaluation.framework.problem.codeEmpty',
  codeDuplicate: 'evaluation.framework.problem.codeDuplicate',
  tooLong: 'evaluation.framework.problem.tooLong',
  indicatorLevel: 'evaluation.framework.problem.indicatorLevel',
  aggregateLevel: 'evaluation.framework.problem.aggregateLevel',
  noAggregate: 'evaluation.framework.problem.noAggregate',
  rootCount: 'evaluation.framework.problem.rootCount',
  rootParent: 'evaluation.framework.problem.rootParent',
  parentMissing: 'evaluation.framework.problem.parentMissing',
  parentLevel: 'evaluation.framework.problem.parentLevel',
  noChildren: 'evaluation.framework.problem.noChildren',
  weightMissing: 'evaluation.framework.problem.weightMissing',
  directionMissing: 'evaluation.framework.problem.directionMissing',
  denominatorUnknown: 'evaluation.framework.problem.denominatorUnknown',
  notInData: 'evaluation.framework.problem.notInData',
  tooFew: 'evaluation.framework.problem.tooFew',
  engine: 'evaluation.framework.problem.engine',
};

/** A problem in words, e.g. "Code “Conn” is already used". */
export const problemText = (problem: Problem, t: Translator): string => t(KEYS[problem.reason], problem.values);

/** A field refused by the server on save (by element and field), shown where the editor's own problems are. */
export type ServerIssue = { id: string | null; field: string | null; text: string; detail: string };

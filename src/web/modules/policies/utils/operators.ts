import type { FactDefinition } from '../types.js';
import { newId, type ConditionNode, type ConditionOp } from './rule-tree.js';

/** The operators the builder offers for each fact type (JSON Logic underneath: `contains` is `in` with the value first, `between` is the three-argument `<=`). */
export const OPERATORS_BY_TYPE: Record<FactDefinition['type'], ConditionOp[]> = {
  number: ['>=', '>', '<=', '<', '==', '!=', 'between'],
  integer: ['>=', '>', '<=', '<', '==', '!=', 'between'],
  boolean: ['=='],
  string: ['==', '!=', 'oneOf'],
  'string[]': ['contains'],
};
/** Message suffixes of the operators (`policies.op.<key>`). */
export const OP_KEYS: Record<ConditionOp, string> = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', '==': 'eq', '!=': 'ne', between: 'between', contains: 'contains', oneOf: 'oneOf' };

/** A fresh condition on a fact: its type's first operator, "is true" for yes/no facts, no value yet otherwise. */
export const newCondition = (def: Pick<FactDefinition, 'type'> | undefined, name: string): ConditionNode => {
  const type = def?.type ?? 'number';
  const op = OPERATORS_BY_TYPE[type][0] as ConditionOp;
  return { kind: 'condition', id: newId(), not: false, fact: name, op, value: type === 'boolean' ? true : null };
};

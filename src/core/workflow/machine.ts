/**
 * A workflow is a state machine written down as data: its states, and the
 * transitions between them, each naming who may take it, the guards that must
 * hold and the side effects it asks for. Firing a transition is a pure function:
 * guards are predicates over a context the caller assembles (with `now` in it),
 * and effects are descriptions the caller carries out (write a notification,
 * freeze terms, release a tranche). Nothing here reads a clock or a database.
 */

/** Why a transition was refused, in a form the API can hand on as a field issue. */
export type Refusal = {
  /** The guard (or check) that refused: `criteria_missing`, `before_deadline` … */
  code: string;
  /** An English sentence for API users and logs; the web app translates `code`. */
  message: string;
  /** Where the problem is in the resource, when there is a place (`acceptanceCriteria.2.unit`). */
  path?: string;
  /** Facts behind the refusal: the deadline, the assignments still open … */
  data?: Record<string, unknown>;
};

export type Guard<C> = {
  id: string;
  /** What the guard requires, in one sentence (for documentation and the UI). */
  description: string;
  /** Empty when the guard holds; otherwise every reason it does not. */
  check: (context: C) => readonly Refusal[];
};

export type Transition<S extends string, A extends string, R extends string, C, E> = {
  action: A;
  from: readonly S[];
  to: S;
  /** Roles (relative to the resource: owner, applicant, reviewer …) that may take it. */
  roles: readonly R[];
  guards?: readonly Guard<C>[];
  /** Side effects, described: the caller performs them in the same transaction. */
  effects?: (context: C, step: { from: S; to: S; action: A }) => readonly E[];
  description?: string;
};

export type Machine<S extends string, A extends string, R extends string, C, E> = {
  id: string;
  states: readonly S[];
  initial: S;
  /** States with no way out. */
  final: readonly S[];
  transitions: readonly Transition<S, A, R, C, E>[];
};

export type Attempt<S extends string, A extends string, R extends string, C> = {
  state: S;
  action: A;
  /** Every role the actor holds on this resource. */
  roles: readonly R[];
  context: C;
};

export type RefusalKind = 'unknown_action' | 'wrong_state' | 'role_not_allowed' | 'guard_failed';

export type Outcome<S extends string, A extends string, E> =
  | { ok: true; action: A; from: S; to: S; effects: E[] }
  | { ok: false; kind: RefusalKind; action: A; from: S; reasons: Refusal[] };

/** Problems with a machine's own definition: every one is a programming error. */
export const checkMachine = <S extends string, A extends string, R extends string, C, E>(m: Machine<S, A, R, C, E>): string[] => {
  const problems: string[] = [];
  const states = new Set<string>(m.states);
  if (states.size !== m.states.length) problems.push('duplicate state');
  if (!states.has(m.initial)) problems.push(`initial state ${m.initial} is not a state`);
  for (const f of m.final) if (!states.has(f)) problems.push(`final state ${f} is not a state`);
  const seen = new Set<string>();
  for (const t of m.transitions) {
    if (!states.has(t.to)) problems.push(`${t.action}: target ${t.to} is not a state`);
    if (t.roles.length === 0) problems.push(`${t.action}: nobody may take it`);
    for (const s of t.from) {
      if (!states.has(s)) problems.push(`${t.action}: source ${s} is not a state`);
      if (m.final.includes(s)) problems.push(`${t.action}: leaves final state ${s}`);
      const key = `${s}\u0000${t.action}`;
      if (seen.has(key)) problems.push(`${t.action}: defined twice from ${s}`);
      seen.add(key);
    }
  }
  const reached = reachableStates(m);
  for (const s of m.states) if (!reached.has(s)) problems.push(`state ${s} cannot be reached`);
  for (const s of m.states) {
    if (!m.final.includes(s) && !m.transitions.some((t) => t.from.includes(s))) problems.push(`state ${s} is a dead end but not final`);
  }
  return problems;
};

/** Build a machine, refusing one whose definition is inconsistent. */
export const defineMachine = <S extends string, A extends string, R extends string, C, E>(m: Machine<S, A, R, C, E>): Machine<S, A, R, C, E> => {
  const problems = checkMachine(m);
  if (problems.length > 0) throw new Error(`workflow ${m.id}: ${problems.join('; ')}`);
  return m;
};

export const reachableStates = <S extends string, A extends string, R extends string, C, E>(m: Machine<S, A, R, C, E>): Set<S> => {
  const out = new Set<S>([m.initial]);
  const queue: S[] = [m.initial];
  while (queue.length > 0) {
    const s = queue.shift() as S;
    for (const t of m.transitions) {
      if (t.from.includes(s) && !out.has(t.to)) {
        out.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return out;
};

export const findTransition = <S extends string, A extends string, R extends string, C, E>(m: Machine<S, A, R, C, E>, state: S, action: A): Transition<S, A, R, C, E> | undefined =>
  m.transitions.find((t) => t.action === action && t.from.includes(state));

/** Evaluate every guard of a transition; all reasons, not just the first. */
export const checkGuards = <S extends string, A extends string, R extends string, C, E>(t: Transition<S, A, R, C, E>, context: C): Refusal[] =>
  (t.guards ?? []).flatMap((g) => g.check(context));

/**
 * Try one transition. Checked in order: the action exists, it leaves the
 * current state, the actor holds an allowed role, every guard holds.
 */
export const fire = <S extends string, A extends string, R extends string, C, E>(m: Machine<S, A, R, C, E>, attempt: Attempt<S, A, R, C>): Outcome<S, A, E> => {
  const { state, action, roles, context } = attempt;
  const refuse = (kind: RefusalKind, reasons: Refusal[]): Outcome<S, A, E> => ({ ok: false, kind, action, from: state, reasons });
  const named = m.transitions.filter((t) => t.action === action);
  if (named.length === 0) return refuse('unknown_action', [{ code: 'unknown_action', message: `${m.id} has no action ${action}` }]);
  const t = named.find((x) => x.from.includes(state));
  if (!t) {
    const from = [...new Set(named.flatMap((x) => x.from))];
    return refuse('wrong_state', [{ code: 'wrong_state', message: `${action} is not possible from ${state} (only from ${from.join(', ')})`, data: { state, allowedFrom: from } }]);
  }
  if (!t.roles.some((r) => roles.includes(r))) {
    return refuse('role_not_allowed', [{ code: 'role_not_allowed', message: `${action} needs one of the roles ${t.roles.join(', ')}`, data: { required: [...t.roles], held: [...roles] } }]);
  }
  const reasons = checkGuards(t, context);
  if (reasons.length > 0) return refuse('guard_failed', reasons);
  const step = { from: state, to: t.to, action };
  return { ok: true, action, from: state, to: t.to, effects: [...(t.effects?.(context, step) ?? [])] };
};

export type AvailableAction<S extends string, A extends string> = { action: A; to: S; allowed: boolean; reasons: Refusal[] };

/** What the actor could do from here, each with the reasons it is blocked (for buttons that explain themselves). */
export const availableActions = <S extends string, A extends string, R extends string, C, E>(m: Machine<S, A, R, C, E>, state: S, roles: readonly R[], context: C): AvailableAction<S, A>[] =>
  m.transitions
    .filter((t) => t.from.includes(state) && t.roles.some((r) => roles.includes(r)))
    .map((t) => {
      const reasons = checkGuards(t, context);
      return { action: t.action, to: t.to, allowed: reasons.length === 0, reasons };
    });

/** A guard from a predicate and one refusal. */
export const guard = <C>(id: string, description: string, check: (context: C) => Refusal[] | Refusal | null): Guard<C> => ({
  id,
  description,
  check: (c) => {
    const r = check(c);
    return r === null ? [] : Array.isArray(r) ? r : [r];
  },
});

/** The machine as plain rows, for documentation and the web app's state diagram. */
export const describeMachine = <S extends string, A extends string, R extends string, C, E>(m: Machine<S, A, R, C, E>) => ({
  id: m.id,
  states: [...m.states],
  initial: m.initial,
  final: [...m.final],
  transitions: m.transitions.map((t) => ({ action: t.action, from: [...t.from], to: t.to, roles: [...t.roles], guards: (t.guards ?? []).map((g) => ({ id: g.id, description: g.description })) })),
});

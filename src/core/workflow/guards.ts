import { guard, type Guard, type Refusal } from './machine.js';

/** Guards several workflows share. Each reads one field of the context and says why it refuses. */

export const MIN_NOTE_LENGTH = 5;

export const hasText = (value: string | null | undefined, min = 1): boolean => typeof value === 'string' && value.trim().length >= min;

/** A reason, answer or verification note must be given (at least a few characters). */
export const noteGiven = <C extends { note: string | null }>(what: string): Guard<C> =>
  guard('note_given', `a ${what} is given`, (c) =>
    hasText(c.note, MIN_NOTE_LENGTH) ? null : { code: 'note_required', path: 'note', message: `give a ${what} (at least ${MIN_NOTE_LENGTH} characters)`, data: { min: MIN_NOTE_LENGTH } },
  );

/** A state of a related record must be one of these. */
export const stateIn = <C>(id: string, label: string, get: (c: C) => string, allowed: readonly string[]): Guard<C> =>
  guard(id, `the ${label} is ${allowed.join(' or ')}`, (c) => {
    const s = get(c);
    return allowed.includes(s) ? null : { code: id, message: `the ${label} is ${s}; needs ${allowed.join(' or ')}`, data: { state: s, allowed: [...allowed] } };
  });

export const refusal = (code: string, message: string, extra: Partial<Refusal> = {}): Refusal => ({ code, message, ...extra });

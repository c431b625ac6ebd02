import type { CoiFlag } from './coi.js';

/**
 * Reviewer assignment by expertise match under load limits, skipping
 * conflicted reviewers. Fields are dotted codes (`ict.semiconductor.lithography`):
 * the same code matches fully, an ancestor or descendant half.
 */
export type AssignApplication = { id: string; fields: readonly string[]; /** Reviewers still needed. */ needed: number };
export type AssignExpert = { id: string; fields: readonly string[]; maxLoad: number; /** Active assignments already held. */ load: number };

export type AssignInput = {
  applications: readonly AssignApplication[];
  experts: readonly AssignExpert[];
  /** Conflicts of one pair (see coi.ts); called only for candidates that would otherwise be chosen. */
  conflicts: (expertId: string, applicationId: string) => readonly CoiFlag[];
  /** Pairs that exist already (assigned, completed or recused): never proposed again. */
  existing?: ReadonlySet<string>;
};

export type Assignment = { applicationId: string; expertId: string; match: number };
export type AssignResult = {
  assignments: Assignment[];
  /** Applications that could not get all the reviewers they need. */
  unfilled: { applicationId: string; missing: number }[];
  /** Candidates passed over for a conflict, with the flags (the chair's evidence). */
  conflicted: { applicationId: string; expertId: string; flags: readonly CoiFlag[] }[];
};

export const pairKey = (applicationId: string, expertId: string): string => `${applicationId}\u0000${expertId}`;

const ancestors = (code: string): string[] => {
  const parts = code.split('.');
  const out: string[] = [];
  for (let i = parts.length - 1; i > 0; i--) out.push(parts.slice(0, i).join('.'));
  return out;
};

/** 1 for the same field, 0.5 for an ancestor or descendant, 0 otherwise. */
export const fieldMatch = (a: string, b: string): number => (a === b ? 1 : a.startsWith(`${b}.`) || b.startsWith(`${a}.`) ? 0.5 : 0);

/** Mean over the application's fields of the best match among the expert's fields (0…1). */
export const expertiseMatch = (appFields: readonly string[], expertFields: readonly string[]): number => {
  if (appFields.length === 0) return 0;
  let sum = 0;
  for (const f of appFields) {
    let best = 0;
    for (const g of expertFields) {
      const m = fieldMatch(f, g);
      if (m > best) best = m;
      if (best === 1) break;
    }
    sum += best;
  }
  return sum / appFields.length;
};

/** Experts by every field code and each of its ancestors: finds exact matches, descendants and (via the ancestors of a code) ancestors. */
const buildFieldIndex = (experts: readonly AssignExpert[]): { byPrefix: Map<string, number[]>; byExact: Map<string, number[]> } => {
  const byPrefix = new Map<string, number[]>();
  const byExact = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (!l) m.set(k, [i]);
    else if (l[l.length - 1] !== i) l.push(i);
  };
  experts.forEach((e, i) => {
    for (const f of e.fields) {
      add(byExact, f, i);
      add(byPrefix, f, i);
      for (const a of ancestors(f)) add(byPrefix, a, i);
    }
  });
  return { byPrefix, byExact };
};

/**
 * Greedy, deterministic assignment: applications with the fewest candidates
 * go first; each takes its best-matching candidates (then the least loaded,
 * then by id) that are under their load limit, not already paired with it and
 * free of conflicts. Never assigns a zero-match expert.
 */
export const assignReviewers = (input: AssignInput): AssignResult => {
  const { experts } = input;
  const existing = input.existing ?? new Set<string>();
  const { byPrefix, byExact } = buildFieldIndex(experts);
  const load = experts.map((e) => e.load);

  const candidatesOf = (app: AssignApplication): { idx: number; match: number }[] => {
    const idxs = new Set<number>();
    for (const f of app.fields) {
      for (const i of byPrefix.get(f) ?? []) idxs.add(i);
      for (const a of ancestors(f)) for (const i of byExact.get(a) ?? []) idxs.add(i);
    }
    const out: { idx: number; match: number }[] = [];
    for (const i of idxs) {
      const match = expertiseMatch(app.fields, (experts[i] as AssignExpert).fields);
      if (match > 0) out.push({ idx: i, match });
    }
    return out;
  };

  const prepared = input.applications.map((app) => ({ app, candidates: candidatesOf(app) }));
  prepared.sort((a, b) => a.candidates.length - b.candidates.length || (a.app.id < b.app.id ? -1 : a.app.id > b.app.id ? 1 : 0));

  const result: AssignResult = { assignments: [], unfilled: [], conflicted: [] };
  for (const { app, candidates } of prepared) {
    if (app.needed <= 0) continue;
    candidates.sort((a, b) => {
      const ea = experts[a.idx] as AssignExpert;
      const eb = experts[b.idx] as AssignExpert;
      return b.match - a.match || (load[a.idx] as number) - (load[b.idx] as number) || (ea.id < eb.id ? -1 : ea.id > eb.id ? 1 : 0);
    });
    let got = 0;
    for (const c of candidates) {
      if (got >= app.needed) break;
      const e = experts[c.idx] as AssignExpert;
      if ((load[c.idx] as number) >= e.maxLoad || existing.has(pairKey(app.id, e.id))) continue;
      const flags = input.conflicts(e.id, app.id);
      if (flags.length > 0) {
        result.conflicted.push({ applicationId: app.id, expertId: e.id, flags });
        continue;
      }
      result.assignments.push({ applicationId: app.id, expertId: e.id, match: c.match });
      load[c.idx] = (load[c.idx] as number) + 1;
      got++;
    }
    if (got < app.needed) result.unfilled.push({ applicationId: app.id, missing: app.needed - got });
  }
  return result;
};

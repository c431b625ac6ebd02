import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/errors.js';
import type {
  TBenefitMatch,
  TEnterpriseFact,
  TEnterpriseMatches,
  TPolicyBenefit,
  ZBenefitEnterprises,
  ZBenefitEnterprisesQuery,
  ZEnterpriseFacts,
  ZFactAnswersInput,
  ZFactQuestion,
  ZPushConsent,
  ZPushConsentInput,
  ZStackingConflict,
} from '../../../shared/schemas/policies.js';
import { ZSectorCode } from '../../../shared/schemas/registry.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { readTogether, withWriteTx, type ReadTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { loadVocabulary } from '../registry/vocabulary.service.js';
import { deriveFacts, type DerivedFacts } from './enterprise-facts.js';
import { advise, catalogue, compile, factDefinition, questionsAcross, renderText, toFactDefinition, type CompiledRule } from './policy-engine.js';
import { canActForEnterprise, canReadEnterprise, isOwnMember } from './policies.policy.js';
import { centreDay } from '../centres/centre-calendar.js';
import {
  findPolicyByCode,
  findSubject,
  insertFactAnswers,
  listAreaRefs,
  listConsents,
  listNewestAnswers,
  listRecognitions,
  listSizeFacts,
  listStackingRuleRows,
  listSubjects,
  listVersionsInForce,
  upsertConsent,
  type AreaRef,
  type FactAnswerRow,
  type PolicyRow,
  type PolicyVersionRow,
  type PushConsentRow,
  type RecognitionRow,
  type SizeFactRow,
  type SubjectRow,
} from './policies.repository.js';

/**
 * Matching (issue 6, item 9): for one enterprise, every benefit of every
 * version in force, evaluated three-valued with its explanation, value,
 * advice and the questions that would decide the unknown ones; for one
 * benefit, every enterprise of the centre that qualifies (proactive push,
 * 免申即享), with its consent. Facts come from the registry and from the
 * answers enterprises give (enterprise-facts.ts).
 */

/** Records a benefit's proactive push looks at. */
export const PUSH_CATEGORIES = ['enterprise'] as const;

const RESULT_ORDER = { eligible: 0, unknown: 1, ineligible: 2 } as const;

type Candidate = { key: string; policy: PolicyRow; version: PolicyVersionRow; benefit: TPolicyBenefit; compiled: CompiledRule };
type Consent = z.infer<typeof ZPushConsent>;

const toConsent = (row: PushConsentRow & { recordedByName: string | null }): Consent => ({
  consent: row.consent,
  recordedBy: row.recordedBy ? { id: row.recordedBy, displayName: row.recordedByName ?? row.recordedBy } : null,
  recordedAt: row.recordedAt.toISOString(),
});

/** Each benefit of each version in force on the day, its rule compiled once. A rule that no longer compiles is left out, not a 500. */
const candidatesInForce = async (tx: ReadTx, centreId: string, day: string): Promise<Candidate[]> => {
  const out: Candidate[] = [];
  for (const { policy, version } of await listVersionsInForce(tx, centreId, day)) {
    for (const benefit of version.benefits) {
      try {
        out.push({ key: `${policy.code}/${benefit.code}`, policy, version, benefit, compiled: compile(benefit.rule) });
      } catch {
        // Published rules were checked when published; skip one the engine now refuses.
      }
    }
  }
  return out;
};

/** What a benefit is worth to an enterprise: its amount, or its rate of the rate-base fact, capped. */
export const estimateValue = (benefit: TPolicyBenefit, facts: Readonly<Record<string, unknown>>): TBenefitMatch['value'] => {
  const capAt = (x: number) => (benefit.cap !== null && x > benefit.cap ? { estimate: benefit.cap, capped: true } : { estimate: x, capped: false });
  if (benefit.amount !== null) return { ...capAt(benefit.amount), basis: 'amount' };
  if (benefit.rate !== null && benefit.rateBase !== null) {
    const base = facts[benefit.rateBase];
    if (typeof base === 'number' && Number.isFinite(base)) return { ...capAt(Math.round(((benefit.rate / 100) * base) * 100) / 100), basis: 'rate' };
    return { estimate: null, basis: 'rate', capped: false };
  }
  return { estimate: null, basis: 'none', capped: false };
};

const byValue = (a: number | null, b: number | null): number => (b ?? -1) - (a ?? -1);

// --- facts ------------------------------------------------------------------------

type Scope = { centreId: string; entityId: string } | { centreId: string; categories: readonly string[] };

/** The facts the given fact names need read from the registry, and the answers to read. */
const registryNeeds = (needed: ReadonlySet<string> | null) => {
  const has = (f: string) => needed === null || needed.has(f);
  return {
    area: has('area'),
    size: ['employees', 'revenue', 'rdExpense', 'rdIntensity'].some(has),
    recognitions: has('tiers'),
    answers: needed === null ? undefined : [...new Set([...needed, ...(needed.has('hasInventionPatent') ? ['inventionPatents'] : [])])],
  };
};

const groupBy = <T extends { entityId: string }>(rows: readonly T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.entityId);
    if (list) list.push(r);
    else out.set(r.entityId, [r]);
  }
  return out;
};

/** Facts of the subjects in a scope, a few queries whatever their number (only the registry tables the rule needs). */
const loadFacts = async (tx: ReadTx, scope: Scope, subjects: SubjectRow[], day: string, needed: ReadonlySet<string> | null): Promise<Map<string, DerivedFacts>> => {
  const needs = registryNeeds(needed);
  const [areaRefs, sizeFacts, recognitions, answers] = await readTogether(tx, [
    () => (needs.area ? listAreaRefs(tx, scope.centreId) : Promise.resolve([] as AreaRef[])),
    () => (needs.size ? listSizeFacts(tx, scope) : Promise.resolve([] as SizeFactRow[])),
    () => (needs.recognitions ? listRecognitions(tx, scope) : Promise.resolve([] as RecognitionRow[])),
    () => listNewestAnswers(tx, scope, needs.answers),
  ]);
  const areaById = new Map(areaRefs.map((a) => [a.id, a]));
  const sizeBy = groupBy(sizeFacts);
  const recognitionsBy = groupBy(recognitions);
  const answersBy = groupBy(answers.map((a) => ({ ...a, entityId: a.enterpriseId })));
  const out = new Map<string, DerivedFacts>();
  for (const subject of subjects) {
    out.set(
      subject.id,
      deriveFacts({ subject, areaById, sizeFacts: sizeBy.get(subject.id) ?? [], recognitions: recognitionsBy.get(subject.id) ?? [], answers: answersBy.get(subject.id) ?? [], date: day }),
    );
  }
  return out;
};

const requireSubject = async (tx: ReadTx, centreId: string, enterpriseId: string): Promise<SubjectRow> => {
  const subject = await findSubject(tx, centreId, enterpriseId);
  if (!subject) throw new AppError('NOT_FOUND', `No active record ${enterpriseId} in ${centreId}`);
  return subject;
};

const forbidden = (): AppError => new AppError('FORBIDDEN', 'Only the enterprise’s own members and its service officers may do this');

export const getEnterpriseFacts = async (ctx: ServiceContext, centreId: string, enterpriseId: string, date: string | undefined): Promise<z.infer<typeof ZEnterpriseFacts>> => {
  if (!canReadEnterprise(ctx.user, centreId, enterpriseId)) throw forbidden();
  const day = date ?? (await centreDay(ctx.db, centreId, ctx.now));
  const subject = await requireSubject(ctx.db, centreId, enterpriseId);
  const scope = { centreId, entityId: enterpriseId };
  const derived = (await loadFacts(ctx.db, scope, [subject], day, null)).get(enterpriseId) as DerivedFacts;
  const [consent] = await listConsents(ctx.db, scope);
  return {
    enterpriseId,
    nameZh: subject.nameZh,
    nameEn: subject.nameEn,
    date: day,
    facts: catalogue.map((f): TEnterpriseFact => derived.details.get(f.name) ?? { fact: f.name, known: false, value: null, origin: null }),
    pushConsent: consent ? toConsent(consent) : null,
  };
};

// --- one enterprise's matches ---------------------------------------------------------

const matchOne = (c: Candidate, derived: DerivedFacts): TBenefitMatch => {
  const { result, missing, tree } = c.compiled.explain(derived.values);
  const { rule: _rule, ...benefit } = c.benefit;
  return {
    key: c.key,
    policy: { code: c.policy.code, titleZh: c.policy.titleZh, titleEn: c.policy.titleEn, issuer: c.policy.issuer, level: c.policy.level as TBenefitMatch['policy']['level'], isSample: c.policy.isSample },
    version: c.version.version,
    validFrom: c.version.validFrom,
    validTo: c.version.validTo,
    benefit,
    clauses: c.version.clauses.filter((cl) => c.benefit.clauseRefs.includes(cl.number)),
    result,
    missing: [...missing],
    explanation: tree as unknown as Record<string, unknown>,
    ruleText: renderText(c.benefit.rule),
    value: estimateValue(c.benefit, derived.values),
    declaredFacts: c.compiled.facts.filter((f) => derived.declared.has(f)),
    advice: result === 'eligible' ? [] : advise(c.compiled, derived.values),
  };
};

/** The missing facts across unknown results, most decisive first (the engine's order), with the catalogue's question. */
const questionsOf = (results: TBenefitMatch[], compiledByKey: Map<string, CompiledRule>, facts: Record<string, unknown>): z.infer<typeof ZFactQuestion>[] => {
  const unknown = results.filter((r) => r.result === 'unknown');
  const compiled = unknown.flatMap((r) => compiledByKey.get(r.key) ?? []);
  return questionsAcross(compiled, facts).flatMap((q) => {
    const def = factDefinition(q.fact);
    return def ? [{ ...toFactDefinition(def), decides: q.decides, benefits: unknown.filter((r) => r.missing.includes(q.fact)).map((r) => r.key) }] : [];
  });
};

/** Conflicts among the eligible benefits under the centre's stacking rules, each with the one to choose. */
const conflictsOf = async (tx: ReadTx, centreId: string, results: TBenefitMatch[]): Promise<z.infer<typeof ZStackingConflict>[]> => {
  const eligible = new Map(results.filter((r) => r.result === 'eligible').map((r) => [r.key, r]));
  if (eligible.size < 2) return [];
  const out: z.infer<typeof ZStackingConflict>[] = [];
  for (const rule of await listStackingRuleRows(tx, centreId)) {
    const first = eligible.get(rule.benefitA);
    const second = eligible.get(rule.benefitB);
    if (!first || !second) continue;
    // The pair in ranking order: the better one first.
    const [a, b] = results.indexOf(first) <= results.indexOf(second) ? [first, second] : [second, first];
    const va = a.value.estimate;
    const vb = b.value.estimate;
    const choose = va !== null && vb !== null && va !== vb ? (va > vb ? a.key : b.key) : null;
    out.push({ ruleId: rule.id, kind: rule.kind as 'exclusive', benefits: [a.key, b.key], levels: [a.policy.level, b.policy.level], choose, note: rule.note });
  }
  return out;
};

const matchesFor = async (tx: ReadTx, centreId: string, subject: SubjectRow, day: string): Promise<TEnterpriseMatches> => {
  const candidates = await candidatesInForce(tx, centreId, day);
  const derived = (await loadFacts(tx, { centreId, entityId: subject.id }, [subject], day, null)).get(subject.id) as DerivedFacts;
  const results = candidates
    .map((c) => matchOne(c, derived))
    .sort((x, y) => RESULT_ORDER[x.result] - RESULT_ORDER[y.result] || byValue(x.value.estimate, y.value.estimate) || x.key.localeCompare(y.key));
  const conflicts = await conflictsOf(tx, centreId, results);
  // Each conflict keeps its chosen benefit (or the larger known value) in the total.
  const dropped = new Set<string>();
  for (const c of conflicts) {
    const [a, b] = c.benefits;
    const value = (k: string) => results.find((r) => r.key === k)?.value.estimate ?? 0;
    dropped.add(c.choose === a ? b : c.choose === b ? a : value(a) >= value(b) ? b : a);
  }
  const eligibleValue = results.filter((r) => r.result === 'eligible' && !dropped.has(r.key)).reduce((sum, r) => sum + (r.value.estimate ?? 0), 0);
  const count = (k: TBenefitMatch['result']) => results.filter((r) => r.result === k).length;
  return {
    enterpriseId: subject.id,
    date: day,
    counts: { eligible: count('eligible'), unknown: count('unknown'), ineligible: count('ineligible') },
    results,
    questions: questionsOf(results, new Map(candidates.map((c) => [c.key, c.compiled])), derived.values),
    conflicts,
    eligibleValue,
  };
};

export const matchEnterprise = async (ctx: ServiceContext, centreId: string, enterpriseId: string, date: string | undefined): Promise<TEnterpriseMatches> => {
  if (!canReadEnterprise(ctx.user, centreId, enterpriseId)) throw forbidden();
  const day = date ?? (await centreDay(ctx.db, centreId, ctx.now));
  return matchesFor(ctx.db, centreId, await requireSubject(ctx.db, centreId, enterpriseId), day);
};

// --- answers ----------------------------------------------------------------------------

const typeIssue = (fact: string, value: unknown): string | null => {
  const def = factDefinition(fact);
  if (!def || value === null) return null;
  switch (def.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? null : 'a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? null : 'a text';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '') ? null : 'a list of codes';
  }
};

/** Codes an answer must take from the centre: an area of its hierarchy, recognitions of its vocabulary, GB/T 4754 industry codes. */
const centreValueIssues = async (tx: ReadTx, centreId: string, answers: z.infer<typeof ZFactAnswersInput>['answers']): Promise<FieldIssue[]> => {
  const out: FieldIssue[] = [];
  const at = (i: number, reason: string, message: string): FieldIssue => ({ in: 'body', path: `answers.${i}.value`, reason, message });
  const areaIds = answers.some((a) => a.fact === 'area' && a.value !== null) ? new Set((await listAreaRefs(tx, centreId)).map((a) => a.id)) : null;
  const vocabulary = answers.some((a) => a.fact === 'tiers' && a.value !== null) ? await loadVocabulary(tx, centreId) : null;
  answers.forEach((a, i) => {
    if (a.value === null) return;
    if (a.fact === 'area' && !areaIds?.has(a.value as string)) out.push(at(i, 'unknown_area', `no area ${String(a.value)} in ${centreId}`));
    if (a.fact === 'tiers') for (const code of a.value as string[]) if (!vocabulary?.hasRecognition(code)) out.push(at(i, 'unknown_recognition', `no recognition ${code} in this centre's vocabulary`));
    if (a.fact === 'industryCodes') for (const code of a.value as string[]) if (!ZSectorCode.safeParse(code).success) out.push(at(i, 'not_an_industry_code', `${code} is not a GB/T 4754-2017 code`));
  });
  return out;
};

/**
 * An enterprise (or its officer) answers questions: each answer is kept with
 * who gave it and when, audited, and the newest one counts. Returns the
 * matches as they now stand.
 */
export const answerFacts = async (ctx: ServiceContext, centreId: string, enterpriseId: string, input: z.infer<typeof ZFactAnswersInput>, date: string | undefined): Promise<TEnterpriseMatches> => {
  if (!canActForEnterprise(ctx.user, centreId, enterpriseId)) throw forbidden();
  assertCentreScope(ctx, centreId);
  const fields: FieldIssue[] = [];
  const seen = new Set<string>();
  input.answers.forEach((a, i) => {
    if (!factDefinition(a.fact)) fields.push({ in: 'body', path: `answers.${i}.fact`, reason: 'unknown_fact', message: `${a.fact} is not a fact of the catalogue` });
    else if (seen.has(a.fact)) fields.push({ in: 'body', path: `answers.${i}.fact`, reason: 'duplicate_fact', message: `${a.fact} is answered twice` });
    seen.add(a.fact);
    const expected = typeIssue(a.fact, a.value);
    if (expected) fields.push({ in: 'body', path: `answers.${i}.value`, reason: 'wrong_type', message: `${a.fact} takes ${expected}` });
  });
  if (fields.length === 0) fields.push(...(await centreValueIssues(ctx.db, centreId, input.answers)));
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
  const day = date ?? (await centreDay(ctx.db, centreId, ctx.now));
  await withWriteTx(ctx.db, async (tx) => {
    const subject = await requireSubject(tx, centreId, enterpriseId);
    const previous = await listNewestAnswers(tx, { centreId, entityId: subject.id }, input.answers.map((a) => a.fact));
    const previousAt = new Map(previous.map((p) => [p.fact, p.answeredAt.getTime()]));
    const rows = input.answers.map((a) => ({
      id: randomUUID(),
      enterpriseId: subject.id,
      fact: a.fact,
      value: typeof a.value === 'string' ? a.value.trim() : a.value,
      answeredBy: ctx.user?.id ?? null,
      // Strictly after the answer it replaces, so "the newest counts" holds even within one clock tick.
      answeredAt: new Date(Math.max(ctx.now.getTime(), (previousAt.get(a.fact) ?? -Infinity) + 1)),
    }));
    const saved = await insertFactAnswers(tx, rows);
    const before = Object.fromEntries(previous.map((p) => [p.fact, { id: p.id, value: p.value, answeredAt: p.answeredAt }]));
    const after = Object.fromEntries(saved.map((s: FactAnswerRow) => [s.fact, { id: s.id, value: s.value }]));
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'policy_facts.answer',
      entityType: 'entity',
      entityId: subject.id,
      centreId,
      before,
      after: { ...after, onBehalf: !isOwnMember(ctx.user, centreId, enterpriseId) },
      requestId: ctx.requestId,
    });
  });
  return matchesFor(ctx.db, centreId, await requireSubject(ctx.db, centreId, enterpriseId), day);
};

// --- consent to proactive push ------------------------------------------------------------

export const recordPushConsent = async (ctx: ServiceContext, centreId: string, enterpriseId: string, input: z.infer<typeof ZPushConsentInput>): Promise<Consent> => {
  if (!canActForEnterprise(ctx.user, centreId, enterpriseId)) throw forbidden();
  assertCentreScope(ctx, centreId);
  const onBehalf = !isOwnMember(ctx.user, centreId, enterpriseId);
  if (onBehalf && !input.note) {
    throw new AppError('VALIDATION_FAILED', 'An officer recording consent on the enterprise’s behalf says how it was given', {
      fields: [{ in: 'body', path: 'note', reason: 'required', message: 'say how the enterprise gave its consent (letter, visit, call …)' }],
    });
  }
  return withWriteTx(ctx.db, async (tx) => {
    const subject = await requireSubject(tx, centreId, enterpriseId);
    const [before] = await listConsents(tx, { centreId, entityId: subject.id });
    const saved = await upsertConsent(tx, { enterpriseId: subject.id, consent: input.consent, recordedBy: ctx.user?.id ?? null, recordedAt: ctx.now });
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'policy_push_consent.record',
      entityType: 'entity',
      entityId: subject.id,
      centreId,
      before: before ? { consent: before.consent, recordedBy: before.recordedBy, recordedAt: before.recordedAt } : null,
      after: { consent: saved.consent, recordedBy: saved.recordedBy, recordedAt: saved.recordedAt, onBehalf, note: input.note ?? null },
      requestId: ctx.requestId,
    });
    return toConsent({ ...saved, recordedByName: ctx.user?.displayName ?? null });
  });
};

// --- one benefit's enterprises -----------------------------------------------------------------

export const listBenefitEnterprises = async (
  ctx: ServiceContext,
  centreId: string,
  policyCode: string,
  benefitCode: string,
  query: z.infer<typeof ZBenefitEnterprisesQuery>,
): Promise<z.infer<typeof ZBenefitEnterprises>> => {
  assertCentreScope(ctx, centreId);
  const day = query.date ?? (await centreDay(ctx.db, centreId, ctx.now));
  const policy = await findPolicyByCode(ctx.db, centreId, policyCode);
  if (!policy) throw new AppError('NOT_FOUND', `No policy ${policyCode} in ${centreId}`);
  const [inForce] = await listVersionsInForce(ctx.db, centreId, day, policy.id);
  if (!inForce) throw new AppError('NOT_FOUND', `No version of ${policyCode} is in force on ${day}`, { date: day });
  const benefit = inForce.version.benefits.find((b) => b.code === benefitCode);
  if (!benefit) throw new AppError('NOT_FOUND', `Version ${inForce.version.version} of ${policyCode} has no benefit ${benefitCode}`);
  let compiled: CompiledRule;
  try {
    compiled = compile(benefit.rule);
  } catch {
    throw new AppError('CONFLICT', `The rule of ${policyCode}/${benefitCode} no longer passes the engine's checks: publish a corrected version`, { reason: 'rule_invalid' });
  }
  const needed = new Set([...compiled.facts, ...(benefit.rateBase ? [benefit.rateBase] : [])]);
  const scope = { centreId, categories: PUSH_CATEGORIES };
  const subjects = await listSubjects(ctx.db, centreId, PUSH_CATEGORIES);
  const facts = await loadFacts(ctx.db, scope, subjects, day, needed);
  const counts = { eligible: 0, unknown: 0, ineligible: 0 };
  const hits: { subject: SubjectRow; value: number | null; missing: string[]; declared: string[] }[] = [];
  for (const subject of subjects) {
    const derived = facts.get(subject.id) as DerivedFacts;
    const { result, missing } = compiled.evaluate(derived.values);
    counts[result]++;
    if (result !== query.result) continue;
    hits.push({ subject, value: estimateValue(benefit, derived.values).estimate, missing: [...missing], declared: compiled.facts.filter((f) => derived.declared.has(f)) });
  }
  hits.sort((a, b) => byValue(a.value, b.value) || (a.subject.nameZh ?? a.subject.nameEn).localeCompare(b.subject.nameZh ?? b.subject.nameEn) || a.subject.id.localeCompare(b.subject.id));
  const page = hits.slice(query.offset, query.offset + query.limit);
  const consents = new Map((await listConsents(ctx.db, scope)).map((c) => [c.enterpriseId, toConsent(c)]));
  return {
    key: `${policy.code}/${benefit.code}`,
    version: inForce.version.version,
    date: day,
    evaluated: subjects.length,
    counts,
    result: query.result,
    total: hits.length,
    items: page.map((h) => ({
      enterpriseId: h.subject.id,
      nameZh: h.subject.nameZh,
      nameEn: h.subject.nameEn,
      areaId: h.subject.areaId,
      value: h.value,
      missing: h.missing,
      declaredFacts: h.declared,
      pushConsent: consents.get(h.subject.id) ?? null,
    })),
  };
};

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/errors.js';
import type {
  TPolicy,
  TPolicyBenefit,
  TPolicyClause,
  TPolicyDetail,
  TPolicyInput,
  TPolicyPatch,
  TPolicyVersion,
  TPolicyVersionPatch,
  ZPolicyListQuery,
  ZPolicyVersionSummary,
} from '../../../shared/schemas/policies.js';
import type { z } from 'zod';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { policies, policyVersions } from '../../../db/schema/index.js';
import { withWriteTx, type ReadTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { centreDay } from '../centres/centre-calendar.js';
import { AppError } from '../../errors.js';
import { citationOf } from '../centres/citations.js';
import { listCitationsWithSource } from '../centres/centres.repository.js';
import { catalogue, renderText, ruleFacts, ruleProblems } from './policy-engine.js';
import { canWritePolicies } from './policies.policy.js';
import {
  findPolicyByCode,
  findVersionRow,
  listPolicyRows,
  listVersionRows,
  listVersionSummaries,
  lockPolicy,
  type PolicyRow,
  type PolicyVersionRow,
  type VersionSummaryRow,
} from './policies.repository.js';

/**
 * The policy library (issue 6): documents with issuer, level and source;
 * versions with validity, clauses, benefits and legal text. A draft is
 * edited freely (its rules checked by the engine); once published a version
 * never changes, except that publishing its successor with `supersede` ends
 * an open-ended predecessor the day before. Published versions of one policy
 * never overlap, so at most one is in force on any day.
 */

type Summary = z.infer<typeof ZPolicyVersionSummary>;

const issue = (path: string, reason: string, message: string): FieldIssue => ({ in: 'body', path, reason, message });
const invalid = (fields: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });

/** The day before a YYYY-MM-DD day. */
export const dayBefore = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Whether a validity period covers a day; `validTo` null runs on. */
export const covers = (v: { validFrom: string; validTo: string | null }, day: string): boolean => v.validFrom <= day && (v.validTo === null || v.validTo >= day);

const overlaps = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

const period = (v: { validFrom: string; validTo: string | null }): string => `${v.validFrom} – ${v.validTo ?? 'open'}`;

const toSummary = (v: VersionSummaryRow): Summary => ({
  version: v.version,
  state: v.state as Summary['state'],
  validFrom: v.validFrom,
  validTo: v.validTo,
  benefitCount: v.benefitCount,
  publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
});

/** A policy's visible versions: all for its authors, published ones for everyone else. */
const visibleVersions = <T extends { state: string }>(versions: readonly T[], writer: boolean): T[] => (writer ? [...versions] : versions.filter((v) => v.state === 'published'));

/**
 * Whether the public sees a policy: when a version is published, or when the
 * sources name it (a catalogued document from the fact sheet). A policy an
 * author created and never published stays with its authors.
 */
const isPublic = (row: PolicyRow, versions: readonly { state: string }[]): boolean => row.sourceId !== null || versions.some((v) => v.state === 'published');

const toPolicy = (row: PolicyRow, versions: Summary[], day: string): TPolicy => ({
  id: row.id,
  centreId: row.centreId,
  code: row.code,
  titleZh: row.titleZh,
  titleEn: row.titleEn,
  issuer: row.issuer,
  level: row.level as TPolicy['level'],
  documentNumber: row.documentNumber,
  url: row.url,
  sourceId: row.sourceId,
  isSample: row.isSample,
  status: versions.some((v) => v.state === 'published') ? 'published' : versions.length > 0 ? 'draft' : 'catalogued',
  inForce: versions.find((v) => v.state === 'published' && covers(v, day)) ?? null,
  versions,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const toVersion = (row: PolicyVersionRow, policyCode: string): TPolicyVersion => ({
  id: row.id,
  policyCode,
  version: row.version,
  state: row.state as TPolicyVersion['state'],
  validFrom: row.validFrom,
  validTo: row.validTo,
  legalText: row.legalText,
  clauses: row.clauses,
  benefits: row.benefits.map((b) => ({ ...b, ruleText: renderText(b.rule), factsUsed: ruleFacts(b.rule) })),
  changeNote: row.changeNote,
  publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
  publishedBy: row.publishedBy,
  createdAt: row.createdAt.toISOString(),
});

// --- reading ---------------------------------------------------------------------

export const listPolicies = async (ctx: ServiceContext, centreId: string, query: z.infer<typeof ZPolicyListQuery>): Promise<{ items: TPolicy[]; total: number; date: string }> => {
  const today = await centreDay(ctx.db, centreId, ctx.now);
  const day = query.inForceOn ?? today;
  const writer = canWritePolicies(ctx.user, centreId);
  const rows = await listPolicyRows(ctx.db, centreId, query);
  const summaries = await listVersionSummaries(ctx.db, rows.map((r) => r.id));
  const byPolicy = new Map<string, VersionSummaryRow[]>();
  for (const s of summaries) byPolicy.set(s.policyId, [...(byPolicy.get(s.policyId) ?? []), s]);
  const visible = rows
    .filter((r) => writer || isPublic(r, byPolicy.get(r.id) ?? []))
    .map((r) => toPolicy(r, visibleVersions(byPolicy.get(r.id) ?? [], writer).map(toSummary), day))
    .filter((p) => !query.inForceOn || p.inForce !== null);
  return { items: visible.slice(query.offset, query.offset + query.limit), total: visible.length, date: day };
};

/** The policy row, 404 when the caller may not see it. */
const visiblePolicy = async (tx: ReadTx, centreId: string, code: string, writer: boolean): Promise<{ row: PolicyRow; versions: PolicyVersionRow[] }> => {
  const row = await findPolicyByCode(tx, centreId, code);
  const versions = row ? await listVersionRows(tx, row.id) : [];
  if (!row || (!writer && !isPublic(row, versions))) throw new AppError('NOT_FOUND', `No policy ${code} in ${centreId}`);
  return { row, versions: visibleVersions(versions, writer) };
};

const detail = async (tx: ReadTx, row: PolicyRow, versions: PolicyVersionRow[], day: string): Promise<TPolicyDetail> => {
  const summaries = versions.map((v) => toSummary({ ...v, benefitCount: v.benefits.length }));
  const citations = await listCitationsWithSource(tx, 'policy', row.id);
  return {
    policy: toPolicy(row, summaries, day),
    versions: versions.map((v) => toVersion(v, row.code)),
    citations: citations.map(citationOf),
    benefitsKnown: versions.some((v) => v.benefits.length > 0),
  };
};

export const getPolicy = async (ctx: ServiceContext, centreId: string, code: string, date?: string): Promise<TPolicyDetail> => {
  const day = date ?? (await centreDay(ctx.db, centreId, ctx.now));
  const { row, versions } = await visiblePolicy(ctx.db, centreId, code, canWritePolicies(ctx.user, centreId));
  return detail(ctx.db, row, versions, day);
};

export const getPolicyVersion = async (ctx: ServiceContext, centreId: string, code: string, version: number): Promise<TPolicyVersion> => {
  const { row, versions } = await visiblePolicy(ctx.db, centreId, code, canWritePolicies(ctx.user, centreId));
  const found = versions.find((v) => v.version === version);
  if (!found) throw new AppError('NOT_FOUND', `No version ${version} of ${code}`);
  return toVersion(found, row.code);
};

/** The published version in force on a day; 404 when none is. */
export const getVersionInForce = async (ctx: ServiceContext, centreId: string, code: string, date: string | undefined): Promise<TPolicyVersion> => {
  const day = date ?? (await centreDay(ctx.db, centreId, ctx.now));
  const { row, versions } = await visiblePolicy(ctx.db, centreId, code, false);
  const found = versions.find((v) => covers(v, day));
  if (!found) throw new AppError('NOT_FOUND', `No version of ${code} is in force on ${day}`, { date: day });
  return toVersion(found, row.code);
};

// --- checking a draft --------------------------------------------------------------

const NUMERIC_FACTS = new Set(catalogue.filter((f) => f.type === 'number' || f.type === 'integer').map((f) => f.name));

/** Everything wrong with a draft's content, each at its field (rules at `benefits.2.rule.and.1`). */
export const draftIssues = (content: { validFrom: string; validTo: string | null; clauses: TPolicyClause[]; benefits: TPolicyBenefit[] }): FieldIssue[] => {
  const out: FieldIssue[] = [];
  if (content.validTo !== null && content.validTo < content.validFrom) out.push(issue('validTo', 'before_valid_from', `ends (${content.validTo}) before it starts (${content.validFrom})`));
  const clauseNumbers = new Set<string>();
  content.clauses.forEach((c, i) => {
    if (clauseNumbers.has(c.number)) out.push(issue(`clauses.${i}.number`, 'duplicate_number', `clause ${c.number} appears twice`));
    clauseNumbers.add(c.number);
  });
  const codes = new Set<string>();
  content.benefits.forEach((b, i) => {
    const at = (p: string) => `benefits.${i}.${p}`;
    if (codes.has(b.code)) out.push(issue(at('code'), 'duplicate_code', `benefit ${b.code} appears twice`));
    codes.add(b.code);
    b.clauseRefs.forEach((ref, j) => {
      if (!clauseNumbers.has(ref)) out.push(issue(at(`clauseRefs.${j}`), 'unknown_clause', `no clause ${ref} in this version`));
    });
    if (b.rate !== null && b.rateBase === null) out.push(issue(at('rateBase'), 'required', 'a rate needs the fact it applies to'));
    if (b.rateBase !== null && !NUMERIC_FACTS.has(b.rateBase)) out.push(issue(at('rateBase'), 'unknown_fact', `${b.rateBase} is not a numeric fact of the catalogue`));
    const shares = b.tranches.reduce((sum, t) => sum + t.share, 0);
    if (b.tranches.length > 0 && Math.abs(shares - 100) > 1e-6) out.push(issue(at('tranches'), 'shares_not_100', `tranche shares add up to ${shares} %, not 100 %`));
    for (const p of ruleProblems(b.rule)) {
      if (p.severity === 'error') out.push(issue(p.path ? at(`rule.${p.path}`) : at('rule'), p.reason, p.message));
    }
  });
  return out;
};

// --- writing ------------------------------------------------------------------------

const audit = (ctx: ServiceContext, centreId: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown) => ({
  actor: ctx.actor,
  at: ctx.now,
  action,
  entityType,
  entityId,
  centreId,
  before,
  after,
  requestId: ctx.requestId,
});

const requirePolicy = async (tx: ReadTx, centreId: string, code: string): Promise<PolicyRow> => {
  const row = await findPolicyByCode(tx, centreId, code);
  if (!row) throw new AppError('NOT_FOUND', `No policy ${code} in ${centreId}`);
  return row;
};

/** A new policy document with its first draft (empty; valid from today unless given). */
export const createPolicy = async (ctx: ServiceContext, centreId: string, input: TPolicyInput): Promise<TPolicyDetail> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const today = await centreDay(tx, centreId, ctx.now);
    if (await findPolicyByCode(tx, centreId, input.code)) throw new AppError('CONFLICT', `Policy ${input.code} exists`, { fields: [issue('code', 'duplicate_code', `policy ${input.code} exists`)] });
    const [row] = await tx
      .insert(policies)
      .values({
        id: randomUUID(),
        centreId,
        code: input.code,
        titleZh: input.titleZh,
        titleEn: input.titleEn ?? null,
        issuer: input.issuer,
        level: input.level,
        documentNumber: input.documentNumber ?? null,
        url: input.url ?? null,
        sourceId: null,
        isSample: input.isSample,
        createdBy: ctx.user?.id ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const policy = row as PolicyRow;
    const [draft] = await tx
      .insert(policyVersions)
      .values({ id: randomUUID(), policyId: policy.id, version: 1, state: 'draft', validFrom: input.validFrom ?? today, validTo: null, legalText: '', clauses: [], benefits: [], changeNote: null, createdAt: ctx.now })
      .returning();
    await appendAuditEvent(tx, audit(ctx, centreId, 'policy.create', 'policy', policy.id, null, { policy, draft }));
    return detail(tx, policy, [draft as PolicyVersionRow], today);
  });
};

export const updatePolicy = async (ctx: ServiceContext, centreId: string, code: string, patch: TPolicyPatch): Promise<TPolicyDetail> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const today = await centreDay(tx, centreId, ctx.now);
    const before = await requirePolicy(tx, centreId, code);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const [after] = await tx.update(policies).set({ ...changes, updatedAt: ctx.now }).where(eq(policies.id, before.id)).returning();
    await appendAuditEvent(tx, audit(ctx, centreId, 'policy.update', 'policy', before.id, before, after));
    return detail(tx, after as PolicyRow, await listVersionRows(tx, before.id), today);
  });
};

/** A new draft: a copy of the latest version (or an empty first one for a catalogued document). One draft at a time. */
export const createDraftVersion = async (ctx: ServiceContext, centreId: string, code: string, input: { validFrom?: string | undefined; changeNote?: string | null | undefined }): Promise<TPolicyVersion> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const today = await centreDay(tx, centreId, ctx.now);
    const policy = await requirePolicy(tx, centreId, code);
    await lockPolicy(tx, policy.id);
    const versions = await listVersionRows(tx, policy.id);
    const draft = versions.find((v) => v.state === 'draft');
    if (draft) throw new AppError('CONFLICT', `Version ${draft.version} of ${code} is a draft already: edit it`, { reason: 'draft_exists', version: draft.version });
    const latest = versions.at(-1);
    const validFrom = input.validFrom ?? (latest && latest.validFrom > today ? latest.validFrom : today);
    const [row] = await tx
      .insert(policyVersions)
      .values({
        id: randomUUID(),
        policyId: policy.id,
        version: (latest?.version ?? 0) + 1,
        state: 'draft',
        validFrom,
        validTo: null,
        legalText: latest?.legalText ?? '',
        clauses: latest?.clauses ?? [],
        benefits: latest?.benefits ?? [],
        changeNote: input.changeNote ?? null,
        createdAt: ctx.now,
      })
      .returning();
    const created = row as PolicyVersionRow;
    await appendAuditEvent(tx, audit(ctx, centreId, 'policy_version.create', 'policy_version', created.id, null, { ...created, copiedFrom: latest?.version ?? null }));
    return toVersion(created, policy.code);
  });
};

const requireVersion = async (tx: ReadTx, policy: PolicyRow, version: number): Promise<PolicyVersionRow> => {
  const row = await findVersionRow(tx, policy.id, version);
  if (!row) throw new AppError('NOT_FOUND', `No version ${version} of ${policy.code}`);
  return row;
};

const immutable = (policy: PolicyRow, v: PolicyVersionRow): AppError =>
  new AppError('CONFLICT', `Version ${v.version} of ${policy.code} is published and cannot change: start a new version`, { reason: 'published_immutable', version: v.version });

export const updateDraftVersion = async (ctx: ServiceContext, centreId: string, code: string, version: number, patch: TPolicyVersionPatch): Promise<TPolicyVersion> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const policy = await requirePolicy(tx, centreId, code);
    await lockPolicy(tx, policy.id);
    const before = await requireVersion(tx, policy, version);
    if (before.state !== 'draft') throw immutable(policy, before);
    const next = {
      validFrom: patch.validFrom ?? before.validFrom,
      validTo: patch.validTo === undefined ? before.validTo : patch.validTo,
      legalText: patch.legalText ?? before.legalText,
      clauses: patch.clauses ?? before.clauses,
      benefits: patch.benefits ?? before.benefits,
      changeNote: patch.changeNote === undefined ? before.changeNote : patch.changeNote,
    };
    const problems = draftIssues(next);
    if (problems.length > 0) throw invalid(problems);
    const [after] = await tx.update(policyVersions).set(next).where(eq(policyVersions.id, before.id)).returning();
    await tx.update(policies).set({ updatedAt: ctx.now }).where(eq(policies.id, policy.id));
    await appendAuditEvent(tx, audit(ctx, centreId, 'policy_version.update', 'policy_version', before.id, before, after));
    return toVersion(after as PolicyVersionRow, policy.code);
  });
};

/**
 * Publish a draft: its rules must check, and its validity must not overlap
 * another published version's. With `supersede`, an open-ended version that
 * starts earlier is ended the day before this one starts (audited on its own).
 */
export const publishVersion = async (ctx: ServiceContext, centreId: string, code: string, version: number, opts: { supersede: boolean }): Promise<TPolicyDetail> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    const today = await centreDay(tx, centreId, ctx.now);
    const policy = await requirePolicy(tx, centreId, code);
    await lockPolicy(tx, policy.id);
    const draft = await requireVersion(tx, policy, version);
    if (draft.state !== 'draft') throw new AppError('CONFLICT', `Version ${version} of ${code} is published already`, { reason: 'already_published', version });
    const problems = draftIssues(draft);
    if (problems.length > 0) throw invalid(problems);
    const published = (await listVersionRows(tx, policy.id)).filter((v) => v.state === 'published');
    const superseded: PolicyVersionRow[] = [];
    const clashes: PolicyVersionRow[] = [];
    for (const v of published.filter((p) => overlaps(p, draft))) {
      if (opts.supersede && v.validTo === null && v.validFrom < draft.validFrom) superseded.push(v);
      else clashes.push(v);
    }
    if (clashes.length > 0) {
      const canSupersede = clashes.every((c) => c.validTo === null && c.validFrom < draft.validFrom);
      const list = clashes.map((c) => `version ${c.version} (${period(c)})`).join(', ');
      throw new AppError(
        'CONFLICT',
        `Version ${version} (${period(draft)}) overlaps ${list}: published versions of one policy cannot be in force on the same day. ${
          canSupersede ? `Publish with supersede to end version ${clashes.map((c) => c.version).join(', ')} on ${dayBefore(draft.validFrom)}, or change this draft's dates.` : "Change this draft's dates."
        }`,
        { reason: 'validity_overlap', overlaps: clashes.map((c) => ({ version: c.version, validFrom: c.validFrom, validTo: c.validTo })), canSupersede },
      );
    }
    for (const v of superseded) {
      const [ended] = await tx.update(policyVersions).set({ validTo: dayBefore(draft.validFrom) }).where(eq(policyVersions.id, v.id)).returning();
      await appendAuditEvent(tx, audit(ctx, centreId, 'policy_version.supersede', 'policy_version', v.id, { validTo: v.validTo }, { validTo: ended?.validTo ?? null, supersededBy: version }));
    }
    const [after] = await tx.update(policyVersions).set({ state: 'published', publishedAt: ctx.now, publishedBy: ctx.user?.id ?? null }).where(eq(policyVersions.id, draft.id)).returning();
    await tx.update(policies).set({ updatedAt: ctx.now }).where(eq(policies.id, policy.id));
    await appendAuditEvent(tx, audit(ctx, centreId, 'policy_version.publish', 'policy_version', draft.id, { state: 'draft' }, after));
    const refreshed = (await tx.select().from(policies).where(eq(policies.id, policy.id)))[0] as PolicyRow;
    return detail(tx, refreshed, await listVersionRows(tx, policy.id), today);
  });
};

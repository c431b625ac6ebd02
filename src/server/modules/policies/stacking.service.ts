import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/errors.js';
import type { TStackingRule, ZBenefitRef, ZStackingRuleInput } from '../../../shared/schemas/policies.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { policyStackingRules } from '../../../db/schema/index.js';
import { withWriteTx, type ReadTx } from '../../../db/tx.js';
import { assertCentreScope, type ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { centreDay } from '../centres/centre-calendar.js';
import { canWritePolicies } from './policies.policy.js';
import { findStackingRuleByPair, findStackingRuleRow, listBenefitNames, listPolicyRowsByCode, listStackingRuleRows, type PolicyRow, type StackingRuleRow } from './policies.repository.js';

/**
 * Stacking rules (issue 6, item 8): two benefits that cannot both be granted,
 * `exclusive` (choose one) or `no_double_funding` (the same cost is funded
 * once). Keys are `policyCode/benefitCode` so a rule outlives versions; a rule
 * may join benefits of any levels (municipal and district, district and park).
 */

type BenefitRef = z.infer<typeof ZBenefitRef>;

const splitKey = (key: string): { policyCode: string; benefitCode: string } => {
  const at = key.lastIndexOf('/');
  return { policyCode: key.slice(0, at), benefitCode: key.slice(at + 1) };
};

/** Names for benefit keys: from the latest version holding the benefit (published first; drafts only for authors). */
const resolveBenefits = async (tx: ReadTx, centreId: string, keys: string[], writer: boolean): Promise<Map<string, BenefitRef>> => {
  const codes = [...new Set(keys.map((k) => splitKey(k).policyCode))];
  const rows = await listPolicyRowsByCode(tx, centreId, codes);
  const policyByCode = new Map(rows.map((r) => [r.code, r]));
  const names = await listBenefitNames(tx, rows.map((r) => r.id));
  const out = new Map<string, BenefitRef>();
  for (const key of keys) {
    const { policyCode, benefitCode } = splitKey(key);
    const policy = policyByCode.get(policyCode);
    if (!policy) continue;
    const holding = names.filter((n) => n.policyId === policy.id && n.code === benefitCode && (writer || n.state === 'published'));
    const best = holding.filter((n) => n.state === 'published').at(-1) ?? holding.at(-1);
    out.set(key, { key, policyCode, benefitCode, level: policy.level as BenefitRef['level'], policyTitleZh: policy.titleZh, policyTitleEn: policy.titleEn, nameZh: best?.nameZh ?? null, nameEn: best?.nameEn ?? null });
  }
  return out;
};

const fallbackRef = (key: string): BenefitRef => ({ key, ...splitKey(key), level: 'municipal', policyTitleZh: '', policyTitleEn: null, nameZh: null, nameEn: null });

const toRule = (row: StackingRuleRow, refs: Map<string, BenefitRef>): TStackingRule => ({
  id: row.id,
  kind: row.kind as TStackingRule['kind'],
  benefitA: refs.get(row.benefitA) ?? fallbackRef(row.benefitA),
  benefitB: refs.get(row.benefitB) ?? fallbackRef(row.benefitB),
  note: row.note,
  createdAt: row.createdAt.toISOString(),
});

export const listStackingRules = async (ctx: ServiceContext, centreId: string): Promise<TStackingRule[]> => {
  await centreDay(ctx.db, centreId, ctx.now);
  const rows = await listStackingRuleRows(ctx.db, centreId);
  const refs = await resolveBenefits(ctx.db, centreId, rows.flatMap((r) => [r.benefitA, r.benefitB]), canWritePolicies(ctx.user, centreId));
  return rows.map((r) => toRule(r, refs));
};

/** Every benefit key the centre's policies hold in any version, for checking a new rule's keys. */
const benefitExists = async (tx: ReadTx, centreId: string, key: string): Promise<'ok' | 'unknown_policy' | 'unknown_benefit'> => {
  const { policyCode, benefitCode } = splitKey(key);
  const [policy] = (await listPolicyRowsByCode(tx, centreId, [policyCode])) as (PolicyRow | undefined)[];
  if (!policy) return 'unknown_policy';
  return (await listBenefitNames(tx, [policy.id])).some((n) => n.code === benefitCode) ? 'ok' : 'unknown_benefit';
};

export const createStackingRule = async (ctx: ServiceContext, centreId: string, input: z.infer<typeof ZStackingRuleInput>): Promise<TStackingRule> => {
  assertCentreScope(ctx, centreId);
  return withWriteTx(ctx.db, async (tx) => {
    await centreDay(tx, centreId, ctx.now);
    const fields: FieldIssue[] = [];
    if (input.benefitA === input.benefitB) fields.push({ in: 'body', path: 'benefitB', reason: 'same_benefit', message: 'a benefit cannot exclude itself' });
    for (const side of ['benefitA', 'benefitB'] as const) {
      const found = await benefitExists(tx, centreId, input[side]);
      if (found === 'unknown_policy') fields.push({ in: 'body', path: side, reason: 'unknown_policy', message: `no policy ${splitKey(input[side]).policyCode} in ${centreId}` });
      if (found === 'unknown_benefit') fields.push({ in: 'body', path: side, reason: 'unknown_benefit', message: `no version of ${splitKey(input[side]).policyCode} has a benefit ${splitKey(input[side]).benefitCode}` });
    }
    if (fields.length > 0) throw new AppError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
    // One order for a pair, so A–B and B–A are the same rule.
    const [a, b] = [input.benefitA, input.benefitB].sort() as [string, string];
    const existing = await findStackingRuleByPair(tx, centreId, a, b);
    if (existing) throw new AppError('CONFLICT', `${a} and ${b} have a ${existing.kind} rule already`, { reason: 'duplicate_rule', ruleId: existing.id });
    const [row] = await tx
      .insert(policyStackingRules)
      .values({ id: randomUUID(), centreId, kind: input.kind, benefitA: a, benefitB: b, note: input.note ?? null, createdAt: ctx.now })
      .returning();
    const created = row as StackingRuleRow;
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'policy_stacking_rule.create', entityType: 'policy_stacking_rule', entityId: created.id, centreId, before: null, after: created, requestId: ctx.requestId });
    return toRule(created, await resolveBenefits(tx, centreId, [a, b], true));
  });
};

export const deleteStackingRule = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  assertCentreScope(ctx, centreId);
  await withWriteTx(ctx.db, async (tx) => {
    const before = await findStackingRuleRow(tx, centreId, id);
    if (!before) throw new AppError('NOT_FOUND', `No stacking rule ${id}`);
    await tx.delete(policyStackingRules).where(eq(policyStackingRules.id, id));
    await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'policy_stacking_rule.delete', entityType: 'policy_stacking_rule', entityId: id, centreId, before, after: null, requestId: ctx.requestId });
  });
};

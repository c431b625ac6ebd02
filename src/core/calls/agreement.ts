import { trancheAmounts } from './acceptance.js';

/**
 * The task agreement (任务书) of an awarded bid, generated from what was
 * frozen and decided: the call's problem, acceptance criteria and IP terms as
 * published, the team and plan as submitted, the award and the milestones with
 * their tranches. Nothing in it is typed afresh, so it cannot disagree with the
 * records it comes from; `missing` lists what must be settled before signing.
 */

export type PartyRef = { id: string; nameZh: string | null; nameEn: string };

export type AgreementInput = {
  call: {
    id: string;
    titleZh: string | null;
    titleEn: string;
    problem: string | null;
    fieldCodes: readonly string[];
    chainPosition: string | null;
    trlExpected: number | null;
    currency: string;
    frozenTerms: { ipTemplate: string; ipText: string; paymentSchedule: readonly { label: string; share: number }[]; frozenAt: string } | null;
    decisionMemo: string | null;
    awardedAt: string | null;
    isSample: boolean;
  };
  owner: PartyRef;
  criteria: readonly { metric: string; unit: string; comparator: string; threshold: number; testMethod: string }[];
  application: { id: string; title: string; plan: string | null; state: string; awardAmount: number | null; decidedAt: string | null; selfFunded: number | null };
  lead: PartyRef | null;
  partners: readonly PartyRef[];
  pi: PartyRef | null;
  members: readonly PartyRef[];
  milestones: readonly { position: number; title: string; deliverable: string; verification: string; dueOn: string; trancheShare: number }[];
};

export type AgreementMissing = 'award_amount' | 'lead' | 'pi' | 'milestones' | 'frozen_terms' | 'criteria' | 'tranche_shares';

export type TaskAgreement = {
  /** Stable for the same inputs: the call's and the application's ids. */
  number: string;
  title: string;
  titleZh: string | null;
  isSample: boolean;
  parties: { demandOwner: PartyRef; lead: PartyRef | null; partners: PartyRef[]; pi: PartyRef | null; members: PartyRef[] };
  subject: { problem: string | null; fieldCodes: string[]; chainPosition: string | null; trlExpected: number | null; plan: string | null };
  acceptanceCriteria: { metric: string; unit: string; comparator: string; threshold: number; testMethod: string }[];
  funding: { currency: string; awardAmount: number | null; selfFunded: number | null; paymentSchedule: { label: string; share: number }[] };
  milestones: { position: number; title: string; deliverable: string; verification: string; dueOn: string; trancheShare: number; trancheAmount: number | null }[];
  ipTerms: { template: string; text: string; frozenAt: string } | null;
  decision: { memo: string | null; awardedAt: string | null; decidedAt: string | null };
  /** What must be settled before the agreement can be signed (empty when complete). */
  missing: AgreementMissing[];
};

export const buildTaskAgreement = (input: AgreementInput): TaskAgreement => {
  const { call, application } = input;
  const milestones = [...input.milestones].sort((a, b) => a.position - b.position);
  const tranches = application.awardAmount !== null && milestones.length ? trancheAmounts(application.awardAmount, milestones.map((m) => m.trancheShare)) : null;
  const shareTotal = milestones.reduce((s, m) => s + m.trancheShare, 0);
  const missing: AgreementMissing[] = [];
  if (application.awardAmount === null) missing.push('award_amount');
  if (!input.lead) missing.push('lead');
  if (!input.pi) missing.push('pi');
  if (milestones.length === 0) missing.push('milestones');
  else if (Math.abs(shareTotal - 100) > 1e-9) missing.push('tranche_shares');
  if (!call.frozenTerms) missing.push('frozen_terms');
  if (input.criteria.length === 0) missing.push('criteria');
  return {
    number: `KC-${call.id.slice(0, 8).toUpperCase()}-${application.id.slice(0, 8).toUpperCase()}`,
    title: call.titleEn,
    titleZh: call.titleZh,
    isSample: call.isSample,
    parties: { demandOwner: input.owner, lead: input.lead, partners: [...input.partners], pi: input.pi, members: [...input.members] },
    subject: { problem: call.problem, fieldCodes: [...call.fieldCodes], chainPosition: call.chainPosition, trlExpected: call.trlExpected, plan: application.plan },
    acceptanceCriteria: input.criteria.map((c) => ({ ...c })),
    funding: { currency: call.currency, awardAmount: application.awardAmount, selfFunded: application.selfFunded, paymentSchedule: [...(call.frozenTerms?.paymentSchedule ?? [])] },
    milestones: milestones.map((m, i) => ({ ...m, trancheAmount: tranches?.[i] ?? null })),
    ipTerms: call.frozenTerms ? { template: call.frozenTerms.ipTemplate, text: call.frozenTerms.ipText, frozenAt: call.frozenTerms.frozenAt } : null,
    decision: { memo: call.decisionMemo, awardedAt: call.awardedAt, decidedAt: application.decidedAt },
    missing,
  };
};

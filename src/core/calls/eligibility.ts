/**
 * Eligibility rules as data, evaluated with a reason per rule. A rule whose
 * facts are missing is `unknown` (not a silent pass or fail): the application
 * then needs an officer's decision with a note.
 */
export type EligibilityRule =
  /** The lead organisation's coarse category is one of these (enterprise, university, rnd_institution …). */
  | { kind: 'lead_category'; allowed: readonly string[] }
  /** Organisations in the team, lead included. */
  | { kind: 'consortium_size'; min: number; max: number }
  /** The requested budget is at most this amount. */
  | { kind: 'budget_cap'; max: number }
  /** The team's own funding is at least this share (percent) of the total. */
  | { kind: 'cofunding_share'; min: number }
  /** These declarations are affirmed (no duplicate funding, IP ownership, integrity …). */
  | { kind: 'declarations'; required: readonly string[] }
  /** The team's evidenced TRL is within `maxGap` of the call's expected TRL (a partner may bring it). */
  | { kind: 'trl_gap'; maxGap: number }
  /** The lead organisation holds fewer than `max` running awards in the programme. */
  | { kind: 'active_awards_cap'; max: number };

export type EligibilityFacts = {
  lead: { id: string; category: string | null; activeAwards: number | null } | null;
  partners: readonly { id: string; category: string | null }[];
  budget: { total: number; selfFunded: number | null };
  declarations: Readonly<Record<string, boolean>>;
  /** Highest TRL the team (lead or a partner) has evidence for; null when not stated. */
  teamTrl: number | null;
  callTrl: number | null;
};

export type RuleResult = { rule: EligibilityRule['kind']; status: 'pass' | 'fail' | 'unknown'; code: string; message: string; path?: string };
export type EligibilityVerdict = { outcome: 'eligible' | 'ineligible' | 'needs_review'; results: RuleResult[] };

const pass = (rule: EligibilityRule['kind'], message: string): RuleResult => ({ rule, status: 'pass', code: `${rule}_ok`, message });

const evaluateRule = (r: EligibilityRule, f: EligibilityFacts): RuleResult => {
  switch (r.kind) {
    case 'lead_category': {
      if (!f.lead) return { rule: r.kind, status: 'fail', code: 'lead_missing', message: 'no lead organisation', path: 'leadEntityId' };
      if (f.lead.category === null) return { rule: r.kind, status: 'unknown', code: 'lead_category_unknown', message: 'the lead organisation has no category in the registry', path: 'leadEntityId' };
      return r.allowed.includes(f.lead.category)
        ? pass(r.kind, `lead is a ${f.lead.category}`)
        : { rule: r.kind, status: 'fail', code: 'lead_category_not_allowed', message: `the lead organisation is a ${f.lead.category}; the call admits ${r.allowed.join(', ')}`, path: 'leadEntityId' };
    }
    case 'consortium_size': {
      const n = (f.lead ? 1 : 0) + new Set(f.partners.map((p) => p.id)).size;
      if (n < r.min) return { rule: r.kind, status: 'fail', code: 'consortium_too_small', message: `${n} organisation(s); at least ${r.min} required`, path: 'partnerEntityIds' };
      if (n > r.max) return { rule: r.kind, status: 'fail', code: 'consortium_too_large', message: `${n} organisations; at most ${r.max} allowed`, path: 'partnerEntityIds' };
      return pass(r.kind, `${n} organisation(s)`);
    }
    case 'budget_cap':
      return f.budget.total <= r.max ? pass(r.kind, `budget ${f.budget.total} within ${r.max}`) : { rule: r.kind, status: 'fail', code: 'budget_over_cap', message: `budget ${f.budget.total} exceeds the cap ${r.max}`, path: 'budget.total' };
    case 'cofunding_share': {
      if (f.budget.selfFunded === null) return { rule: r.kind, status: 'unknown', code: 'cofunding_unknown', message: 'the team’s own funding is not stated', path: 'budget.selfFunded' };
      const share = f.budget.total > 0 ? (100 * f.budget.selfFunded) / f.budget.total : 0;
      return share + 1e-9 >= r.min ? pass(r.kind, `co-funding ${share.toFixed(1)}%`) : { rule: r.kind, status: 'fail', code: 'cofunding_too_low', message: `co-funding is ${share.toFixed(1)}%; at least ${r.min}% required`, path: 'budget.selfFunded' };
    }
    case 'declarations': {
      const missing = r.required.filter((d) => f.declarations[d] !== true);
      return missing.length === 0 ? pass(r.kind, 'all declarations affirmed') : { rule: r.kind, status: 'fail', code: 'declarations_missing', message: `not affirmed: ${missing.join(', ')}`, path: `declarations.${missing[0]}` };
    }
    case 'trl_gap': {
      if (f.callTrl === null) return pass(r.kind, 'the call expects no TRL');
      if (f.teamTrl === null) return { rule: r.kind, status: 'unknown', code: 'team_trl_unknown', message: 'the team states no TRL evidence', path: 'teamTrl' };
      const gap = f.callTrl - f.teamTrl;
      return gap <= r.maxGap ? pass(r.kind, `team TRL ${f.teamTrl} for call TRL ${f.callTrl}`) : { rule: r.kind, status: 'fail', code: 'trl_gap_too_large', message: `team TRL ${f.teamTrl} is ${gap} below the call’s ${f.callTrl} (at most ${r.maxGap}); add a partner with the evidence`, path: 'teamTrl' };
    }
    case 'active_awards_cap': {
      if (!f.lead) return { rule: r.kind, status: 'fail', code: 'lead_missing', message: 'no lead organisation', path: 'leadEntityId' };
      if (f.lead.activeAwards === null) return { rule: r.kind, status: 'unknown', code: 'active_awards_unknown', message: 'running awards of the lead are not known' };
      return f.lead.activeAwards < r.max ? pass(r.kind, `${f.lead.activeAwards} running award(s)`) : { rule: r.kind, status: 'fail', code: 'too_many_awards', message: `the lead already runs ${f.lead.activeAwards} award(s) in this programme (limit ${r.max})` };
    }
  }
};

export const evaluateEligibility = (rules: readonly EligibilityRule[], facts: EligibilityFacts): EligibilityVerdict => {
  const results = rules.map((r) => evaluateRule(r, facts));
  const outcome = results.some((r) => r.status === 'fail') ? 'ineligible' : results.some((r) => r.status === 'unknown') ? 'needs_review' : 'eligible';
  return { outcome, results };
};

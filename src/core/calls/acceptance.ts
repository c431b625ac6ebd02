/** Typed acceptance criteria (metric, unit, comparator, threshold, test method) and whether a measured value meets one. */
export const COMPARATORS = ['>=', '<=', '>', '<', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export type AcceptanceCriterion = { metric: string; unit: string; comparator: Comparator; threshold: number; testMethod: string };

/** `=` allows a relative tolerance of 1e-9, so a measured 0.1 + 0.2 meets 0.3. */
export const criterionMet = (c: Pick<AcceptanceCriterion, 'comparator' | 'threshold'>, value: number): boolean => {
  if (!Number.isFinite(value)) return false;
  switch (c.comparator) {
    case '>=':
      return value >= c.threshold;
    case '<=':
      return value <= c.threshold;
    case '>':
      return value > c.threshold;
    case '<':
      return value < c.threshold;
    case '=':
      return Math.abs(value - c.threshold) <= 1e-9 * Math.max(1, Math.abs(c.threshold));
  }
};

/**
 * Split an award into tranches by the schedule's percentage shares, in cents;
 * the last tranche takes the rounding remainder so the tranches always sum to the award.
 */
export const trancheAmounts = (award: number, shares: readonly number[]): number[] => {
  if (shares.length === 0) return [];
  const cents = Math.round(award * 100);
  const total = shares.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let given = 0;
  shares.forEach((s, i) => {
    const c = i === shares.length - 1 ? cents - given : Math.floor((cents * s) / total);
    given += c;
    out.push(c / 100);
  });
  return out;
};

const DAY = 86_400_000;

export type MilestoneTimelineInput = { id: string; dueOn: string; state: string; submittedAt: Date | null; verifiedAt: Date | null };
export type MilestoneSlip = { id: string; dueOn: string; status: 'upcoming' | 'due_soon' | 'overdue' | 'on_time' | 'late' | 'cancelled'; slipDays: number };

/**
 * Where each milestone stands against its due date: delivered on time or late
 * (by the day its evidence came in), or still open and upcoming, due within
 * `soonDays`, or overdue by so many days.
 */
export const milestoneTimeline = (items: readonly MilestoneTimelineInput[], now: Date, soonDays = 3): MilestoneSlip[] =>
  items.map((m) => {
    const due = new Date(`${m.dueOn}T23:59:59.999Z`).getTime();
    if (m.state === 'cancelled') return { id: m.id, dueOn: m.dueOn, status: 'cancelled', slipDays: 0 };
    const delivered = m.submittedAt;
    if (delivered !== null && m.state !== 'planned') {
      const slip = Math.max(0, Math.ceil((delivered.getTime() - due) / DAY));
      return { id: m.id, dueOn: m.dueOn, status: slip > 0 ? 'late' : 'on_time', slipDays: slip };
    }
    const t = now.getTime();
    if (t > due) return { id: m.id, dueOn: m.dueOn, status: 'overdue', slipDays: Math.ceil((t - due) / DAY) };
    return { id: m.id, dueOn: m.dueOn, status: due - t <= soonDays * DAY ? 'due_soon' : 'upcoming', slipDays: 0 };
  });

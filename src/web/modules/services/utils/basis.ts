/** A package's key basis: `list` (put on the key list by an officer) or `tier:<recognition>`. */
export type KeyBasis = { kind: 'list' } | { kind: 'tier'; tier: string };

export const parseBasis = (basis: string | null | undefined): KeyBasis | null => {
  if (!basis) return null;
  if (basis === 'list') return { kind: 'list' };
  const m = /^tier:([a-z0-9_.-]{1,60})$/.exec(basis);
  return m ? { kind: 'tier', tier: m[1] as string } : null;
};

export const basisCode = (b: KeyBasis): string => (b.kind === 'list' ? 'list' : `tier:${b.tier}`);

/** The first of the enterprise's tiers that was asked for: the basis a candidate's package starts with. */
export const candidateBasis = (held: readonly string[], asked: readonly string[]): string => {
  const tier = asked.find((t) => held.includes(t)) ?? held[0];
  return tier ? `tier:${tier}` : 'list';
};

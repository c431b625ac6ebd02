/**
 * Conflict-of-interest detection from the platform's own data, passed in:
 * a reviewer's affiliations, registry relations between organisations, past
 * consortia and the organisations an applicant asked to exclude. Every flag
 * carries its evidence, so a chair can see why and override with a reason.
 */

/** YYYY, YYYY-MM or YYYY-MM-DD (the registry's partial dates). */
export type PartialDate = string;

export type Affiliation = { orgId: string; from: PartialDate | null; to: PartialDate | null };

/** A registry relation between two organisations (subsidiary_of, invested_in, partner_of, member_of …). */
export type OrgLink = { id: string; type: string; fromId: string; toId: string; validTo: PartialDate | null };

/** A past application's team: who bid together, and when. */
export type Consortium = { applicationId: string; year: number; orgIds: readonly string[]; personIds: readonly string[] };

export type CoiPolicy = {
  /** An affiliation that ended within this many years still conflicts (same 单位 over N years). */
  affiliationYears: number;
  /** Relation types that conflict when they join a reviewer's organisation to an applicant's. */
  relationTypes: readonly string[];
  /** Bidding together within this many years conflicts. */
  consortiumYears: number;
  /** Two organisations that are subsidiaries of the same parent conflict. */
  sameGroup: boolean;
};

export const DEFAULT_COI_POLICY: CoiPolicy = { affiliationYears: 3, relationTypes: ['subsidiary_of', 'invested_in', 'partner_of', 'member_of', 'spun_off_from'], consortiumYears: 3, sameGroup: true };

export type CoiReviewer = { expertId: string; personId: string; affiliations: readonly Affiliation[] };
export type CoiApplication = { id: string; leadOrgId: string | null; partnerOrgIds: readonly string[]; personIds: readonly string[]; excludedOrgIds: readonly string[] };

export const COI_KINDS = ['is_applicant', 'same_organisation', 'excluded_by_applicant', 'registry_relation', 'same_group', 'consortium_comember'] as const;
export type CoiKind = (typeof COI_KINDS)[number];

export type CoiFlag = { kind: CoiKind; message: string; evidence: Record<string, string | number | boolean | null> };

export type CoiIndex = {
  policy: CoiPolicy;
  /** Conflicting relations by organisation, both directions. */
  linksByOrg: ReadonlyMap<string, readonly OrgLink[]>;
  /** Parents (subsidiary_of targets) of each organisation. */
  parentsOf: ReadonlyMap<string, readonly string[]>;
  consortiaByOrg: ReadonlyMap<string, readonly Consortium[]>;
  consortiaByPerson: ReadonlyMap<string, readonly Consortium[]>;
};

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** Index the relations and consortia once; detection is then a few map look-ups per pair. */
export const buildCoiIndex = (data: { links: readonly OrgLink[]; consortia: readonly Consortium[] }, policy: CoiPolicy = DEFAULT_COI_POLICY): CoiIndex => {
  const linksByOrg = new Map<string, OrgLink[]>();
  const parentsOf = new Map<string, string[]>();
  const types = new Set(policy.relationTypes);
  for (const l of data.links) {
    if (l.type === 'subsidiary_of') push(parentsOf, l.fromId, l.toId);
    if (!types.has(l.type) || l.fromId === l.toId) continue;
    push(linksByOrg, l.fromId, l);
    push(linksByOrg, l.toId, l);
  }
  const consortiaByOrg = new Map<string, Consortium[]>();
  const consortiaByPerson = new Map<string, Consortium[]>();
  for (const c of data.consortia) {
    for (const o of new Set(c.orgIds)) push(consortiaByOrg, o, c);
    for (const p of new Set(c.personIds)) push(consortiaByPerson, p, c);
  }
  return { policy, linksByOrg, parentsOf, consortiaByOrg, consortiaByPerson };
};

/** The last day a partial date can mean: 2021 → 2021-12-31, 2021-06 → 2021-06-31 (compares correctly as text). */
const endOf = (d: PartialDate): string => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

const cutoff = (now: Date, years: number): string => {
  const iso = now.toISOString().slice(0, 10);
  return `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;
};

/** Still in force, or ended on or after the cutoff. */
const recent = (to: PartialDate | null, since: string): boolean => to === null || endOf(to) >= since;

/** The organisations a reviewer belongs to now or belonged to within the policy's window, with the affiliation that says so. */
export const recentOrganisations = (reviewer: CoiReviewer, now: Date, policy: CoiPolicy): Map<string, Affiliation> => {
  const since = cutoff(now, policy.affiliationYears);
  const out = new Map<string, Affiliation>();
  for (const a of reviewer.affiliations) {
    if (!recent(a.to, since)) continue;
    const prev = out.get(a.orgId);
    // Keep the most recent affiliation with the organisation as evidence.
    if (!prev || (prev.to !== null && (a.to === null || endOf(a.to) > endOf(prev.to)))) out.set(a.orgId, a);
  }
  return out;
};

/**
 * Every conflict between one reviewer and one application, each with its
 * evidence; empty when there is none. Deterministic: flags come in a fixed
 * order (by kind, then by the ids in the evidence).
 */
export const detectConflicts = (reviewer: CoiReviewer, app: CoiApplication, index: CoiIndex, now: Date): CoiFlag[] => {
  const { policy } = index;
  const flags: CoiFlag[] = [];
  const seen = new Set<string>();
  const add = (f: CoiFlag, key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    flags.push(f);
  };
  const sideOf = new Map<string, 'lead' | 'partner'>();
  for (const p of app.partnerOrgIds) sideOf.set(p, 'partner');
  if (app.leadOrgId) sideOf.set(app.leadOrgId, 'lead');
  const excluded = new Set(app.excludedOrgIds);

  if (app.personIds.includes(reviewer.personId)) {
    add({ kind: 'is_applicant', message: 'the reviewer is a member of the applying team', evidence: { personId: reviewer.personId } }, 'is_applicant');
  }

  const mine = recentOrganisations(reviewer, now, policy);
  for (const [orgId, aff] of mine) {
    const side = sideOf.get(orgId);
    const current = aff.to === null;
    if (side) {
      add(
        { kind: 'same_organisation', message: `the reviewer ${current ? 'is' : 'was'} at the ${side} organisation`, evidence: { orgId, side, from: aff.from, to: aff.to, current } },
        `same:${orgId}`,
      );
    }
    const parents = index.parentsOf.get(orgId) ?? [];
    for (const ex of [orgId, ...parents]) {
      if (excluded.has(ex)) {
        add({ kind: 'excluded_by_applicant', message: 'the applicant asked to exclude the reviewer’s organisation', evidence: { excludedOrgId: ex, reviewerOrgId: orgId } }, `excl:${ex}`);
      }
    }
    const relSince = cutoff(now, policy.affiliationYears);
    for (const l of index.linksByOrg.get(orgId) ?? []) {
      const other = l.fromId === orgId ? l.toId : l.fromId;
      const otherSide = sideOf.get(other);
      if (!otherSide || other === orgId || !recent(l.validTo, relSince)) continue;
      add(
        { kind: 'registry_relation', message: `the reviewer’s organisation and the ${otherSide} organisation are related (${l.type})`, evidence: { relationId: l.id, type: l.type, fromId: l.fromId, toId: l.toId, reviewerOrgId: orgId, applicantOrgId: other } },
        `rel:${l.id}`,
      );
    }
    if (policy.sameGroup && parents.length > 0) {
      for (const [appOrg, s] of sideOf) {
        if (appOrg === orgId) continue;
        for (const p of index.parentsOf.get(appOrg) ?? []) {
          if (parents.includes(p)) {
            add({ kind: 'same_group', message: `the reviewer’s organisation and the ${s} organisation belong to the same group`, evidence: { parentId: p, reviewerOrgId: orgId, applicantOrgId: appOrg } }, `group:${p}:${orgId}:${appOrg}`);
          }
        }
      }
    }
    const nowYear = now.getUTCFullYear();
    for (const c of index.consortiaByOrg.get(orgId) ?? []) {
      if (c.applicationId === app.id || nowYear - c.year > policy.consortiumYears) continue;
      for (const o of c.orgIds) {
        const s = sideOf.get(o);
        if (!s || o === orgId) continue;
        add(
          { kind: 'consortium_comember', message: `the reviewer’s organisation bid together with the ${s} organisation in ${c.year}`, evidence: { applicationId: c.applicationId, year: c.year, reviewerOrgId: orgId, applicantOrgId: o } },
          `cons:${c.applicationId}:${orgId}:${o}`,
        );
      }
    }
  }

  const people = new Set(app.personIds);
  const nowYear = now.getUTCFullYear();
  for (const c of index.consortiaByPerson.get(reviewer.personId) ?? []) {
    if (c.applicationId === app.id || nowYear - c.year > policy.consortiumYears) continue;
    for (const p of c.personIds) {
      if (p !== reviewer.personId && people.has(p)) {
        add({ kind: 'consortium_comember', message: `the reviewer was in a team with a member of this team in ${c.year}`, evidence: { applicationId: c.applicationId, year: c.year, reviewerPersonId: reviewer.personId, applicantPersonId: p } }, `pcons:${c.applicationId}:${p}`);
      }
    }
  }
  const order = new Map(COI_KINDS.map((k, i) => [k, i]));
  return flags.sort((a, b) => (order.get(a.kind) as number) - (order.get(b.kind) as number) || JSON.stringify(a.evidence).localeCompare(JSON.stringify(b.evidence)));
};

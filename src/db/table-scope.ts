/**
 * Which centre every table's rows belong to. Backup/restore dumps one centre by
 * this map, and a sharded deployment (Citus) would distribute by it:
 *   centre  → rows carry `centre_id` (distribution column `centre_id`)
 *   parent  → rows belong to the centre of the parent row reached by `path`
 *             (co-located with the parent; sharding them needs `centre_id` added)
 *   global  → platform-wide rows (a reference table, or not backed up at all)
 * `src/db/table-scope.test.ts` fails when a table of the schema is missing here.
 */
export type ParentStep = { column: string; table: string; parentColumn: string };

export type TableScope =
  | { kind: 'centre'; column: string; note?: string }
  | { kind: 'parent'; path: readonly ParentStep[] }
  | { kind: 'global'; backup: 'never' | 'referenced'; reason: string };

const centre = (note?: string): TableScope => ({ kind: 'centre', column: 'centre_id', ...(note ? { note } : {}) });
/** One or more FK hops, child column → parent table's key, ending at a centre-scoped table. */
const via = (...hops: [column: string, table: string, parentColumn?: string][]): TableScope => ({
  kind: 'parent',
  path: hops.map(([column, table, parentColumn]) => ({ column, table, parentColumn: parentColumn ?? 'id' })),
});

export const TABLE_SCOPES: Readonly<Record<string, TableScope>> = {
  // The centre itself: its row is keyed by `id`.
  centres: { kind: 'centre', column: 'id' },
  users: centre('NULL centre_id = platform account (admins): backed up only when a row of the centre references it'),
  sessions: { kind: 'global', backup: 'never', reason: 'sign-in sessions are secrets bound to the server key; users sign in again' },
  audit_events: centre('one hash chain for the whole database; a restore re-appends the centre\'s events (see docs/BACKUP.md)'),
  seed_fingerprints: centre(),
  areas: centre(),
  sources: centre(),
  entities: centre(),
  entity_counts: centre('derived from entities by trigger; copied, then checked against entities'),
  entity_merges: centre(),
  import_jobs: centre(),
  indicators: centre(),
  targets: centre(),
  relations: centre(),
  vocabulary_terms: centre(),
  notifications: centre(),
  attachments: centre('file bytes are in `content` (bytea)'),
  achievements: centre(),
  achievement_access_requests: centre(),
  achievement_patents: centre(),
  call_programmes: centre(),
  calls: centre(),
  chain_maps: centre(),
  collaboration_configs: centre(),
  company_exits: centre(),
  cooperation_agreements: centre(),
  demands: centre(),
  evaluation_analyses: centre(),
  evaluation_datasets: centre(),
  evaluation_frameworks: centre(),
  evaluation_runs: centre(),
  events: centre(),
  experts: centre(),
  fx_rates: centre(),
  grant_applications: centre(),
  grant_expense_rejections: centre(),
  grant_expenses: centre(),
  grant_funding_sources: centre(),
  hosted_organisations: centre(),
  incubator_profiles: centre(),
  investment_rounds: centre(),
  joint_labs: centre(),
  negative_list_versions: centre(),
  patent_pools: centre(),
  patents: centre(),
  policies: centre(),
  policy_stacking_rules: centre(),
  rd_centre_applications: centre(),
  rd_centre_hires: centre(),
  rd_centre_recognitions: centre(),
  rd_centre_support: centre(),
  regional_records: centre(),
  scenario_batches: centre(),
  scenario_deployments: centre(),
  service_departments: centre(),
  service_packages: centre(),
  service_visits: centre(),
  talent_credentials: centre(),
  talent_service_requests: centre(),
  tech_contract_sequences: centre(),
  tech_contract_stats: centre(),
  tech_contracts: centre(),
  technology_needs: centre(),

  achievement_contracts: via(['achievement_id', 'achievements']),
  achievement_detail_views: via(['achievement_id', 'achievements']),
  achievement_inventors: via(['achievement_id', 'achievements']),
  achievement_owners: via(['achievement_id', 'achievements']),
  achievement_spinoffs: via(['achievement_id', 'achievements']),
  call_applications: via(['call_id', 'calls']),
  call_appeals: via(['application_id', 'call_applications'], ['call_id', 'calls']),
  call_application_members: via(['application_id', 'call_applications'], ['call_id', 'calls']),
  call_milestones: via(['application_id', 'call_applications'], ['call_id', 'calls']),
  call_change_log: via(['call_id', 'calls']),
  call_criteria: via(['call_id', 'calls']),
  call_scenarios: via(['call_id', 'calls']),
  grant_tracks: via(['call_id', 'calls']),
  talent_calls: via(['call_id', 'calls']),
  talent_applications: via(['call_id', 'calls']),
  review_assignments: via(['call_id', 'calls']),
  reviews: via(['assignment_id', 'review_assignments'], ['call_id', 'calls']),
  grant_final_reports: via(['application_id', 'grant_applications', 'application_id']),
  grant_outputs: via(['application_id', 'grant_applications', 'application_id']),
  chain_innovation_links: via(['map_id', 'chain_maps']),
  chain_map_versions: via(['map_id', 'chain_maps']),
  chain_placements: via(['map_id', 'chain_maps']),
  chain_supplies: via(['map_id', 'chain_maps']),
  citations: via(['source_id', 'sources']),
  cooperation_agreement_parties: via(['agreement_id', 'cooperation_agreements']),
  corrections: via(['entity_id', 'entities']),
  entity_facts: via(['entity_id', 'entities']),
  entity_sources: via(['entity_id', 'entities']),
  enterprise_fact_answers: via(['enterprise_id', 'entities']),
  person_private: via(['entity_id', 'entities']),
  policy_push_consents: via(['enterprise_id', 'entities']),
  recognitions: via(['entity_id', 'entities']),
  demand_events: via(['demand_id', 'demands']),
  event_sessions: via(['event_id', 'events']),
  event_releases: via(['event_id', 'events']),
  event_release_organisations: via(['release_id', 'event_releases'], ['event_id', 'events']),
  event_session_organisers: via(['session_id', 'event_sessions'], ['event_id', 'events']),
  incubator_cohorts: via(['incubator_id', 'incubator_profiles']),
  incubator_residents: via(['cohort_id', 'incubator_cohorts'], ['incubator_id', 'incubator_profiles']),
  investment_round_investors: via(['round_id', 'investment_rounds']),
  joint_lab_partners: via(['lab_id', 'joint_labs']),
  negative_list_items: via(['version_id', 'negative_list_versions']),
  observations: via(['indicator_id', 'indicators']),
  patent_parties: via(['patent_id', 'patents']),
  patent_pool_members: via(['pool_id', 'patent_pools']),
  patent_pool_patents: via(['pool_id', 'patent_pools']),
  policy_versions: via(['policy_id', 'policies']),
};

/** SQL that selects the key values of `table`'s rows belonging to centre `$1`-style literal. */
export const scopePredicate = (table: string, alias: string, centreLiteral: string): string => {
  const scope = TABLE_SCOPES[table];
  if (!scope) throw new Error(`table ${table} has no scope in src/db/table-scope.ts`);
  if (scope.kind === 'global') throw new Error(`table ${table} is global`);
  if (scope.kind === 'centre') return `${alias}.${quoteIdent(scope.column)} = ${centreLiteral}`;
  const [first, ...rest] = scope.path;
  if (!first) throw new Error(`empty path for ${table}`);
  // Nested IN sub-selects along the path; the last hop's table is centre-scoped.
  const build = (hops: readonly ParentStep[], column: string, depth: number): string => {
    const [hop, ...more] = hops;
    if (!hop) throw new Error('unreachable');
    const a = `p${depth}`;
    const inner = more.length === 0 ? scopePredicate(hop.table, a, centreLiteral) : build(more, `${a}.${quoteIdent(more[0]!.column)}`, depth + 1);
    return `${column} IN (SELECT ${a}.${quoteIdent(hop.parentColumn)} FROM ${quoteIdent(hop.table)} ${a} WHERE ${inner})`;
  };
  return build([first, ...rest], `${alias}.${quoteIdent(first.column)}`, 1);
};

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

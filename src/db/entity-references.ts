/**
 * Every column that names an actor (entities.id). A merge moves them all to
 * the surviving record, so a module that adds such a column adds it here; a
 * test compares this list with the database's foreign keys to entities.
 *
 * - `where`: only rows where this holds name an actor (relations' to_id may name an area).
 * - `array`: the column holds a list of actor ids.
 * - `uniqueWith`: the column is part of a unique key with these columns; a row
 *   that would collide with one the survivor already has is `dropped` when it
 *   only repeats it (the same source, the same team role) and otherwise `kept`
 *   on the merged record and reported, for an officer to settle.
 */
export type EntityReference = {
  /** The count's name in a merge report (the web labels the known ones). */
  key: string;
  table: string;
  column: string;
  where?: string;
  array?: boolean;
  uniqueWith?: { columns: string[]; collision: 'dropped' | 'kept' };
};

export const ENTITY_REFERENCES: readonly EntityReference[] = [
  { key: 'children', table: 'entities', column: 'parent_id' },
  { key: 'relations_from', table: 'relations', column: 'from_id' },
  { key: 'relations_to', table: 'relations', column: 'to_id', where: "to_kind = 'entity'" },
  { key: 'recognitions', table: 'recognitions', column: 'entity_id' },
  { key: 'facts', table: 'entity_facts', column: 'entity_id' },
  { key: 'sources', table: 'entity_sources', column: 'entity_id', uniqueWith: { columns: ['source_id'], collision: 'dropped' } },
  { key: 'citations', table: 'citations', column: 'subject_id', where: "subject_type = 'entity'" },
  { key: 'observations', table: 'observations', column: 'entity_id', uniqueWith: { columns: ['indicator_id', 'area_id', 'period', 'status'], collision: 'kept' } },
  { key: 'targets', table: 'targets', column: 'entity_id' },
  { key: 'users', table: 'users', column: 'organisation_id' },
  { key: 'corrections', table: 'corrections', column: 'entity_id' },
  { key: 'personal', table: 'person_private', column: 'entity_id', uniqueWith: { columns: [], collision: 'kept' } },
  { key: 'calls_owned', table: 'calls', column: 'owner_entity_id' },
  { key: 'applications', table: 'call_applications', column: 'applicant_org_id' },
  { key: 'application_exclusions', table: 'call_applications', column: 'excluded_entity_ids', array: true },
  { key: 'application_members', table: 'call_application_members', column: 'entity_id', uniqueWith: { columns: ['application_id', 'role'], collision: 'dropped' } },
  { key: 'experts', table: 'experts', column: 'entity_id', uniqueWith: { columns: ['centre_id'], collision: 'kept' } },
  { key: 'service_packages', table: 'service_packages', column: 'enterprise_id' },
  { key: 'service_visits', table: 'service_visits', column: 'enterprise_id' },
  { key: 'demands', table: 'demands', column: 'enterprise_id' },
  { key: 'fact_answers', table: 'enterprise_fact_answers', column: 'enterprise_id' },
  { key: 'tech_contracts_sold', table: 'tech_contracts', column: 'seller_id', uniqueWith: { columns: ['contract_key'], collision: 'kept' } },
  { key: 'tech_contracts_bought', table: 'tech_contracts', column: 'buyer_entity_id' },
  { key: 'patents_first_applicant', table: 'patents', column: 'first_applicant_id' },
  { key: 'patent_parties', table: 'patent_parties', column: 'entity_id' },
  { key: 'patent_pools_administered', table: 'patent_pools', column: 'administrator_id' },
  { key: 'patent_pool_members', table: 'patent_pool_members', column: 'entity_id', uniqueWith: { columns: ['pool_id'], collision: 'kept' } },
  { key: 'scenario_deployments', table: 'scenario_deployments', column: 'enterprise_id' },
  { key: 'policy_consents', table: 'policy_push_consents', column: 'enterprise_id', uniqueWith: { columns: [], collision: 'kept' } },
  { key: 'achievements_owned', table: 'achievement_owners', column: 'entity_id', uniqueWith: { columns: ['achievement_id'], collision: 'dropped' } },
  { key: 'achievements_invented', table: 'achievement_inventors', column: 'entity_id', uniqueWith: { columns: ['achievement_id'], collision: 'dropped' } },
  { key: 'achievement_spinoffs', table: 'achievement_spinoffs', column: 'entity_id', uniqueWith: { columns: ['achievement_id'], collision: 'dropped' } },
  { key: 'achievement_access_requests', table: 'achievement_access_requests', column: 'requester_org_id' },
  { key: 'achievement_detail_views', table: 'achievement_detail_views', column: 'organisation_id' },
  { key: 'technology_needs', table: 'technology_needs', column: 'enterprise_id' },
  { key: 'chain_placements', table: 'chain_placements', column: 'entity_id' },
  { key: 'chain_supplies', table: 'chain_supplies', column: 'supplier_id' },
  { key: 'chain_supplies_submitted', table: 'chain_supplies', column: 'submitted_by_org_id' },
  { key: 'chain_innovation_links', table: 'chain_innovation_links', column: 'entity_id' },
  { key: 'grant_funders', table: 'grant_funding_sources', column: 'funder_entity_id' },
  { key: 'grant_output_people', table: 'grant_outputs', column: 'person_entity_id' },
  { key: 'incubator_profiles', table: 'incubator_profiles', column: 'entity_id', uniqueWith: { columns: [], collision: 'kept' } },
  { key: 'incubator_operators', table: 'incubator_profiles', column: 'operator_id' },
  { key: 'incubator_residents', table: 'incubator_residents', column: 'entity_id', uniqueWith: { columns: ['cohort_id'], collision: 'kept' } },
  { key: 'events', table: 'events', column: 'entity_id' },
  { key: 'event_session_organisers', table: 'event_session_organisers', column: 'entity_id', uniqueWith: { columns: ['session_id'], collision: 'dropped' } },
  { key: 'event_release_organisations', table: 'event_release_organisations', column: 'entity_id', uniqueWith: { columns: ['release_id'], collision: 'dropped' } },
  { key: 'investment_rounds', table: 'investment_rounds', column: 'investee_id' },
  { key: 'investment_round_investors', table: 'investment_round_investors', column: 'entity_id' },
  { key: 'company_exits', table: 'company_exits', column: 'entity_id' },
  { key: 'company_exits_acquirer', table: 'company_exits', column: 'acquirer_id' },
  { key: 'joint_lab_partners', table: 'joint_lab_partners', column: 'entity_id' },
  { key: 'hosted_organisations', table: 'hosted_organisations', column: 'entity_id' },
  { key: 'cooperation_agreement_parties', table: 'cooperation_agreement_parties', column: 'entity_id' },
  { key: 'regional_records', table: 'regional_records', column: 'entity_id' },
  { key: 'talent_applicants', table: 'talent_applications', column: 'person_entity_id' },
  { key: 'talent_credentials', table: 'talent_credentials', column: 'person_entity_id' },
  { key: 'talent_employers', table: 'talent_credentials', column: 'employer_entity_id' },
];

/**
 * Words of the three-chain linkage module (issue 8): codes only, the web
 * words them in zh-CN and en.
 */

/** Industry clusters the seeds name; a map belongs to one. */
export const CHAIN_CLUSTERS = [
  'artificial_intelligence',
  'integrated_circuits',
  'life_health',
  'new_generation_it',
  'aerospace',
  'hydrogen_energy',
  'new_energy_vehicles',
  'blockchain',
  'quantum',
  'mobile_6g',
  'other',
] as const;

/** What a segment of a chain is. */
export const CHAIN_NODE_KINDS = ['product', 'component', 'technology', 'service', 'material', 'equipment'] as const;

/** An organisation's part at a node. */
export const CHAIN_PLACEMENT_ROLES = ['chain_master', 'key_supplier', 'supplier', 'user'] as const;

/** Who or what can innovate at a node. */
export const CHAIN_INNOVATION_KINDS = ['lab', 'university', 'rnd_institution', 'achievement', 'patent_ipc', 'call'] as const;
/** Kinds whose reference is a registry organisation (merged with it). */
export const CHAIN_INNOVATION_ENTITY_KINDS = ['lab', 'university', 'rnd_institution'] as const;

/** Why a node is flagged (core/chains/analytics.ts). */
export const CHOKEPOINT_REASONS = ['no_supply_data', 'single_source', 'foreign_dependent', 'no_local_supplier', 'no_local_innovation', 'concentrated'] as const;

/** An outside source's region: a province-level GB/T 2260 code (110000 …) or `abroad`. */
export const CHAIN_REGION = /^(?:[1-8]\d0000|abroad)$/;
/** ISO 3166-1 alpha-2. */
export const CHAIN_COUNTRY = /^[A-Z]{2}$/;

/** The export/import document's format tag. */
export const CHAIN_DOCUMENT_FORMAT = 'kechuang.chain-map/v1';

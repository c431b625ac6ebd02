import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { centres } from './centres.js';
import { entities } from './entities.js';

/**
 * Three-chain linkage (issue 8): versioned industry-chain maps, the
 * organisations placed on their nodes (industry chain), who supplies each node
 * and with which share (supply chain), and who can innovate there
 * (innovation chain). Placements, supplies and innovation links are keyed by
 * the node id, so they outlive a version that drops the node and return with
 * one that brings it back.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A map's segments and links, as one version holds them. */
export type ChainMapContent = {
  nodes: { id: string; nameZh: string | null; nameEn: string; kind: string; layer?: number | null }[];
  links: { from: string; to: string }[];
  /** Chokepoint weights stored with the map; null: the engine's defaults. */
  weights: { dependence: number; concentration: number; substitute: number; innovation: number } | null;
};

/** A supply relation frozen with a version (what the analytics of an older version read). */
export type ChainSupplySnapshot = { id: string; nodeId: string; supplierId: string | null; region: string; country: string; local: boolean; share: number; confidentialAggregate: boolean };

export const chainMaps = pgTable(
  'chain_maps',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    /** One of CHAIN_CLUSTERS (integrated_circuits …). */
    clusterCode: text('cluster_code').notNull(),
    nameZh: text('name_zh'),
    nameEn: text('name_en').notNull(),
    /** Its structure came from a platform template built from general domain knowledge, not from the centre's sources. */
    isTemplate: boolean('is_template').notNull().default(false),
    templateCode: text('template_code'),
    isSample: boolean('is_sample').notNull().default(false),
    /** The newest version's number: a save names the one it saw and moves this on by one. */
    latestVersion: integer('latest_version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('chain_maps_centre_idx').on(t.centreId, t.clusterCode)],
);

/** One immutable version of a map's structure. */
export const chainMapVersions = pgTable(
  'chain_map_versions',
  {
    id: text('id').primaryKey(),
    mapId: text('map_id')
      .notNull()
      .references(() => chainMaps.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ChainMapContent>().notNull(),
    /**
     * The supply relations as they stood when this version was saved, i.e. at
     * the end of the previous version's life (null for the first version).
     * Older versions read their supply from here; the newest reads the live rows.
     */
    suppliesAtSave: jsonb('supplies_at_save').$type<ChainSupplySnapshot[] | null>(),
    note: text('note'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('chain_map_versions_uq').on(t.mapId, t.version)],
);

/** A registry organisation at a node, with its role and what is known of its capacity. */
export const chainPlacements = pgTable(
  'chain_placements',
  {
    id: text('id').primaryKey(),
    mapId: text('map_id')
      .notNull()
      .references(() => chainMaps.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'restrict' }),
    /** One of CHAIN_PLACEMENT_ROLES. */
    role: text('role').notNull(),
    capacityNote: text('capacity_note'),
    capacityValue: doublePrecision('capacity_value'),
    capacityUnit: text('capacity_unit'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('chain_placements_map_idx').on(t.mapId, t.nodeId), index('chain_placements_entity_idx').on(t.entityId)],
);

/**
 * A share of a node's supply: from a registry organisation, or from an
 * outside source known only by region and country. A row without a supplier
 * marked `confidential_aggregate` is an enterprise's aggregated figure.
 */
export const chainSupplies = pgTable(
  'chain_supplies',
  {
    id: text('id').primaryKey(),
    mapId: text('map_id')
      .notNull()
      .references(() => chainMaps.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    supplierId: text('supplier_id').references(() => entities.id, { onDelete: 'restrict' }),
    /** GB/T 2260 province-level code (110000 …) or 'abroad'. */
    region: text('region').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    /** Inside the centre: derived from the supplier's registry location unless given. */
    local: boolean('local').notNull(),
    share: doublePrecision('share').notNull(),
    confidentialAggregate: boolean('confidential_aggregate').notNull().default(false),
    /** The enterprise that submitted an aggregated row (it may change only its own). */
    submittedByOrgId: text('submitted_by_org_id').references(() => entities.id, { onDelete: 'set null' }),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('chain_supplies_map_idx').on(t.mapId, t.nodeId), index('chain_supplies_supplier_idx').on(t.supplierId)],
);

/** Who can innovate at a node: a lab, university or R&D institution of the registry, an achievement, an IPC range of patents, an open call. */
export const chainInnovationLinks = pgTable(
  'chain_innovation_links',
  {
    id: text('id').primaryKey(),
    mapId: text('map_id')
      .notNull()
      .references(() => chainMaps.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    /** One of CHAIN_INNOVATION_KINDS. */
    kind: text('kind').notNull(),
    /** The registry organisation (lab, university, rnd_institution). */
    entityId: text('entity_id').references(() => entities.id, { onDelete: 'restrict' }),
    /** The achievement or call id. */
    refId: text('ref_id'),
    /** Normalised IPC prefix (patent_ipc): H01L, H01L 21/ … */
    ipcPrefix: text('ipc_prefix'),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('chain_innovation_links_map_idx').on(t.mapId, t.nodeId), index('chain_innovation_links_entity_idx').on(t.entityId)],
);

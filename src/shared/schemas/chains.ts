import { z } from 'zod';
import { CHAIN_CLUSTERS, CHAIN_COUNTRY, CHAIN_DOCUMENT_FORMAT, CHAIN_INNOVATION_KINDS, CHAIN_NODE_KINDS, CHAIN_PLACEMENT_ROLES, CHAIN_REGION } from '../chains-vocabulary.js';
import { ZId } from './common.js';

/**
 * API shapes of the three-chain linkage module (issue 8). Structural checks
 * live here (so a bad import is refused with `nodes.3.id`-style paths); the
 * checks that need the whole map (duplicate ids, unknown link ends, shares
 * per node) are the service's and use the same paths.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const ZNodeId = z.string().min(1).max(80).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-"');

export const ZChainNode = z.object({
  id: ZNodeId,
  nameZh: text(200).nullable().default(null),
  nameEn: text(300),
  kind: z.enum(CHAIN_NODE_KINDS),
  /** Column of the layered drawing, upstream (0) to downstream; optional. */
  layer: z.number().int().min(0).max(100).nullable().default(null),
});
export type TChainNode = z.infer<typeof ZChainNode>;
export const ZChainLink = z.object({ from: ZNodeId, to: ZNodeId });
const weight = z.number().min(0).max(100);
export const ZChokepointWeights = z.object({ dependence: weight, concentration: weight, substitute: weight, innovation: weight });
export type TChokepointWeights = z.infer<typeof ZChokepointWeights>;

/** A version's structure. */
export const ZChainContent = z.object({
  nodes: z.array(ZChainNode).min(1).max(10_000),
  links: z.array(ZChainLink).max(100_000).default([]),
  weights: ZChokepointWeights.nullable().default(null),
});
const names = { clusterCode: z.enum(CHAIN_CLUSTERS), nameZh: text(200).nullable().default(null), nameEn: text(300) };

export const ZChainMapInput = z.object({ ...names, isSample: z.boolean().default(false), note: z.string().trim().max(2000).nullable().default(null), ...ZChainContent.shape });
export type TChainMapInput = z.infer<typeof ZChainMapInput>;
/** A new version: the whole structure, with the version the editor saw. */
export const ZChainVersionInput = z.object({ version: z.number().int().min(1), note: z.string().trim().max(2000).nullable().default(null), ...ZChainContent.shape });
export type TChainVersionInput = z.infer<typeof ZChainVersionInput>;

const ZRegion = z.string().regex(CHAIN_REGION, 'a province-level GB/T 2260 code (110000 …) or "abroad"');
const ZCountry = z.string().regex(CHAIN_COUNTRY, 'an ISO 3166-1 alpha-2 code');
const ZShare = z.number().min(0).max(1);

/** A supply row as a document carries it. */
export const ZChainDocumentSupply = z.object({
  nodeId: ZNodeId,
  supplierId: ZId.nullable().default(null),
  region: ZRegion.nullable().default(null),
  country: ZCountry.nullable().default(null),
  local: z.boolean().nullable().default(null),
  share: ZShare,
  confidentialAggregate: z.boolean().default(false),
});

/** Export and import: one version of a map with its supply rows (those the exporter may see). */
export const ZChainDocument = z.object({
  format: z.literal(CHAIN_DOCUMENT_FORMAT),
  ...names,
  isTemplate: z.boolean().default(false),
  version: z.number().int().min(1).nullable().default(null),
  ...ZChainContent.shape,
  supplies: z.array(ZChainDocumentSupply).max(100_000).default([]),
});
export type TChainDocument = z.infer<typeof ZChainDocument>;
export const ZChainImport = ZChainDocument.extend({ isSample: z.boolean().default(false), note: z.string().trim().max(2000).nullable().default(null) });
export type TChainImport = z.infer<typeof ZChainImport>;

export const ZChainWarning = z.object({ path: z.string(), reason: z.string(), message: z.string(), nodes: z.array(z.string()).optional() });

const ZOrgRef = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });

export const ZChainMapSummary = z.object({
  id: z.string(),
  centreId: z.string(),
  clusterCode: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  isTemplate: z.boolean(),
  templateCode: z.string().nullable(),
  isSample: z.boolean(),
  latestVersion: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const ZChainVersionInfo = z.object({ version: z.number().int(), note: z.string().nullable(), createdAt: z.date(), createdBy: z.string().nullable() });

export const ZChainPlacement = z.object({
  id: z.string(),
  nodeId: z.string(),
  entity: ZOrgRef.extend({ category: z.string(), kind: z.string().nullable() }),
  role: z.enum(CHAIN_PLACEMENT_ROLES),
  capacityNote: z.string().nullable(),
  capacityValue: z.number().nullable(),
  capacityUnit: z.string().nullable(),
  /** From the registry, read live: the organisation's area and address. */
  location: z.object({ areaId: z.string().nullable(), areaNameZh: z.string().nullable(), areaNameEn: z.string().nullable(), address: z.string().nullable(), lon: z.number().nullable(), lat: z.number().nullable() }),
  version: z.number().int(),
});
export type TChainPlacement = z.infer<typeof ZChainPlacement>;
export const ZChainPlacementInput = z.object({
  nodeId: ZNodeId,
  entityId: ZId,
  role: z.enum(CHAIN_PLACEMENT_ROLES),
  capacityNote: z.string().trim().max(1000).nullable().default(null),
  capacityValue: z.number().finite().min(0).nullable().default(null),
  capacityUnit: text(40).nullable().default(null),
});
export const ZChainPlacementPatch = z.object({
  version: z.number().int().min(1),
  role: z.enum(CHAIN_PLACEMENT_ROLES).optional(),
  capacityNote: z.string().trim().max(1000).nullable().optional(),
  capacityValue: z.number().finite().min(0).nullable().optional(),
  capacityUnit: text(40).nullable().optional(),
});

export const ZChainSupply = z.object({
  id: z.string(),
  nodeId: z.string(),
  supplier: ZOrgRef.nullable(),
  region: z.string(),
  country: z.string(),
  local: z.boolean(),
  share: z.number(),
  confidentialAggregate: z.boolean(),
  submittedByOrgId: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type TChainSupply = z.infer<typeof ZChainSupply>;
export const ZChainSupplyInput = z.object({
  nodeId: ZNodeId,
  supplierId: ZId.nullable().default(null),
  region: ZRegion.nullable().default(null),
  country: ZCountry.nullable().default(null),
  /** Inside the centre; when left out, derived from the supplier's registry location. */
  local: z.boolean().nullable().default(null),
  share: ZShare,
  confidentialAggregate: z.boolean().default(false),
  note: z.string().trim().max(1000).nullable().default(null),
});
export type TChainSupplyInput = z.infer<typeof ZChainSupplyInput>;
export const ZChainSupplyPatch = z.object({
  version: z.number().int().min(1),
  share: ZShare.optional(),
  region: ZRegion.optional(),
  country: ZCountry.optional(),
  local: z.boolean().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const ZChainInnovationLink = z.object({
  id: z.string(),
  nodeId: z.string(),
  kind: z.enum(CHAIN_INNOVATION_KINDS),
  entity: ZOrgRef.nullable(),
  refId: z.string().nullable(),
  ipcPrefix: z.string().nullable(),
  /** Patents of the centre in the IPC range (patent_ipc only). */
  patents: z.number().int().nullable(),
  note: z.string().nullable(),
});
export const ZChainInnovationInput = z.object({
  nodeId: ZNodeId,
  kind: z.enum(CHAIN_INNOVATION_KINDS),
  /** The registry organisation (lab, university, rnd_institution), the achievement or the call. */
  refId: ZId.nullable().default(null),
  ipcPrefix: z.string().trim().min(1).max(20).nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
});
export type TChainInnovationInput = z.infer<typeof ZChainInnovationInput>;

export const ZChainMapView = ZChainMapSummary.extend({
  version: ZChainVersionInfo,
  nodes: z.array(ZChainNode),
  links: z.array(ZChainLink),
  weights: ZChokepointWeights.nullable(),
  placements: z.array(ZChainPlacement),
  innovationLinks: z.array(ZChainInnovationLink),
  /** Cycles and other things worth a look that do not stop a save. */
  warnings: z.array(ZChainWarning),
});
export type TChainMapView = z.infer<typeof ZChainMapView>;

export const ZVersionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
export const ZAnalyticsQuery = ZVersionQuery.extend({
  dependence: z.coerce.number().min(0).max(100).optional(),
  concentration: z.coerce.number().min(0).max(100).optional(),
  substitute: z.coerce.number().min(0).max(100).optional(),
  innovation: z.coerce.number().min(0).max(100).optional(),
});

export const ZNodeAnalytics = z.object({
  nodeId: z.string(),
  nameZh: z.string().nullable(),
  nameEn: z.string(),
  suppliers: z.number(),
  localSuppliers: z.number(),
  localShare: z.number(),
  foreignShare: z.number(),
  coverage: z.number(),
  hhiFirm: z.number(),
  hhiRegion: z.number(),
  hhiCountry: z.number(),
  singleSource: z.boolean(),
  foreignDependent: z.boolean(),
  innovators: z.number(),
  innovation: z.record(z.string(), z.number()),
  components: z.object({ dependence: z.number(), concentration: z.number(), substitute: z.number(), innovation: z.number() }),
  score: z.number(),
  chokepoint: z.boolean(),
  reasons: z.array(z.string()),
});
export const ZChainAnalytics = z.object({
  mapId: z.string(),
  version: z.number().int(),
  /** The weights as configured (query, map or default) and as applied (normalised to sum 1). */
  weights: z.object({ source: z.enum(['query', 'map', 'default']), configured: ZChokepointWeights, applied: ZChokepointWeights }),
  options: z.object({ homeCountry: z.string(), foreignDependenceAt: z.number(), chokepointAt: z.number() }),
  completeness: z.number(),
  chokepoints: z.number(),
  localShare: z.number(),
  nodes: z.array(ZNodeAnalytics),
  computedAt: z.date(),
});
export type TChainAnalytics = z.infer<typeof ZChainAnalytics>;

export const ZRemoval = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('supplier'), supplierId: ZId }),
  z.object({ kind: z.literal('region'), country: ZCountry, region: ZRegion }),
  z.object({ kind: z.literal('country'), country: ZCountry }),
]);
export const ZWhatIfInput = z.object({ removal: ZRemoval, version: z.number().int().min(1).optional() });
export const ZWhatIf = z.object({
  mapId: z.string(),
  version: z.number().int(),
  removal: ZRemoval,
  exposed: z.array(
    z.object({
      nodeId: z.string(),
      nameZh: z.string().nullable(),
      nameEn: z.string(),
      directLoss: z.number(),
      exposure: z.number(),
      via: z.string(),
      organisations: z.array(ZOrgRef.extend({ role: z.string() })),
    }),
  ),
});

const ZNodeName = z.object({ nameZh: z.string().nullable(), nameEn: z.string() });
export const ZDiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
const ZDiffSupply = z.object({ nodeId: z.string(), supplierId: z.string().nullable(), region: z.string(), country: z.string(), local: z.boolean(), share: z.number() });
export const ZChainDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  nodesAdded: z.array(z.string()),
  nodesRemoved: z.array(z.string()),
  nodesRenamed: z.array(z.object({ id: z.string(), before: ZNodeName, after: ZNodeName })),
  linksAdded: z.array(ZChainLink),
  linksRemoved: z.array(ZChainLink),
  suppliesAdded: z.array(ZDiffSupply),
  suppliesRemoved: z.array(ZDiffSupply),
  suppliesChanged: z.array(z.object({ before: ZDiffSupply, after: ZDiffSupply })),
});

export const ZCallDraftInput = z.object({
  /** An unveil_list programme of the centre; default: the newest one. */
  programmeId: ZId.optional(),
  budget: z.number().positive().nullable().default(null),
  deadline: z.iso.datetime({ offset: true }).nullable().default(null),
});
export const ZCallDraft = z.object({ callId: z.string(), version: z.number().int(), programmeId: z.string(), ownerEntityId: z.string(), titleZh: z.string().nullable(), titleEn: z.string(), problem: z.string().nullable(), candidates: z.array(z.object({ kind: z.string(), id: z.string().nullable(), label: z.string() })) });

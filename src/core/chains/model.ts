/**
 * Three-chain linkage (issue 8): a chain map is a directed graph of segments
 * (products, components, technologies, services …) whose links run from
 * upstream to downstream; supply relations say who supplies a node and with
 * which share of its supply; innovation actors attached to a node say who in
 * the centre can innovate there. Pure data: the engines below read it.
 */
export type ChainNode = { id: string; name: string };
/** `from` supplies `to`: upstream → downstream. */
export type ChainLink = { from: string; to: string };

/**
 * One source of a node's supply. `supplierId` is a registry organisation, or
 * null for an outside source known only by place; `local` means inside the
 * centre; `share` is the part of the node's supply, 0–1.
 */
export type SupplyRelation = { nodeId: string; supplierId: string | null; region: string; country: string; local: boolean; share: number };

export type ChainMap = { nodes: readonly ChainNode[]; links: readonly ChainLink[]; supplies: readonly SupplyRelation[] };

/** Who can innovate at a node: labs, universities, R&D institutions, achievements, patents, open calls (counts by kind). */
export type InnovationCapacity = Record<string, number>;

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseChain, analyseNode, cellOf, DEFAULT_CHAIN_OPTIONS, diffChains, documentFromSheets, exposureOf, hhi, sheetsFromDocument, withoutSupply, type ChainMap, type Removal, type SupplyRelation } from './index.js';

const supply = (nodeId: string, supplierId: string | null, country: string, share: number, local = false, region = 'x'): SupplyRelation => ({ nodeId, supplierId, region, country, local, share });

/** A small integrated-circuit chain (sample): EDA → design → manufacturing → packaging; equipment → manufacturing. */
const IC: ChainMap = {
  nodes: [
    { id: 'eda', name: 'EDA' },
    { id: 'design', name: 'Design' },
    { id: 'equipment', name: 'Equipment' },
    { id: 'fab', name: 'Manufacturing' },
    { id: 'packaging', name: 'Packaging and test' },
  ],
  links: [
    { from: 'eda', to: 'design' },
    { from: 'design', to: 'fab' },
    { from: 'equipment', to: 'fab' },
    { from: 'fab', to: 'packaging' },
  ],
  supplies: [
    supply('eda', 's-us-1', 'US', 0.7),
    supply('eda', 's-us-2', 'US', 0.2),
    supply('eda', 's-bj', 'CN', 0.1, true, '110000'),
    supply('equipment', 's-nl', 'NL', 0.6),
    supply('equipment', 's-sh', 'CN', 0.4, false, '310000'),
    supply('design', 's-bj', 'CN', 1, true, '110000'),
    supply('fab', 's-bj-fab', 'CN', 0.5, true, '110000'),
    supply('fab', 's-sh-fab', 'CN', 0.5, false, '310000'),
  ],
};

describe('concentration (HHI)', () => {
  it('matches hand-computed cases', () => {
    expect(hhi([{ key: 'a', share: 0.6 }, { key: 'b', share: 0.4 }])).toBeCloseTo(0.52, 12);
    expect(hhi([{ key: 'a', share: 1 }])).toBe(1);
    // Shares of one key add up before squaring; a partly known supply is renormalised.
    expect(hhi([{ key: 'a', share: 0.3 }, { key: 'a', share: 0.3 }, { key: 'b', share: 0.2 }])).toBeCloseTo(0.75 ** 2 + 0.25 ** 2, 12);
    expect(hhi([])).toBe(0);
  });
  it('lies between 1/n and 1 for n sources', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (shares) => {
        const h = hhi(shares.map((share, i) => ({ key: `k${i}`, share })));
        expect(h).toBeGreaterThanOrEqual(1 / shares.length - 1e-9);
        expect(h).toBeLessThanOrEqual(1 + 1e-9);
      }),
    );
  });
});

describe('node analytics and the chokepoint score', () => {
  it('scores the EDA node by hand', () => {
    const eda = analyseNode('eda', IC.supplies.filter((s) => s.nodeId === 'eda'), undefined);
    // dependence 0.9, concentration max(HHI firm 0.54, HHI country 0.82) = 0.82, substitute 1 − 0.1 = 0.9, innovation 1/(1+0) = 1
    expect(eda.components.dependence).toBeCloseTo(0.9, 12);
    expect(eda.hhiFirm).toBeCloseTo(0.49 + 0.04 + 0.01, 12);
    expect(eda.hhiCountry).toBeCloseTo(0.81 + 0.01, 12);
    expect(eda.components.concentration).toBeCloseTo(0.82, 12);
    expect(eda.components.substitute).toBeCloseTo(0.9, 12);
    expect(eda.components.innovation).toBe(1);
    expect(eda.score).toBeCloseTo(0.3 * 0.9 + 0.25 * 0.82 + 0.25 * 0.9 + 0.2 * 1, 6);
    expect(eda.chokepoint).toBe(true);
    expect(eda.reasons).toEqual(['foreign_dependent', 'no_local_innovation', 'concentrated']);
    // Two local innovators lower only the innovation component.
    expect(analyseNode('eda', IC.supplies.filter((s) => s.nodeId === 'eda'), { lab: 1, university: 1 }).components.innovation).toBeCloseTo(1 / 3, 12);
  });
  it('flags a single source and the absence of a local supplier', () => {
    const n = analyseNode('n', [supply('n', 's1', 'JP', 1)], { lab: 1 });
    expect(n.reasons).toEqual(['single_source', 'foreign_dependent', 'no_local_supplier', 'concentrated']);
    expect(n.components.substitute).toBe(1);
  });
  it('rolls the chain up: completeness, chokepoints, local share', () => {
    const a = analyseChain(IC, new Map([['design', { university: 2 }]]));
    expect(a.completeness).toBeCloseTo(3 / 5, 12);
    expect(a.nodes.find((n) => n.nodeId === 'eda')?.chokepoint).toBe(true);
    expect(a.nodes.find((n) => n.nodeId === 'design')?.chokepoint).toBe(false);
    expect(a.nodes.find((n) => n.nodeId === 'packaging')?.reasons).toContain('no_supply_data');
  });
  it('keeps the score in [0, 1] whatever the weights', () => {
    const arb = fc.array(fc.record({ supplierId: fc.constantFrom('a', 'b', 'c', null), country: fc.constantFrom('CN', 'US', 'JP'), local: fc.boolean(), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 8 });
    const weight = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(arb, weight, weight, weight, weight, fc.nat(5), (rows, d, c, s, i, innovators) => {
        const r = analyseNode('n', rows.map((x) => ({ ...x, nodeId: 'n', region: 'r' })), { lab: innovators }, { ...DEFAULT_CHAIN_OPTIONS, weights: { dependence: d, concentration: c, substitute: s, innovation: i } });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1 + 1e-9);
      }),
    );
  });
});

/** Random maps: nodes n0…n(k−1), links only from lower to higher index (plus an optional back link for a cycle). */
const mapArb = fc.integer({ min: 2, max: 12 }).chain((k) =>
  fc.record({
    links: fc.uniqueArray(fc.tuple(fc.nat(k - 1), fc.nat(k - 1)).filter(([a, b]) => a !== b), { maxLength: 3 * k, selector: ([a, b]) => `${a}-${b}` }),
    supplies: fc.array(fc.record({ node: fc.nat(k - 1), supplierId: fc.constantFrom('a', 'b', 'c', 'd'), country: fc.constantFrom('CN', 'US', 'JP'), local: fc.boolean(), share: fc.double({ min: 0.01, max: 0.5, noNaN: true }) }), { maxLength: 3 * k }),
  }).map(({ links, supplies }): ChainMap => ({
    nodes: Array.from({ length: k }, (_, i) => ({ id: `n${i}`, name: `Node ${i}` })),
    links: links.map(([a, b]) => ({ from: `n${a}`, to: `n${b}` })),
    supplies: supplies.map((s) => ({ nodeId: `n${s.node}`, supplierId: s.supplierId, region: 'r', country: s.country, local: s.local, share: s.share })),
  })),
);
const removalArb: fc.Arbitrary<Removal> = fc.oneof(fc.constantFrom('a', 'b', 'c', 'd').map((supplierId): Removal => ({ kind: 'supplier', supplierId })), fc.constantFrom('CN', 'US', 'JP').map((country): Removal => ({ kind: 'country', country })));

const reachable = (map: ChainMap, from: Set<string>): Set<string> => {
  const seen = new Set(from);
  const stack = [...from];
  while (stack.length) {
    const u = stack.pop() as string;
    for (const l of map.links) if (l.from === u && !seen.has(l.to)) (seen.add(l.to), stack.push(l.to));
  }
  return seen;
};

describe('what-if', () => {
  it('propagates a lost supplier downstream through the scarcest input', () => {
    const out = exposureOf(IC, { kind: 'country', country: 'US' });
    expect(out.map((e) => [e.nodeId, Number(e.exposure.toFixed(6)), e.via])).toEqual([
      ['eda', 0.9, 'eda'],
      ['design', 0.9, 'eda'],
      ['fab', 0.9, 'eda'],
      ['packaging', 0.9, 'eda'],
    ]);
    const nl = exposureOf(IC, { kind: 'supplier', supplierId: 's-nl' });
    expect(nl.map((e) => [e.nodeId, Number(e.exposure.toFixed(6))])).toEqual([
      ['equipment', 0.6],
      ['fab', 0.6],
      ['packaging', 0.6],
    ]);
    expect(exposureOf(IC, { kind: 'supplier', supplierId: 'nobody' })).toEqual([]);
  });
  it('never raises a node’s local supply, and exposes exactly the nodes downstream of a loss', () => {
    fc.assert(
      fc.property(mapArb, removalArb, (map, removal) => {
        const before = analyseChain(map, new Map());
        const after = analyseChain(withoutSupply(map, removal), new Map());
        before.nodes.forEach((b, i) => {
          const a = after.nodes[i] as (typeof after.nodes)[number];
          expect(a.localShare).toBeLessThanOrEqual(b.localShare + 1e-12);
          expect(a.localSuppliers).toBeLessThanOrEqual(b.localSuppliers);
        });
        const out = exposureOf(map, removal);
        const seeds = new Set(out.filter((e) => e.directLoss > 0).map((e) => e.nodeId));
        expect(new Set(out.map((e) => e.nodeId))).toEqual(reachable(map, seeds));
        for (const e of out) expect(e.exposure).toBeGreaterThanOrEqual(e.directLoss - 1e-12);
      }),
    );
  });
  it('exposes at least as much when more is removed', () => {
    fc.assert(
      fc.property(mapArb, fc.constantFrom('a', 'b', 'c', 'd'), (map, supplierId) => {
        const one = new Map(exposureOf(map, { kind: 'supplier', supplierId }).map((e) => [e.nodeId, e.exposure]));
        // Removing the supplier's whole country takes at least what removing the supplier alone takes, where the supplier is in one country.
        const countries = new Set(map.supplies.filter((s) => s.supplierId === supplierId).map((s) => s.country));
        if (countries.size !== 1) return;
        const all = new Map(exposureOf(map, { kind: 'country', country: [...countries][0] as string }).map((e) => [e.nodeId, e.exposure]));
        for (const [id, x] of one) expect(all.get(id) ?? 0).toBeGreaterThanOrEqual(x - 1e-12);
      }),
    );
  });
});

describe('version diff', () => {
  it('names what changed since the last version', () => {
    const next: ChainMap = {
      nodes: [...IC.nodes.filter((n) => n.id !== 'packaging'), { id: 'materials', name: 'Materials' }].map((n) => (n.id === 'fab' ? { ...n, name: 'Wafer fabrication' } : n)),
      links: [...IC.links.filter((l) => l.to !== 'packaging'), { from: 'materials', to: 'fab' }],
      supplies: IC.supplies.map((s) => (s.supplierId === 's-bj' && s.nodeId === 'eda' ? { ...s, share: 0.3 } : s)).filter((s) => s.supplierId !== 's-nl'),
    };
    const d = diffChains(IC, next);
    expect(d.nodesAdded).toEqual(['materials']);
    expect(d.nodesRemoved).toEqual(['packaging']);
    expect(d.nodesRenamed).toEqual([{ id: 'fab', before: 'Manufacturing', after: 'Wafer fabrication' }]);
    expect(d.linksAdded).toEqual([{ from: 'materials', to: 'fab' }]);
    expect(d.linksRemoved).toEqual([{ from: 'fab', to: 'packaging' }]);
    expect(d.suppliesRemoved.map((s) => s.supplierId)).toEqual(['s-nl']);
    expect(d.suppliesChanged.map((c) => [c.before.share, c.after.share])).toEqual([[0.1, 0.3]]);
  });
  it('is empty for the same map and mirrors when reversed', () => {
    fc.assert(
      fc.property(mapArb, mapArb, (a, b) => {
        const same = diffChains(a, a);
        expect([same.nodesAdded, same.nodesRemoved, same.linksAdded, same.linksRemoved, same.suppliesAdded, same.suppliesRemoved, same.suppliesChanged].every((x) => x.length === 0)).toBe(true);
        const ab = diffChains(a, b);
        const ba = diffChains(b, a);
        expect(ab.nodesAdded).toEqual(ba.nodesRemoved);
        expect(ab.linksAdded).toEqual(ba.linksRemoved);
        expect(ab.suppliesAdded).toEqual(ba.suppliesRemoved);
      }),
    );
  });
});

describe('workbook', () => {
  const doc = {
    format: 'kechuang.chain-map/v1',
    clusterCode: 'integrated_circuits',
    nameZh: '示例链',
    nameEn: 'Sample chain',
    isTemplate: false,
    version: 3,
    weights: { dependence: 30, concentration: 25, substitute: 25, innovation: 20 },
    nodes: [
      { id: 'eda', nameZh: 'EDA工具', nameEn: 'EDA tools', kind: 'technology', layer: 0 },
      { id: 'design', nameZh: null, nameEn: 'Design', kind: 'service', layer: null },
    ],
    links: [{ from: 'eda', to: 'design' }],
    supplies: [
      { nodeId: 'eda', supplierId: null, region: 'abroad', country: 'US', local: false, share: 0.9, confidentialAggregate: false },
      { nodeId: 'eda', supplierId: 'org-1', region: '110000', country: 'CN', local: null, share: 0.1, confidentialAggregate: true },
    ],
  };
  it('reads back what it writes', () => {
    const { document, problems } = documentFromSheets(sheetsFromDocument(doc));
    expect(problems).toEqual([]);
    expect(document).toEqual(doc);
  });
  it('names the cell of each problem a sheet can have', () => {
    const sheets = sheetsFromDocument(doc);
    sheets.supplies[1] = ['eda', '', 'abroad', 'US', 'maybe', 'ninety', 'no'];
    delete (sheets as Partial<typeof sheets>).links;
    const { problems } = documentFromSheets(sheets);
    expect(problems).toEqual([
      { sheet: 'links', row: 1, column: '', value: '', reason: 'missing_sheet' },
      { sheet: 'supplies', row: 2, column: 'share', value: 'ninety', reason: 'not_a_number' },
      { sheet: 'supplies', row: 2, column: 'local', value: 'maybe', reason: 'not_a_boolean' },
    ]);
    expect(cellOf('supplies.0.share')).toEqual({ sheet: 'supplies', row: 2 });
    expect(cellOf('nameEn')).toBeNull();
  });
});

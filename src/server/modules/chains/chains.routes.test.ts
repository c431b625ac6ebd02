import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listAuditEvents, verifyAuditChain } from '../../../db/audit-log.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

/**
 * An industry chain through the API, sample records only: an analyst builds
 * a small integrated-circuit chain, places organisations, enters supply
 * shares (an enterprise adds its aggregated shares), sees the chokepoint
 * flags with their reasons, runs a what-if, saves a second version and
 * diffs it, exports and re-imports the map, and an officer drafts a
 * 揭榜挂帅 call from the chokepoint. Refusals along the way.
 */
let t: TestApp;
const C = '/api/centres/beijing';
const HAIDIAN = 'bj-110108';
let officer: Session;
let analyst: Session;
const ids: Record<string, string> = {};
const s: Record<string, Session> = {};

type Res = Awaited<ReturnType<TestApp['request']>>;
const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, session?: Session, payload?: unknown): Promise<Res> =>
  t.request({ method, url: url.startsWith('/api/') ? url : `${C}${url}`, session, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.statusCode === 204 ? null : r.json();
};
const refused = async (p: Promise<Res>, status: number) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json().error as { code: string; message: string; details: { fields: { path: string; reason: string; total?: number }[] } };
};
const at = (e: { details: { fields: { path: string; reason: string }[] } }) => e.details.fields.map((f) => `${f.reason}@${f.path}`).sort();
const entity = async (payload: Record<string, unknown>) => (await ok(req('POST', '/entities', officer, { isSample: true, confirmNotDuplicate: true, ...payload }), 201)).id as string;

const node = (id: string, nameZh: string, nameEn: string, kind: string, layer: number) => ({ id, nameZh, nameEn, kind, layer });
const NODES = [node('eda', '示例EDA工具', 'Sample EDA tools', 'technology', 0), node('equipment', '示例设备', 'Sample equipment', 'equipment', 0), node('design', '示例芯片设计', 'Sample chip design', 'service', 1), node('fab', '示例晶圆制造', 'Sample wafer fabrication', 'service', 2), node('packaging', '示例封装测试', 'Sample packaging and test', 'service', 3)];
const LINKS = [
  { from: 'eda', to: 'design' },
  { from: 'design', to: 'fab' },
  { from: 'equipment', to: 'fab' },
  { from: 'fab', to: 'packaging' },
];
const M = () => `/chain-maps/${ids.map}`;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
  analyst = await t.userWithRole('analyst');
  ids.master = await entity({ kind: 'enterprise', nameZh: '示例芯片设计龙头公司', nameEn: 'Sample Chip Design Leader Co.', areaId: HAIDIAN });
  ids.localEda = await entity({ kind: 'enterprise', nameZh: '示例本地EDA公司', nameEn: 'Sample Local EDA Co.', areaId: HAIDIAN });
  ids.foreignEda = await entity({ kind: 'enterprise', nameZh: '示例境外EDA公司', nameEn: 'Sample Foreign EDA Co.' });
  ids.fab = await entity({ kind: 'enterprise', nameZh: '示例晶圆厂', nameEn: 'Sample Wafer Fab', areaId: HAIDIAN });
  ids.univ = await entity({ kind: 'university', nameZh: '示例微电子大学', nameEn: 'Sample Microelectronics University', areaId: HAIDIAN });
  ids.person = await entity({ kind: 'talent', nameZh: '示例专家', nameEn: 'Sample Expert' });
  s.master = await t.userWithRole('enterprise_member', { organisationId: ids.master });
  s.localEda = await t.userWithRole('enterprise_member', { organisationId: ids.localEda });
  s.stranger = await t.userWithRole('enterprise_member', { organisationId: ids.fab });
});
afterAll(() => t.close());

describe('an industry chain: structure, three chains, analytics, versions, bridges', () => {
  test('maps: structure errors are refused at their paths; only officers and analysts build', async () => {
    const bad = await refused(req('POST', '/chain-maps', analyst, { clusterCode: 'integrated_circuits', nameEn: 'Bad', isSample: true, nodes: [...NODES, node('eda', 'x', 'Again', 'product', 0)], links: [...LINKS, { from: 'eda', to: 'nowhere' }] }), 400);
    expect(at(bad)).toEqual(['duplicate_node@nodes.5.id', 'unknown_node@links.4.to']);
    const schema = await refused(req('POST', '/chain-maps', analyst, { clusterCode: 'integrated_circuits', nameEn: 'Bad', nodes: [{ ...NODES[0], kind: 'castle' }], links: [] }), 400);
    expect(schema.details.fields.map((f) => f.path)).toEqual(['nodes.0.kind']);
    expect((await refused(req('POST', '/chain-maps', s.master, { clusterCode: 'integrated_circuits', nameEn: 'Mine', nodes: NODES }), 403)).code).toBe('FORBIDDEN');
    const created = await ok(req('POST', '/chain-maps', analyst, { clusterCode: 'integrated_circuits', nameZh: '示例集成电路产业链', nameEn: 'Sample integrated-circuit chain', isSample: true, nodes: NODES, links: LINKS }), 201);
    expect(created).toEqual({ id: expect.any(String), version: 1, warnings: [] });
    ids.map = created.id;
    const map = await ok(req('GET', M()));
    expect(map).toMatchObject({ latestVersion: 1, isTemplate: false, isSample: true, version: { version: 1 }, weights: null });
    expect(map.nodes.map((n: { id: string }) => n.id)).toEqual(NODES.map((n) => n.id));
    expect((await ok(req('GET', '/chain-maps'))).items.map((m: { id: string }) => m.id)).toContain(ids.map);
  });

  test('templates are created on request and labelled as templates', async () => {
    expect((await refused(req('POST', '/chain-maps/from-template/castles', analyst, {}), 404)).code).toBe('NOT_FOUND');
    const created = await ok(req('POST', '/chain-maps/from-template/integrated_circuits', analyst, { isSample: true }), 201);
    ids.template = created.id;
    const map = await ok(req('GET', `/chain-maps/${ids.template}`));
    expect(map).toMatchObject({ isTemplate: true, templateCode: 'integrated_circuits', clusterCode: 'integrated_circuits', nameZh: '集成电路产业链（模板）' });
    expect(map.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(['eda', 'ip', 'design', 'wafer-fab', 'packaging', 'testing', 'litho-equipment', 'photoresist']));
    expect(map.placements).toEqual([]);
    const listed = await ok(req('GET', '/api/chain-templates'));
    expect(listed.items.map((x: { code: string }) => x.code)).toEqual(['integrated_circuits', 'new_energy_vehicles', 'artificial_intelligence']);
    // Every template is a well-formed map: its links join its own nodes.
    for (const code of ['new_energy_vehicles', 'artificial_intelligence']) expect((await ok(req('POST', `/chain-maps/from-template/${code}`, analyst, { isSample: true }), 201)).version).toBe(1);
  });

  test('placements: registry organisations on nodes with role, capacity and the registry location', async () => {
    const p = await ok(req('POST', `${M()}/placements`, analyst, { nodeId: 'design', entityId: ids.master, role: 'chain_master', capacityNote: '示例：年设计流片约50款', capacityValue: 50, capacityUnit: 'tape-outs/year' }), 201);
    expect(p).toMatchObject({ nodeId: 'design', role: 'chain_master', entity: { id: ids.master }, location: { areaId: HAIDIAN, areaNameZh: '海淀区' }, version: 1 });
    ids.masterPlacement = p.id;
    await ok(req('POST', `${M()}/placements`, analyst, { nodeId: 'fab', entityId: ids.fab, role: 'key_supplier' }), 201);
    await ok(req('POST', `${M()}/placements`, analyst, { nodeId: 'eda', entityId: ids.localEda, role: 'supplier' }), 201);
    expect(at(await refused(req('POST', `${M()}/placements`, analyst, { nodeId: 'nowhere', entityId: ids.fab, role: 'user' }), 400))).toEqual(['unknown_node@nodeId']);
    expect(at(await refused(req('POST', `${M()}/placements`, analyst, { nodeId: 'fab', entityId: ids.person, role: 'user' }), 400))).toEqual(['not_an_organisation@entityId']);
    expect(at(await refused(req('POST', `${M()}/placements`, analyst, { nodeId: 'fab', entityId: ids.fab, role: 'user' }), 409))).toEqual(['placement_exists@entityId']);
    const changed = await ok(req('PATCH', `${M()}/placements/${ids.masterPlacement}`, analyst, { version: 1, capacityValue: 60 }));
    expect(changed).toMatchObject({ capacityValue: 60, version: 2 });
    expect(at(await refused(req('PATCH', `${M()}/placements/${ids.masterPlacement}`, analyst, { version: 1, capacityValue: 70 }), 409))).toEqual(['stale_version@version']);
    expect((await ok(req('GET', `${M()}/placements`))).items).toHaveLength(3);
  });

  test('supplies: shares per node at most 1; named suppliers stay confidential; an enterprise shares aggregates only', async () => {
    const outside = await ok(req('POST', `${M()}/supplies`, analyst, { nodeId: 'eda', region: 'abroad', country: 'US', share: 0.7 }), 201);
    expect(outside).toMatchObject({ supplier: null, local: false, region: 'abroad', country: 'US' });
    await ok(req('POST', `${M()}/supplies`, analyst, { nodeId: 'eda', supplierId: ids.foreignEda, region: 'abroad', country: 'US', share: 0.2 }), 201);
    // A registry supplier with an area of the centre is local, in the centre's province, unless told otherwise.
    const local = await ok(req('POST', `${M()}/supplies`, analyst, { nodeId: 'eda', supplierId: ids.localEda, share: 0.1 }), 201);
    expect(local).toMatchObject({ supplier: { id: ids.localEda }, local: true, region: '110000', country: 'CN' });
    ids.localSupply = local.id;
    const over = await refused(req('POST', `${M()}/supplies`, analyst, { nodeId: 'eda', region: '310000', country: 'CN', share: 0.05 }), 400);
    expect(at(over)).toEqual(['shares_over_one@share']);
    expect(over.details.fields[0]?.total).toBeCloseTo(1.05, 9);
    expect(at(await refused(req('POST', `${M()}/supplies`, analyst, { nodeId: 'equipment', region: 'abroad', country: 'CN', share: 0.5 }), 400))).toEqual(['region_country_mismatch@region']);
    expect(at(await refused(req('POST', `${M()}/supplies`, analyst, { nodeId: 'equipment', supplierId: ids.foreignEda, share: 0.5 }), 400))).toEqual(['location_unknown@region']);
    await ok(req('POST', `${M()}/supplies`, analyst, { nodeId: 'equipment', region: 'abroad', country: 'NL', share: 0.6 }), 201);
    await ok(req('POST', `${M()}/supplies`, analyst, { nodeId: 'equipment', region: '310000', country: 'CN', share: 0.4 }), 201);
    await ok(req('POST', `${M()}/supplies`, analyst, { nodeId: 'fab', supplierId: ids.fab, share: 0.5 }), 201);
    await ok(req('POST', `${M()}/supplies`, analyst, { nodeId: 'fab', region: '310000', country: 'CN', share: 0.5 }), 201);
    // The chain master, placed on design, shares its aggregated sourcing; it cannot name suppliers or write where it is not placed.
    expect(at(await refused(req('POST', `${M()}/supplies`, s.master, { nodeId: 'design', supplierId: ids.localEda, share: 0.5 }), 400))).toEqual(['aggregate_only@supplierId']);
    expect((await refused(req('POST', `${M()}/supplies`, s.master, { nodeId: 'fab', region: '110000', country: 'CN', share: 0.1 }), 403)).code).toBe('FORBIDDEN');
    expect((await refused(req('POST', `${M()}/supplies`, undefined, { nodeId: 'design', region: '110000', country: 'CN', share: 0.1 }), 401)).code).toBe('UNAUTHENTICATED');
    const agg = await ok(req('POST', `${M()}/supplies`, s.master, { nodeId: 'design', region: '110000', country: 'CN', share: 1, confidentialAggregate: false }), 201);
    expect(agg).toMatchObject({ supplier: null, confidentialAggregate: true, local: true, submittedByOrgId: ids.master });
    // The public sees outside and aggregated rows; officers every row; a supplier its own.
    const pub = (await ok(req('GET', `${M()}/supplies`))).items;
    expect(pub.every((r: { supplier: unknown }) => r.supplier === null)).toBe(true);
    expect(pub).toHaveLength(5);
    expect((await ok(req('GET', `${M()}/supplies`, officer))).items).toHaveLength(8);
    const own = (await ok(req('GET', `${M()}/supplies`, s.localEda))).items.filter((r: { supplier: unknown }) => r.supplier);
    expect(own.map((r: { supplier: { id: string } }) => r.supplier.id)).toEqual([ids.localEda]);
    // Someone else's row: invisible (404) to strangers, and not theirs to change.
    expect((await refused(req('PATCH', `${M()}/supplies/${ids.localSupply}`, s.stranger, { version: 1, share: 0.2 }), 404)).code).toBe('NOT_FOUND');
    expect((await refused(req('PATCH', `${M()}/supplies/${agg.id}`, s.stranger, { version: 1, share: 0.2 }), 403)).code).toBe('FORBIDDEN');
  });

  test('innovation links: who can innovate at a node', async () => {
    const l = await ok(req('POST', `${M()}/innovation-links`, analyst, { nodeId: 'design', kind: 'university', refId: ids.univ }), 201);
    expect(l).toMatchObject({ kind: 'university', entity: { id: ids.univ }, patents: null });
    const ipc = await ok(req('POST', `${M()}/innovation-links`, analyst, { nodeId: 'fab', kind: 'patent_ipc', ipcPrefix: 'h01l 21' }), 201);
    expect(ipc).toMatchObject({ ipcPrefix: 'H01L 21/', patents: expect.any(Number) });
    expect(at(await refused(req('POST', `${M()}/innovation-links`, analyst, { nodeId: 'fab', kind: 'patent_ipc', ipcPrefix: 'not-ipc' }), 400))).toEqual(['invalid_ipc@ipcPrefix']);
    expect(at(await refused(req('POST', `${M()}/innovation-links`, analyst, { nodeId: 'fab', kind: 'achievement', refId: 'no-such-achievement' }), 400))).toEqual(['not_found@refId']);
    expect((await ok(req('GET', `${M()}/innovation-links`))).items).toHaveLength(2);
  });

  test('analytics: the chokepoint flags with their reasons and score components; weights from the query are returned', async () => {
    const a = await ok(req('GET', `${M()}/analytics`));
    expect(a.weights.source).toBe('default');
    expect(a.weights.applied).toEqual({ dependence: 0.3, concentration: 0.25, substitute: 0.25, innovation: 0.2 });
    const eda = a.nodes.find((n: { nodeId: string }) => n.nodeId === 'eda');
    // dependence 0.9, concentration max(HHI firm 0.54, HHI country 0.82), substitute 0.9, innovation 1 (no local innovator)
    expect(eda).toMatchObject({ suppliers: 3, localSuppliers: 1, chokepoint: true, reasons: ['foreign_dependent', 'no_local_innovation', 'concentrated'], nameZh: '示例EDA工具' });
    expect(eda.localShare).toBeCloseTo(0.1, 9);
    expect(eda.hhiFirm).toBeCloseTo(0.54, 9);
    expect(eda.components.concentration).toBeCloseTo(0.82, 9);
    expect(eda.score).toBeCloseTo(0.3 * 0.9 + 0.25 * 0.82 + 0.25 * 0.9 + 0.2, 6);
    const design = a.nodes.find((n: { nodeId: string }) => n.nodeId === 'design');
    expect(design).toMatchObject({ chokepoint: false, innovators: 1, innovation: { university: 1 }, localShare: 1 });
    expect(a.nodes.find((n: { nodeId: string }) => n.nodeId === 'packaging').reasons).toContain('no_supply_data');
    // eda, design (aggregate), fab have a local supplier; equipment and packaging not.
    expect(a.completeness).toBeCloseTo(3 / 5, 9);
    const weighted = await ok(req('GET', `${M()}/analytics?dependence=2`));
    expect(weighted.weights).toMatchObject({ source: 'query', configured: { dependence: 2, concentration: 0.25, substitute: 0.25, innovation: 0.2 } });
    expect(weighted.weights.applied.dependence).toBeCloseTo(2 / 2.7, 9);
    expect((await refused(req('GET', `${M()}/analytics?dependence=-1`), 400)).code).toBe('VALIDATION_FAILED');
  });

  test('what-if: removing a country exposes the downstream nodes and the organisations placed on them', async () => {
    const w = await ok(req('POST', `${M()}/what-if`, undefined, { removal: { kind: 'country', country: 'US' } }));
    expect(w.exposed.map((e: { nodeId: string; exposure: number; via: string }) => [e.nodeId, Number(e.exposure.toFixed(6)), e.via])).toEqual([
      ['eda', 0.9, 'eda'],
      ['design', 0.9, 'eda'],
      ['fab', 0.9, 'eda'],
      ['packaging', 0.9, 'eda'],
    ]);
    expect(w.exposed.find((e: { nodeId: string }) => e.nodeId === 'design').organisations).toEqual([expect.objectContaining({ id: ids.master, role: 'chain_master' })]);
    // A named supplier's removal would reveal its shares: not for the public.
    expect((await refused(req('POST', `${M()}/what-if`, undefined, { removal: { kind: 'supplier', supplierId: ids.foreignEda } }), 403)).code).toBe('FORBIDDEN');
    const one = await ok(req('POST', `${M()}/what-if`, officer, { removal: { kind: 'supplier', supplierId: ids.foreignEda } }));
    expect(one.exposed[0]).toMatchObject({ nodeId: 'eda', directLoss: 0.2 });
  });

  test('versions: a save names the version it saw (409 when stale); the diff says what changed, supply included', async () => {
    const nodes = [...NODES.filter((n) => n.id !== 'packaging').map((n) => (n.id === 'fab' ? { ...n, nameZh: '示例12英寸晶圆制造' } : n)), node('materials', '示例材料', 'Sample materials', 'material', 0)];
    const links = [...LINKS.filter((l) => l.to !== 'packaging'), { from: 'materials', to: 'fab' }];
    const saved = await ok(req('POST', `${M()}/versions`, analyst, { version: 1, note: '示例：第二季度更新', nodes, links, weights: { dependence: 1, concentration: 1, substitute: 1, innovation: 1 } }), 201);
    expect(saved.version).toBe(2);
    expect(at(await refused(req('POST', `${M()}/versions`, analyst, { version: 1, nodes, links }), 409))).toEqual(['stale_version@version']);
    // Supply changes after the save belong to version 2; version 1 keeps the supply it ended with.
    await ok(req('PATCH', `${M()}/supplies/${ids.localSupply}`, analyst, { version: 1, share: 0.05 }));
    const d = await ok(req('GET', `${M()}/diff?from=1&to=2`, officer));
    expect(d).toMatchObject({ nodesAdded: ['materials'], nodesRemoved: ['packaging'], linksAdded: [{ from: 'materials', to: 'fab' }], linksRemoved: [{ from: 'fab', to: 'packaging' }] });
    expect(d.nodesRenamed).toEqual([{ id: 'fab', before: { nameZh: '示例晶圆制造', nameEn: 'Sample wafer fabrication' }, after: { nameZh: '示例12英寸晶圆制造', nameEn: 'Sample wafer fabrication' } }]);
    expect(d.suppliesChanged.map((c: { before: { share: number }; after: { share: number } }) => [c.before.share, c.after.share])).toEqual([[0.1, 0.05]]);
    // The public diff leaves named supply out.
    expect((await ok(req('GET', `${M()}/diff?from=1&to=2`))).suppliesChanged).toEqual([]);
    expect((await refused(req('GET', `${M()}/diff?from=1&to=9`), 404)).code).toBe('NOT_FOUND');
    // Version 1 is still readable, and its analytics read its own supply; the map's stored weights now apply.
    expect((await ok(req('GET', `${M()}?version=1`))).nodes).toHaveLength(5);
    expect((await ok(req('GET', `${M()}/analytics?version=1`))).nodes.find((n: { nodeId: string }) => n.nodeId === 'eda').localShare).toBeCloseTo(0.1, 9);
    const latest = await ok(req('GET', `${M()}/analytics`));
    expect(latest.weights).toMatchObject({ source: 'map', applied: { dependence: 0.25 } });
    expect(latest.nodes.find((n: { nodeId: string }) => n.nodeId === 'eda').localShare).toBeCloseTo(0.05, 9);
  });

  test('export and import: a version as JSON; a bad document is refused at its paths; cycles are allowed and reported', async () => {
    const pub = await ok(req('GET', `${M()}/export`));
    expect(pub).toMatchObject({ format: 'kechuang.chain-map/v1', version: 2, clusterCode: 'integrated_circuits' });
    expect(pub.supplies.every((x: { supplierId: string | null }) => x.supplierId === null)).toBe(true);
    const doc = await ok(req('GET', `${M()}/export`, officer));
    expect(doc.supplies.some((x: { supplierId: string | null }) => x.supplierId === ids.localEda)).toBe(true);
    const imported = await ok(req('POST', '/chain-maps/import', analyst, { ...doc, isSample: true }), 201);
    expect(imported).toMatchObject({ version: 1, supplies: doc.supplies.length, warnings: [] });
    const bad = await refused(
      req('POST', '/chain-maps/import', analyst, {
        ...doc,
        nodes: [...doc.nodes, { ...doc.nodes[0] }],
        links: [{ from: 'eda', to: 'ghost' }, ...doc.links],
        supplies: [...doc.supplies, { nodeId: 'eda', region: 'abroad', country: 'JP', share: 0.5 }, { nodeId: 'ghost', region: 'abroad', country: 'JP', share: 0.1 }],
      }),
      400,
    );
    const n = doc.supplies.length;
    expect(at(bad)).toEqual([`duplicate_node@nodes.${doc.nodes.length}.id`, 'unknown_node@links.0.to', `shares_over_one@supplies.${n}.share`, `unknown_node@supplies.${n + 1}.nodeId`].sort());
    expect((await refused(req('POST', '/chain-maps/import', analyst, { ...doc, format: 'something-else' }), 400)).details.fields.map((f) => f.path)).toEqual(['format']);
    const loop = await ok(req('POST', '/chain-maps/import', analyst, { ...doc, supplies: [], links: [...doc.links, { from: 'fab', to: 'design' }] }), 201);
    expect(loop.warnings).toEqual([expect.objectContaining({ reason: 'cycle', nodes: ['design', 'fab'] })]);
  });

  test('a 揭榜挂帅 draft from the chokepoint: the gap and candidate teams prefilled, the chain master as owner', async () => {
    expect((await refused(req('POST', `${M()}/nodes/eda/call-draft`, analyst, {}), 403)).code).toBe('FORBIDDEN');
    expect(at(await refused(req('POST', `${M()}/nodes/eda/call-draft`, officer, {}), 400))).toEqual(['no_unveil_programme@programmeId']);
    const FORM = { aggregation: 'mean', overallThreshold: null, criteria: [{ id: 'fit', label: 'Fit', kind: 'numeric', min: 0, max: 10, weight: 100 }] };
    const programme = await ok(req('POST', '/call-programmes', officer, { kind: 'unveil_list', titleZh: '示例揭榜挂帅计划', titleEn: 'Sample unveil programme', isSample: true, settings: { form: FORM, minReviewers: 1, minCompletedReviews: 1 } }), 201);
    expect((await refused(req('POST', `${M()}/nodes/ghost/call-draft`, officer, {}), 404)).code).toBe('NOT_FOUND');
    expect(at(await refused(req('POST', `/chain-maps/${ids.template}/nodes/eda/call-draft`, officer, {}), 400))).toEqual(['no_chain_master@ownerEntityId']);
    await ok(req('POST', `${M()}/innovation-links`, analyst, { nodeId: 'eda', kind: 'university', refId: ids.univ }), 201);
    const draft = await ok(req('POST', `${M()}/nodes/eda/call-draft`, officer, { budget: 5_000_000 }), 201);
    expect(draft).toMatchObject({ programmeId: programme.id, ownerEntityId: ids.master, titleZh: '示例EDA工具关键技术攻关（揭榜挂帅）' });
    expect(draft.problem).toContain('依赖境外供应');
    expect(draft.problem).toContain('示例微电子大学');
    expect(draft.candidates).toEqual([expect.objectContaining({ kind: 'university', id: ids.univ })]);
    const call = await ok(req('GET', `/calls/${draft.callId}`, officer));
    expect(call).toMatchObject({ state: 'draft', isSample: true, budget: 5_000_000, owner: { id: ids.master }, chainPosition: '示例集成电路产业链 / 示例EDA工具' });
  });

  test('chain indicators flow into the derived figures, each naming the map version', async () => {
    const refresh = await ok(req('POST', '/derived-figures/refresh', analyst));
    expect(refresh.items.find((r: { key: string }) => r.key === 'chains')).toMatchObject({ withdrawn: 0 });
    const completeness = (await ok(req('GET', '/indicators/chain_completeness_integrated_circuits'))).indicator.observations;
    // The imported copies were saved last in 2026, so the cluster's figure is theirs; the records name the version.
    expect(completeness).toEqual([expect.objectContaining({ period: '2026', provenance: 'derived', isSample: true })]);
    const { observations } = await import('../../../db/schema/index.js');
    const { eq } = await import('drizzle-orm');
    const [row] = await t.database.db.select({ derivation: observations.derivation }).from(observations).where(eq(observations.id, completeness[0].id));
    expect((row?.derivation as { records: { kind: string }[] }).records).toEqual([{ kind: 'chain_map_version', id: expect.any(String) }]);
    expect((await ok(req('GET', '/indicators/chain_chokepoints_integrated_circuits'))).indicator.observations).toHaveLength(1);
  });

  test('Excel: a version as a workbook and back; a bad cell is refused with its sheet and row, nothing written', async () => {
    const file = await t.request({ method: 'GET', url: `${C}${M()}/export.xlsx`, session: officer });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const doc = await ok(req('GET', `${M()}/export`, officer));
    const upload = (bytes: Buffer, session: Session = analyst) =>
      t.request({ method: 'POST', url: `${C}/chain-maps/import.xlsx?sample=true`, session, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: bytes });
    const before = (await ok(req('GET', '/chain-maps'))).items.length;
    const back = await upload(file.rawPayload);
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ version: 1, supplies: doc.supplies.length });
    const again = await ok(req('GET', `/chain-maps/${back.json().id}/export`, officer));
    expect({ nodes: again.nodes, links: again.links, shares: again.supplies.map((x: { share: number }) => x.share) }).toEqual({ nodes: doc.nodes, links: doc.links, shares: doc.supplies.map((x: { share: number }) => x.share) });
    // A share that is not a number, then a link to a node the sheet does not have: each named by sheet and row.
    const { readWorkbook, writeWorkbook } = await import('../../tabular.js');
    const sheets = await readWorkbook(file.rawPayload);
    const badShare = { ...sheets, supplies: sheets.supplies?.map((r, i) => (i === 1 ? r.map((c, j) => (j === 5 ? 'ninety' : c)) : r)) ?? [] };
    const e1 = (await upload(await writeWorkbook(badShare))).json().error;
    expect(e1.details.fields).toEqual([expect.objectContaining({ reason: 'not_a_number', path: 'supplies.0.share', data: expect.objectContaining({ sheet: 'supplies', row: 2 }) })]);
    const ghost = { ...sheets, links: [...(sheets.links ?? []), ['eda', 'ghost']] };
    const e2 = (await upload(await writeWorkbook(ghost))).json().error;
    expect(e2.details.fields).toEqual([expect.objectContaining({ reason: 'unknown_node', data: expect.objectContaining({ sheet: 'links', row: (sheets.links?.length ?? 0) + 1 }) })]);
    expect((await upload(Buffer.from('not a workbook'))).json().error.details.fields[0].reason).toBe('unreadable_file');
    expect((await upload(file.rawPayload, s.master as Session)).statusCode).toBe(403);
    expect((await ok(req('GET', '/chain-maps'))).items.length).toBe(before + 1);
  });

  test('every write is audited in one verified chain', async () => {
    const events = await listAuditEvents(t.database.db, { entityType: 'chain_map', entityId: ids.map, limit: 20 });
    expect(events.map((e) => e.action).reverse()).toEqual(['chain_map.create', 'chain_map.version', 'chain_map.call_draft']);
    expect((await listAuditEvents(t.database.db, { entityType: 'chain_supply', limit: 50 })).length).toBeGreaterThanOrEqual(9);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usccCheckCharacter } from '../../../core/identifiers/index.js';
import { createTestApp, type Session, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
let officer: Session;
let analyst: Session;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_IP_LIMIT_PER_MINUTE: '10000' });
  officer = await t.userWithRole('service_officer');
  analyst = await t.userWithRole('analyst');
});
afterAll(() => t.close());

const C = '/api/centres/beijing';
/** A well-formed code built with the check algorithm: synthetic, not a real company's. */
const uscc = (body16: string): string => {
  const first17 = `91110108${body16.slice(0, 8)}${body16.slice(8, 9)}`;
  return first17 + usccCheckCharacter(first17);
};
const ORG_CODE = 'MA01B2C3';
// Organisation-code check character (GB 11714) for the body above, computed by the validator's own helper.
const validUscc = async (): Promise<string> => {
  const { organisationCodeCheckCharacter } = await import('../../../core/identifiers/uscc.js');
  return uscc(`${ORG_CODE}${organisationCodeCheckCharacter(ORG_CODE)}`);
};

const search = async (q: string, extra = '') => (await t.request({ method: 'GET', url: `${C}/search?q=${encodeURIComponent(q)}${extra}` })).json();

describe('search', () => {
  test('finds actors by Chinese, English, full pinyin, pinyin initials and partial names', async () => {
    const ids = async (q: string): Promise<string[]> => (await search(q)).items.map((i: { id: string }) => i.id);
    expect(await ids('中关村国家实验室')).toContain('beijing-ent-023');
    expect((await ids('中关村国家实验室'))[0]).toBe('beijing-ent-023');
    expect(await ids('Changping National')).toContain('beijing-ent-022');
    expect(await ids('zhongguancun')).toContain('beijing-ent-023');
    expect(await ids('zgc')).toContain('beijing-ent-023');
    expect(await ids('关村国家')).toContain('beijing-ent-023');
    expect(await ids('第四范式')).toContain('beijing-ent-040');
  });

  test('facets count the whole match, filters narrow it, the cursor pages without overlap', async () => {
    const all = await search('', '&limit=5');
    expect(all.total).toBeGreaterThan(90);
    expect(all.facets.category.find((f: { value: string }) => f.value === 'enterprise').count).toBeGreaterThan(3);
    const labs = await search('', '&category=national_lab&limit=100');
    expect(labs.items.every((i: { category: string }) => i.category === 'national_lab')).toBe(true);
    const haidian = await search('', '&areaId=bj-110108&limit=100');
    expect(haidian.items.map((i: { id: string }) => i.id)).toContain('beijing-ent-040');
    const first = await search('', '&limit=7');
    const second = await search('', `&limit=7&cursor=${first.nextCursor}`);
    const overlap = first.items.filter((a: { id: string }) => second.items.some((b: { id: string }) => b.id === a.id));
    expect(overlap).toEqual([]);
    expect(second.items).toHaveLength(7);
    const bad = await t.request({ method: 'GET', url: `${C}/search?cursor=not-ours` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('cursor');
  });

  test('operators in the query are text, not syntax', async () => {
    for (const q of ["a & b | !c", "'; drop table entities; --", ':*', '\\', '%']) {
      const res = await t.request({ method: 'GET', url: `${C}/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, q).toBe(200);
    }
  });
});

describe('creating and editing actors', () => {
  test('an invalid credit code is refused with the reason and the expected check character', async () => {
    const good = await validUscc();
    const wrongCheck = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
    const res = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameEn: 'Test Robotics Ltd', uscc: wrongCheck } });
    expect(res.statusCode).toBe(400);
    const field = res.json().error.details.fields[0];
    expect(field).toMatchObject({ path: 'uscc', reason: 'uscc_check_character', position: 18, expected: good[17] });
    const short = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameEn: 'Test Robotics Ltd', uscc: '91110108' } });
    expect(short.json().error.details.fields[0].reason).toBe('uscc_wrong_length');
  });

  test('create, then the same identifier is a conflict and a similar name is offered as a duplicate', async () => {
    const code = await validUscc();
    const created = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameZh: '示例机器人科技有限公司', nameEn: 'Sample Robotics Technology Co., Ltd.', uscc: code.toLowerCase(), isSample: true, areaId: 'bj-110108', sectorCodes: ['6513'], foundedOn: '2019-05' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const again = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameEn: 'Another name entirely', uscc: code } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.duplicates[0]).toMatchObject({ id, matchedOn: 'uscc' });
    const similar = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameZh: '示例机器人科技公司', nameEn: 'Sample Robotics Technology Co.' } });
    expect(similar.statusCode).toBe(200);
    expect(similar.json().duplicates.map((d: { id: string }) => d.id)).toContain(id);
    const confirmed = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameZh: '示例机器人科技公司', nameEn: 'Sample Robotics Technology Co.', confirmNotDuplicate: true } });
    expect(confirmed.statusCode).toBe(201);
    expect((await search('shilijiqiren')).items.map((i: { id: string }) => i.id)).toContain(id);
  });

  test('field rules: ORCID only for people, unknown area, bad dates, stale versions', async () => {
    const orcid = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameEn: 'X Corp', orcid: '0000-0002-1825-0097', areaId: 'nowhere', foundedOn: '2019-13' } });
    expect(orcid.statusCode).toBe(400);
    expect(orcid.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['foundedOn']);
    const refs = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameEn: 'X Corp', orcid: '0000-0002-1825-0097', areaId: 'nowhere' } });
    expect(refs.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['areaId', 'orcid']);
    const person = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'talent', nameZh: '示例研究员', nameEn: 'Sample Researcher', orcid: 'https://orcid.org/0000-0002-1825-0097' } });
    expect(person.statusCode).toBe(201);
    const id = person.json().id;
    const ok = await t.request({ method: 'PATCH', url: `${C}/entities/${id}`, session: officer, payload: { version: 1, aliases: ['S. Researcher'] } });
    expect(ok.json().version).toBe(2);
    // A patch changes only what it names.
    const after = (await t.request({ method: 'GET', url: `${C}/entities/${id}/profile` })).json();
    expect(after.entity).toMatchObject({ nameZh: '示例研究员', orcid: '0000-0002-1825-0097', aliases: ['S. Researcher'] });
    const nothing = await t.request({ method: 'PATCH', url: `${C}/entities/${id}`, session: officer, payload: { version: 2 } });
    expect(nothing.statusCode).toBe(400);
    const stale = await t.request({ method: 'PATCH', url: `${C}/entities/${id}`, session: officer, payload: { version: 1, nameEn: 'Lost update' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.fields[0].reason).toBe('stale_version');
  });

  test('people’s personal fields are shown only to roles that need them, and never written to the audit log', async () => {
    const person = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'talent', nameEn: 'Private Person Example', isSample: true } });
    const id = person.json().id;
    const put = await t.request({ method: 'PUT', url: `${C}/entities/${id}/personal`, session: officer, payload: { email: 'someone@example.org', phone: '010-0000', birthYear: 1980, notes: null } });
    expect(put.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `${C}/entities/${id}/profile` })).json().personal).toBeNull();
    expect((await t.request({ method: 'GET', url: `${C}/entities/${id}/profile`, session: analyst })).json().personal).toBeNull();
    expect((await t.request({ method: 'GET', url: `${C}/entities/${id}/profile`, session: officer })).json().personal).toMatchObject({ email: 'someone@example.org', birthYear: 1980 });
    const denied = await t.request({ method: 'PUT', url: `${C}/entities/${id}/personal`, session: analyst, payload: { email: null, phone: null, birthYear: null, notes: null } });
    expect(denied.statusCode).toBe(403);
    const admin = await t.loginAdmin();
    const audit = await t.request({ method: 'GET', url: `/api/audit?entityId=${id}`, session: admin });
    expect(JSON.stringify(audit.json())).not.toMatch(/someone@example\.org|010-0000/);
  });
});

describe('merging people', () => {
  test('personal fields move to the survivor when it has none, and are kept and reported when it has its own', async () => {
    const person = async (name: string) =>
      (await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'talent', nameZh: name, nameEn: `Sample ${name}`, isSample: true, confirmNotDuplicate: true } })).json().id as string;
    const setPersonal = (id: string, email: string) => t.request({ method: 'PUT', url: `${C}/entities/${id}/personal`, session: officer, payload: { email, phone: null, birthYear: null, notes: null } });
    const [a, b, c] = [await person('示例人甲'), await person('示例人乙'), await person('示例人丙')];
    await setPersonal(b, 'b@example.org');
    const moved = (await t.request({ method: 'POST', url: `${C}/entities/${a}/merge`, session: officer, payload: { duplicateId: b } })).json();
    expect(moved.repointed.personal).toBe(1);
    expect((await t.request({ method: 'GET', url: `${C}/entities/${a}/profile`, session: officer })).json().personal).toMatchObject({ email: 'b@example.org' });
    await setPersonal(c, 'c@example.org');
    const kept = (await t.request({ method: 'POST', url: `${C}/entities/${a}/merge`, session: officer, payload: { duplicateId: c } })).json();
    expect(kept.repointed).toMatchObject({ personal: 0, personal_kept: 1 });
    expect((await t.request({ method: 'GET', url: `${C}/entities/${a}/profile`, session: officer })).json().personal).toMatchObject({ email: 'b@example.org' });
  });
});

describe('relations, profile, graph, merge', () => {
  test('a relation needs a source; the profile shows it from both ends; the graph draws it', async () => {
    const noSource = await t.request({ method: 'POST', url: `${C}/relations`, session: officer, payload: { type: 'partner_of', fromId: 'beijing-ent-040', toId: 'beijing-ent-032' } });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().error.details.fields[0].path).toBe('sourceNote');
    const self = await t.request({ method: 'POST', url: `${C}/relations`, session: officer, payload: { type: 'partner_of', fromId: 'beijing-ent-040', toId: 'beijing-ent-040', sourceNote: 'x' } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.fields[0]).toMatchObject({ path: 'toId', reason: 'self_reference' });
    const rel = await t.request({ method: 'POST', url: `${C}/relations`, session: officer, payload: { type: 'partner_of', fromId: 'beijing-ent-040', toId: 'beijing-ent-032', validFrom: '2024', sourceNote: 'Sample relation for a test' } });
    expect(rel.statusCode).toBe(201);
    const a = (await t.request({ method: 'GET', url: `${C}/entities/beijing-ent-040/profile` })).json();
    expect(a.relations.find((r: { otherId: string }) => r.otherId === 'beijing-ent-032')).toMatchObject({ direction: 'out', type: 'partner_of' });
    const b = (await t.request({ method: 'GET', url: `${C}/entities/beijing-ent-032/profile` })).json();
    expect(b.relations.map((r: { otherId: string; direction: string }) => `${r.otherId}:${r.direction}`)).toEqual(expect.arrayContaining(['beijing-ent-040:in', 'beijing-ent-106:in']));
    const graph = (await t.request({ method: 'GET', url: `${C}/entities/beijing-ent-032/graph?depth=2` })).json();
    expect(graph.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining(['beijing-ent-032', 'beijing-ent-040', 'beijing-ent-106']));
    expect(graph.links.length).toBeGreaterThanOrEqual(2);
    // Links keep the relation's direction (from → to) whichever end the graph starts at.
    expect(graph.links).toContainEqual({ source: 'beijing-ent-040', target: 'beijing-ent-032', type: 'partner_of' });
    const fromOther = (await t.request({ method: 'GET', url: `${C}/entities/beijing-ent-040/graph?depth=1` })).json();
    expect(fromOther.links).toContainEqual({ source: 'beijing-ent-040', target: 'beijing-ent-032', type: 'partner_of' });
  });

  test('the seeded profile carries its sources and its timeline', async () => {
    const p = (await t.request({ method: 'GET', url: `${C}/entities/beijing-ent-106/profile` })).json();
    expect(p.entity.kind).toBe('person');
    expect(p.relations[0]).toMatchObject({ type: 'affiliated_with', otherId: 'beijing-ent-032', sourceId: 'beijing-src-003' });
    expect(p.citations.length).toBeGreaterThan(0);
    // Each citation names its source document (read with the citation, not from a list of the centre's sources).
    const sources = (await t.request({ method: 'GET', url: `${C}/sources` })).json().items as { id: string; titleZh: string | null; titleEn: string | null; publishedOn: string | null }[];
    for (const c of p.citations as { sourceId: string; titleZh: string | null; titleEn: string | null; publishedOn: string | null }[]) {
      const s = sources.find((x) => x.id === c.sourceId);
      expect(s, c.sourceId).toBeDefined();
      expect({ titleZh: c.titleZh, titleEn: c.titleEn, publishedOn: c.publishedOn }).toEqual({ titleZh: s?.titleZh, titleEn: s?.titleEn, publishedOn: s?.publishedOn });
    }
    expect(p.timeline.some((e: { action: string }) => e.action === 'seed.insert')).toBe(true);
  });

  test('recognitions and facts need a source and are dated', async () => {
    const bad = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-042/recognitions`, session: officer, payload: { type: 'little_giant', validFrom: '2023', validTo: '2021' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['sourceNote', 'validTo']);
    const ok = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-042/recognitions`, session: officer, payload: { type: 'little_giant', validFrom: '2022', sourceNote: 'Sample recognition for a test' } });
    expect(ok.statusCode).toBe(201);
    const fact = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-042/facts`, session: officer, payload: { metric: 'employees', year: 2023, value: -1, unit: 'persons' } });
    expect(fact.statusCode).toBe(400);
    const facets = await search('', '&recognition=little_giant');
    expect(facets.items.map((i: { id: string }) => i.id)).toEqual(['beijing-ent-042']);
  });

  test('merging moves every reference, keeps the duplicate as history, and is audited', async () => {
    const dup = await t.request({ method: 'POST', url: `${C}/entities`, session: officer, payload: { kind: 'enterprise', nameZh: '圣邦微电子', nameEn: 'SG Micro (duplicate entry)', confirmNotDuplicate: true } });
    const dupId = dup.json().id;
    await t.request({ method: 'POST', url: `${C}/relations`, session: officer, payload: { type: 'supplies', fromId: dupId, toId: 'beijing-ent-043', sourceNote: 'Sample relation for a test' } });
    const merged = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-042/merge`, session: officer, payload: { duplicateId: dupId } });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().repointed.relations_from).toBe(1);
    const survivor = (await t.request({ method: 'GET', url: `${C}/entities/beijing-ent-042/profile` })).json();
    expect(survivor.entity.aliases).toEqual(expect.arrayContaining(['圣邦微电子', 'SG Micro (duplicate entry)']));
    expect(survivor.relations.some((r: { type: string; otherId: string }) => r.type === 'supplies' && r.otherId === 'beijing-ent-043')).toBe(true);
    const tomb = (await t.request({ method: 'GET', url: `${C}/entities/${dupId}/profile` })).json();
    expect(tomb.entity).toMatchObject({ status: 'merged', mergedIntoId: 'beijing-ent-042' });
    expect((await search('SG Micro (duplicate')).items.map((i: { id: string }) => i.id)).not.toContain(dupId);
    const twice = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-042/merge`, session: officer, payload: { duplicateId: dupId } });
    expect(twice.statusCode).toBe(400);
  });
});

describe('corrections proposed by enterprises', () => {
  test('a member proposes for their own organisation only; an officer approves and the change applies', async () => {
    const member = await t.userWithRole('enterprise_member', { organisationId: 'beijing-ent-040' });
    const other = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-041/corrections`, session: member, payload: { patch: { address: 'x' }, reason: 'r' } });
    expect(other.statusCode).toBe(403);
    const empty = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-040/corrections`, session: member, payload: { patch: {}, reason: 'r' } });
    expect(empty.statusCode).toBe(400);
    const proposed = await t.request({ method: 'POST', url: `${C}/entities/beijing-ent-040/corrections`, session: member, payload: { patch: { aliases: ['4Paradigm'] }, reason: 'Our English short name' } });
    expect(proposed.statusCode).toBe(201);
    const id = proposed.json().id;
    expect((await t.request({ method: 'GET', url: `${C}/corrections?status=pending`, session: member })).statusCode).toBe(403);
    const pending = await t.request({ method: 'GET', url: `${C}/corrections?status=pending`, session: officer });
    expect(pending.json().items.map((c: { id: string }) => c.id)).toContain(id);
    const decided = await t.request({ method: 'POST', url: `${C}/corrections/${id}/decision`, session: officer, payload: { decision: 'approve', note: 'checked' } });
    expect(decided.json()).toMatchObject({ status: 'approved', reviewNote: 'checked' });
    const again = await t.request({ method: 'POST', url: `${C}/corrections/${id}/decision`, session: officer, payload: { decision: 'reject' } });
    expect(again.statusCode).toBe(409);
    const profile = (await t.request({ method: 'GET', url: `${C}/entities/beijing-ent-040/profile` })).json();
    expect(profile.entity.aliases).toContain('4Paradigm');
    expect(profile.timeline[0].action).toBe('entity.correction_applied');
    expect((await search('4paradigm')).items[0].id).toBe('beijing-ent-040');
  });
});

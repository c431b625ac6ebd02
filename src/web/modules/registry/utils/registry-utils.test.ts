import { describe, expect, test } from 'vitest';
import { ENTITY_CATEGORIES } from '../../../../shared/schemas/entities.js';
import { ENTITY_KINDS, FACT_METRICS, RECOGNITION_TYPES, RELATION_TYPES, type TEntityProfile, type TVocabulary } from '../../../../shared/schemas/registry.js';
import { enUS, zhCN } from '../../../test-support/catalogs.js';
import { areaMap, tEn, tZh } from '../../../test-support/fixtures.js';
import { correctionPatch, correctionRows, correctionValuesFrom } from './correction-diff.js';
import { hasEnded, validityText } from './dates.js';
import { EMPTY_ENTITY_VALUES, entityFieldFor, toEntityInput, toEntityPatch, valuesFromEntity } from './entity-form.js';
import { repointedLines, timelineActionLabel, timelineActorLabel } from './labels.js';
import { buildLocationMap } from './location-map.js';
import { entityPath, registrySearchPath } from './paths.js';
import { groupRelations, type ProfileRelation } from './relations.js';
import { KIND_GROUPS, kindLabel, recognitionLabel, relationLabel, vocabularyLabels } from './vocab.js';

type Entity = TEntityProfile['entity'];

const entity = (over: Partial<Entity> = {}): Entity => ({
  id: 'e1',
  centreId: 'c1',
  category: 'enterprise',
  kindLabel: null,
  nameZh: '北方科技',
  nameEn: 'North Tech',
  nameStatus: 'in_source',
  isGeneric: false,
  isSample: false,
  descriptionEn: null,
  areaId: 'a-north',
  areaBasis: null,
  sourceIds: [],
  kind: 'enterprise',
  aliases: ['北科'],
  address: null,
  lon: null,
  lat: null,
  foundedOn: '2015',
  sectorCodes: ['3911'],
  industryTags: [],
  uscc: null,
  ror: null,
  orcid: null,
  externalIds: [],
  parentId: null,
  status: 'active',
  mergedIntoId: null,
  version: 3,
  notes: null,
  ...over,
});

describe('vocabularies', () => {
  test('every kind, recognition, relation (both ways) and metric is translated in both languages', () => {
    const keys = [
      ...Object.keys(ENTITY_KINDS).map((k) => `kind.${k}`),
      ...RECOGNITION_TYPES.map((r) => `recognition.${r}`),
      ...RELATION_TYPES.flatMap((r) => [`relation.${r}`, `relation.${r}.out`, `relation.${r}.in`]),
      ...FACT_METRICS.map((m) => `factMetric.${m}`),
    ];
    for (const key of keys) {
      expect(zhCN, key).toHaveProperty([key]);
      expect(enUS, key).toHaveProperty([key]);
    }
  });
  test('every identifier problem the server names has a message', () => {
    const reasons = [
      'uscc_check_character',
      'uscc_wrong_length',
      'uscc_invalid_character',
      'uscc_invalid_authority',
      'uscc_invalid_division',
      'uscc_organisation_code_check',
      'ror_wrong_format',
      'ror_checksum',
      'orcid_wrong_format',
      'orcid_check_digit',
      'people_only',
      'not_found',
      'self_reference',
      'duplicate_identifier',
      'stale_version',
      'source_required',
      'ends_before_start',
    ];
    for (const r of reasons) {
      expect(zhCN, r).toHaveProperty([`fieldReason.${r}`]);
      expect(enUS, r).toHaveProperty([`fieldReason.${r}`]);
    }
  });
  test('kind groups cover every kind once, under its own category, in category order', () => {
    const grouped = KIND_GROUPS.flatMap((g) => g.kinds);
    expect([...grouped].sort()).toEqual(Object.keys(ENTITY_KINDS).sort());
    for (const g of KIND_GROUPS) for (const k of g.kinds) expect(ENTITY_KINDS[k]).toBe(g.category);
    const order = KIND_GROUPS.map((g) => ENTITY_CATEGORIES.indexOf(g.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
  test('codes the web app does not know are shown as given', () => {
    expect(kindLabel('national_key_lab', tZh)).toBe('全国重点实验室');
    expect(kindLabel('starship', tZh)).toBe('starship');
    expect(kindLabel(null, tZh)).toBeNull();
    expect(recognitionLabel('unicorn', tEn)).toBe('Unicorn');
    expect(relationLabel('affiliated_with', 'out', tZh)).toBe('任职于');
    expect(relationLabel('affiliated_with', 'in', tEn)).toBe('Has member');
    expect(relationLabel('befriends', 'in', tEn)).toBe('befriends');
  });
});

describe('groupRelations', () => {
  const rel = (over: Partial<ProfileRelation>): ProfileRelation => ({
    id: 'r',
    type: 'affiliated_with',
    fromId: 'x',
    toId: 'e1',
    toKind: 'entity',
    validFrom: null,
    validTo: null,
    sourceId: null,
    sourceNote: null,
    otherId: 'x',
    otherNameZh: null,
    otherNameEn: 'X',
    direction: 'in',
    ...over,
  });
  test('groups by type and direction, read from this record’s side, own relations first', () => {
    const groups = groupRelations(
      [
        rel({ id: '1', otherId: 'b', otherNameZh: '乙', otherNameEn: 'B' }),
        rel({ id: '2', otherId: 'a', otherNameZh: '甲', otherNameEn: 'A' }),
        rel({ id: '3', direction: 'out', fromId: 'e1', toId: 'u', otherId: 'u', otherNameEn: 'U' }),
        rel({ id: '4', type: 'located_in', direction: 'out', toKind: 'area', otherId: 'a-north', otherNameEn: 'North' }),
      ],
      tZh,
    );
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['任职于', ['3']],
      ['成员', ['2', '1']],
      ['位于', ['4']],
    ]);
  });
  test('reads naturally in English', () => {
    expect(groupRelations([rel({})], tEn)[0]?.label).toBe('Has member');
  });
});

describe('dates', () => {
  test('periods in words', () => {
    expect(validityText('2021', '2024-06', tZh)).toBe('2021年—2024年6月');
    expect(validityText('2021', null, tZh)).toBe('自2021年起');
    expect(validityText(null, '2024', tEn)).toBe('Until 2024');
    expect(validityText(null, null, tEn)).toBe('Validity not stated');
  });
  test('a period ends at the end of the last year or month it names', () => {
    expect(hasEnded('2024', '2024-12-31')).toBe(false);
    expect(hasEnded('2024', '2025-01-01')).toBe(true);
    expect(hasEnded('2024-06', '2024-06-30')).toBe(false);
    expect(hasEnded('2024-06-15', '2024-06-16')).toBe(true);
    expect(hasEnded(null, '2999-01-01')).toBe(false);
  });
});

describe('entity form', () => {
  test('a new actor: trimmed, empty as null, lists without blanks or repeats, codes upper-cased', () => {
    const input = toEntityInput({
      ...EMPTY_ENTITY_VALUES,
      kind: 'enterprise',
      nameZh: '  ',
      nameEn: ' Acme ',
      aliases: ['A', ' A ', ''],
      uscc: ' 91110108MA01B2C3X0 ',
      sectorCodes: ['c', '3911'],
    });
    expect(input).toMatchObject({ kind: 'enterprise', nameZh: null, nameEn: 'Acme', aliases: ['A'], uscc: '91110108MA01B2C3X0', ror: null, sectorCodes: ['C', '3911'], confirmNotDuplicate: false });
    expect(toEntityInput({ ...EMPTY_ENTITY_VALUES, kind: 'enterprise', nameEn: 'Acme' }, true).confirmNotDuplicate).toBe(true);
  });
  test('a patch names only what changed, with the version the user saw', () => {
    const e = entity();
    expect(toEntityPatch(valuesFromEntity(e), e)).toBeNull();
    expect(toEntityPatch({ ...valuesFromEntity(e), nameZh: '北方科技集团', ror: '02v51f717' }, e)).toEqual({ nameZh: '北方科技集团', ror: '02v51f717', version: 3 });
    expect(toEntityPatch({ ...valuesFromEntity(e), aliases: [] }, e)).toEqual({ aliases: [], version: 3 });
    expect(toEntityPatch({ ...valuesFromEntity(e), kind: 'investor' }, e)).toEqual({ kind: 'investor', version: 3 });
  });
  test('an unset kind starts from the category when that is a kind', () => {
    expect(valuesFromEntity(entity({ kind: null, category: 'university' })).kind).toBe('university');
    expect(valuesFromEntity(entity({ kind: null, category: 'person' })).kind).toBe('person');
  });
  test('issue paths map to form fields', () => {
    expect(entityFieldFor('aliases.2')).toBe('aliases');
    expect(entityFieldFor('uscc')).toBe('uscc');
  });
});

describe('corrections', () => {
  test('the proposal carries only changed fields; clearing a field sends null', () => {
    const e = entity();
    const values = correctionValuesFrom(e);
    expect(correctionPatch(values, e)).toEqual({});
    expect(correctionPatch({ ...values, address: ' 海淀区中关村大街1号 ', foundedOn: '', aliases: ['北科', '北方'] }, e)).toEqual({
      address: '海淀区中关村大街1号',
      foundedOn: null,
      aliases: ['北科', '北方'],
    });
  });
  test('rows compare the current value with the proposed one, in field order', () => {
    const rows = correctionRows({ foundedOn: '2016', nameZh: '北方科技集团', aliases: ['北科', '北方'] }, entity(), tZh);
    expect(rows).toEqual([
      { field: 'nameZh', label: '中文名称', current: '北方科技', proposed: '北方科技集团', changed: true },
      { field: 'aliases', label: '别名', current: '北科', proposed: '北科、北方', changed: true },
      { field: 'foundedOn', label: '成立时间', current: '2015', proposed: '2016', changed: true },
    ]);
    expect(correctionRows({ address: null }, entity(), tEn)).toEqual([{ field: 'address', label: 'Address', current: null, proposed: null, changed: false }]);
  });
});

describe('location map', () => {
  test('fits the districts in the width and puts the marker where the point is', () => {
    const map = buildLocationMap(areaMap.features, [0.5, 0.5], { width: 200, padding: 0, highlightAreaId: 'a-north' });
    expect(map.width).toBe(200);
    expect(map.areas).toHaveLength(areaMap.features.length);
    expect(map.areas.find((a) => a.areaId === 'a-north')?.highlighted).toBe(true);
    expect(map.areas[0]?.d.startsWith('M')).toBe(true);
    expect(map.marker.x).toBeGreaterThanOrEqual(0);
    expect(map.marker.x).toBeLessThanOrEqual(200);
    expect(map.marker.y).toBeGreaterThanOrEqual(0);
    expect(map.marker.y).toBeLessThanOrEqual(map.height);
  });
  test('a point outside the districts still shows', () => {
    const map = buildLocationMap(areaMap.features, [10, 10], { width: 100, padding: 5 });
    expect(map.marker.x).toBeCloseTo(95, 0);
    expect(map.marker.y).toBeCloseTo(5, 0);
  });
});

describe('labels and paths', () => {
  test('timeline actions and actors in words, unknown ones as given', () => {
    expect(timelineActionLabel('seed.insert', tZh)).toBe('从中心数据包导入');
    expect(timelineActionLabel('entity.merge', tEn)).toBe('A duplicate merged in');
    expect(timelineActionLabel('import.batch', tEn)).toBe('import.batch');
    expect(timelineActorLabel('system:seed', tEn)).toBe('System (centre package)');
    expect(timelineActorLabel('admin', tEn)).toBe('admin');
  });
  test('what a merge moved, only what moved', () => {
    expect(repointedLines({ relations_from: 2, facts: 0, recognitions: 1, widgets: 3 }, tZh)).toEqual(['本记录发出的关系：2', '认定：1', 'widgets：3']);
    expect(repointedLines({}, tEn)).toEqual([]);
  });
  test('paths', () => {
    expect(entityPath('beijing-ent-023')).toBe('/registry/beijing-ent-023');
    expect(registrySearchPath({ areaId: 'bj-hd', q: '' })).toBe('/registry?areaId=bj-hd');
    expect(registrySearchPath({})).toBe('/registry');
  });
});

describe('a centre’s own vocabulary', () => {
  const vocabulary: TVocabulary = {
    kinds: [
      { domain: 'kind', code: 'enterprise', category: 'enterprise', labelZh: null, labelEn: null, description: null, builtIn: true },
      { domain: 'kind', code: 'science_city_platform', category: 'platform', labelZh: '科学城公共平台', labelEn: 'Science-city public platform', description: null, builtIn: false },
    ],
    recognitions: [{ domain: 'recognition', code: 'district_gazelle', category: null, labelZh: '区级瞪羚企业', labelEn: 'District gazelle firm', description: null, builtIn: false }],
  };

  test('own terms read in the UI language; built-in codes from the catalogs; unknown codes as given', () => {
    const zh = vocabularyLabels(vocabulary, tZh, 'zh-CN');
    const en = vocabularyLabels(vocabulary, tEn, 'en-US');
    expect(zh.kind('science_city_platform')).toBe('科学城公共平台');
    expect(en.kind('science_city_platform')).toBe('Science-city public platform');
    expect(en.kind('enterprise')).toBe(tEn('kind.enterprise'));
    expect(en.kind('no_such_kind')).toBe('no_such_kind');
    expect(zh.recognition('district_gazelle')).toBe('区级瞪羚企业');
    expect(en.recognition('unicorn')).toBe(tEn('recognition.unicorn'));
  });

  test('own kinds join their category after the built-in ones; own recognitions after the built-in list', () => {
    const en = vocabularyLabels(vocabulary, tEn, 'en-US');
    const platform = en.kindGroups.find((g) => g.category === 'platform');
    expect(platform?.kinds.at(-1)).toEqual({ code: 'science_city_platform', label: 'Science-city public platform' });
    expect(en.recognitions.at(-1)).toEqual({ code: 'district_gazelle', label: 'District gazelle firm' });
    expect(vocabularyLabels(undefined, tEn, 'en-US').kindGroups.flatMap((g) => g.kinds).length).toBe(Object.keys(ENTITY_KINDS).length);
  });
});

/**
 * The synthetic city (`kechuang dev synth`): organisations, people, patents,
 * technology contracts, enterprise demands and call applications for load
 * and scale testing. Pure and seeded: the same seed, counts and areas give
 * the same rows, with no clock and no Math.random. Every name carries the
 * synthetic mark and every identifier sits in a series no real record holds.
 *
 * The distributions are synthetic parameters chosen to look like a city
 * (heavy-tailed sizes, activity concentrated in few organisations, more
 * records in recent years), not figures from any source.
 */
import { organisationCodeCheckCharacter, usccCheckCharacter } from '../identifiers/uscc.js';
import { contractKey, patentCheckCharacter, sellerKindOf, type TechContractType, type TechnicalField } from '../contracts/index.js';
import { DEFAULT_SERVICE_LEVELS, DEMAND_TYPES, type DemandType } from '../services/demand-types.js';
import { BRAND_SYLLABLES, DEMAND_TITLES, GIVEN_SYLLABLES, INDUSTRY_WORDS, NAME_TAILS, SURNAMES, SYNTHETIC_MARK_EN, SYNTHETIC_MARK_ZH, TECH_METHODS, TECH_OBJECTS } from './names.js';
import { logNormal, pareto, picker, seededRandom, streamFor, weightedIndex, weightedPicker } from './random.js';

export type SynthCounts = { organisations: number; people: number; patents: number; contracts: number; demands: number; applications: number };
export const SYNTH_KINDS = ['organisations', 'people', 'patents', 'contracts', 'demands', 'applications'] as const;

/** `--scale 1m`: the city. Other scales multiply every count by the same factor. */
export const CITY_1M: Readonly<SynthCounts> = { organisations: 1_000_000, people: 200_000, patents: 5_000_000, contracts: 10_000_000, demands: 500_000, applications: 50_000 };

/** `1m`, `100k`, `2k` or a plain number of organisations → the factor applied to CITY_1M. */
export const parseScale = (scale: string): number | null => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(scale.trim());
  if (!m) return null;
  const n = Number(m[1]) * ({ k: 1e3, m: 1e6, '': 1 } as Record<string, number>)[(m[2] ?? '').toLowerCase()]!;
  return n > 0 ? n / CITY_1M.organisations : null;
};

export const countsAtScale = (factor: number, overrides: Partial<SynthCounts> = {}): SynthCounts => {
  const counts = Object.fromEntries(SYNTH_KINDS.map((k) => [k, overrides[k] ?? Math.round(CITY_1M[k] * factor)])) as SynthCounts;
  if (counts.organisations === 0 && SYNTH_KINDS.some((k) => k !== 'organisations' && k !== 'people' && counts[k] > 0)) throw new RangeError('patents, contracts, demands and applications need organisations');
  if (counts.people === 0 && counts.patents > 0) throw new RangeError('patents name inventors: they need people');
  return counts;
};

export type SynthArea = { id: string; code: string | null; withinAreaIds: readonly string[] };
export type SynthWorld = {
  seed: number;
  counts: SynthCounts;
  /** The centre's districts (areas of kind `district`), in a stable order: every located record is in one of them. */
  districts: readonly SynthArea[];
  /** The centre's parks; a third of contracts name a park within the seller's district when there is one. */
  parks: readonly SynthArea[];
  /** The code of the centre's root area (`110000`), for registration numbers; null when the centre has none. */
  rootAreaCode: string | null;
};

/** Dates run over these years; the last day is the city's "today". */
export const FIRST_YEAR = 2010;
export const LAST_YEAR = 2025;
const DAY = 86_400_000;
const END = Date.UTC(LAST_YEAR, 11, 31);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** A day in a year chosen with weights growing 12 % a year from `from` (more activity recently). */
const yearPicker = (from: number) => weightedPicker(Array.from({ length: LAST_YEAR - from + 1 }, (_, i) => [from + i, Math.pow(1.12, i)] as const));
const dayIn = (random: () => number, year: number): number => Date.UTC(year, 0, 1) + Math.floor(random() * 365) * DAY;

/**
 * District weights: a synthetic Zipf-like share by the areas' order (the
 * first district the busiest), exponent 0.8. Not any real distribution.
 */
export const districtWeights = (n: number): number[] => Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, 0.8));

/** Organisation kinds (the registry's built-in vocabulary) with their share of the city and their patent/contract propensity. */
const ORG_KINDS = [
  { kind: 'enterprise', category: 'enterprise', share: 0.9, activity: 1 },
  { kind: 'research_institute', category: 'rnd_institution', share: 0.02, activity: 25 },
  { kind: 'new_rnd_institution', category: 'rnd_institution', share: 0.015, activity: 15 },
  { kind: 'university', category: 'university', share: 0.005, activity: 40 },
  { kind: 'incubator', category: 'platform', share: 0.03, activity: 0.2 },
  { kind: 'investor', category: 'organisation', share: 0.03, activity: 0.05 },
] as const;
const SECTORS = ['6513', '6511', '6519', '3973', '2761', '7320', '6432', '3562', '4011', '7491'];
const CODE_SERIES = 'ABCDEFGHJKLMNPQRTUWX';

/** The credit code of synthetic organisation i: well-formed (both check characters right), organisation code in the `Y?` series no real company holds. */
export const synthCreditCode = (i: number): string => {
  const series = CODE_SERIES.charAt(Math.floor(i / 1_000_000));
  if (!series) throw new RangeError('synthetic credit codes run to 20,000,000 organisations');
  const body = `Y${series}${String(i % 1_000_000).padStart(6, '0')}`;
  const first17 = `91110000${body}${organisationCodeCheckCharacter(body)}`;
  return first17 + usccCheckCharacter(first17);
};

/** Ids: one prefix per seed, zero-padded so they sort (and index) in load order. */
export const synthId = (seed: number, kind: string, i: number): string => `syn${seed}-${kind}-${String(i).padStart(8, '0')}`;

/** A name that is a function of (seed, index) alone, so any record can name any other without storing the list. */
const hashed = (seed: number, salt: number, i: number): (() => number) => seededRandom(Math.imul(seed ^ salt, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35));

export const organisationName = (seed: number, i: number, kind: string): { zh: string; en: string } => {
  const r = hashed(seed, 0x0a11, i);
  const pick = picker(r);
  const [b1, p1] = pick(BRAND_SYLLABLES);
  const [b2, p2] = pick(BRAND_SYLLABLES);
  const [w, we] = pick(INDUSTRY_WORDS);
  const [tail, tailEn] = pick(NAME_TAILS[kind] ?? NAME_TAILS['enterprise']!);
  return { zh: `${b1}${b2}${w}${tail}${SYNTHETIC_MARK_ZH}`, en: `${p1}${p2.toLowerCase()} ${we} ${tailEn} ${SYNTHETIC_MARK_EN}` };
};

export const personName = (seed: number, i: number): { zh: string; en: string } => {
  const r = hashed(seed, 0x9e01, i);
  const pick = picker(r);
  const [s, sp] = pick(SURNAMES);
  const [g1, gp1] = pick(GIVEN_SYLLABLES);
  const two = r() < 0.7;
  const [g2, gp2] = two ? pick(GIVEN_SYLLABLES) : ['', ''];
  const given = `${gp1}${gp2}`;
  return { zh: `${s}${g1}${g2}${SYNTHETIC_MARK_ZH}`, en: `${given.charAt(0).toUpperCase()}${given.slice(1)} ${sp} ${SYNTHETIC_MARK_EN}` };
};

export type SynthOrganisation = {
  id: string; category: string; kind: string; nameZh: string; nameEn: string; areaId: string | null; foundedOn: string;
  sectorCodes: string[]; uscc: string; employees: number; revenue: number; factYear: number;
};
export type SynthPerson = { id: string; nameZh: string; nameEn: string; areaId: string | null; birthYear: number };
export type SynthPatent = {
  id: string; number: string; kind: 'invention' | 'utility_model' | 'design'; title: string; ipcClasses: string[]; applicationDate: string;
  publicationDate: string | null; grantDate: string | null; legalStatus: string; legalStatusDate: string | null; areaId: string | null;
  applicantId: string; applicantName: string; inventorId: string; inventorName: string;
};
export type SynthContract = {
  id: string; state: string; contractNumber: string; contractKey: string; title: string; type: TechContractType; field: TechnicalField;
  sellerId: string; sellerKind: string; sellerDistrictId: string | null; sellerParkId: string | null; buyerEntityId: string | null; buyerName: string; buyerRegion: string;
  amount: number; technicalAmount: number; signedOn: string; submittedAt: Date; reviewStartedAt: Date | null; decidedAt: Date | null;
  registrationNumber: string | null; registeredOn: string | null;
};
export type SynthDemand = {
  id: string; reference: string; enterpriseId: string; type: DemandType; title: string; description: string; areaId: string | null; state: string;
  receivedAt: Date; respondBy: Date; resolveBy: Date; acceptedAt: Date | null; resolvedAt: Date | null; confirmedAt: Date | null; lastActivityAt: Date; rating: number | null;
};
export type SynthCall = { id: string; titleZh: string; titleEn: string; state: string; fieldCodes: string[]; ownerEntityId: string; budget: number; deadline: Date; publishedAt: Date; year: number };
export type SynthApplication = { id: string; callId: string; state: string; title: string; applicantOrgId: string; budgetTotal: number; selfFunded: number; teamTrl: number; submittedAt: Date | null; decidedAt: Date | null; awardAmount: number | null };

const IPC_BY_FIELD = ['G06F 16/00', 'G06N 3/08', 'H01L 21/02', 'H04L 9/40', 'A61K 39/395', 'H01M 10/42', 'G01N 33/53', 'B25J 9/16', 'C12N 15/10', 'G06T 7/00', 'H04W 72/04', 'F16H 57/04', 'A61B 5/00', 'H02J 7/00', 'B60L 58/12', 'G01S 19/42'];
const CONTRACT_TYPES = weightedPicker<TechContractType>([
  ['development_commissioned', 18], ['development_cooperative', 6], ['transfer_patent_right', 2], ['transfer_patent_application', 0.5], ['transfer_technical_secret', 1.5], ['transfer_other', 1],
  ['licensing_patent', 1.5], ['licensing_technical_secret', 0.5], ['licensing_other', 0.5], ['consulting', 8], ['service', 60],
]);
const FIELDS = weightedPicker<TechnicalField>([
  ['electronic_information', 45], ['advanced_manufacturing', 10], ['new_materials', 5], ['biomedicine', 8], ['new_energy', 7], ['environment', 5],
  ['modern_transport', 6], ['urban_social', 8], ['agriculture', 2], ['aerospace', 3], ['nuclear', 1],
]);
const OTHER_PROVINCES = ['14', '15', '21', '22', '23', '34', '35', '36', '41', '43', '45', '46', '50', '52', '53', '54', '61', '62', '63', '64', '65'];
const BUYER_REGIONS = weightedPicker<string>([
  ['11', 45], ['13', 8], ['12', 6], ['31', 6], ['44', 7], ['32', 5], ['33', 5], ['37', 4], ['51', 4], ['42', 3],
  ...OTHER_PROVINCES.map((p) => [p, 5 / OTHER_PROVINCES.length] as const), ['abroad:US', 0.8], ['abroad:DE', 0.5], ['abroad:JP', 0.4], ['abroad:SG', 0.3],
]);
const CONTRACT_STATES = weightedPicker<string>([['registered', 93], ['not_registered', 2], ['submitted', 2], ['under_review', 1], ['returned', 1], ['withdrawn', 1]]);
const DEMAND_TYPE = weightedPicker<DemandType>([['financing', 22], ['talent_housing', 15], ['land_space', 12], ['approvals', 10], ['market_access', 10], ['scenario_access', 6], ['ip', 8], ['policy_question', 12], ['other', 5]]);
const DEMAND_STATE = weightedPicker<string>([['confirmed', 70], ['resolved', 8], ['in_progress', 7], ['accepted', 5], ['received', 4], ['reopened', 1], ['withdrawn', 5]]);
const APPLICATION_STATE = weightedPicker<string>([['submitted', 20], ['eligible', 10], ['ineligible', 5], ['under_review', 30], ['awarded', 5], ['rejected', 30]]);
const CALL_FIELDS = ['ict.semiconductor', 'ict.ai', 'bio.pharma', 'energy.storage', 'manufacturing.robotics', 'materials.advanced', 'transport.autonomous', 'health.devices'];

/**
 * The city: its organisations' sizes drawn first (kind, district, employees),
 * so patents, contracts, demands and applications can be concentrated on the
 * large and research-heavy ones; then one generator per kind of record, each
 * from its own stream.
 */
export const createCity = (world: SynthWorld) => {
  const { seed, counts, districts, parks } = world;
  const nOrg = counts.organisations;
  const districtOf = weightedIndex(districtWeights(districts.length));
  const kindOf = weightedIndex(ORG_KINDS.map((k) => k.share));
  const kinds = new Uint8Array(nOrg);
  const areas = new Uint16Array(nOrg);
  const employees = new Float64Array(nOrg);
  const patentWeight = new Float64Array(nOrg);
  const contractWeight = new Float64Array(nOrg);
  const enterpriseWeight = new Float64Array(nOrg);
  {
    const r = streamFor(seed, 'organisation-sizes');
    for (let i = 0; i < nOrg; i++) {
      const k = kindOf(r);
      kinds[i] = k;
      areas[i] = districts.length ? districtOf(r) : 0;
      // Employees: Pareto with tail index 1.1 from 3 people, capped at 200,000 (a few giants, a long tail of small firms).
      const e = Math.min(200_000, Math.round(pareto(r, 3, 1.1)));
      employees[i] = e;
      const activity = ORG_KINDS[k]!.activity;
      patentWeight[i] = Math.pow(e, 0.9) * activity;
      contractWeight[i] = Math.pow(e, 0.8) * activity;
      enterpriseWeight[i] = ORG_KINDS[k]!.kind === 'enterprise' ? Math.pow(e, 0.7) : 0;
    }
  }
  const drawPatentOrg = weightedIndex(patentWeight);
  const drawContractOrg = weightedIndex(contractWeight);
  const drawEnterprise = weightedIndex(enterpriseWeight.some((w) => w > 0) ? enterpriseWeight : employees);
  const orgId = (i: number) => synthId(seed, 'o', i);
  const personId = (i: number) => synthId(seed, 'p', i);
  const areaId = (i: number): string | null => districts[areas[i] as number]?.id ?? null;
  const orgName = (i: number) => organisationName(seed, i, ORG_KINDS[kinds[i] as number]!.kind);
  const parksByDistrict = new Map<string, SynthArea[]>();
  for (const p of parks) for (const d of p.withinAreaIds) parksByDistrict.set(d, [...(parksByDistrict.get(d) ?? []), p]);

  function* organisations(): Generator<SynthOrganisation> {
    const r = streamFor(seed, 'organisations');
    const founded = yearPicker(1985);
    for (let i = 0; i < nOrg; i++) {
      const k = ORG_KINDS[kinds[i] as number]!;
      const name = orgName(i);
      const e = employees[i] as number;
      // Revenue: log-normal around 600,000 yuan a head.
      const revenue = Math.round(e * logNormal(r, Math.log(600_000), 0.9));
      yield {
        id: orgId(i), category: k.category, kind: k.kind, nameZh: name.zh, nameEn: name.en, areaId: areaId(i), foundedOn: isoDay(dayIn(r, founded(r))),
        sectorCodes: [SECTORS[Math.floor(r() * SECTORS.length)]!], uscc: synthCreditCode(i), employees: e, revenue, factYear: LAST_YEAR,
      };
    }
  }

  function* people(): Generator<SynthPerson> {
    const r = streamFor(seed, 'people');
    for (let i = 0; i < counts.people; i++) {
      const name = personName(seed, i);
      yield { id: personId(i), nameZh: name.zh, nameEn: name.en, areaId: districts.length ? districts[districtOf(r)]!.id : null, birthYear: 1950 + Math.floor(r() * 50) };
    }
  }

  function* patents(): Generator<SynthPatent> {
    const r = streamFor(seed, 'patents');
    const year = yearPicker(FIRST_YEAR);
    const kindPick = weightedPicker<SynthPatent['kind']>([['invention', 45], ['utility_model', 45], ['design', 10]]);
    const typeDigit = { invention: '1', utility_model: '2', design: '3' } as const;
    // Serials from 9,000,000 per filing year and type: a range far above what is filed per year and type.
    const serials = new Map<string, number>();
    for (let i = 0; i < counts.patents; i++) {
      const kind = kindPick(r);
      const y = year(r);
      const filed = dayIn(r, y);
      const slot = `${y}${typeDigit[kind]}`;
      const serial = (serials.get(slot) ?? 9_000_000) + 1;
      if (serial > 9_999_999) throw new RangeError(`more than 999,999 synthetic patents of one type in ${y}`);
      serials.set(slot, serial);
      const digits = `${slot}${serial}`;
      const org = drawPatentOrg(r);
      const person = Math.floor(r() * counts.people);
      const ipc = IPC_BY_FIELD[Math.floor(r() * IPC_BY_FIELD.length)]!;
      const second = r() < 0.4 ? IPC_BY_FIELD[Math.floor(r() * IPC_BY_FIELD.length)]! : null;
      const examined = kind === 'invention';
      const grantAt = filed + (examined ? 600 + r() * 700 : 150 + r() * 250) * DAY;
      const outcome = r();
      let legalStatus: string;
      let grantDate: string | null = null;
      let legalStatusDate: string | null = null;
      if (grantAt > END) legalStatus = 'pending';
      else if (examined && outcome < 0.12) [legalStatus, legalStatusDate] = ['rejected', isoDay(grantAt)];
      else if (outcome < 0.18) [legalStatus, legalStatusDate] = ['withdrawn', isoDay(filed + (grantAt - filed) * r())];
      else {
        grantDate = isoDay(grantAt);
        const lapseAt = grantAt + (1 + r() * 8) * 365 * DAY;
        if (outcome > 0.75 && lapseAt < END) [legalStatus, legalStatusDate] = ['lapsed', isoDay(lapseAt)];
        else [legalStatus, legalStatusDate] = ['granted', grantDate];
      }
      const publishedAt = examined ? filed + 548 * DAY : grantDate ? grantAt : null;
      yield {
        id: synthId(seed, 'pt', i), number: `${digits}.${patentCheckCharacter(digits)}`, kind,
        title: `一种基于${TECH_METHODS[Math.floor(r() * TECH_METHODS.length)]}的${TECH_OBJECTS[Math.floor(r() * TECH_OBJECTS.length)]}${SYNTHETIC_MARK_ZH}`,
        ipcClasses: second && second !== ipc ? [ipc, second] : [ipc], applicationDate: isoDay(filed), publicationDate: publishedAt !== null && publishedAt <= END ? isoDay(publishedAt) : null,
        grantDate, legalStatus, legalStatusDate, areaId: areaId(org), applicantId: orgId(org), applicantName: orgName(org).zh, inventorId: personId(person), inventorName: personName(seed, person).zh,
      };
    }
  }

  function* contracts(): Generator<SynthContract> {
    const r = streamFor(seed, 'contracts');
    const year = yearPicker(2016);
    const registrations = new Map<number, number>();
    for (let i = 0; i < counts.contracts; i++) {
      const seller = drawContractOrg(r);
      const state = CONTRACT_STATES(r);
      const signed = dayIn(r, year(r));
      const submitted = Math.min(END, signed + Math.floor(r() * 30) * DAY) + 9 * 3_600_000;
      const decided = state === 'registered' || state === 'not_registered' || state === 'returned' ? Math.min(END + 9 * 3_600_000, submitted + Math.floor(1 + r() * 20) * DAY) : null;
      const registeredYear = decided !== null && state === 'registered' ? new Date(decided).getUTCFullYear() : null;
      let registrationNumber: string | null = null;
      if (registeredYear !== null) {
        const seq = (registrations.get(registeredYear) ?? 0) + 1;
        registrations.set(registeredYear, seq);
        // Real numbers are year, area code and a six-digit sequence; the S before the sequence keeps these apart from any the registrar issues.
        registrationNumber = `${registeredYear}${world.rootAreaCode ?? '000000'}S${String(seq).padStart(8, '0')}`;
      }
      // Amounts: log-normal, median about 200,000 yuan, a long tail into the hundreds of millions.
      const amount = Math.round(logNormal(r, 12.2, 1.6) * 100) / 100;
      const technicalShare = 0.6 + r() * 0.4;
      const district = areaId(seller);
      const inDistrict = district ? parksByDistrict.get(district) : undefined;
      const park = inDistrict && r() < 0.33 ? inDistrict[Math.floor(r() * inDistrict.length)]!.id : null;
      const buyerIsKnown = r() < 0.4;
      const buyer = buyerIsKnown ? drawContractOrg(r) : -1;
      const number = `SYN-${seed}-HT-${i}`;
      yield {
        id: synthId(seed, 'tc', i), state, contractNumber: number, contractKey: contractKey(number),
        title: `${TECH_METHODS[Math.floor(r() * TECH_METHODS.length)]}${TECH_OBJECTS[Math.floor(r() * TECH_OBJECTS.length)]}技术合同${SYNTHETIC_MARK_ZH}`,
        type: CONTRACT_TYPES(r), field: FIELDS(r), sellerId: orgId(seller), sellerKind: sellerKindOf(ORG_KINDS[kinds[seller] as number]!.category), sellerDistrictId: district, sellerParkId: park,
        buyerEntityId: buyerIsKnown ? orgId(buyer) : null, buyerName: buyerIsKnown ? orgName(buyer).zh : `合成买方${i % 997}${SYNTHETIC_MARK_ZH}`, buyerRegion: BUYER_REGIONS(r),
        amount, technicalAmount: Math.round(amount * technicalShare * 100) / 100, signedOn: isoDay(signed), submittedAt: new Date(submitted),
        reviewStartedAt: decided !== null || state === 'under_review' ? new Date(submitted + 3_600_000) : null, decidedAt: decided !== null ? new Date(decided) : null,
        registrationNumber, registeredOn: registeredYear !== null ? isoDay(decided as number) : null,
      };
    }
  }

  function* demands(): Generator<SynthDemand> {
    const r = streamFor(seed, 'demands');
    const year = yearPicker(2020);
    for (let i = 0; i < counts.demands; i++) {
      const org = drawEnterprise(r);
      const type = DEMAND_TYPE(r);
      const state = DEMAND_STATE(r);
      const received = dayIn(r, year(r)) + (8 + Math.floor(r() * 10)) * 3_600_000;
      const level = DEFAULT_SERVICE_LEVELS[type];
      const accepted = state === 'received' || state === 'withdrawn' ? null : received + r() * level.respondHours * 1.3 * 3_600_000;
      const resolved = state === 'resolved' || state === 'confirmed' || state === 'reopened' ? (accepted as number) + r() * level.resolveDays * 1.4 * DAY : null;
      const confirmed = state === 'confirmed' ? (resolved as number) + r() * 10 * DAY : null;
      const titles = DEMAND_TITLES[type]!;
      const title = `${titles[Math.floor(r() * titles.length)]}${SYNTHETIC_MARK_ZH}`;
      const last = Math.max(received, accepted ?? 0, resolved ?? 0, confirmed ?? 0);
      yield {
        id: synthId(seed, 'dm', i), reference: `SQ-SYN${seed}-${String(i).padStart(7, '0')}`, enterpriseId: orgId(org), type, title,
        description: `合成诉求：${title}。本条为合成数据，仅用于测试。`, areaId: areaId(org), state, receivedAt: new Date(received),
        respondBy: new Date(received + level.respondHours * 3_600_000), resolveBy: new Date(received + level.resolveDays * DAY),
        acceptedAt: accepted !== null ? new Date(accepted) : null, resolvedAt: resolved !== null ? new Date(resolved) : null, confirmedAt: confirmed !== null ? new Date(confirmed) : null,
        lastActivityAt: new Date(last), rating: confirmed !== null ? Math.min(5, 3 + Math.floor(r() * 3.4)) : null,
      };
    }
  }

  /** One call per 1,000 applications (at least one while there are applications). */
  const callCount = counts.applications > 0 ? Math.max(1, Math.round(counts.applications / 1000)) : 0;
  const callList: SynthCall[] = [];
  {
    const r = streamFor(seed, 'calls');
    for (let c = 0; c < callCount; c++) {
      const y = LAST_YEAR - (c % 4);
      const published = dayIn(r, y);
      const field = CALL_FIELDS[c % CALL_FIELDS.length]!;
      callList.push({
        id: synthId(seed, 'call', c), titleZh: `合成揭榜任务 ${c + 1}：${TECH_OBJECTS[c % TECH_OBJECTS.length]}攻关${SYNTHETIC_MARK_ZH}`, titleEn: `Synthetic challenge ${c + 1} ${SYNTHETIC_MARK_EN}`,
        state: y === LAST_YEAR ? 'under_review' : 'awarded', fieldCodes: [field], ownerEntityId: orgId(drawContractOrg(r)), budget: Math.round(logNormal(r, Math.log(5_000_000), 0.8)),
        deadline: new Date(published + 60 * DAY), publishedAt: new Date(published), year: y,
      });
    }
  }

  function* applications(): Generator<SynthApplication> {
    const r = streamFor(seed, 'applications');
    // Popular calls draw many more applications than the rest (Zipf over calls).
    const drawCall = weightedIndex(Array.from({ length: callCount }, (_, c) => 1 / (c + 1)));
    for (let i = 0; i < counts.applications; i++) {
      const c = drawCall(r);
      const org = drawContractOrg(r);
      const state = APPLICATION_STATE(r);
      const total = Math.round(logNormal(r, Math.log(2_000_000), 0.9));
      const submitted = state === 'draft' ? null : callList[c]!.publishedAt.getTime() + Math.floor(r() * 59) * DAY;
      const decided = state === 'awarded' || state === 'rejected' || state === 'ineligible' ? (submitted as number) + 75 * DAY : null;
      yield {
        id: synthId(seed, 'ap', i), callId: synthId(seed, 'call', c), state, title: `${orgName(org).zh}揭榜方案`, applicantOrgId: orgId(org), budgetTotal: total, selfFunded: Math.round(total * r() * 0.5),
        teamTrl: 3 + Math.floor(r() * 5), submittedAt: submitted !== null ? new Date(submitted) : null, decidedAt: decided !== null ? new Date(Math.min(decided, END)) : null, awardAmount: state === 'awarded' ? Math.round(total * 0.8) : null,
      };
    }
  }

  return { counts: { ...counts, calls: callCount }, organisations, people, patents, contracts, demands, calls: callList as readonly SynthCall[], applications, employees };
};

export type SynthCity = ReturnType<typeof createCity>;
export { DEMAND_TYPES };

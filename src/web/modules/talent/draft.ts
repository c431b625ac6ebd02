import { TALENT_FACTS, type TalentFactDefinition } from '../../../shared/schemas/talent-vocabulary.js';

/**
 * The talent-call drafting form's values and how they become the body of
 * `POST /talent/calls`, and how the server's refusal paths map back onto the
 * form's fields. Pure: no React, no antd.
 */

export type MeasureKind = 'boolean' | 'linear' | 'bands';
export type GateOp = '<=' | '>=' | '<' | '>' | '==' | 'yes' | 'no';
export type IndicatorValues = {
  fact?: string;
  labelZh?: string;
  labelEn?: string;
  part?: 'personal' | 'enterprise';
  points?: number | null;
  measureKind?: MeasureKind;
  perUnit?: number | null;
  bands?: { min?: number | null; points?: number | null }[];
  howZh?: string;
  howEn?: string;
};
export type GateValues = { fact?: string; op?: GateOp; value?: number | null };
export type DraftValues = {
  call: { programmeId: string; ownerEntityId: string; titleZh?: string; titleEn: string; problem: string; budget: number; deadline: string; ipTemplate: string; isSample?: boolean };
  category: string;
  mode: 'application' | 'nomination';
  validityYears?: number | null;
  scheme: { weights: { personal: number; enterprise: number }; threshold: number; indicators?: IndicatorValues[]; gates?: GateValues[] };
};
export type TemplateSource = { template: 'zgc_merit_points'; sourceNote: string; sourceUrls: string[] } | null;

export const factDef = (name: string | undefined): TalentFactDefinition | undefined => TALENT_FACTS.find((f) => f.name === name);
export const isNumericFact = (name: string | undefined): boolean => {
  const type = factDef(name)?.type;
  return type === 'number' || type === 'integer';
};
/** The measures that fit a fact: yes/no facts score yes; counts and amounts score per unit or by bands. */
export const measuresFor = (name: string | undefined): MeasureKind[] => (factDef(name)?.type === 'boolean' ? ['boolean'] : isNumericFact(name) ? ['linear', 'bands'] : []);

/** A lower-case identifier from a fact name (`hasDoctorate` → `has_doctorate`), unique in `taken`. */
export const idFor = (fact: string, taken: Set<string>): string => {
  const base = fact.replace(/([A-Z])/g, '_$1').toLowerCase().replace(/[^a-z0-9_]/g, '').replace(/^[^a-z]+/, '').slice(0, 36) || 'item';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}_${n}`;
  taken.add(id);
  return id;
};

const OP_ZH: Record<string, string> = { '<=': '不超过', '>=': '不低于', '<': '低于', '>': '高于', '==': '等于' };
const OP_EN: Record<string, string> = { '<=': 'at most', '>=': 'at least', '<': 'under', '>': 'over', '==': 'exactly' };

/** A gate as the policy-engine rule, with the labels it is published under. */
export const gateOf = (g: GateValues): { rule: unknown; labelZh: string; labelEn: string } | null => {
  const f = factDef(g.fact);
  if (!f || !g.op) return null;
  const heading = f.label.en.charAt(0).toUpperCase() + f.label.en.slice(1);
  if (g.op === 'yes' || g.op === 'no') {
    const yes = g.op === 'yes';
    return { rule: { '==': [{ var: f.name }, yes] }, labelZh: `${f.label['zh-CN']}：${yes ? '是' : '否'}`, labelEn: `${heading}: ${yes ? 'yes' : 'no'}` };
  }
  if (g.value === null || g.value === undefined || !Number.isFinite(g.value)) return null;
  const unitZh = f.unit?.['zh-CN'] ?? '';
  const unitEn = f.unit ? (f.unit.en === '%' ? '%' : ` ${f.unit.en}`) : '';
  return { rule: { [g.op]: [{ var: f.name }, g.value] }, labelZh: `${f.label['zh-CN']}${OP_ZH[g.op]}${g.value}${unitZh}`, labelEn: `${heading} ${OP_EN[g.op]} ${g.value}${unitEn}` };
};

const trimOrNull = (s: string | undefined): string | null => s?.trim() || null;

/** The request body; `fixed` carries the calls-engine terms the page states rather than asks (tranche, acceptance criterion). */
export const draftBody = (v: DraftValues, template: TemplateSource, fixed: { tranche: string; metric: string; unit: string; testMethod: string }) => {
  const ids = new Set<string>();
  const gateIds = new Set<string>();
  return {
    category: v.category,
    mode: v.mode,
    validityYears: v.validityYears ?? null,
    call: {
      programmeId: v.call.programmeId,
      ownerEntityId: v.call.ownerEntityId,
      isSample: v.call.isSample ?? false,
      titleZh: trimOrNull(v.call.titleZh),
      titleEn: v.call.titleEn,
      problem: trimOrNull(v.call.problem),
      budget: v.call.budget,
      deadline: v.call.deadline ? new Date(`${v.call.deadline}T23:59:59+08:00`).toISOString() : null,
      ipTemplate: v.call.ipTemplate,
      paymentSchedule: [{ label: fixed.tranche, share: 100 }],
      acceptanceCriteria: [{ metric: fixed.metric, unit: fixed.unit, comparator: '>=', threshold: 1, testMethod: fixed.testMethod }],
    },
    scheme: {
      template: template?.template ?? 'custom',
      sourceNote: template?.sourceNote ?? null,
      sourceUrls: template?.sourceUrls ?? [],
      weights: { personal: v.scheme.weights.personal, enterprise: v.scheme.weights.enterprise },
      threshold: v.scheme.threshold,
      indicators: (v.scheme.indicators ?? []).map((ind) => {
        const kind = measuresFor(ind.fact).includes(ind.measureKind ?? 'boolean') ? (ind.measureKind ?? 'boolean') : (measuresFor(ind.fact)[0] ?? 'boolean');
        return {
          id: idFor(ind.fact ?? 'item', ids),
          labelZh: ind.labelZh ?? '',
          labelEn: ind.labelEn ?? '',
          part: ind.part ?? 'personal',
          points: ind.points ?? 0,
          fact: ind.fact ?? '',
          measure: kind === 'linear' ? { kind, perUnit: ind.perUnit ?? 0 } : kind === 'bands' ? { kind, bands: (ind.bands ?? []).map((b) => ({ min: b.min ?? 0, points: b.points ?? 0 })) } : { kind },
          howZh: ind.howZh ?? '',
          howEn: ind.howEn ?? '',
        };
      }),
      gates: (v.scheme.gates ?? []).flatMap((g) => {
        const built = gateOf(g);
        return built ? [{ id: idFor(g.fact ?? 'gate', gateIds), ...built }] : [];
      }),
    },
  };
};

const CALL_FIELDS = ['programmeId', 'ownerEntityId', 'titleZh', 'titleEn', 'problem', 'budget', 'deadline', 'ipTemplate'];
const INDICATOR_FIELDS = ['labelZh', 'labelEn', 'part', 'points', 'fact', 'howZh', 'howEn'];

/** A refusal's body path (`scheme.indicators.1.measure.bands.0.points`) → the form field it belongs to; null → a form-level message. */
export const draftFieldFor = (path: string): (string | number)[] | null => {
  const p = path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const [a, b, c, d, e, f, g] = p;
  if (a === 'call' && typeof b === 'string' && CALL_FIELDS.includes(b)) return ['call', b];
  if (p.length === 1 && (a === 'category' || a === 'mode' || a === 'validityYears')) return [a];
  if (a !== 'scheme') return null;
  if (b === 'threshold') return ['scheme', 'threshold'];
  if (b === 'weights') return ['scheme', 'weights', c === 'enterprise' ? 'enterprise' : 'personal'];
  if (b === 'indicators' && c === undefined) return ['scheme', 'indicators'];
  if (b === 'indicators' && typeof c === 'number') {
    if (typeof d === 'string' && INDICATOR_FIELDS.includes(d)) return ['scheme', 'indicators', c, d];
    if (d === 'id') return ['scheme', 'indicators', c, 'fact'];
    if (d === 'measure' && e === 'perUnit') return ['scheme', 'indicators', c, 'perUnit'];
    if (d === 'measure' && e === 'bands' && typeof f === 'number') return ['scheme', 'indicators', c, 'bands', f, g === 'points' ? 'points' : 'min'];
    if (d === 'measure') return ['scheme', 'indicators', c, 'measureKind'];
    return null;
  }
  if (b === 'gates' && c === undefined) return ['scheme', 'gates'];
  if (b === 'gates' && typeof c === 'number') return ['scheme', 'gates', c, d === 'id' ? 'fact' : 'op'];
  return null;
};

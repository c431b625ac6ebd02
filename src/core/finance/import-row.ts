import { ROUND_STAGE_ZH, ROUND_STAGES, type RoundStage } from '../../shared/finance-vocabulary.js';

/**
 * One row of an investment-round spreadsheet, checked without the database:
 * stage in code or Chinese (A轮, 天使轮 …), a calendar date, amounts as
 * numbers with an optional 万/亿 unit (blank or 未披露 = undisclosed), a
 * three-letter currency, investors separated by 、；; or ，, a trailing
 * （领投）marking the lead.
 */
export const ROUND_IMPORT_COLUMNS = [
  { field: 'investee', zh: '融资企业', en: 'company', required: true },
  { field: 'announcedOn', zh: '公布日期', en: 'announced on', required: true },
  { field: 'stage', zh: '轮次', en: 'stage', required: true },
  { field: 'amount', zh: '金额', en: 'amount', required: false },
  { field: 'currency', zh: '币种', en: 'currency', required: false },
  { field: 'postMoneyValuation', zh: '投后估值', en: 'post-money valuation', required: false },
  { field: 'investors', zh: '投资方', en: 'investors', required: false },
  { field: 'sourceNote', zh: '来源', en: 'source', required: false },
] as const;
export type RoundImportField = (typeof ROUND_IMPORT_COLUMNS)[number]['field'];

export type RoundRow = { investee: string; announcedOn: string; stage: RoundStage; amount: number | null; currency: string; postMoneyValuation: number | null; investors: { name: string; isLead: boolean }[]; sourceNote: string | null };
export type RowProblem = { field: RoundImportField; code: 'required' | 'date' | 'stage' | 'amount' | 'currency' | 'below_amount' };

const STAGE_WORDS = new Map<string, RoundStage>([
  ...ROUND_STAGES.map((s) => [s, s] as [string, RoundStage]),
  ...Object.entries(ROUND_STAGE_ZH).map(([s, zh]) => [zh.toLowerCase(), s as RoundStage] as [string, RoundStage]),
  ['种子', 'seed'], ['天使', 'angel'], ['pre-a', 'pre_a'], ['pre-a轮', 'pre_a'], ['a', 'a'], ['a+轮', 'a'], ['b+轮', 'b'], ['c+轮', 'c'], ['d轮', 'd_plus'], ['e轮', 'd_plus'], ['f轮', 'd_plus'], ['pre-ipo轮', 'pre_ipo'], ['战略融资', 'strategic'], ['series a', 'a'], ['series b', 'b'], ['series c', 'c'],
]);

export const parseStage = (s: string): RoundStage | null => STAGE_WORDS.get(s.trim().toLowerCase().replace(/\s+/g, ' ')) ?? null;

const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** `1.5亿` → 150000000, `3000万` → 30000000, `1,200,000` → 1200000; blank or 未披露 → null; anything else → NaN. */
export const parseAmount = (s: string): number | null => {
  const t = s.trim().replace(/[,，\s]/g, '');
  if (!t || t === '未披露' || t === '-' || t === '—') return null;
  const m = /^(\d+(?:\.\d+)?)(亿|万)?$/.exec(t);
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1);
};

export const splitInvestors = (s: string): { name: string; isLead: boolean }[] =>
  s
    .split(/[、；;，,]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const lead = /[（(]领投[）)]$/.test(x);
      return { name: lead ? x.replace(/[（(]领投[）)]$/, '').trim() : x, isLead: lead };
    });

export const checkRoundRow = (cells: Partial<Record<RoundImportField, string>>): { ok: true; row: RoundRow } | { ok: false; problems: RowProblem[] } => {
  const get = (f: RoundImportField) => (cells[f] ?? '').trim();
  const problems: RowProblem[] = [];
  if (!get('investee')) problems.push({ field: 'investee', code: 'required' });
  const date = get('announcedOn').replace(/[/.]/g, '-');
  if (!isRealDate(date)) problems.push({ field: 'announcedOn', code: date ? 'date' : 'required' });
  const stage = parseStage(get('stage'));
  if (!stage) problems.push({ field: 'stage', code: get('stage') ? 'stage' : 'required' });
  const amount = parseAmount(get('amount'));
  if (Number.isNaN(amount)) problems.push({ field: 'amount', code: 'amount' });
  const valuation = parseAmount(get('postMoneyValuation'));
  if (Number.isNaN(valuation)) problems.push({ field: 'postMoneyValuation', code: 'amount' });
  const currency = (get('currency') || 'CNY').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) problems.push({ field: 'currency', code: 'currency' });
  if (amount !== null && valuation !== null && !Number.isNaN(amount) && !Number.isNaN(valuation) && valuation < amount) problems.push({ field: 'postMoneyValuation', code: 'below_amount' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, row: { investee: get('investee'), announcedOn: date, stage: stage as RoundStage, amount, currency, postMoneyValuation: valuation, investors: splitInvestors(get('investors')), sourceNote: get('sourceNote') || null } };
};

import type { TalentFactDefinition } from '../../../shared/schemas/talent-vocabulary.js';
import { TALENT_FACTS } from '../../../shared/schemas/talent-vocabulary.js';
import { isApiError } from '../../app/api.js';
import { errorMessage, fieldIssueMessage } from '../../app/errors.js';
import type { Locale, MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { reasonLabel } from '../calls/utils/labels.js';
import type { TalentCall } from './hooks.js';

export const lang = (locale: Locale): 'zh-CN' | 'en' => (locale === 'zh-CN' ? 'zh-CN' : 'en');
export const factOf = (name: string): TalentFactDefinition | undefined => TALENT_FACTS.find((f) => f.name === name);
export const factLabel = (name: string, locale: Locale): string => factOf(name)?.label[lang(locale)] ?? name;
/** A fact's label as a heading: English labels are written lower case for rule sentences, so the first letter is raised. */
export const factHeading = (name: string, locale: Locale): string => {
  const label = factLabel(name, locale);
  return locale === 'zh-CN' ? label : label.charAt(0).toUpperCase() + label.slice(1);
};
export const factQuestion = (name: string, locale: Locale): string => factOf(name)?.question[lang(locale)] ?? name;
export const factUnit = (name: string, locale: Locale): string => factOf(name)?.unit?.[lang(locale)] ?? '';

export const categoryLabel = (t: Translator, c: string): string => (t.has(`talent.category.${c}`) ? t(`talent.category.${c}` as MessageKey) : c);
export const serviceKindLabel = (t: Translator, k: string): string => (t.has(`talent.service.kind.${k}`) ? t(`talent.service.kind.${k}` as MessageKey) : k);
export const statusLabel = (t: Translator, s: string): string => (t.has(`talent.status.${s}`) ? t(`talent.status.${s}` as MessageKey) : s);

/** The facts a rule reads: every `{ var: name }` in it. */
const varsOf = (rule: unknown, out: Set<string>): void => {
  if (Array.isArray(rule)) for (const r of rule) varsOf(r, out);
  else if (rule && typeof rule === 'object') {
    for (const [op, arg] of Object.entries(rule)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string' && name) out.add(name);
      } else varsOf(arg, out);
    }
  }
};

/** The questions the simulator asks for a call: the indicators' facts, then the gates', personal before enterprise. */
export const factsOfCall = (call: TalentCall): TalentFactDefinition[] => {
  const names = new Set<string>(call.scheme.indicators.map((i) => i.fact));
  for (const g of call.scheme.gates) varsOf(g.rule, names);
  const facts = [...names].flatMap((n) => factOf(n) ?? []);
  return [...facts.filter((f) => f.part === 'personal'), ...facts.filter((f) => f.part === 'enterprise')];
};

/** How an indicator turns an answer into points, in words. */
export const measureText = (ind: TalentCall['scheme']['indicators'][number], t: Translator, locale: Locale): string => {
  const m = ind.measure;
  const unit = factUnit(ind.fact, locale);
  if (m.kind === 'boolean') return t('talent.measure.boolean', { points: ind.points });
  if (m.kind === 'linear') return t('talent.measure.linear', { per: m.perUnit, unit, points: ind.points });
  return m.bands.map((b) => t('talent.measure.band', { min: b.min, unit, points: b.points })).join(t('talent.listSep'));
};

export const talentIssueText = (f: FieldIssue, t: Translator): string =>
  t.has(`talent.reason.${f.reason}`) ? t(`talent.reason.${f.reason}` as MessageKey) : t.has(`reason.${f.reason}`) ? reasonLabel(t, f.reason, f.message) : fieldIssueMessage(f, t);

export const talentFailureText = (error: unknown, t: Translator): string => {
  const issues = isApiError(error) ? error.fieldIssues : [];
  if (issues.length === 0) return errorMessage(error, t);
  return [...new Set(issues.map((f) => talentIssueText(f, t)))].join(t('talent.listSep'));
};

import type { FieldIssue } from '../../../shared/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';
import { fieldIssueMessage } from '../../app/errors.js';
import { ModuleTabs } from '../../ui/ModuleTabs.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/*
 * Codes the grants API sends as strings, translated when the catalogs know
 * them. Each uses its own literal prefix so `i18n-check` sees the keys in use.
 */
const known = (t: Translator, key: string, fallback: string): string => (t.has(key) ? t(key as MessageKey) : fallback);
export const trackLabel = (t: Translator, code: string) => known(t, `grants.track.${code}`, code);
export const levelLabel = (t: Translator, code: string) => known(t, `grants.level.${code}`, code);
export const natureLabel = (t: Translator, code: string) => known(t, `grants.nature.${code}`, code);
export const outputKindLabel = (t: Translator, code: string) => known(t, `grants.outputKind.${code}`, code);
export const categoryLabel = (t: Translator, code: string, list?: { code: string; nameZh: string; nameEn: string }[]) => {
  const item = list?.find((i) => i.code === code);
  if (item) return t.locale === 'zh-CN' ? item.nameZh : item.nameEn;
  return known(t, `grants.category.${code}`, code);
};
/** A grant call's state in the foundation's words (申报中 rather than the 揭榜挂帅 wording). */
export const callStateText = (t: Translator, state: string) => known(t, `grants.callState.${state}`, state);
/** A funded project's state: the foundation's words where they differ from the calls engine's (已立项, not 揭榜成功). */
export const projectStateText = (t: Translator, state: string, fallback: string) => known(t, `grants.appState.${state}`, fallback);
export const refusalLabel = (t: Translator, code: string) => known(t, `grants.refusal.${code}`, code);

/**
 * A refusal of the grants API in words: the negative list's own explanation
 * (in the viewer's language, with the list version and the day it took
 * effect), the remaining balance, or the shared field reasons.
 */
export const grantIssueText = (issue: FieldIssue, t: Translator): string => {
  const extra = issue as FieldIssue & { listVersion?: number; effectiveFrom?: string; item?: { nameZh: string; nameEn: string; explanationZh: string; explanationEn: string }; remaining?: number };
  if (issue.reason === 'negative_list' && extra.item) {
    const zh = t.locale === 'zh-CN';
    return t('grants.refusal.negativeListDetail', { name: zh ? extra.item.nameZh : extra.item.nameEn, version: extra.listVersion ?? '?', from: extra.effectiveFrom ?? '?', explanation: zh ? extra.item.explanationZh : extra.item.explanationEn });
  }
  if (issue.reason === 'over_lump_sum' && typeof extra.remaining === 'number') return t('grants.refusal.overLumpSumDetail', { remaining: extra.remaining.toLocaleString(t.locale === 'zh-CN' ? 'zh-CN' : 'en-GB') });
  if (t.has(`grants.reason.${issue.reason}`)) return t(`grants.reason.${issue.reason}` as MessageKey);
  return fieldIssueMessage(issue, t);
};

export type GrantsTab = 'calls' | 'projects' | 'negativeList';

/** The module's pages as tabs: calls and figures for everyone, projects for officers and teams, the negative list for everyone. */
export const GrantsTabs = ({ active }: { active: GrantsTab }) => {
  const { t } = useI18n();
  return (
    <ModuleTabs
      active={active}
      label={t('grants.tabs.label')}
      testIdPrefix="grants"
      tabs={[
        { key: 'calls', path: '/grants', label: t('grants.tabs.calls'), permissions: null },
        { key: 'projects', path: '/grants/projects', label: t('grants.tabs.projects'), permissions: ['calls:manage', 'calls:apply'] },
        { key: 'negativeList', path: '/grants/negative-list', label: t('grants.tabs.negativeList'), permissions: null },
      ]}
    />
  );
};

/** Yuan with two decimals where there are fen. */
export const yuan = (value: number | null | undefined, t: Translator): string =>
  value === null || value === undefined ? t('grants.none') : `${value.toLocaleString(t.locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} ${t('grants.yuan')}`;

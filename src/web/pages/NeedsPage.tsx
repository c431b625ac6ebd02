import { Button, Select, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { NEED_STATES } from '../../shared/achievements-vocabulary.js';
import type { TNeed } from '../../shared/schemas/achievements.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ACHIEVEMENT_ROUTES, AchievementsNav, needPath } from '../modules/achievements/AchievementsNav.js';
import { useNeedsQuery } from '../modules/achievements/hooks.js';
import { NEED_STATE_COLOURS, needStateLabel } from '../modules/achievements/labels.js';
import '../modules/achievements/achievements.css';
import { fieldLabel } from '../modules/contracts/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

const PAGE = 20;

/** 技术需求: every need for officers, one's own enterprise's for its members. */
export const NeedsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const state = params.get('state') ?? undefined;
  const query = useNeedsQuery(centre.id, { state, limit: PAGE, offset: (page - 1) * PAGE });
  const officer = can('achievements:manage');
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, v);
      if (!('page' in patch)) next.delete('page');
      return next;
    });
  const budget = (n: TNeed) => (n.budgetMin === null && n.budgetMax === null ? '—' : [n.budgetMin, n.budgetMax].map((v) => (v === null ? '…' : formatNumber(v, locale, 0))).join(' – '));
  return (
    <div className="kc-page" data-testid="needs-page">
      <AchievementsNav />
      <PageHeader
        title={t('achievements.needs.title')}
        intro={officer ? t('achievements.needs.introOfficer') : t('achievements.needs.introMember')}
        extra={
          <Link to={ACHIEVEMENT_ROUTES.newNeed}>
            <Button type="primary" data-testid="needs-post">
              {t('achievements.needs.post')}
            </Button>
          </Link>
        }
      />
      <div className="kc-ach-filters" style={{ gridTemplateColumns: 'minmax(0, 240px)' }}>
        <Select allowClear placeholder={t('achievements.needs.allStates')} value={state} onChange={(v?: string) => set({ state: v })} options={NEED_STATES.map((s) => ({ value: s, label: needStateLabel(t, s) }))} data-testid="needs-state" />
      </div>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <p className="kc-muted kc-small">{t('achievements.needs.total', { count: formatNumber(query.data?.total ?? 0, locale) })}</p>
        <Table<TNeed>
          size="middle"
          rowKey="id"
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('achievements.needs.empty') }}
          data-testid="needs-table"
          onRow={() => ({ 'data-testid': 'need-row' }) as never}
          pagination={{ current: page, pageSize: PAGE, total: query.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
          columns={[
            { title: t('achievements.needs.col.title'), key: 'title', render: (_, n) => <><Link to={needPath(n.id)} data-testid="need-link">{n.title}</Link><SampleTag isSample={n.isSample} /></> },
            { title: t('achievements.needs.col.enterprise'), key: 'enterprise', render: (_, n) => pickName(n.enterprise, locale) },
            { title: t('achievements.col.field'), key: 'field', render: (_, n) => fieldLabel(t, n.field) },
            { title: t('achievements.needs.col.trlMin'), key: 'trl', render: (_, n) => t('achievements.trl.value', { level: n.trlMin }) },
            { title: t('achievements.needs.col.budget'), key: 'budget', align: 'right', render: (_, n) => budget(n) },
            { title: t('achievements.needs.col.deadline'), key: 'deadline', render: (_, n) => n.deadline ?? '—' },
            { title: t('achievements.col.state'), key: 'state', render: (_, n) => <Tag color={NEED_STATE_COLOURS[n.state]} data-state={n.state}>{needStateLabel(t, n.state)}</Tag> },
          ]}
        />
      </QueryState>
    </div>
  );
};

import { Button, Checkbox, Input, Select, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { AVAILABILITY_MODES, TECHNICAL_FIELDS, TRL_LEVELS, type AvailabilityMode } from '../../shared/achievements-vocabulary.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatDateTime, formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ACHIEVEMENT_ROUTES, achievementPath, AchievementsNav } from '../modules/achievements/AchievementsNav.js';
import { useAchievementsQuery, type AchievementList } from '../modules/achievements/hooks.js';
import { availabilityLabel, STATE_COLOURS, stageLabel, stateLabel } from '../modules/achievements/labels.js';
import '../modules/achievements/achievements.css';
import { fieldLabel } from '../modules/contracts/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

const PAGE = 20;

/**
 * 科技成果市场: published achievements' public summaries for everyone, with
 * search (Chinese words segmented on the server) and filters kept in the
 * address; members add their own drafts with "mine".
 */
export const AchievementsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const filters = { ...Object.fromEntries([...params.entries()].filter(([k]) => ['q', 'field', 'trlMin', 'availability', 'mine'].includes(k))), limit: PAGE, offset: (page - 1) * PAGE };
  const query = useAchievementsQuery(centre.id, filters);
  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k); else next.set(k, v);
      if (!('page' in patch)) next.delete('page');
      return next;
    });
  const mayRecord = can('achievements:write') || can('achievements:manage');
  return (
    <div className="kc-page" data-testid="achievements-page">
      <AchievementsNav />
      <PageHeader
        title={t('achievements.market.title')}
        intro={t('achievements.market.intro')}
        extra={
          mayRecord && (
            <Link to={ACHIEVEMENT_ROUTES.new}>
              <Button type="primary" data-testid="achievements-new">
                {t('achievements.nav.new')}
              </Button>
            </Link>
          )
        }
      />
      <div className="kc-ach-filters">
        <Input.Search allowClear defaultValue={params.get('q') ?? ''} placeholder={t('achievements.market.search')} onSearch={(v) => set({ q: v.trim() })} data-testid="achievements-search" />
        <Select allowClear placeholder={t('achievements.market.allFields')} value={params.get('field') ?? undefined} onChange={(v?: string) => set({ field: v })} options={TECHNICAL_FIELDS.map((f) => ({ value: f, label: fieldLabel(t, f) }))} data-testid="achievements-field" />
        <Select allowClear placeholder={t('achievements.market.trlMin')} value={params.get('trlMin') ?? undefined} onChange={(v?: string) => set({ trlMin: v })} options={TRL_LEVELS.map((l) => ({ value: String(l), label: `≥ ${t('achievements.trl.value', { level: l })}` }))} data-testid="achievements-trl" />
        <Select allowClear placeholder={t('achievements.market.allAvailability')} value={params.get('availability') ?? undefined} onChange={(v?: string) => set({ availability: v })} options={AVAILABILITY_MODES.map((m) => ({ value: m, label: availabilityLabel(t, m) }))} data-testid="achievements-availability" />
        {user?.organisationId && mayRecord ? (
          <Checkbox checked={params.get('mine') === 'true'} onChange={(e) => set({ mine: e.target.checked ? 'true' : undefined })} data-testid="achievements-mine">
            {t('achievements.market.mine')}
          </Checkbox>
        ) : (
          <span />
        )}
      </div>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <p className="kc-muted kc-small" data-testid="achievements-total">
          {t('achievements.market.total', { count: formatNumber(query.data?.total ?? 0, locale) })}
        </p>
        <Table<AchievementList['items'][number]>
          size="middle"
          rowKey="id"
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('achievements.market.empty') }}
          data-testid="achievements-table"
          onRow={() => ({ 'data-testid': 'achievement-row' }) as never}
          pagination={{ current: page, pageSize: PAGE, total: query.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
          columns={[
            {
              title: t('achievements.col.title'),
              key: 'title',
              render: (_, a) => (
                <>
                  <Link to={achievementPath(a.id)} data-testid="achievement-link">
                    {locale === 'en-US' && a.titleEn ? a.titleEn : a.titleZh}
                  </Link>
                  <SampleTag isSample={a.isSample} />
                  <div className="kc-muted kc-small">{a.summary.length > 90 ? `${a.summary.slice(0, 90)}…` : a.summary}</div>
                </>
              ),
            },
            { title: t('achievements.col.field'), key: 'field', render: (_, a) => fieldLabel(t, a.field) },
            { title: t('achievements.col.trl'), key: 'trl', render: (_, a) => <span className="kc-ach-nowrap" title={stageLabel(t, a.stage)}>{t('achievements.trl.value', { level: a.trl })}</span> },
            { title: t('achievements.col.availability'), key: 'availability', render: (_, a) => a.availability.map((m: AvailabilityMode) => <Tag key={m}>{availabilityLabel(t, m)}</Tag>) },
            { title: t('achievements.col.owners'), key: 'owners', render: (_, a) => a.owners.map((o) => pickName(o, locale)).join('、') },
            { title: t('achievements.col.updated'), key: 'updated', render: (_, a) => <span className="kc-small">{formatDateTime(a.publishedAt ?? a.updatedAt, locale)}</span> },
            ...(params.get('mine') === 'true' || can('achievements:manage') ? [{ title: t('achievements.col.state'), key: 'state', render: (_: unknown, a: AchievementList['items'][number]) => <Tag color={STATE_COLOURS[a.state]}>{stateLabel(t, a.state)}</Tag> }] : []),
          ]}
        />
      </QueryState>
    </div>
  );
};

import { AuditOutlined, DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Input, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CALL_STATES } from '../../shared/schemas/calls.js';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useMyApplicationsQuery } from '../modules/calls/hooks/useApplications.js';
import { openResultsFileUrl, useCallsQuery, useOpenResultsQuery } from '../modules/calls/hooks/useCalls.js';
import { callPath, applicationPath, CALL_ROUTES } from '../modules/calls/utils/paths.js';
import { applicationStateLabel, callStateLabel, formatDate, formatMoney, STATE_TONE } from '../modules/calls/utils/labels.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/calls/calls.css';

/** Awarded results shown at first and added by each "load more". */
const RESULTS_PAGE = 50;

/**
 * 揭榜挂帅 / Open calls: the public list of calls (filters in the address),
 * my organisation's bids, and the awarded results as open data.
 */
export const CallsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can, user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = {
    state: params.get('state') ?? undefined,
    field: params.get('field') ?? undefined,
    chain: params.get('chain') ?? undefined,
    trl: params.get('trl') ? Number(params.get('trl')) : undefined,
  };
  const [field, setField] = useState(filters.field ?? '');
  const [chain, setChain] = useState(filters.chain ?? '');
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
        return next;
      },
      { replace: true },
    );
  // Free-text filters apply once typing pauses; a field code must look like one ("ict", "ict.ai").
  useEffect(() => {
    const timer = setTimeout(() => {
      const code = field.trim().toLowerCase();
      const next = { field: /^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(code) ? code : undefined, chain: chain.trim() || undefined };
      // Only a real change touches the address (a pending timer must not pull the visitor back from another page).
      if (next.field !== filters.field || next.chain !== filters.chain) set(next);
    }, 350);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [field, chain]);

  const calls = useCallsQuery(centre.id, filters);
  const mine = useMyApplicationsQuery(can('calls:apply'));
  const results = useOpenResultsQuery(centre.id, { limit: RESULTS_PAGE });
  const resultItems = results.data?.pages.flatMap((p) => p.items) ?? [];
  const firstResults = results.data?.pages[0];
  // Past the count's cap the total reads "at least"; loading more may overtake it.
  const resultsTotal = Math.max(firstResults?.total ?? 0, resultItems.length);

  return (
    <div className="kc-calls" data-testid="calls-page">
      <PageHeader
        title={t('calls.title')}
        intro={t('calls.intro')}
        extra={
          <div className="kc-calls-header-actions">
            {can('calls:review') && (
              <Button icon={<AuditOutlined />} onClick={() => navigate(CALL_ROUTES.reviews)} data-testid="calls-my-reviews">
                {t('calls.myReviews')}
              </Button>
            )}
            {can('calls:manage') && (
              <Button icon={<SettingOutlined />} onClick={() => navigate(CALL_ROUTES.admin)} data-testid="calls-admin">
                {t('calls.admin.link')}
              </Button>
            )}
            {can('calls:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(CALL_ROUTES.create)} data-testid="calls-new">
                {t('calls.new')}
              </Button>
            )}
          </div>
        }
      />

      {user && can('calls:apply') && (
        <Panel title={t('calls.myApplications')} data-testid="calls-my-applications">
          <QueryState isLoading={mine.isLoading} error={mine.error} isEmpty={(mine.data?.items.length ?? 0) === 0} emptyText={t('calls.myApplicationsEmpty')}>
            <ul className="kc-plain-list">
              {mine.data?.items.map((a) => (
                <li key={a.id} className="kc-item-row" data-testid="my-application-row">
                  <Link to={applicationPath(a.id)}>{a.title}</Link>
                  <Chip tone={STATE_TONE[a.state] ?? 'default'}>{applicationStateLabel(t, a.state)}</Chip>
                </li>
              ))}
            </ul>
          </QueryState>
        </Panel>
      )}

      <div className="kc-calls-filters" data-testid="calls-filters">
        <Input allowClear value={field} onChange={(e) => setField(e.target.value)} placeholder={t('calls.filterField')} data-testid="calls-filter-field" aria-label={t('calls.filterField')} />
        <Input allowClear value={chain} onChange={(e) => setChain(e.target.value)} placeholder={t('calls.filterChain')} data-testid="calls-filter-chain" aria-label={t('calls.filterChain')} />
        <Select
          allowClear
          value={filters.trl}
          placeholder={t('calls.filterTrl')}
          aria-label={t('calls.filterTrl')}
          onChange={(v?: number) => set({ trl: v ? String(v) : undefined })}
          options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: n, label: `TRL ${n}` }))}
          data-testid="calls-filter-trl"
        />
        <Select
          allowClear
          value={filters.state}
          placeholder={t('calls.filterState')}
          aria-label={t('calls.filterState')}
          onChange={(v?: string) => set({ state: v })}
          options={CALL_STATES.map((s) => ({ value: s, label: callStateLabel(t, s) }))}
          data-testid="calls-filter-state"
        />
      </div>

      <QueryState isLoading={calls.isLoading} error={calls.error} onRetry={() => void calls.refetch()}>
        <Table
          rowKey="id"
          size="middle"
          data-testid="calls-table"
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('calls.empty') }}
          dataSource={calls.data?.items ?? []}
          onRow={() => ({ 'data-testid': 'call-row' }) as object}
          columns={[
            {
              key: 'title',
              title: t('calls.colTitle'),
              render: (_, c) => (
                <span>
                  <Link to={callPath(c.id)} data-testid="call-link">
                    {pickTitle(c, locale)}
                  </Link>
                  <SampleTag isSample={c.isSample} />
                </span>
              ),
            },
            { key: 'owner', title: t('calls.owner'), render: (_, c) => pickName(c.owner, locale) },
            { key: 'state', title: t('calls.state'), width: 110, render: (_, c) => <Chip tone={STATE_TONE[c.state] ?? 'default'}>{callStateLabel(t, c.state)}</Chip> },
            { key: 'field', title: t('calls.fields'), render: (_, c) => c.fieldCodes.join(', ') || t('calls.none') },
            { key: 'chain', title: t('calls.chainPosition'), render: (_, c) => c.chainPosition ?? t('calls.none') },
            { key: 'trl', title: 'TRL', width: 70, render: (_, c) => c.trlExpected ?? t('calls.none') },
            { key: 'budget', title: t('calls.budget'), align: 'right', render: (_, c) => formatMoney(c.budget, c.currency, t) },
            { key: 'deadline', title: t('calls.deadline'), width: 130, render: (_, c) => formatDate(c.deadline, t) },
          ]}
        />
        {calls.data && <p className="kc-muted kc-small" data-testid="calls-total">{t('calls.totalCount', { count: calls.data.total })}</p>}
      </QueryState>

      <Panel
        title={t('calls.results')}
        data-testid="calls-results"
        extra={
          resultItems.length > 0 && (
            <span className="kc-calls-downloads">
              <a href={openResultsFileUrl(centre.id, 'csv')} download data-testid="calls-results-csv">
                <DownloadOutlined aria-hidden /> CSV
              </a>
              <a href={openResultsFileUrl(centre.id, 'xlsx')} download data-testid="calls-results-xlsx">
                <DownloadOutlined aria-hidden /> Excel
              </a>
            </span>
          )
        }
      >
        <QueryState isLoading={results.isLoading} error={results.error} onRetry={() => void results.refetch()} isEmpty={resultItems.length === 0} emptyText={t('calls.resultsEmpty')}>
          <table className="kc-simple-table">
            <thead>
              <tr>
                <th>{t('calls.colTitle')}</th>
                <th>{t('calls.owner')}</th>
                <th>{t('calls.winner')}</th>
                <th>{t('calls.amount')}</th>
                <th>{t('calls.awardedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {resultItems.map((r, i) => (
                // A call may have several winners (and a winner no name): the position in the list keeps keys unique.
                <tr key={`${r.callId}-${i}`} data-testid="result-row">
                  <td>
                    <Link to={callPath(r.callId)}>{pickTitle({ titleZh: r.titleZh, titleEn: r.title }, locale)}</Link>
                    <SampleTag isSample={r.isSample} />
                  </td>
                  <td>{r.owner}</td>
                  <td>{pickName({ nameZh: r.winnerZh, nameEn: r.winner }, locale) || t('calls.none')}</td>
                  <td>{formatMoney(r.amount, r.currency, t)}</td>
                  <td>{formatDate(r.awardedAt, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="kc-muted kc-small" data-testid="calls-results-count">
            {t(firstResults?.totalAtLeast ? 'calls.resultsShownAtLeast' : 'calls.resultsShown', { shown: formatNumber(resultItems.length, locale), total: formatNumber(resultsTotal, locale) })}
          </p>
          {results.hasNextPage && (
            <div className="kc-load-more">
              <Button onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage} data-testid="calls-results-more">
                {t('common.loadMore')}
              </Button>
            </div>
          )}
        </QueryState>
      </Panel>
    </div>
  );
};

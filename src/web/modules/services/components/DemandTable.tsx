import { Table, type TableProps } from 'antd';
import { Link } from 'react-router';
import { formatDateTime, pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { SampleTag } from '../../../ui/SampleTag.js';
import type { DemandSummary } from '../types.js';
import { currentClock } from '../utils/clock.js';
import { demandTypeLabel } from '../utils/labels.js';
import { demandPath, enterpriseServicePath } from '../utils/paths.js';
import { ClockBadge, DemandStateTag, EscalationTag } from './Badges.js';

export type DemandColumn = 'reference' | 'title' | 'enterprise' | 'type' | 'state' | 'clock' | 'clocks' | 'escalation' | 'department' | 'received' | 'rating';

type Props = {
  items: readonly DemandSummary[];
  columns: readonly DemandColumn[];
  /** Enterprise names link to the enterprise's service view (officers). */
  linkEnterprise?: boolean;
  pagination?: TableProps<DemandSummary>['pagination'];
  loading?: boolean;
  /** Width below which the table scrolls sideways (the columns' widths added up when not given). */
  scrollX?: number;
  titleWidth?: number;
  emptyText: string;
  'data-testid'?: string;
};

/** Cases as a table: reference and title (to the case), enterprise, type, state, SLA clocks, escalation, department. */
export const DemandTable = ({ items, columns, linkEnterprise = false, pagination = false, loading = false, scrollX, titleWidth = 240, emptyText, 'data-testid': testId }: Props) => {
  const { t, locale } = useI18n();
  const all: Record<DemandColumn, NonNullable<TableProps<DemandSummary>['columns']>[number]> = {
    reference: { key: 'reference', title: t('services.col.reference'), width: 150, render: (_, d) => <span className="kc-mono kc-small">{d.reference}</span> },
    title: {
      key: 'title',
      title: t('services.col.title'),
      width: titleWidth,
      render: (_, d) => (
        <span>
          <Link to={demandPath(d.id)} data-testid="demand-link">
            {d.title}
          </Link>
          <SampleTag isSample={d.isSample} />
          {columns.includes('reference') ? null : <div className="kc-mono kc-muted kc-small">{d.reference}</div>}
        </span>
      ),
    },
    enterprise: {
      key: 'enterprise',
      title: t('services.col.enterprise'),
      width: 170,
      render: (_, d) => (linkEnterprise ? <Link to={enterpriseServicePath(d.enterprise.id)}>{pickName(d.enterprise, locale) || d.enterprise.id}</Link> : pickName(d.enterprise, locale) || d.enterprise.id),
    },
    type: { key: 'type', title: t('services.col.type'), width: 110, render: (_, d) => demandTypeLabel(t, d.type) },
    state: {
      key: 'state',
      title: t('services.col.state'),
      width: 140,
      // The escalation goes under the state unless it has a column of its own.
      render: (_, d) => (
        <div className="kc-svc-clock-stack">
          <DemandStateTag state={d.state} />
          {!columns.includes('escalation') && <EscalationTag level={d.escalationLevel} hideBase />}
        </div>
      ),
    },
    clock: {
      key: 'clock',
      title: t('services.col.clock'),
      width: 230,
      render: (_, d) => {
        const { which, clock } = currentClock(d);
        return <ClockBadge clock={clock} which={which} withLabel />;
      },
    },
    clocks: {
      key: 'clocks',
      title: t('services.col.clocks'),
      width: 230,
      render: (_, d) => (
        <div className="kc-svc-clock-stack">
          <ClockBadge clock={d.response} which="response" withLabel />
          <ClockBadge clock={d.resolution} which="resolution" withLabel />
        </div>
      ),
    },
    escalation: { key: 'escalation', title: t('services.col.escalation'), width: 170, render: (_, d) => <EscalationTag level={d.escalationLevel} hideBase /> },
    department: { key: 'department', title: t('services.col.department'), width: 160, render: (_, d) => (d.department ? pickName(d.department, locale) : <span className="kc-muted">{t('services.unrouted')}</span>) },
    received: { key: 'received', title: t('services.col.received'), width: 160, render: (_, d) => formatDateTime(d.receivedAt, locale) },
    rating: { key: 'rating', title: t('services.col.rating'), width: 90, render: (_, d) => (d.rating === null ? <span className="kc-muted">{t('services.none')}</span> : `${d.rating} / 5`) },
  };
  return (
    <Table
      rowKey="id"
      size="middle"
      data-testid={testId}
      loading={loading}
      pagination={pagination}
      scroll={{ x: scrollX ?? columns.reduce((sum, c) => sum + Number(all[c].width ?? 160), 0) }}
      locale={{ emptyText }}
      dataSource={[...items]}
      onRow={(d) => ({ 'data-testid': 'demand-row', 'data-state': d.state, 'data-escalation': d.escalationLevel }) as object}
      columns={columns.map((c) => all[c])}
    />
  );
};

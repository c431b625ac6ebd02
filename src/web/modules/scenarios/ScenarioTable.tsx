import { Table } from 'antd';
import { Link } from 'react-router';
import { pickName, pickTitle } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Chip } from '../../ui/Chip.js';
import { SampleTag } from '../../ui/SampleTag.js';
import { callStateLabel, formatDate, formatMoney, STATE_TONE } from '../calls/utils/labels.js';
import { callPath } from '../calls/utils/paths.js';
import { entityPath } from '../registry/utils/paths.js';
import type { ScenarioSummary } from './hooks.js';
import { ownerKindLabel, sandboxLabel } from './labels.js';

/** The scenarios of one batch: what, where, for whom, with how much, and how far each has come. */
export const ScenarioTable = ({ scenarios, testId }: { scenarios: ScenarioSummary[]; testId: string }) => {
  const { t, locale } = useI18n();
  return (
    <Table<ScenarioSummary>
      size="small"
      rowKey="id"
      pagination={false}
      data-testid={testId}
      dataSource={scenarios}
      locale={{ emptyText: t('scenarios.batch.emptyScenarios') }}
      scroll={{ x: 900 }}
      columns={[
        {
          title: t('scenarios.scenario.title'),
          key: 'title',
          render: (_, s) => (
            <span>
              <Link to={callPath(s.id)} data-testid="scenario-link">
                {pickTitle(s, locale)}
              </Link>
              <SampleTag isSample={s.isSample} />
            </span>
          ),
        },
        {
          title: t('scenarios.scenario.owner'),
          key: 'owner',
          render: (_, s) => (
            <span>
              <Link to={entityPath(s.owner.id)}>{pickName(s.owner, locale)}</Link>
              <div className="kc-muted kc-small">{ownerKindLabel(t, s.scenario.ownerKind)}</div>
            </span>
          ),
        },
        { title: t('scenarios.scenario.site'), key: 'site', render: (_, s) => s.scenario.site },
        { title: t('scenarios.scenario.sandbox'), key: 'sandbox', render: (_, s) => sandboxLabel(t, s.scenario.sandboxStatus) },
        { title: t('scenarios.scenario.budgetShort'), key: 'budget', align: 'right', render: (_, s) => formatMoney(s.budget, s.currency, t) },
        { title: t('scenarios.scenario.deadline'), key: 'deadline', render: (_, s) => formatDate(s.deadline, t) },
        {
          title: t('scenarios.scenario.state'),
          key: 'state',
          render: (_, s) => (
            <Chip tone={STATE_TONE[s.state] ?? 'default'}>
              <span data-testid="scenario-state" data-state={s.state}>
                {callStateLabel(t, s.state)}
              </span>
            </Chip>
          ),
        },
        {
          title: t('scenarios.scenario.deployments'),
          key: 'deployments',
          render: (_, s) => (s.deployments.deployed + s.deployments.deploying === 0 ? t('scenarios.scenario.none') : t('scenarios.scenario.deploymentsCount', { deployed: s.deployments.deployed, deploying: s.deployments.deploying })),
        },
      ]}
    />
  );
};

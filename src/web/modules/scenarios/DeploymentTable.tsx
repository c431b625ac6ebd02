import { Table } from 'antd';
import { Link } from 'react-router';
import { useCurrentCentre } from '../../app/centre.js';
import { formatNumber, pickName, pickTitle } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Chip } from '../../ui/Chip.js';
import { Panel } from '../../ui/Panel.js';
import { entityPath } from '../registry/utils/paths.js';
import { useDeploymentsQuery, type Deployment } from './hooks.js';
import { deploymentStateLabel } from './labels.js';
import './scenarios.css';

/** Measured results, each with its target and whether it was met. */
export const DeploymentResults = ({ deployment }: { deployment: Pick<Deployment, 'results'> }) => {
  const { t, locale } = useI18n();
  if (deployment.results.length === 0) return null;
  return (
    <ul className="kc-sc-results" data-testid="deployment-results">
      {deployment.results.map((r) => (
        <li key={r.criterionId}>
          {r.metric}
          {t('scenarios.colon')}
          {formatNumber(r.value, locale)} {r.unit} ({r.comparator} {formatNumber(r.threshold, locale)}) · {t(r.met ? 'scenarios.deployments.met' : 'scenarios.deployments.notMet')}
        </li>
      ))}
    </ul>
  );
};

export const DeploymentTable = ({ deployments, withScenario = false }: { deployments: (Deployment & { call?: { id: string; titleZh: string | null; titleEn: string }; batchNumber?: number })[]; withScenario?: boolean }) => {
  const { t, locale } = useI18n();
  const none = t('scenarios.scenario.none');
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={deployments}
      data-testid="deployment-table"
      columns={[
        ...(withScenario
          ? [
              {
                title: t('scenarios.deployments.scenario'),
                key: 'scenario',
                render: (_: unknown, d: (typeof deployments)[number]) =>
                  d.call ? (
                    <span>
                      <Link to={`/calls/${encodeURIComponent(d.call.id)}`}>{pickTitle(d.call, locale)}</Link>
                      <div className="kc-muted kc-small">{t('scenarios.batch.label', { number: d.batchNumber ?? 0 })}</div>
                    </span>
                  ) : (
                    none
                  ),
              },
            ]
          : [
              {
                title: t('scenarios.deployments.enterprise'),
                key: 'enterprise',
                render: (_: unknown, d: (typeof deployments)[number]) => (d.enterprise ? <Link to={entityPath(d.enterprise.id)}>{pickName(d.enterprise, locale)}</Link> : none),
              },
            ]),
        {
          title: t('scenarios.deployments.state'),
          key: 'state',
          render: (_: unknown, d: (typeof deployments)[number]) => (
            <Chip tone={d.state === 'deployed' ? 'accent' : d.state === 'failed' ? 'warning' : 'info'}>
              <span data-testid="deployment-state-value" data-state={d.state}>
                {deploymentStateLabel(t, d.state)}
              </span>
            </Chip>
          ),
        },
        { title: t('scenarios.deployments.period'), key: 'period', render: (_: unknown, d: (typeof deployments)[number]) => (d.startedOn || d.finishedOn ? `${d.startedOn ?? none} – ${d.finishedOn ?? none}` : none) },
        {
          title: t('scenarios.deployments.outcome'),
          key: 'outcome',
          render: (_: unknown, d: (typeof deployments)[number]) => (
            <span data-testid="deployment-outcome-value">
              {d.outcome ?? none}
              <DeploymentResults deployment={d} />
            </span>
          ),
        },
      ]}
    />
  );
};

/** The scenarios an enterprise has deployed (on its profile) or an achievement was deployed in (on its page); nothing when there are none. */
export const ScenarioDeployments = ({ filter }: { filter: { enterpriseId: string } | { achievementId: string } }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const query = useDeploymentsQuery(centre.id, filter);
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Panel title={t('scenarios.deployments.profileTitle')} data-testid="entity-deployments">
      <DeploymentTable deployments={items} withScenario />
    </Panel>
  );
};

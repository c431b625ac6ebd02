import { Table } from 'antd';
import { Link } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { applicationStateLabel } from '../modules/calls/utils/labels.js';
import { useProjectsQuery } from '../modules/grants/hooks.js';
import { GrantsTabs, trackLabel, yuan, projectStateText } from '../modules/grants/parts.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/grants/grants.css';

/** Awarded grant projects: a team's own, or all of them for officers (with the refused expense attempts, for oversight). */
export const GrantProjectsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const officer = can('calls:manage');
  const query = useProjectsQuery(centre.id, officer || can('calls:apply'));
  return (
    <div className="kc-gr" data-testid="grant-projects-page">
      <PageHeader title={t('grants.title')} intro={t(officer ? 'grants.projects.introOfficer' : 'grants.projects.introTeam')} />
      <GrantsTabs active="projects" />
      <Panel title={t('grants.projects.title')}>
        <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
          <Table
            size="small"
            rowKey="applicationId"
            pagination={false}
            data-testid="grant-projects"
            locale={{ emptyText: t('grants.projects.empty') }}
            dataSource={query.data?.items ?? []}
            columns={[
              {
                title: t('grants.projects.project'),
                render: (_, r) => (
                  <>
                    <Link to={`/grants/projects/${encodeURIComponent(r.applicationId)}`} data-testid="grant-project-link">
                      {r.title}
                    </Link>
                    <SampleTag isSample={r.isSample} />
                  </>
                ),
              },
              { title: t('grants.projects.track'), render: (_, r) => trackLabel(t, r.track) },
              { title: t('grants.projects.lead'), render: (_, r) => (r.lead ? pickName(r.lead, locale) : t('grants.none')) },
              { title: t('grants.projects.state'), render: (_, r) => projectStateText(t, r.state, applicationStateLabel(t, r.state)) },
              { title: t('grants.ledger.lumpSum'), render: (_, r) => yuan(r.lumpSum, t) },
              { title: t('grants.ledger.spent'), render: (_, r) => yuan(r.spent, t) },
              { title: t('grants.projects.report'), render: (_, r) => (r.reportState ? t(r.reportState === 'evaluated' ? 'grants.report.evaluated' : 'grants.report.submitted') : t('grants.none')) },
              ...(officer ? [{ title: t('grants.ledger.rejectedCount'), render: (_: unknown, r: { rejectedAttempts: number | null }) => (r.rejectedAttempts ? <Chip tone="warning">{r.rejectedAttempts}</Chip> : '0') }] : []),
            ]}
          />
        </QueryState>
      </Panel>
    </div>
  );
};

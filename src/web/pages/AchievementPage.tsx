import { Button, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { DetailPanel, OwnerPanels } from '../modules/achievements/AchievementAccess.js';
import { ACHIEVEMENT_ROUTES, achievementPath, AchievementsNav } from '../modules/achievements/AchievementsNav.js';
import { useAchievementQuery, useAchievementTransitionMutation } from '../modules/achievements/hooks.js';
import { actionLabel, availabilityLabel, STATE_COLOURS, stageLabel, stateLabel } from '../modules/achievements/labels.js';
import '../modules/achievements/achievements.css';
import { contractPath } from '../modules/contracts/ContractsNav.js';
import { fieldLabel, typeLabel } from '../modules/contracts/labels.js';
import { showNumber, STATUS_COLOURS as PATENT_STATUS_COLOURS, statusLabel as patentStatusLabel } from '../modules/patents/labels.js';
import { PATENT_STATUSES, type PatentStatus } from '../../shared/patents-vocabulary.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { ScenarioDeployments } from '../modules/scenarios/DeploymentTable.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/contracts/contracts.css';

/** A linked patent's legal status in words (the patents register's labels); a code the register does not know is shown as it is. */
const PatentStatusTag = ({ status }: { status: string }) => {
  const { t } = useI18n();
  const known = (PATENT_STATUSES as readonly string[]).includes(status) ? (status as PatentStatus) : null;
  return (
    <Tag color={known ? PATENT_STATUS_COLOURS[known] : undefined} title={t('achievements.page.patentStatus')} style={{ marginInlineStart: 6 }} data-testid="achievement-patent-status">
      {known ? patentStatusLabel(t, known) : status}
    </Tag>
  );
};

/**
 * One achievement: the public summary and its links for everyone; the
 * confidential detail behind a logged click or a request; for the owners'
 * members, the requests to decide and who has read the detail.
 */
export const AchievementPage = () => {
  const { achievementId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { user } = useSession();
  const query = useAchievementQuery(centre.id, achievementId);
  const transition = useAchievementTransitionMutation(centre.id, achievementId);
  const a = query.data;
  const none = <span className="kc-muted">{t('achievements.page.none')}</span>;
  const entityLink = (e: { id: string; nameZh: string | null; nameEn: string }) => <Link to={`/registry/${encodeURIComponent(e.id)}`}>{pickName(e, locale)}</Link>;
  return (
    <div className="kc-page" data-testid="achievement-page">
      <AchievementsNav />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {a && (
          <>
            <PageHeader
              title={
                <>
                  {locale === 'en-US' && a.titleEn ? a.titleEn : a.titleZh}
                  <SampleTag isSample={a.isSample} />
                </>
              }
              intro={locale === 'en-US' ? (a.titleEn ? a.titleZh : null) : a.titleEn}
              extra={
                <span className="kc-tc-actions">
                  {a.access.canEdit && (
                    <Link to={`${achievementPath(a.id)}/edit`}>
                      <Button data-testid="achievement-edit">{t('achievements.page.edit')}</Button>
                    </Link>
                  )}
                  {a.actions.map((action) => (
                    <Button key={action} type={action === 'publish' ? 'primary' : 'default'} loading={transition.isPending} onClick={() => transition.mutate({ action, version: a.version })} data-testid={`achievement-action-${action}`}>
                      {actionLabel(t, action)}
                    </Button>
                  ))}
                </span>
              }
            />
            {transition.error && <div className="kc-tc-error">{errorMessage(transition.error, t)}</div>}
            <div className="kc-ach-meta">
              <Tag color={STATE_COLOURS[a.state]} data-testid="achievement-state" data-state={a.state}>
                {stateLabel(t, a.state)}
              </Tag>
              <Tag>{fieldLabel(t, a.field)}</Tag>
              <Tag color="blue">{t('achievements.trl.value', { level: a.trl })}</Tag>
              <Tag>{stageLabel(t, a.stage)}</Tag>
              {a.availability.map((m) => (
                <Tag key={m} color="cyan">
                  {availabilityLabel(t, m)}
                </Tag>
              ))}
              {a.keywords.map((k) => (
                <Tag key={k} bordered={false}>
                  #{k}
                </Tag>
              ))}
            </div>
            <div className="kc-ach-grid">
              <div className="kc-stack">
                <Panel title={t('achievements.page.summary')}>
                  <p className="kc-ach-summary" data-testid="achievement-summary-text">
                    {a.summary}
                  </p>
                </Panel>
                <DetailPanel centreId={centre.id} achievement={a} signedIn={!!user} />
                {a.access.canEdit && <OwnerPanels centreId={centre.id} achievement={a} />}
                <ScenarioDeployments filter={{ achievementId: a.id }} />
              </div>
              <Panel title={t('achievements.page.links')} data-testid="achievement-links">
                <dl className="kc-ach-links">
                  <dt>{t('achievements.col.owners')}</dt>
                  <dd>
                    <ul>
                      {a.owners.map((o) => (
                        <li key={o.id}>
                          {entityLink(o)} {o.share !== null && <span className="kc-muted kc-small">{t('achievements.page.share', { share: `${Math.round(o.share * 100)}%` })}</span>}
                        </li>
                      ))}
                    </ul>
                  </dd>
                  <dt>{t('achievements.page.inventors')}</dt>
                  <dd>{a.inventors.length ? a.inventors.map((i, n) => <span key={i.id}>{n > 0 && '、'}{entityLink(i)}</span>) : none}</dd>
                  <dt>{t('achievements.page.patents')}</dt>
                  <dd>
                    {a.patents.length ? (
                      <ul>
                        {a.patents.map((p) => (
                          <li key={p.number} data-testid="achievement-patent">
                            {showNumber(p.number)} {p.title ? <span>{p.title}{p.status && <PatentStatusTag status={p.status} />}</span> : <span className="kc-muted kc-small">{t('achievements.page.patentUnknown')}</span>}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      none
                    )}
                  </dd>
                  <dt>{t('achievements.page.contracts')}</dt>
                  <dd>
                    {a.contracts.length ? (
                      <ul>
                        {a.contracts.map((c) => (
                          <li key={c.id}>
                            <Tag>{t(`achievements.page.kind.${c.kind}`)}</Tag>
                            <Link to={contractPath(c.id)}>{c.title}</Link> <span className="kc-muted kc-small">{typeLabel(t, c.type as never)}{c.registrationNumber ? ` · ${c.registrationNumber}` : ''}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      none
                    )}
                  </dd>
                  <dt>{t('achievements.page.spinoffs')}</dt>
                  <dd>{a.spinoffs.length ? a.spinoffs.map((s, n) => <span key={s.id}>{n > 0 && '、'}{entityLink(s)}</span>) : none}</dd>
                </dl>
                <p>
                  <Link to={ACHIEVEMENT_ROUTES.market}>{t('achievements.page.back')}</Link>
                </p>
              </Panel>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
};

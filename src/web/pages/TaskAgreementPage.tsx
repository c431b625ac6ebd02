import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { Link, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { formatDateTime, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useTaskAgreementQuery } from '../modules/calls/hooks/useApplications.js';
import type { TaskAgreement } from '../modules/calls/types.js';
import { formatDate, formatMoney, ipTemplateLabel, ipTemplateText } from '../modules/calls/utils/labels.js';
import { applicationPath } from '../modules/calls/utils/paths.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../ui/report.css';

type Party = TaskAgreement['parties']['demandOwner'];

/**
 * The task agreement (任务书) of an awarded bid, printable: every clause comes
 * from the frozen call and the decided application; what is still missing is
 * said before anything else.
 */
export const TaskAgreementPage = () => {
  const { applicationId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useTaskAgreementQuery(centre.id, applicationId);
  const a = query.data;
  const name = (p: Party | null) => (p ? pickName(p, locale) : t('calls.none'));

  return (
    <div className="kc-report" data-testid="agreement-page">
      <div className="kc-report-toolbar">
        <Link to={applicationPath(applicationId)}>{t('calls.agreement.back')}</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!a} data-testid="agreement-print">
          {t('calls.agreement.print')}
        </Button>
      </div>
      <QueryState isLoading={query.isLoading} error={query.error}>
        {a && (
          <article className="kc-report-page">
            <header className="kc-report-head">
              <p className="kc-report-kicker">{t('calls.agreement.kicker')}</p>
              <h1 className="kc-page-title" data-testid="agreement-title">
                {pickTitle({ titleZh: a.titleZh, titleEn: a.title }, locale)} <SampleTag isSample={a.isSample} />
              </h1>
              <p className="kc-muted">
                {t('calls.agreement.number', { number: a.number })} · SHA-256 <code className="kc-small">{a.sha256.slice(0, 16)}</code>
              </p>
            </header>
            {a.missing.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="agreement-missing"
                message={t('calls.agreement.missingTitle')}
                description={a.missing.map((m) => t(`calls.agreement.missing.${m}`)).join(t('calls.listSep'))}
              />
            )}

            <section className="kc-report-section">
              <h2>{t('calls.agreement.parties')}</h2>
              <dl className="kc-calls-facts">
                <dt>{t('calls.agreement.demandOwner')}</dt>
                <dd>{name(a.parties.demandOwner)}</dd>
                <dt>{t('calls.lead')}</dt>
                <dd data-testid="agreement-lead">{name(a.parties.lead)}</dd>
                <dt>{t('calls.partners')}</dt>
                <dd>{a.parties.partners.length ? a.parties.partners.map(name).join(t('calls.listSep')) : t('calls.none')}</dd>
                <dt>{t('calls.pi')}</dt>
                <dd>{name(a.parties.pi)}</dd>
                <dt>{t('calls.members')}</dt>
                <dd>{a.parties.members.length ? a.parties.members.map(name).join(t('calls.listSep')) : t('calls.none')}</dd>
              </dl>
            </section>

            <section className="kc-report-section">
              <h2>{t('calls.agreement.subject')}</h2>
              <p className="kc-calls-prose">{a.subject.problem ?? t('calls.none')}</p>
              <p className="kc-small kc-muted">
                {t('calls.agreement.subjectLine', { fields: a.subject.fieldCodes.join(', ') || t('calls.none'), chain: a.subject.chainPosition ?? t('calls.none'), trl: a.subject.trlExpected ?? t('calls.none') })}
              </p>
              <h3>{t('calls.plan')}</h3>
              <p className="kc-calls-prose">{a.subject.plan ?? t('calls.none')}</p>
            </section>

            <section className="kc-report-section">
              <h2>{t('calls.agreement.criteria')}</h2>
              <table className="kc-simple-table" data-testid="agreement-criteria">
                <thead>
                  <tr>
                    <th>{t('calls.agreement.metric')}</th>
                    <th>{t('calls.agreement.threshold')}</th>
                    <th>{t('calls.agreement.testMethod')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.acceptanceCriteria.map((c, i) => (
                    <tr key={i}>
                      <td>{c.metric}</td>
                      <td>
                        {c.comparator} {c.threshold} {c.unit}
                      </td>
                      <td>{c.testMethod}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className="kc-report-section">
              <h2>{t('calls.agreement.milestonesAndFunding')}</h2>
              <p>
                {t('calls.awardAmount')}
                {t('calls.colon')}
                <strong data-testid="agreement-award">{formatMoney(a.funding.awardAmount, a.funding.currency, t)}</strong>
                {a.funding.selfFunded ? ` · ${t('calls.selfFundedLine', { amount: formatMoney(a.funding.selfFunded, a.funding.currency, t) })}` : ''}
              </p>
              <table className="kc-simple-table" data-testid="agreement-milestones">
                <thead>
                  <tr>
                    <th>{t('calls.milestones')}</th>
                    <th>{t('calls.dueOn')}</th>
                    <th>{t('calls.deliverable')}</th>
                    <th>{t('calls.verification')}</th>
                    <th>{t('calls.tranche')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.milestones.map((m) => (
                    <tr key={m.position}>
                      <td>{m.title}</td>
                      <td>{formatDate(m.dueOn, t)}</td>
                      <td>{m.deliverable}</td>
                      <td>{m.verification}</td>
                      <td>
                        {m.trancheShare}%{m.trancheAmount !== null ? ` · ${formatMoney(m.trancheAmount, a.funding.currency, t)}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className="kc-report-section">
              <h2>{t('calls.agreement.ip')}</h2>
              {a.ipTerms ? (
                <>
                  <p>
                    <strong>{ipTemplateLabel(t, a.ipTerms.template)}</strong>
                  </p>
                  <p className="kc-calls-prose">{ipTemplateText(t, a.ipTerms.template, a.ipTerms.text)}</p>
                  <p className="kc-small kc-muted">{t('calls.agreement.frozenAt', { at: formatDateTime(a.ipTerms.frozenAt, locale) })}</p>
                </>
              ) : (
                <p>{t('calls.none')}</p>
              )}
            </section>

            <section className="kc-report-section">
              <h2>{t('calls.agreement.acceptanceAndTermination')}</h2>
              <p className="kc-calls-prose">{t('calls.agreement.acceptanceText')}</p>
              {a.decision.memo && (
                <p className="kc-small kc-muted">
                  {t('calls.agreement.decisionMemo')}
                  {t('calls.colon')}
                  {a.decision.memo}
                </p>
              )}
            </section>

            <section className="kc-report-section kc-agreement-signatures">
              <h2>{t('calls.agreement.signatures')}</h2>
              <div className="kc-calls-grid">
                <p>
                  {t('calls.agreement.demandOwner')}
                  {t('calls.colon')}
                  {name(a.parties.demandOwner)}
                  <br />
                  {t('calls.agreement.signedOn')}
                </p>
                <p>
                  {t('calls.lead')}
                  {t('calls.colon')}
                  {name(a.parties.lead)}
                  <br />
                  {t('calls.agreement.signedOn')}
                </p>
              </div>
            </section>
          </article>
        )}
      </QueryState>
    </div>
  );
};

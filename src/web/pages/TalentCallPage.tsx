import { Button, DatePicker, Form, Input, InputNumber, Modal, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { validUntil } from '../../core/talent/credential.js';
import { useCentreToday, useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate } from '../modules/calls/utils/labels.js';
import { useApplyMutation, useIssueCredentialMutation, useTalentApplicationsQuery, useTalentCallQuery, type Answers, type TalentApplication, type TalentCall } from '../modules/talent/hooks.js';
import { categoryLabel, talentIssueText } from '../modules/talent/labels.js';
import { Simulator } from '../modules/talent/Simulator.js';
import { SourceLinks } from '../modules/talent/SourceLinks.js';
import { TalentTabs } from '../modules/talent/TalentTabs.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/talent/talent.css';

type DateValue = { format: (f: string) => string } | null | undefined;
const iso = (d: DateValue): string => (d ? d.format('YYYY-MM-DD') : '');

const SchemePanel = ({ call }: { call: TalentCall }) => {
  const { t, locale } = useI18n();
  const s = call.scheme;
  return (
    <Panel title={t('talent.scheme.title')} data-testid="talent-scheme">
      <p data-testid="talent-scheme-summary">{t('talent.scheme.summary', { threshold: formatNumber(s.threshold, locale), wp: s.weights.personal, we: s.weights.enterprise })}</p>
      {s.template === 'zgc_merit_points' && (
        <p className="kc-muted kc-talent-source" data-testid="talent-template">
          {t('talent.scheme.template')}
          <SourceLinks urls={s.sourceUrls} />
        </p>
      )}
      {s.sourceNote && <p className="kc-muted kc-talent-source">{s.sourceNote}</p>}
      {call.gateText.length > 0 && (
        <>
          <strong>{t('talent.scheme.gates')}</strong>
          <ul>
            {call.gateText.map((g) => {
              const gate = s.gates.find((x) => x.id === g.id);
              return (
                <li key={g.id}>
                  {gate ? (locale === 'zh-CN' ? gate.labelZh : gate.labelEn) : g.id}
                  <span className="kc-muted kc-small">{locale === 'zh-CN' ? `（${g.zh}）` : ` (${g.en})`}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Panel>
  );
};

const ApplyPanel = ({ call, centreId, answers }: { call: TalentCall; centreId: string; answers: Answers }) => {
  const { t } = useI18n();
  const apply = useApplyMutation(centreId, call.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<TalentApplication | null>(null);
  const submit = async () => {
    const v = (await form.validateFields()) as { nameZh?: string; nameEn: string; statement: string; supportRequested: number; firstReportDue: DateValue };
    setError(null);
    try {
      setDone(await apply.mutateAsync({ nameZh: v.nameZh?.trim() || null, nameEn: v.nameEn, statement: v.statement, supportRequested: v.supportRequested, firstReportDue: iso(v.firstReportDue), answers }));
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => (['nameZh', 'nameEn', 'statement', 'supportRequested', 'firstReportDue'].includes(path) ? [path] : null), talentIssueText));
    }
  };
  if (done)
    return (
      <Panel title={t('talent.apply.title')} data-testid="talent-apply">
        <p role="status" data-testid="talent-applied" data-state={done.state}>
          {t('talent.apply.done', { state: t(`talent.appState.${done.state === 'eligible' || done.state === 'submitted' || done.state === 'ineligible' ? done.state : 'other'}`) })}
        </p>
        <Link to="/talent/credentials">{t('talent.apply.mine')}</Link>
      </Panel>
    );
  return (
    <Panel title={t('talent.apply.title')} data-testid="talent-apply">
      <p className="kc-muted kc-small">{t('talent.apply.hint')}</p>
      <Form form={form} layout="vertical" className="kc-talent-form">
        <Form.Item name="nameZh" label={t('talent.apply.nameZh')}>
          <Input data-testid="talent-apply-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('talent.apply.nameEn')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
          <Input data-testid="talent-apply-name-en" />
        </Form.Item>
        <Form.Item name="statement" label={t('talent.apply.statement')} extra={t('talent.apply.statementHint')} rules={[{ required: true, min: 20, message: t('talent.apply.statementShort') }]}>
          <Input.TextArea rows={4} data-testid="talent-apply-statement" />
        </Form.Item>
        <Form.Item name="supportRequested" label={t('talent.apply.support')} rules={[{ required: true, message: t('talent.apply.required') }]}>
          <InputNumber min={1} style={{ width: 220 }} addonAfter={t('talent.yuan')} data-testid="talent-apply-support" />
        </Form.Item>
        <Form.Item name="firstReportDue" label={t('talent.apply.reportDue')} extra={t('talent.apply.reportDueHint')} rules={[{ required: true, message: t('talent.apply.required') }]}>
          <DatePicker data-testid="talent-apply-report" />
        </Form.Item>
        {error && (
          <div className="kc-calls-error" role="alert" data-testid="talent-apply-error">
            {error}
          </div>
        )}
        <Button type="primary" onClick={() => void submit()} loading={apply.isPending} data-testid="talent-apply-submit">
          {t('talent.apply.submit')}
        </Button>
      </Form>
    </Panel>
  );
};

const IssueDialog = ({ app, call, centreId, onClose }: { app: TalentApplication; call: TalentCall; centreId: string; onClose: () => void }) => {
  const { t } = useI18n();
  const issue = useIssueCredentialMutation(centreId);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const from = useCentreToday();
  const submit = async () => {
    const v = (await form.validateFields()) as { awardAmount?: number; validFrom: string; validTo: string; note?: string };
    setError(null);
    try {
      await issue.mutateAsync({ applicationId: app.applicationId, ...(v.awardAmount ? { awardAmount: v.awardAmount } : {}), validFrom: v.validFrom, validTo: v.validTo, note: v.note?.trim() || null });
      onClose();
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => (['awardAmount', 'validFrom', 'validTo', 'note'].includes(path) ? [path] : null), talentIssueText));
    }
  };
  const awarded = app.state === 'awarded' || app.state === 'completed';
  return (
    <Modal open title={t('talent.issue.title')} onCancel={onClose} onOk={() => void submit()} okText={t('talent.issue.ok')} confirmLoading={issue.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'talent-issue-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" initialValues={{ validFrom: from, validTo: call.validityYears ? validUntil(from, call.validityYears) : '' }}>
        {!awarded && (
          <Form.Item name="awardAmount" label={t('talent.issue.amount')} extra={t('talent.issue.amountHint')} rules={[{ required: true, message: t('talent.apply.required') }]}>
            <InputNumber min={1} style={{ width: 220 }} addonAfter={t('talent.yuan')} data-testid="talent-issue-amount" />
          </Form.Item>
        )}
        <Form.Item name="validFrom" label={t('talent.issue.from')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('talent.issue.dateFormat') }]}>
          <Input data-testid="talent-issue-from" placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="validTo" label={t('talent.issue.to')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('talent.issue.dateFormat') }]}>
          <Input data-testid="talent-issue-to" placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item name="note" label={t('talent.issue.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {error && (
          <div className="kc-calls-error" role="alert">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
};

const ApplicationsPanel = ({ call, centreId }: { call: TalentCall; centreId: string }) => {
  const { t, locale } = useI18n();
  const apps = useTalentApplicationsQuery(centreId, call.id, true);
  const [issuing, setIssuing] = useState<TalentApplication | null>(null);
  return (
    <Panel title={t('talent.apps.title')} data-testid="talent-applications">
      <QueryState isLoading={apps.isLoading} error={apps.error} onRetry={() => void apps.refetch()} isEmpty={(apps.data?.items ?? []).length === 0} emptyText={t('talent.apps.empty')}>
        <Table<TalentApplication>
          size="small"
          rowKey="applicationId"
          pagination={false}
          dataSource={apps.data?.items ?? []}
          columns={[
            { title: t('talent.apps.person'), key: 'person', render: (_, a) => <span data-testid="talent-app-person">{pickName(a.person, locale)}</span> },
            { title: t('talent.apps.employer'), key: 'employer', render: (_, a) => (a.employer ? pickName(a.employer, locale) : '—') },
            {
              title: t('talent.apps.self'),
              key: 'self',
              render: (_, a) => `${t(`talent.result.${a.selfAssessment.result}`)} · ${formatNumber(a.selfAssessment.total.min, locale, 1)}${a.selfAssessment.total.max !== a.selfAssessment.total.min ? `–${formatNumber(a.selfAssessment.total.max, locale, 1)}` : ''}`,
            },
            { title: t('talent.apps.state'), key: 'state', render: (_, a) => <span data-testid="talent-app-state" data-state={a.state}>{t(`talent.appState.${(['draft', 'submitted', 'eligible', 'ineligible', 'under_review', 'shortlisted', 'awarded', 'rejected'] as const).find((s) => s === a.state) ?? 'other'}`)}</span> },
            {
              title: t('talent.apps.actions'),
              key: 'actions',
              render: (_, a) =>
                a.credentialId ? (
                  <Chip tone="accent">{t('talent.apps.credentialIssued')}</Chip>
                ) : (
                  <span className="kc-small">
                    <Link to={`/calls/applications/${encodeURIComponent(a.applicationId)}`}>{t('talent.apps.review')}</Link>
                    {['under_review', 'shortlisted', 'awarded'].includes(a.state) && (
                      <>
                        {' · '}
                        <Button size="small" type="primary" onClick={() => setIssuing(a)} data-testid="talent-issue">
                          {t(a.state === 'awarded' ? 'talent.apps.issue' : 'talent.apps.awardIssue')}
                        </Button>
                      </>
                    )}
                  </span>
                ),
            },
          ]}
        />
      </QueryState>
      {issuing && <IssueDialog app={issuing} call={call} centreId={centreId} onClose={() => setIssuing(null)} />}
    </Panel>
  );
};

/** One talent call: its terms and published scheme, the self-assessment, the application; officers see applications and issue credentials. */
export const TalentCallPage = () => {
  const { callId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const query = useTalentCallQuery(centre.id, callId);
  const [answers, setAnswers] = useState<Answers>({});
  const call = query.data;
  return (
    <div className="kc-talent" data-testid="talent-call-page">
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {call && (
          <>
            <PageHeader
              title={
                <span data-testid="talent-call-title">
                  {pickTitle(call, locale)} <SampleTag isSample={call.isSample} />
                </span>
              }
              intro={call.problem ?? undefined}
            />
            <TalentTabs active="calls" />
            <p className="kc-talent-card-meta">
              <Chip tone="info">{categoryLabel(t, call.category)}</Chip>
              <Chip>{t(call.mode === 'nomination' ? 'talent.mode.nomination' : 'talent.mode.application')}</Chip>
              <span className="kc-muted kc-small">
                {t('talent.call.owner', { owner: pickName(call.owner, locale) })}
                {call.deadline ? ` · ${t('talent.calls.deadline', { date: formatDate(call.deadline, t) })}` : ''}
                {call.validityYears ? ` · ${t('talent.call.validity', { years: call.validityYears })}` : ''}
              </span>
            </p>
            {can('calls:manage') && (call.state === 'draft' || call.state === 'internal_review') && (
              <div className="kc-calls-warning" role="status" data-testid="talent-call-draft" data-state={call.state}>
                {t('talent.call.draftNotice', { state: t(call.state === 'draft' ? 'talent.callState.draft' : 'talent.callState.internal_review') })}{' '}
                <Link to={`/calls/${encodeURIComponent(call.id)}`} data-testid="talent-call-open-in-calls">
                  {t('talent.call.openInCalls')}
                </Link>
              </div>
            )}
            <SchemePanel call={call} />
            <Simulator call={call} centreId={centre.id} onChange={(a) => setAnswers(a)} />
            {call.state === 'published' && user && can('calls:apply') && <ApplyPanel call={call} centreId={centre.id} answers={answers} />}
            {call.state === 'published' && !user && (
              <p className="kc-muted" data-testid="talent-sign-in">
                <Link to={`/login?next=${encodeURIComponent(`/talent/calls/${call.id}`)}`}>{t('talent.apply.signIn')}</Link>
              </p>
            )}
            {can('calls:manage') && <ApplicationsPanel call={call} centreId={centre.id} />}
          </>
        )}
      </QueryState>
    </div>
  );
};

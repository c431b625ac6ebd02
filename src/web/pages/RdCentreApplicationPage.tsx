import { Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import type { MessageKey } from '../i18n/keys.js';
import { pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { applicationStateLabel, formatDate } from '../modules/calls/utils/labels.js';
import { applicationPath } from '../modules/calls/utils/paths.js';
import { BilingualText } from '../modules/rdcentres/BilingualText.js';
import { CriteriaList } from '../modules/rdcentres/CriteriaList.js';
import {
  useHireMutation,
  useHousekeeperMutation,
  useHousekeepersQuery,
  useRdApplicationQuery,
  useRecogniseMutation,
  useRecognitionQuery,
  useRevokeMutation,
  useSupportMutation,
  useTranslateMutation,
  type RdApplication,
  type RecognitionDetail,
} from '../modules/rdcentres/hooks.js';
import { rdIssueText, yuan } from '../modules/rdcentres/labels.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { RD_SUPPORT_MEASURES } from '../../shared/schemas/rdcentres.js';
import '../modules/rdcentres/rdcentres.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

const yesNoText = (v: boolean | null, t: ReturnType<typeof useI18n>['t']) => (v === null ? t('rdcentres.notAnswered') : v ? t('rdcentres.yes') : t('rdcentres.no'));

const Facts = ({ a }: { a: RdApplication }) => {
  const { t, locale } = useI18n();
  const f = a.facts;
  return (
    <dl className="kc-rd-facts" data-testid="rd-facts">
      <dt>{t('rdcentres.field.centreType')}</dt>
      <dd>{t(`rdcentres.type.${a.centreType}` as MessageKey)}</dd>
      <dt>{t('rdcentres.fact.foreignShare')}</dt>
      <dd>{f.foreignShare === null ? t('rdcentres.notAnswered') : `${f.foreignShare} %`}</dd>
      {(['investorMainlyOverseas', 'registeredInChina', 'naturalSciencesRd', a.centreType === 'innovation_centre' ? 'independentTeam' : 'openServices'] as const).map((k) => (
        <FactRow key={k} label={t(`rdcentres.fact.${k}` as MessageKey)} value={yesNoText(f[k], t)} />
      ))}
      <dt>{t('rdcentres.field.head')}</dt>
      <dd>{a.head ? <Link to={`/registry/${encodeURIComponent(a.head.id)}`}>{pickName(a.head, locale)}</Link> : t('rdcentres.none')}</dd>
      <dt>{t('rdcentres.field.plannedRdSpend')}</dt>
      <dd>{yuan(a.plannedRdSpend, t)}</dd>
      <dt>{t('rdcentres.field.awardAmount')}</dt>
      <dd>{yuan(a.awardAmount, t)}</dd>
    </dl>
  );
};
const FactRow = ({ label, value }: { label: string; value: string }) => (
  <>
    <dt>{label}</dt>
    <dd>{value}</dd>
  </>
);

const TranslationPanel = ({ a }: { a: RdApplication }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const save = useTranslateMutation(centre.id, a.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const side = a.name.original === 'en' ? 'Zh' : 'En';
  if (a.name[side === 'Zh' ? 'zh' : 'en'] !== null && a.description[side === 'Zh' ? 'zh' : 'en'] !== null) return null;
  return (
    <Panel title={t('rdcentres.translate.title')} data-testid="rd-translate">
      <p className="kc-muted kc-small">{t(side === 'Zh' ? 'rdcentres.translate.hintZh' : 'rdcentres.translate.hintEn')}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: Record<string, string>) => {
          setError(null);
          save.mutateAsync({ version: a.version, [`name${side}`]: v['name'] || null, [`description${side}`]: v['description'] || null }).catch((e: unknown) => setError(placeIssues(form, e, t, () => null, rdIssueText)));
        }}
      >
        <Form.Item name="name" label={t(side === 'Zh' ? 'rdcentres.field.nameZh' : 'rdcentres.field.nameEn')}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t(side === 'Zh' ? 'rdcentres.field.descriptionZh' : 'rdcentres.field.descriptionEn')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {error && <div className="kc-rd-error" role="alert">{error}</div>}
        <Button htmlType="submit" loading={save.isPending}>
          {t('rdcentres.translate.save')}
        </Button>
      </Form>
    </Panel>
  );
};

const RecognisePanel = ({ a }: { a: RdApplication }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const recognise = useRecogniseMutation(centre.id, a.id);
  const keepers = useHousekeepersQuery(centre.id, true).data?.items ?? [];
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  return (
    <Panel title={t('rdcentres.recognise.title')} data-testid="rd-recognise">
      <p className="kc-muted kc-small">{t('rdcentres.recognise.hint', { amount: yuan(a.awardAmount, t) })}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { validFrom: string; validTo: string; decisionRef: string; housekeeperUserId?: string }) => {
          setError(null);
          recognise.mutateAsync({ version: a.version, validFrom: v.validFrom, validTo: v.validTo, decisionRef: v.decisionRef, housekeeperUserId: v.housekeeperUserId ?? null }).catch((e: unknown) => setError(placeIssues(form, e, t, (p) => (['validFrom', 'validTo', 'decisionRef', 'housekeeperUserId'].includes(p) ? [p] : null), rdIssueText)));
        }}
      >
        <div className="kc-rd-inline-form">
          <Form.Item name="validFrom" label={t('rdcentres.recognition.validFrom')} rules={[{ required: true, pattern: DATE, message: t('rdcentres.dateFormat') }]}>
            <Input placeholder="YYYY-MM-DD" data-testid="rd-valid-from" />
          </Form.Item>
          <Form.Item name="validTo" label={t('rdcentres.recognition.validTo')} rules={[{ required: true, pattern: DATE, message: t('rdcentres.dateFormat') }]}>
            <Input placeholder="YYYY-MM-DD" data-testid="rd-valid-to" />
          </Form.Item>
          <Form.Item name="decisionRef" label={t('rdcentres.recognition.decisionRef')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="rd-decision-ref" />
          </Form.Item>
        </div>
        <Form.Item name="housekeeperUserId" label={t('rdcentres.recognition.housekeeper')} extra={t('rdcentres.recognition.housekeeperHint')}>
          <Select allowClear style={{ maxWidth: 320 }} data-testid="rd-housekeeper" options={keepers.map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
        {error && <div className="kc-rd-error" role="alert" data-testid="rd-recognise-error">{error}</div>}
        <Button type="primary" htmlType="submit" loading={recognise.isPending} data-testid="rd-recognise-submit">
          {t('rdcentres.recognise.submit')}
        </Button>
      </Form>
    </Panel>
  );
};

const statusTone = { active: 'accent', expired: 'default', revoked: 'warning' } as const;

const RecognitionPanel = ({ detail }: { detail: RecognitionDetail }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const r = detail.recognition;
  const support = useSupportMutation(centre.id, r.id);
  const hire = useHireMutation(centre.id, r.id);
  const revoke = useRevokeMutation(centre.id, r.id);
  const keeper = useHousekeeperMutation(centre.id, r.id);
  const keepers = useHousekeepersQuery(centre.id, detail.canManage).data?.items ?? [];
  const [supportForm] = Form.useForm();
  const [hireForm] = Form.useForm();
  const [revokeForm] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const fail = (form: ReturnType<typeof Form.useForm>[0], fields: string[]) => (e: unknown) => setError(placeIssues(form, e, t, (p) => (fields.includes(p) ? [p] : null), rdIssueText));
  const o = detail.outputs;
  return (
    <>
      <Panel title={t('rdcentres.recognition.title')} data-testid="rd-recognition">
        <dl className="kc-rd-facts">
          <dt>{t('rdcentres.recognition.status')}</dt>
          <dd>
            <Chip tone={statusTone[r.status]}>{t(`rdcentres.status.${r.status}` as MessageKey)}</Chip> <SampleTag isSample={r.isSample} />
          </dd>
          <dt>{t('rdcentres.recognition.validity')}</dt>
          <dd data-testid="rd-validity">
            {r.validFrom} – {r.validTo ?? t('rdcentres.none')}
          </dd>
          <dt>{t('rdcentres.recognition.decisionRef')}</dt>
          <dd>{r.decisionRef}</dd>
          <dt>{t('rdcentres.field.organisation')}</dt>
          <dd>
            <Link to={`/registry/${encodeURIComponent(r.entity.id)}`} data-testid="rd-org-link">
              {pickName(r.entity, locale)}
            </Link>
          </dd>
          <dt>{t('rdcentres.recognition.housekeeper')}</dt>
          <dd>
            {detail.canManage ? (
              <Select allowClear style={{ minWidth: 240 }} value={r.housekeeper?.id} options={keepers.map((u) => ({ value: u.id, label: u.displayName }))} onChange={(userId?: string) => keeper.mutateAsync({ version: r.version, userId: userId ?? null }).catch((e: unknown) => setError(rdIssueText({ in: 'body', path: '', reason: String((e as { code?: string }).code ?? ''), message: '' } as never, t)))} />
            ) : (
              (r.housekeeper?.displayName ?? t('rdcentres.none'))
            )}
          </dd>
          {r.revokedOn && (
            <>
              <dt>{t('rdcentres.recognition.revokedOn')}</dt>
              <dd>
                {r.revokedOn} · {r.revokeReason}
              </dd>
            </>
          )}
        </dl>
        {error && <div className="kc-rd-error" role="alert">{error}</div>}
      </Panel>
      <Panel title={t('rdcentres.support.title')} data-testid="rd-support">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.support}
          locale={{ emptyText: t('rdcentres.support.empty') }}
          columns={[
            { title: t('rdcentres.support.measure'), render: (_, s) => t(`rdcentres.measure.${s.measure}` as MessageKey) },
            { title: t('rdcentres.support.amount'), render: (_, s) => yuan(s.amount, t) },
            { title: t('rdcentres.support.grantedOn'), dataIndex: 'grantedOn' },
            { title: t('rdcentres.recognition.decisionRef'), dataIndex: 'decisionRef' },
            { title: t('rdcentres.support.note'), render: (_, s) => s.note ?? '' },
          ]}
        />
        {detail.canManage && r.status !== 'revoked' && (
          <Form form={supportForm} layout="inline" className="kc-rd-inline-form" style={{ marginTop: 12 }} onFinish={(v: Record<string, unknown>) => { setError(null); support.mutateAsync({ ...v, note: v['note'] || null }).then(() => supportForm.resetFields(), fail(supportForm, ['measure', 'amount', 'grantedOn', 'decisionRef', 'note'])); }}>
            <Form.Item name="measure" rules={[{ required: true }]}>
              <Select placeholder={t('rdcentres.support.measure')} style={{ width: 220 }} options={RD_SUPPORT_MEASURES.map((m) => ({ value: m, label: t(`rdcentres.measure.${m}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item name="amount" rules={[{ required: true }]}>
              <InputNumber min={0} placeholder={t('rdcentres.support.amountYuan')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="grantedOn" rules={[{ required: true, pattern: DATE, message: t('rdcentres.dateFormat') }]}>
              <Input placeholder={t('rdcentres.support.grantedOn')} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="decisionRef" rules={[{ required: true, whitespace: true }]}>
              <Input placeholder={t('rdcentres.recognition.decisionRef')} />
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder={t('rdcentres.support.note')} />
            </Form.Item>
            <Button htmlType="submit" loading={support.isPending}>
              {t('rdcentres.support.add')}
            </Button>
          </Form>
        )}
      </Panel>
      <Panel title={t('rdcentres.assessment.title')} data-testid="rd-assessment">
        <p className="kc-muted kc-small">{t('rdcentres.assessment.window', { from: o.assessment.from, to: o.assessment.to })}</p>
        <Table
          rowKey="metric"
          size="small"
          pagination={false}
          dataSource={o.assessment.lines}
          columns={[
            { title: t('rdcentres.assessment.metric'), render: (_, l) => t(`rdcentres.metric.${l.metric}` as MessageKey) },
            { title: t('rdcentres.assessment.value'), dataIndex: 'value' },
            { title: t('rdcentres.assessment.floor'), render: (_, l) => (l.threshold === null ? t('rdcentres.none') : `≥ ${l.threshold}`) },
            { title: '', render: (_, l) => (l.met === null ? null : <Chip tone={l.met ? 'accent' : 'warning'}>{t(l.met ? 'rdcentres.assessment.lineMet' : 'rdcentres.assessment.lineNotMet')}</Chip>) },
          ]}
        />
        <p data-testid="rd-assessment-outcome">
          <strong>{t(`rdcentres.assessment.${o.assessment.outcome}` as MessageKey)}</strong>
        </p>
        <h3 className="kc-small">{t('rdcentres.outputs.joint')}</h3>
        <Table
          rowKey="applicationId"
          size="small"
          pagination={false}
          dataSource={o.jointProjects}
          locale={{ emptyText: t('rdcentres.outputs.none') }}
          columns={[
            { title: t('rdcentres.outputs.project'), render: (_, p) => <Link to={applicationPath(p.applicationId)}>{p.title}</Link> },
            { title: t('rdcentres.outputs.partners'), render: (_, p) => p.partners.map((x) => pickName(x, locale)).join(t('common.listSeparator')) },
            { title: t('rdcentres.outputs.year'), render: (_, p) => p.year ?? '' },
          ]}
        />
        <h3 className="kc-small">{t('rdcentres.outputs.contracts')}</h3>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.localContracts}
          locale={{ emptyText: t('rdcentres.outputs.none') }}
          columns={[
            { title: t('rdcentres.outputs.contract'), render: (_, c) => <Link to={`/contracts/registry/${encodeURIComponent(c.id)}`}>{c.title}</Link> },
            { title: t('rdcentres.outputs.counterparty'), render: (_, c) => pickName(c.buyer, locale) },
            { title: t('rdcentres.outputs.technicalAmount'), render: (_, c) => yuan(c.technicalAmount, t) },
            { title: t('rdcentres.outputs.registeredOn'), dataIndex: 'registeredOn' },
          ]}
        />
        <h3 className="kc-small">{t('rdcentres.outputs.hires')}</h3>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={o.hires}
          locale={{ emptyText: t('rdcentres.outputs.none') }}
          columns={[
            { title: t('rdcentres.outputs.period'), render: (_, h) => `${h.periodFrom} – ${h.periodTo}` },
            { title: t('rdcentres.outputs.count'), dataIndex: 'count' },
            { title: t('rdcentres.support.note'), render: (_, h) => h.note ?? '' },
          ]}
        />
        {detail.canRecordHires && r.status !== 'revoked' && (
          <Form form={hireForm} layout="inline" className="kc-rd-inline-form" style={{ marginTop: 12 }} onFinish={(v: Record<string, unknown>) => { setError(null); hire.mutateAsync({ ...v, note: v['note'] || null }).then(() => hireForm.resetFields(), fail(hireForm, ['periodFrom', 'periodTo', 'count', 'note'])); }} data-testid="rd-hire-form">
            <Form.Item name="periodFrom" rules={[{ required: true, pattern: MONTH, message: t('rdcentres.monthFormat') }]}>
              <Input placeholder={t('rdcentres.outputs.from')} style={{ width: 120 }} data-testid="rd-hire-from" />
            </Form.Item>
            <Form.Item name="periodTo" rules={[{ required: true, pattern: MONTH, message: t('rdcentres.monthFormat') }]}>
              <Input placeholder={t('rdcentres.outputs.to')} style={{ width: 120 }} data-testid="rd-hire-to" />
            </Form.Item>
            <Form.Item name="count" rules={[{ required: true }]}>
              <InputNumber min={1} placeholder={t('rdcentres.outputs.count')} data-testid="rd-hire-count" />
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder={t('rdcentres.support.note')} />
            </Form.Item>
            <Button htmlType="submit" loading={hire.isPending} data-testid="rd-hire-submit">
              {t('rdcentres.outputs.addHires')}
            </Button>
          </Form>
        )}
      </Panel>
      {detail.canManage && r.status !== 'revoked' && (
        <Panel title={t('rdcentres.revoke.title')} data-testid="rd-revoke">
          <Form form={revokeForm} layout="inline" className="kc-rd-inline-form" onFinish={(v: { effectiveOn: string; reason: string }) => { setError(null); revoke.mutateAsync({ version: r.version, ...v }).catch(fail(revokeForm, ['effectiveOn', 'reason'])); }}>
            <Form.Item name="effectiveOn" rules={[{ required: true, pattern: DATE, message: t('rdcentres.dateFormat') }]}>
              <Input placeholder={t('rdcentres.revoke.effectiveOn')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="reason" rules={[{ required: true, whitespace: true }]}>
              <Input placeholder={t('rdcentres.revoke.reason')} style={{ width: 360 }} />
            </Form.Item>
            <Button danger htmlType="submit" loading={revoke.isPending}>
              {t('rdcentres.revoke.submit')}
            </Button>
          </Form>
        </Panel>
      )}
    </>
  );
};

/**
 * One application for recognition: the centre's texts in both languages
 * (untranslated sides marked), its facts and evidence with the criteria,
 * the engine's review state; for officers, translation and recognition; once
 * recognised, the credential, support, outputs and the comprehensive assessment.
 */
export const RdCentreApplicationPage = () => {
  const { applicationId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useRdApplicationQuery(centre.id, applicationId);
  const a = query.data;
  const recognition = useRecognitionQuery(centre.id, a?.recognition?.id ?? null);
  return (
    <div className="kc-rd" data-testid="rd-application-page">
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {a && (
          <>
            <PageHeader
              title={<BilingualText text={a.name} testId="rd-title" />}
              intro={`${pickName(a.organisation, locale)} · ${pickTitle({ titleZh: a.roundTitleZh, titleEn: a.roundTitleEn }, locale)}`}
              extra={<Link to="/rd-centres">{t('rdcentres.back')}</Link>}
            />
            <Panel title={t('rdcentres.application.review')} data-testid="rd-review-state">
              <span>
                <Chip tone="info">{a.recognition ? t('rdcentres.recognised') : applicationStateLabel(t, a.state)}</Chip> <SampleTag isSample={a.isSample} />{' '}
                <span className="kc-muted kc-small">{t('rdcentres.application.submittedOn', { date: formatDate(a.submittedAt, t) })}</span>{' '}
                <Link to={applicationPath(a.id)} data-testid="rd-engine-link">
                  {t('rdcentres.application.engine')}
                </Link>
              </span>
            </Panel>
            <div className="kc-rd-grid">
              <div className="kc-rd">
                <Panel title={t('rdcentres.application.description')}>
                  <BilingualText text={a.description} block testId="rd-description" />
                </Panel>
                <Panel title={t('rdcentres.application.facts')}>
                  <Facts a={a} />
                </Panel>
                <Panel title={t('rdcentres.apply.evidence')}>
                  <Table
                    rowKey={(e) => `${e.kind}-${e.title}`}
                    size="small"
                    pagination={false}
                    dataSource={a.evidence}
                    data-testid="rd-evidence"
                    columns={[
                      { title: t('rdcentres.apply.kind'), render: (_, e) => t(`rdcentres.evidence.${e.kind}` as MessageKey) },
                      { title: t('rdcentres.apply.docTitle'), render: (_, e) => <span lang={e.language === 'en' ? 'en' : 'zh'}>{e.title}</span> },
                      { title: t('rdcentres.apply.reference'), render: (_, e) => e.reference ?? '' },
                      { title: t('rdcentres.apply.language'), render: (_, e) => (e.language === 'en' ? 'English' : '中文') },
                    ]}
                  />
                </Panel>
              </div>
              <div className="kc-rd">
                <Panel title={t('rdcentres.apply.check')}>
                  <CriteriaList check={a.criteria} testId="rd-criteria" />
                </Panel>
                {a.canTranslate && <TranslationPanel a={a} />}
              </div>
            </div>
            {a.canRecognise && <RecognisePanel a={a} />}
            {recognition.data && <RecognitionPanel detail={recognition.data} />}
          </>
        )}
      </QueryState>
    </div>
  );
};

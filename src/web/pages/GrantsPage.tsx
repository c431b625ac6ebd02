import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { IP_TEMPLATES } from '../../shared/schemas/calls.js';
import { GRANT_TRACKS } from '../../shared/schemas/grants.js';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useProgrammesQuery } from '../modules/calls/hooks/useCalls.js';
import { failureText, formatDate, ipTemplateLabel, STATE_TONE } from '../modules/calls/utils/labels.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { useApplyMutation, useCreateGrantCallMutation, useFundingSummaryQuery, useGrantCallsQuery, usePublishGrantCallMutation, type FundingSummary, type GrantCall } from '../modules/grants/hooks.js';
import { callStateText, grantIssueText, GrantsTabs, trackLabel, yuan } from '../modules/grants/parts.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/calls/calls.css';
import '../modules/grants/grants.css';

type Criterion = { label: string; weight: number };
type TrackValues = { on: boolean; descriptionZh?: string; review: Criterion[]; evaluation: Criterion[] };
type CallValues = { programmeId: string; ownerEntityId: string; titleZh?: string; titleEn: string; problem?: string; budget: number; deadline: string; ipTemplate: string; passMark: number; isSample?: boolean; tracks: Record<string, TrackValues> };

/** A criterion list as the engine's scoring form: each scored 0–10, weights as given (they must sum to 100). */
const toForm = (list: Criterion[]) => ({ aggregation: 'mean', overallThreshold: null, criteria: list.map((c, i) => ({ id: `c${i + 1}`, label: c.label, kind: 'numeric', min: 0, max: 10, weight: c.weight })) });

const CriteriaList = ({ name, label, testId }: { name: (string | number)[]; label: string; testId: string }) => {
  const { t } = useI18n();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="kc-gr-criteria" data-testid={testId}>
          <div className="kc-muted kc-small">{label}</div>
          {fields.map((f) => (
            <div key={f.key} className="kc-gr-criterion">
              <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: t('grants.call.criterionLabelRequired') }]}>
                <Input placeholder={t('grants.call.criterionLabel')} />
              </Form.Item>
              <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}>
                <InputNumber min={1} max={100} addonAfter="%" />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('grants.call.criterionRemove')} />
            </div>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ label: '', weight: 10 })}>
            {t('grants.call.criterionAdd')}
          </Button>
        </div>
      )}
    </Form.List>
  );
};

/** The API path of a refusal → the form field it belongs to. */
const callFieldFor = (path: string): (string | number)[] | null => {
  const m = /^tracks\.(\d+)\.(reviewForm|evaluationForm)/.exec(path);
  if (m) return null;
  const f = path.replace(/^call\./, '');
  return ['programmeId', 'titleZh', 'titleEn', 'problem', 'budget', 'deadline', 'ipTemplate'].includes(f) ? [f] : null;
};

const NewCallDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const programmes = (useProgrammesQuery(centre.id).data?.items ?? []).filter((p) => p.kind === 'grant');
  const create = useCreateGrantCallMutation(centre.id);
  const [form] = Form.useForm<CallValues>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const tracks = GRANT_TRACKS.filter((code) => v.tracks[code]?.on).map((code) => {
      const tv = v.tracks[code] as TrackValues;
      return { code, descriptionZh: tv.descriptionZh?.trim() || null, descriptionEn: null, reviewForm: toForm(tv.review ?? []), evaluationForm: toForm(tv.evaluation ?? []) };
    });
    if (tracks.length === 0) {
      setError(t('grants.call.trackRequired'));
      return;
    }
    try {
      await create.mutateAsync({
        call: {
          programmeId: v.programmeId,
          ownerEntityId: v.ownerEntityId,
          titleZh: v.titleZh?.trim() || null,
          titleEn: v.titleEn,
          problem: v.problem?.trim() || null,
          budget: v.budget,
          deadline: new Date(`${v.deadline}T23:59:59+08:00`).toISOString(),
          ipTemplate: v.ipTemplate,
          paymentSchedule: [{ label: t('grants.call.lumpSumTranche'), share: 100 }],
          acceptanceCriteria: [{ metric: t('grants.call.passMetric'), unit: t('grants.call.points'), comparator: '>=', threshold: v.passMark, testMethod: t('grants.call.passMethod') }],
          isSample: v.isSample ?? false,
        },
        tracks,
      });
      onClose();
    } catch (e) {
      setError(placeIssues(form, e, t, callFieldFor, grantIssueText));
    }
  };
  return (
    <Modal open={open} width={760} title={t('grants.call.newTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('grants.call.create')} confirmLoading={create.isPending} destroyOnHidden>
      {programmes.length === 0 ? (
        <p role="alert">{t('grants.call.programmeMissing')}</p>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ programmeId: programmes[0]?.id, ipTemplate: 'open_source', isSample: false, tracks: Object.fromEntries(GRANT_TRACKS.map((c) => [c, { on: true, review: [{ label: '', weight: 100 }], evaluation: [{ label: '', weight: 100 }] }])) }}
          data-testid="grant-call-form"
        >
          <div className="kc-gr-row">
            <Form.Item name="programmeId" label={t('grants.call.programme')} rules={[{ required: true }]}>
              <Select options={programmes.map((p) => ({ value: p.id, label: pickTitle(p, locale) }))} />
            </Form.Item>
            <Form.Item name="ownerEntityId" label={t('grants.call.owner')} rules={[{ required: true }]} extra={t('grants.call.ownerHint')}>
              <EntityPicker data-testid="grant-call-owner" />
            </Form.Item>
          </div>
          <div className="kc-gr-row">
            <Form.Item name="titleZh" label={t('grants.call.titleZh')}>
              <Input data-testid="grant-call-title-zh" />
            </Form.Item>
            <Form.Item name="titleEn" label={t('grants.call.titleEn')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="grant-call-title-en" />
            </Form.Item>
          </div>
          <Form.Item name="problem" label={t('grants.call.problem')} rules={[{ required: true, whitespace: true, min: 10 }]}>
            <Input.TextArea rows={2} data-testid="grant-call-problem" />
          </Form.Item>
          <div className="kc-gr-row">
            <Form.Item name="budget" label={t('grants.call.budget')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} data-testid="grant-call-budget" />
            </Form.Item>
            <Form.Item name="deadline" label={t('grants.call.deadline')} rules={[{ required: true }]}>
              <Input type="date" data-testid="grant-call-deadline" />
            </Form.Item>
            <Form.Item name="passMark" label={t('grants.call.passMark')} rules={[{ required: true }]} extra={t('grants.call.passMarkHint')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="grant-call-pass" />
            </Form.Item>
            <Form.Item name="ipTemplate" label={t('grants.call.ipTemplate')}>
              <Select options={Object.keys(IP_TEMPLATES).map((k) => ({ value: k, label: ipTemplateLabel(t, k) }))} />
            </Form.Item>
          </div>
          {GRANT_TRACKS.map((code) => (
            <fieldset key={code} className="kc-gr-track-edit" data-testid={`grant-track-${code}`}>
              <Form.Item name={['tracks', code, 'on']} valuePropName="checked">
                <Checkbox>
                  <strong>{trackLabel(t, code)}</strong>
                </Checkbox>
              </Form.Item>
              <Form.Item name={['tracks', code, 'descriptionZh']} label={t('grants.call.trackDescription')}>
                <Input />
              </Form.Item>
              <div className="kc-gr-row">
                <CriteriaList name={['tracks', code, 'review']} label={t('grants.call.reviewCriteria')} testId={`grant-track-${code}-review`} />
                <CriteriaList name={['tracks', code, 'evaluation']} label={t('grants.call.evaluationCriteria')} testId={`grant-track-${code}-evaluation`} />
              </div>
            </fieldset>
          ))}
          <Form.Item name="isSample" valuePropName="checked">
            <Checkbox data-testid="grant-call-sample">{t('grants.call.sample')}</Checkbox>
          </Form.Item>
          {error && (
            <div className="kc-gr-error" role="alert" data-testid="grant-call-error">
              {error}
            </div>
          )}
        </Form>
      )}
    </Modal>
  );
};

type ApplyValues = { title: string; piEntityId: string; plan: string; total: number; dueOn: string; deliverable: string };
const APPLY_FIELDS: Record<string, string> = { 'application.title': 'title', piEntityId: 'piEntityId', 'application.piEntityId': 'piEntityId', 'application.plan': 'plan', 'application.budget.total': 'total', 'application.budget': 'total', 'application.milestones.0.dueOn': 'dueOn', 'application.milestones.0.deliverable': 'deliverable', plan: 'plan', budget: 'total' };

const ApplyDialog = ({ call, track, onClose }: { call: GrantCall; track: string; onClose: () => void }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const apply = useApplyMutation(centre.id, call.id);
  const [form] = Form.useForm<ApplyValues>();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [draft, setDraft] = useState<{ id: string; version: number } | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await apply.mutateAsync({
        draft,
        track,
        application: { title: v.title, piEntityId: v.piEntityId, plan: v.plan, budget: { total: v.total, items: [] }, milestones: [{ title: t('grants.apply.finalMilestone'), deliverable: v.deliverable, verification: t('grants.apply.finalVerification'), dueOn: v.dueOn, trancheShare: 100 }] },
      });
      setDone(true);
    } catch (e) {
      const kept = (e as { draft?: { id: string; version: number } }).draft;
      if (kept) setDraft(kept);
      setError(placeIssues(form, e, t, (p) => (APPLY_FIELDS[p] ? [APPLY_FIELDS[p] as string] : null), grantIssueText));
    }
  };
  return (
    <Modal open title={t('grants.apply.title', { track: trackLabel(t, track) })} onCancel={onClose} onOk={() => (done ? onClose() : void submit())} okText={done ? t('grants.apply.close') : t('grants.apply.submit')} confirmLoading={apply.isPending} destroyOnHidden>
      {done ? (
        <p role="status" data-testid="grant-apply-done">
          {t('grants.apply.done')}
        </p>
      ) : (
        <Form form={form} layout="vertical" data-testid="grant-apply-form">
          <p className="kc-muted kc-small">{t('grants.apply.hint')}</p>
          <Form.Item name="title" label={t('grants.apply.projectTitle')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="grant-apply-title" />
          </Form.Item>
          <Form.Item name="piEntityId" label={t('grants.apply.pi')} rules={[{ required: true }]} extra={t('grants.apply.piHint')}>
            <EntityPicker category="person" data-testid="grant-apply-pi" />
          </Form.Item>
          <Form.Item name="plan" label={t('grants.apply.plan')} rules={[{ required: true, min: 20 }]}>
            <Input.TextArea rows={3} data-testid="grant-apply-plan" />
          </Form.Item>
          <div className="kc-gr-row">
            <Form.Item name="total" label={t('grants.apply.total')} rules={[{ required: true }]} extra={t('grants.apply.totalHint')}>
              <InputNumber min={1} style={{ width: '100%' }} data-testid="grant-apply-total" />
            </Form.Item>
            <Form.Item name="dueOn" label={t('grants.apply.dueOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="grant-apply-due" />
            </Form.Item>
          </div>
          <Form.Item name="deliverable" label={t('grants.apply.deliverable')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="grant-apply-deliverable" />
          </Form.Item>
          {error && (
            <div className="kc-gr-error" role="alert" data-testid="grant-apply-error">
              {error}
            </div>
          )}
        </Form>
      )}
    </Modal>
  );
};

const CallCard = ({ call, officer, applicant, onApply }: { call: GrantCall; officer: boolean; applicant: boolean; onApply: (track: string) => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const publish = usePublishGrantCallMutation(centre.id);
  const [error, setError] = useState<string | null>(null);
  const open = call.state === 'published' && (!call.deadline || new Date(call.deadline) > new Date());
  return (
    <Panel
      data-testid="grant-call"
      title={
        <span className="kc-gr-title">
          <Link to={`/calls/${encodeURIComponent(call.id)}`}>{pickTitle(call, locale)}</Link>
          <SampleTag isSample={call.isSample} />
          <Chip tone={STATE_TONE[call.state] ?? 'default'}>
            <span data-testid="grant-call-state" data-state={call.state}>
              {callStateText(t, call.state)}
            </span>
          </Chip>
        </span>
      }
      extra={
        <span className="kc-muted kc-small">
          {pickTitle(call.programme, locale)}
          {call.budget ? ` · ${t('grants.call.budgetShort', { amount: yuan(call.budget, t) })}` : ''}
          {call.deadline ? ` · ${t('grants.call.deadlineShort', { date: formatDate(call.deadline, t) })}` : ''}
        </span>
      }
    >
      {call.problem && <p className="kc-muted">{call.problem}</p>}
      <div className="kc-gr-tracks">
        {call.tracks.map((tr) => (
          <div key={tr.code} className="kc-gr-track" data-testid={`grant-track-card-${tr.code}`}>
            <div className="kc-gr-track-head">
              <strong>{trackLabel(t, tr.code)}</strong>
              {call.applications && <span className="kc-muted kc-small">{t('grants.call.applications', { count: call.applications[tr.code] })}</span>}
            </div>
            {tr.descriptionZh && locale === 'zh-CN' && <p className="kc-small">{tr.descriptionZh}</p>}
            {tr.descriptionEn && locale !== 'zh-CN' && <p className="kc-small">{tr.descriptionEn}</p>}
            <div className="kc-small">
              <div className="kc-muted">{t('grants.call.reviewCriteria')}</div>
              <ul className="kc-gr-list">
                {tr.reviewForm.criteria.map((c) => (
                  <li key={c.id}>
                    {c.label} · {c.weight}%
                  </li>
                ))}
              </ul>
              <div className="kc-muted">{t('grants.call.evaluationCriteria')}</div>
              <ul className="kc-gr-list">
                {tr.evaluationForm.criteria.map((c) => (
                  <li key={c.id}>
                    {c.label} · {c.weight}%
                  </li>
                ))}
              </ul>
            </div>
            {applicant && open && (
              <Button type="primary" size="small" onClick={() => onApply(tr.code)} data-testid={`grant-apply-${tr.code}`}>
                {t('grants.call.applyOnTrack')}
              </Button>
            )}
          </div>
        ))}
      </div>
      {officer && call.state === 'draft' && (
        <div className="kc-gr-actions">
          <Button
            type="primary"
            loading={publish.isPending}
            data-testid="grant-call-publish"
            onClick={async () => {
              setError(null);
              try {
                await publish.mutateAsync(call.id);
              } catch (e) {
                setError(failureText(e, t));
              }
            }}
          >
            {t('grants.call.publish')}
          </Button>
          {error && (
            <span className="kc-gr-error" role="alert">
              {error}
            </span>
          )}
        </div>
      )}
    </Panel>
  );
};

type Published = FundingSummary['published'][number];
/** A published figure in the viewer's language: the number and unit rebuilt from the record, never the source's English wording. */
const publishedValue = (p: Published, t: ReturnType<typeof useI18n>['t']): string => {
  const ratio = /^\d+(\.\d+)?\s*:\s*\d+(\.\d+)?/.exec(p.valueAsGiven ?? '')?.[0];
  if (p.indicatorCode === 'nsf_fiscal_external_ratio' && ratio) return ratio.replace(/\s/g, '');
  if (p.value === null) return p.valueAsGiven ?? t('grants.none');
  if (p.indicatorCode === 'nsf_external_funding' && /million/i.test(p.unit ?? '')) return t('grants.published.millionYuan', { amount: formatNumber(t.locale === 'zh-CN' ? p.value / 100 : p.value, t.locale) });
  const n = formatNumber(p.value, t.locale, 0);
  return p.qualifier === 'lower_bound' ? t('grants.published.moreThan', { value: n }) : n;
};

const FundingFigures = ({ data }: { data: FundingSummary }) => {
  const { t, locale } = useI18n();
  const published = (code: string) => data.published.filter((p) => p.indicatorCode === code);
  return (
    <>
      <div className="kc-gr-cards" data-testid="grants-published">
        {data.published.map((p) => (
          <div className="kc-gr-card" key={`${p.indicatorCode}-${p.period}`} data-testid="grants-published-card">
            <div className="kc-muted">{pickTitle({ titleZh: p.nameZh, titleEn: p.nameEn }, locale)}</div>
            <div className="kc-gr-card-value">{publishedValue(p, t)}</div>
            <div className="kc-muted kc-small">
              {p.period ? `${p.period} · ` : ''}
              {t('grants.figures.source', { source: p.sourceTitle ?? t('grants.none') })}
            </div>
          </div>
        ))}
        <div className="kc-gr-card kc-gr-card-own" data-testid="grants-units-card">
          <div className="kc-muted">{t('grants.figures.units')}</div>
          <div className="kc-gr-card-value">{formatNumber(data.supportingUnits.count, locale, 0)}</div>
          <div className="kc-muted kc-small">{published('lump_sum_supporting_units').length ? t('grants.figures.unitsBeside') : t('grants.figures.fromRecords')}</div>
        </div>
      </div>
      <Table
        size="small"
        rowKey={(r) => `${r.programmeId}-${r.year}`}
        pagination={false}
        data-testid="grants-ratio"
        locale={{ emptyText: t('grants.figures.noRecords') }}
        dataSource={data.byProgramme}
        columns={[
          { title: t('grants.figures.programme'), render: (_, r) => pickTitle(r.programme, locale) },
          { title: t('grants.figures.year'), dataIndex: 'year' },
          { title: t('grants.nature.fiscal'), render: (_, r) => yuan(r.fiscal, t) },
          { title: t('grants.nature.external'), render: (_, r) => yuan(r.external, t) },
          { title: t('grants.figures.ratio'), render: (_, r) => <span data-testid="grants-ratio-label">{r.label ?? t('grants.none')}</span> },
          { title: t('grants.figures.records'), render: (_, r) => t('grants.figures.recordCount', { count: r.records.length }) },
          { title: '', render: (_, r) => <SampleTag isSample={r.isSample} /> },
        ]}
      />
    </>
  );
};

/**
 * 自然科学基金: the published figures beside the platform's own records, the
 * grant calls with their classified review tracks; officers draft and publish
 * calls, researchers apply on a track.
 */
export const GrantsPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const officer = can('calls:manage');
  const applicant = can('calls:apply');
  const calls = useGrantCallsQuery(centre.id);
  const funding = useFundingSummaryQuery(centre.id);
  const [dialog, setDialog] = useState(false);
  const [applying, setApplying] = useState<{ call: GrantCall; track: string } | null>(null);
  return (
    <div className="kc-gr" data-testid="grants-page">
      <PageHeader
        title={t('grants.title')}
        intro={t('grants.intro')}
        extra={
          officer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog(true)} data-testid="grant-call-new">
              {t('grants.call.new')}
            </Button>
          )
        }
      />
      <GrantsTabs active="calls" />
      <Panel title={t('grants.figures.title')} data-testid="grants-figures">
        <p className="kc-muted kc-small">{t('grants.figures.hint')}</p>
        <QueryState isLoading={funding.isLoading} error={funding.error} onRetry={() => void funding.refetch()}>
          {funding.data && <FundingFigures data={funding.data} />}
        </QueryState>
      </Panel>
      <QueryState isLoading={calls.isLoading} error={calls.error} onRetry={() => void calls.refetch()}>
        {(calls.data?.items ?? []).length === 0 ? (
          <Panel title={t('grants.calls.title')}>
            <p className="kc-muted" data-testid="grant-calls-empty">
              {t('grants.calls.empty')}
            </p>
          </Panel>
        ) : (
          (calls.data?.items ?? []).map((c) => <CallCard key={c.id} call={c} officer={officer} applicant={applicant} onApply={(track) => setApplying({ call: c, track })} />)
        )}
      </QueryState>
      {officer && <NewCallDialog open={dialog} onClose={() => setDialog(false)} />}
      {applying && <ApplyDialog call={applying.call} track={applying.track} onClose={() => setApplying(null)} />}
    </div>
  );
};

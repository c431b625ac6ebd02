import { ArrowLeftOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { IP_TEMPLATES } from '../../shared/schemas/calls.js';
import { SANDBOX_STATUSES, SCENARIO_OWNER_KINDS } from '../../shared/schemas/scenarios.js';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate, ipTemplateLabel } from '../modules/calls/utils/labels.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { useAddScenarioMutation, useBatchQuery, usePublishBatchMutation, type Batch } from '../modules/scenarios/hooks.js';
import { refusalsByScenario, scenarioFailureText, scenarioIssueText } from '../modules/scenarios/failures.js';
import { ownerKindLabel, sandboxLabel } from '../modules/scenarios/labels.js';
import { ScenarioTable } from '../modules/scenarios/ScenarioTable.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/calls/calls.css';
import '../modules/scenarios/scenarios.css';

/** A native date input's value: YYYY-MM-DD, or empty. */
type DateValue = string | null | undefined;
type ScenarioValues = {
  ownerEntityId: string;
  ownerKind: string;
  titleZh?: string;
  titleEn: string;
  problem: string;
  site: string;
  dataAvailable?: string;
  sandboxStatus: string;
  timelineStart?: DateValue;
  timelineEnd?: DateValue;
  fieldCodes: string[];
  budget: number;
  deadline: DateValue;
  ipTemplate: string;
  metric: string;
  unit: string;
  comparator: string;
  threshold: number;
  testMethod: string;
};

/** Where each API path of a new scenario sits in the form. */
const FIELD_OF: Record<string, string> = {
  'call.ownerEntityId': 'ownerEntityId',
  'call.titleZh': 'titleZh',
  'call.titleEn': 'titleEn',
  'call.problem': 'problem',
  'call.fieldCodes': 'fieldCodes',
  'call.budget': 'budget',
  'call.deadline': 'deadline',
  'call.ipTemplate': 'ipTemplate',
  'call.acceptanceCriteria.0.metric': 'metric',
  'call.acceptanceCriteria.0.unit': 'unit',
  'call.acceptanceCriteria.0.threshold': 'threshold',
  'call.acceptanceCriteria.0.testMethod': 'testMethod',
  'scenario.ownerKind': 'ownerKind',
  'scenario.site': 'site',
  'scenario.dataAvailable': 'dataAvailable',
  'scenario.sandboxStatus': 'sandboxStatus',
  'scenario.timelineStart': 'timelineStart',
  'scenario.timelineEnd': 'timelineEnd',
};

const AddScenarioDialog = ({ batch, open, onClose }: { batch: Batch; open: boolean; onClose: () => void }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const add = useAddScenarioMutation(centre.id, batch.id);
  const [form] = Form.useForm<ScenarioValues>();
  const [error, setError] = useState<string | null>(null);
  const day = (d: DateValue) => (d ? d : null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await add.mutateAsync({
        call: {
          ownerEntityId: v.ownerEntityId,
          titleZh: v.titleZh?.trim() || null,
          titleEn: v.titleEn,
          problem: v.problem,
          fieldCodes: v.fieldCodes ?? [],
          budget: v.budget,
          // The day's end in the centre's time: applications close when that day is over.
          deadline: v.deadline ? new Date(`${day(v.deadline)}T23:59:59+08:00`).toISOString() : null,
          ipTemplate: v.ipTemplate,
          // Scenarios pay once, on acceptance; a programme that pays in tranches edits the call afterwards.
          paymentSchedule: [{ label: t('scenarios.scenario.tranche'), share: 100 }],
          acceptanceCriteria: [{ metric: v.metric, unit: v.unit, comparator: v.comparator, threshold: v.threshold, testMethod: v.testMethod }],
          isSample: batch.isSample,
        },
        scenario: { ownerKind: v.ownerKind, site: v.site, dataAvailable: v.dataAvailable?.trim() || null, sandboxStatus: v.sandboxStatus, timelineStart: day(v.timelineStart), timelineEnd: day(v.timelineEnd) },
      });
      form.resetFields();
      onClose();
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => (FIELD_OF[path] ? [FIELD_OF[path]] : null), scenarioIssueText));
    }
  };
  return (
    <Modal open={open} width={760} title={t('scenarios.scenario.addTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('scenarios.scenario.save')} confirmLoading={add.isPending} destroyOnHidden data-testid="scenario-dialog">
      <Form form={form} layout="vertical" initialValues={{ sandboxStatus: 'none', ownerKind: 'district', comparator: '>=', ipTemplate: 'team_retains_licence', fieldCodes: [] }}>
        <div className="kc-sc-row">
          <Form.Item name="ownerEntityId" label={t('scenarios.scenario.owner')} rules={[{ required: true }]}>
            <EntityPicker data-testid="scenario-owner" />
          </Form.Item>
          <Form.Item name="ownerKind" label={t('scenarios.scenario.ownerKind')} rules={[{ required: true }]}>
            <Select data-testid="scenario-owner-kind" options={SCENARIO_OWNER_KINDS.map((k) => ({ value: k, label: ownerKindLabel(t, k) }))} />
          </Form.Item>
        </div>
        <div className="kc-sc-row">
          <Form.Item name="titleZh" label={t('scenarios.scenario.titleZh')}>
            <Input data-testid="scenario-title-zh" />
          </Form.Item>
          <Form.Item name="titleEn" label={t('scenarios.scenario.titleEn')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="scenario-title-en" />
          </Form.Item>
        </div>
        <Form.Item name="problem" label={t('scenarios.scenario.problem')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={3} data-testid="scenario-problem" />
        </Form.Item>
        <div className="kc-sc-row">
          <Form.Item name="site" label={t('scenarios.scenario.site')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="scenario-site" />
          </Form.Item>
          <Form.Item name="sandboxStatus" label={t('scenarios.scenario.sandbox')}>
            <Select data-testid="scenario-sandbox" options={SANDBOX_STATUSES.map((k) => ({ value: k, label: sandboxLabel(t, k) }))} />
          </Form.Item>
        </div>
        <Form.Item name="dataAvailable" label={t('scenarios.scenario.data')}>
          <Input.TextArea rows={2} data-testid="scenario-data" />
        </Form.Item>
        <div className="kc-sc-row">
          <Form.Item name="timelineStart" label={t('scenarios.scenario.timelineStart')}>
            <Input type="date" data-testid="scenario-start" />
          </Form.Item>
          <Form.Item name="timelineEnd" label={t('scenarios.scenario.timelineEnd')}>
            <Input type="date" data-testid="scenario-end" />
          </Form.Item>
          <Form.Item name="deadline" label={t('scenarios.scenario.deadline')} rules={[{ required: true }]}>
            <Input type="date" data-testid="scenario-deadline" />
          </Form.Item>
        </div>
        <div className="kc-sc-row">
          <Form.Item name="budget" label={t('scenarios.scenario.budget')} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: '100%' }} data-testid="scenario-budget" />
          </Form.Item>
          <Form.Item name="fieldCodes" label={t('scenarios.scenario.fields')} extra={t('scenarios.scenario.fieldsHint')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} data-testid="scenario-fields" />
          </Form.Item>
          <Form.Item name="ipTemplate" label={t('scenarios.scenario.ipTemplate')}>
            <Select options={Object.keys(IP_TEMPLATES).map((k) => ({ value: k, label: ipTemplateLabel(t, k) }))} />
          </Form.Item>
        </div>
        <div className="kc-sc-row">
          <Form.Item name="metric" label={t('scenarios.scenario.metric')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="scenario-metric" />
          </Form.Item>
          <Form.Item name="unit" label={t('scenarios.scenario.metricUnit')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="scenario-unit" />
          </Form.Item>
          <Form.Item name="comparator" label={t('scenarios.scenario.metricComparator')}>
            <Select options={['>=', '<=', '>', '<', '='].map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="threshold" label={t('scenarios.scenario.metricThreshold')} rules={[{ required: true }]}>
            <InputNumber style={{ width: '100%' }} data-testid="scenario-threshold" />
          </Form.Item>
        </div>
        <Form.Item name="testMethod" label={t('scenarios.scenario.metricMethod')} rules={[{ required: true, min: 5 }]}>
          <Input data-testid="scenario-method" />
        </Form.Item>
        {error && (
          <div className="kc-sc-error" role="alert" data-testid="scenario-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
};

/** One batch for officers: its scenarios, adding more while it is a draft, and publishing them all at once. */
export const ScenarioBatchPage = () => {
  const { batchId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const { can } = useSession();
  const officer = can('calls:manage');
  const query = useBatchQuery(centre.id, batchId);
  const publish = usePublishBatchMutation(centre.id, batchId);
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const batch = query.data;

  const runPublish = (b: Batch) =>
    Modal.confirm({
      title: t('scenarios.batch.publish'),
      content: t('scenarios.batch.publishConfirm', { number: b.number, count: b.scenarios.length }),
      okButtonProps: { 'data-testid': 'batch-publish-confirm' } as never,
      onOk: async () => {
        setFailure(null);
        setDone(null);
        try {
          const out = await publish.mutateAsync(b.version);
          setDone(t('scenarios.batch.publishedOk', { number: b.number, count: out.published.length }));
        } catch (e) {
          setFailure(e);
        }
      },
    });

  const groups = failure ? refusalsByScenario(failure, t) : [];
  return (
    <div className="kc-sc" data-testid="batch-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate('/scenarios')}>
        {t('scenarios.batch.back')}
      </Button>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {batch && (
          <>
            <PageHeader
              title={
                <span data-testid="batch-title">
                  {t('scenarios.batch.label', { number: batch.number })} · {pickTitle(batch, locale)}
                  <SampleTag isSample={batch.isSample} />
                </span>
              }
              intro={
                <span className="kc-sc-batch-title">
                  <Chip tone={batch.state === 'published' ? 'accent' : 'default'}>
                    <span data-testid="batch-state" data-state={batch.state}>
                      {t(batch.state === 'published' ? 'scenarios.batch.published' : 'scenarios.batch.draft')}
                    </span>
                  </Chip>
                  <span>{t('scenarios.batch.count', { count: batch.scenarios.length })}</span>
                  {batch.publishedAt && <span>{t('scenarios.batch.publishedOn', { date: formatDate(batch.publishedAt, t) })}</span>}
                </span>
              }
              extra={
                officer &&
                batch.state === 'draft' && (
                  <div className="kc-calls-header-actions">
                    <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="scenario-add">
                      {t('scenarios.scenario.add')}
                    </Button>
                    <Button type="primary" icon={<SendOutlined />} disabled={batch.scenarios.length === 0} loading={publish.isPending} onClick={() => runPublish(batch)} data-testid="batch-publish">
                      {t('scenarios.batch.publish')}
                    </Button>
                  </div>
                )
              }
            />
            {done && (
              <div role="status" className="kc-muted" data-testid="batch-published-ok">
                {done}
              </div>
            )}
            {failure !== null && (
              <div className="kc-sc-error" role="alert" data-testid="batch-refusals">
                {groups.length > 0 && groups.some((g) => g.callId) ? (
                  <>
                    {t('scenarios.batch.notReady')}
                    <ul className="kc-sc-refusals">
                      {groups.map((g) => (
                        <li key={g.callId} data-testid="batch-refusal">
                          {g.callId ? <Link to={`/calls/${encodeURIComponent(g.callId)}`}>{g.title || g.callId}</Link> : null}
                          {g.callId ? t('scenarios.listSep') : ''}
                          {g.reasons.join(t('scenarios.listSep'))}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  scenarioFailureText(failure, t)
                )}
              </div>
            )}
            {batch.description && <p className="kc-muted">{batch.description}</p>}
            <Panel>
              <ScenarioTable scenarios={batch.scenarios} testId="batch-scenarios" />
            </Panel>
            {officer && batch.state === 'draft' && <AddScenarioDialog batch={batch} open={adding} onClose={() => setAdding(false)} />}
          </>
        )}
      </QueryState>
    </div>
  );
};

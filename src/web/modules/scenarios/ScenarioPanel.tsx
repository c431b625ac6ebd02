import { Button, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { DEPLOYMENT_STATES } from '../../../shared/schemas/scenarios.js';
import { useCurrentCentre } from '../../app/centre.js';
import { placeIssues } from '../../app/errors.js';
import { pickName, pickTitle } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Chip } from '../../ui/Chip.js';
import { Panel } from '../../ui/Panel.js';
import type { Call } from '../calls/types.js';
import { entityPath } from '../registry/utils/paths.js';
import { useCandidatesQuery, useRecordDeploymentMutation, useScenarioQuery, type Candidate, type ScenarioView } from './hooks.js';
import { AchievementSelect } from './AchievementSelect.js';
import { DeploymentTable } from './DeploymentTable.js';
import { scenarioIssueText } from './failures.js';
import { deploymentStateLabel, ownerKindLabel, sandboxLabel } from './labels.js';
import './scenarios.css';

const pct = (x: number) => `${Math.round(x * 100)}%`;

const Candidates = ({ callId }: { callId: string }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useCandidatesQuery(centre.id, callId, true);
  const items = query.data?.items ?? [];
  return (
    <Panel title={t('scenarios.candidates.title')} data-testid="scenario-candidates">
      <p className="kc-muted kc-small">{t('scenarios.candidates.hint')}</p>
      <Table<Candidate>
        size="small"
        rowKey={(c) => c.entity.id}
        pagination={false}
        loading={query.isLoading}
        dataSource={items}
        locale={{ emptyText: t('scenarios.candidates.empty') }}
        columns={[
          {
            title: t('scenarios.deployments.enterprise'),
            key: 'name',
            render: (_, c) => (
              <span data-testid="candidate">
                <Link to={entityPath(c.entity.id)}>{pickName(c.entity, locale)}</Link>
                {c.applied && (
                  <>
                    {' '}
                    <Chip tone="info">{t('scenarios.candidates.applied')}</Chip>
                  </>
                )}
              </span>
            ),
          },
          {
            title: t('scenarios.candidates.score'),
            key: 'score',
            width: 140,
            render: (_, c) => (
              <span>
                <span className="kc-sc-bar" style={{ width: `${Math.max(4, Math.round(c.score * 60))}px` }} />
                {pct(c.score)}
              </span>
            ),
          },
          {
            title: t('scenarios.candidates.why'),
            key: 'why',
            render: (_, c) => (
              <span className="kc-sc-why" data-testid="candidate-why">
                <span>
                  {t('scenarios.candidates.field')} {pct(c.components.field)} · {t('scenarios.candidates.text')} {pct(c.components.text)} · {t('scenarios.candidates.track')} {pct(c.components.trackRecord)}
                </span>
                {c.matchedFields.length > 0 && <span>{t('scenarios.candidates.fields', { list: c.matchedFields.join(', ') })}</span>}
                {c.matchedWords.length > 0 && <span>{t('scenarios.candidates.words', { list: c.matchedWords.join(t('scenarios.listSep')) })}</span>}
                {c.deployments > 0 && <span>{t('scenarios.candidates.delivered', { count: c.deployments })}</span>}
              </span>
            ),
          },
        ]}
      />
    </Panel>
  );
};

type DeploymentValues = { applicationId: string; state: string; startedOn?: string; finishedOn?: string; outcome?: string; achievementId?: string | null; values?: Record<string, number | null> };

const RecordDeployment = ({ call, view }: { call: Call; view: ScenarioView }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const record = useRecordDeploymentMutation(centre.id, call.id);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<DeploymentValues>();
  const existing = (applicationId: string | undefined) => view.deployments.find((d) => d.applicationId === applicationId);
  const openable = view.selected.filter((s) => existing(s.applicationId)?.state !== 'deployed' && existing(s.applicationId)?.state !== 'failed');
  const start = () => {
    const first = openable[0];
    const d = existing(first?.applicationId);
    form.setFieldsValue({ applicationId: first?.applicationId, state: d ? 'deployed' : 'deploying', startedOn: d?.startedOn ?? undefined, outcome: d?.outcome ?? undefined, achievementId: d?.achievementId ?? undefined });
    setError(null);
    setOpen(true);
  };
  const submit = async () => {
    const v = await form.validateFields();
    const d = existing(v.applicationId);
    setError(null);
    try {
      await record.mutateAsync({
        applicationId: v.applicationId,
        state: v.state,
        startedOn: v.startedOn || null,
        finishedOn: v.finishedOn || null,
        outcome: v.outcome?.trim() || null,
        achievementId: v.achievementId || null,
        results: Object.entries(v.values ?? {}).flatMap(([criterionId, value]) => (value === null || value === undefined ? [] : [{ criterionId, value }])),
        ...(d ? { version: d.version } : {}),
      });
      setOpen(false);
    } catch (e) {
      setError(
        placeIssues(
          form,
          e,
          t,
          (path) => {
            const m = /^results\.(\d+)\./.exec(path);
            if (m) return null;
            return ['applicationId', 'state', 'startedOn', 'finishedOn', 'outcome', 'achievementId'].includes(path) ? [path] : null;
          },
          scenarioIssueText,
        ),
      );
    }
  };
  if (view.selected.length === 0) return <p className="kc-muted" data-testid="deployment-none-selected">{t('scenarios.deployments.noSelected')}</p>;
  if (openable.length === 0) return null;
  return (
    <>
      <Button type="primary" onClick={start} data-testid="deployment-record">
        {view.deployments.length > 0 ? t('scenarios.deployments.update') : t('scenarios.deployments.record')}
      </Button>
      <Modal open={open} width={640} title={t('scenarios.deployments.recordTitle')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={t('scenarios.deployments.save')} confirmLoading={record.isPending} destroyOnHidden data-testid="deployment-dialog">
        <Form form={form} layout="vertical">
          <Form.Item name="applicationId" label={t('scenarios.deployments.application')} rules={[{ required: true }]}>
            <Select data-testid="deployment-application" options={openable.map((s) => ({ value: s.applicationId, label: `${s.title}${s.enterprise ? ` · ${pickName(s.enterprise, locale)}` : ''}` }))} />
          </Form.Item>
          <div className="kc-sc-row">
            <Form.Item name="state" label={t('scenarios.deployments.state')} rules={[{ required: true }]}>
              <Select data-testid="deployment-state" options={DEPLOYMENT_STATES.map((k) => ({ value: k, label: deploymentStateLabel(t, k) }))} />
            </Form.Item>
            <Form.Item name="startedOn" label={t('scenarios.deployments.startedOn')}>
              <Input type="date" data-testid="deployment-started" />
            </Form.Item>
            <Form.Item name="finishedOn" label={t('scenarios.deployments.finishedOn')}>
              <Input type="date" data-testid="deployment-finished" />
            </Form.Item>
          </div>
          <Form.Item name="outcome" label={t('scenarios.deployments.outcome')}>
            <Input.TextArea rows={3} data-testid="deployment-outcome" />
          </Form.Item>
          {call.acceptanceCriteria.map((c) => (
            <Form.Item key={c.id} name={['values', c.id]} label={`${t('scenarios.deployments.value')} · ${c.metric} (${c.comparator} ${c.threshold} ${c.unit})`}>
              <InputNumber style={{ width: '100%' }} data-testid="deployment-value" />
            </Form.Item>
          ))}
          <Form.Item name="achievementId" label={t('scenarios.deployments.achievement')}>
            <AchievementSelect data-testid="deployment-achievement" />
          </Form.Item>
          {error && (
            <div className="kc-sc-error" role="alert" data-testid="deployment-error">
              {error}
            </div>
          )}
        </Form>
      </Modal>
    </>
  );
};

/** A scenario call's own facts, suggested enterprises for its owner, and its deployments: shown on the call's page. */
export const ScenarioPanel = ({ call }: { call: Call }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useScenarioQuery(centre.id, call.id);
  const view = query.data;
  if (!view) return null;
  const s = view.scenario;
  const none = t('scenarios.scenario.none');
  return (
    <>
      <Panel title={t('scenarios.panel.title')} data-testid="scenario-panel">
        <dl className="kc-sc-facts">
          <dt>{t('scenarios.panel.batch')}</dt>
          <dd>
            <Link to="/scenarios" data-testid="scenario-batch-link">
              {t('scenarios.batch.label', { number: view.batch.number })} · {pickTitle(view.batch, locale)}
            </Link>
          </dd>
          <dt>{t('scenarios.scenario.ownerKind')}</dt>
          <dd>{ownerKindLabel(t, s.ownerKind)}</dd>
          <dt>{t('scenarios.scenario.site')}</dt>
          <dd data-testid="scenario-site-value">{s.site}</dd>
          <dt>{t('scenarios.scenario.data')}</dt>
          <dd>{s.dataAvailable ?? none}</dd>
          <dt>{t('scenarios.scenario.sandbox')}</dt>
          <dd>{sandboxLabel(t, s.sandboxStatus)}</dd>
          <dt>{t('scenarios.scenario.timeline')}</dt>
          <dd>{s.timelineStart || s.timelineEnd ? `${s.timelineStart ?? none} – ${s.timelineEnd ?? none}` : none}</dd>
        </dl>
      </Panel>
      {view.canRecord && <Candidates callId={call.id} />}
      <Panel title={t('scenarios.deployments.title')} data-testid="scenario-deployments" extra={view.canRecord ? <RecordDeployment call={call} view={view} /> : undefined}>
        {view.deployments.length === 0 ? (
          <p className="kc-muted">{t('scenarios.deployments.empty')}</p>
        ) : (
          <DeploymentTable deployments={view.deployments} />
        )}
      </Panel>
    </>
  );
};

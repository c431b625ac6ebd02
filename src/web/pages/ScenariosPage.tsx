import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useProgrammesQuery } from '../modules/calls/hooks/useCalls.js';
import { formatDate } from '../modules/calls/utils/labels.js';
import { useIndicatorQuery } from '../modules/indicators/hooks/useIndicatorQuery.js';
import { useBatchesQuery, useCreateBatchMutation, type Batch } from '../modules/scenarios/hooks.js';
import { scenarioIssueText } from '../modules/scenarios/failures.js';
import { ScenarioTable } from '../modules/scenarios/ScenarioTable.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { SourceCitation } from '../ui/SourceCitation.js';
import '../modules/scenarios/scenarios.css';

/** The published city-wide figures the seeds report ("three batches, 60 scenarios"), never mixed with the registry's own. */
const PUBLISHED_CODES = ['application_scenarios_released', 'application_scenario_batches'] as const;

const PublishedFigure = ({ code }: { code: string }) => {
  const centre = useCurrentCentre();
  const { t, locale } = useI18n();
  const query = useIndicatorQuery(centre.id, code);
  const indicator = query.data?.indicator;
  const figures = (indicator?.observations ?? []).filter((o) => o.provenance !== 'derived' && o.value !== null);
  if (!indicator || figures.length === 0) return null;
  return (
    <>
      {figures.map((o) => (
        <div className="kc-sc-card" key={o.id} data-testid="scenarios-published-card">
          <div className="kc-sc-card-label">{pickTitle({ titleZh: indicator.nameZh, titleEn: indicator.nameEn }, locale)}</div>
          <div className="kc-sc-card-value">{formatNumber(o.value as number, locale, 0)}</div>
          <div className="kc-muted kc-small">
            {o.valueAsGiven}
            {o.period ? ` · ${o.period}` : ''}
          </div>
          <SourceCitation citation={o.citation} compact />
        </div>
      ))}
    </>
  );
};

const NewBatchDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const programmes = (useProgrammesQuery(centre.id).data?.items ?? []).filter((p) => p.kind === 'scenario');
  const create = useCreateBatchMutation(centre.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = (await form.validateFields()) as { programmeId: string; number?: number | null; titleZh?: string; titleEn: string; description?: string; isSample?: boolean };
    setError(null);
    try {
      const out = await create.mutateAsync({ programmeId: v.programmeId, number: v.number ?? null, titleZh: v.titleZh?.trim() || null, titleEn: v.titleEn, description: v.description?.trim() || null, isSample: v.isSample ?? false });
      onClose();
      navigate(`/scenarios/batches/${encodeURIComponent(out.id)}`);
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => (['programmeId', 'number', 'titleZh', 'titleEn', 'description'].includes(path) ? [path] : null), scenarioIssueText));
    }
  };
  return (
    <Modal open={open} title={t('scenarios.batch.newTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('scenarios.batch.create')} confirmLoading={create.isPending} destroyOnHidden data-testid="batch-dialog">
      {programmes.length === 0 ? (
        <p role="alert">{t('scenarios.batch.programmeMissing')}</p>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ programmeId: programmes[0]?.id, isSample: false }}>
          <Form.Item name="programmeId" label={t('scenarios.batch.programme')} rules={[{ required: true }]}>
            <Select data-testid="batch-programme" options={programmes.map((p) => ({ value: p.id, label: pickTitle(p, locale) }))} />
          </Form.Item>
          <Form.Item name="number" label={t('scenarios.batch.number')} extra={t('scenarios.batch.numberHint')}>
            <InputNumber min={1} max={999} data-testid="batch-number" />
          </Form.Item>
          <Form.Item name="titleZh" label={t('scenarios.batch.titleZh')}>
            <Input data-testid="batch-title-zh" />
          </Form.Item>
          <Form.Item name="titleEn" label={t('scenarios.batch.titleEn')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="batch-title-en" />
          </Form.Item>
          <Form.Item name="description" label={t('scenarios.batch.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="isSample" valuePropName="checked">
            <Checkbox data-testid="batch-sample">{t('scenarios.batch.sample')}</Checkbox>
          </Form.Item>
          {error && (
            <div className="kc-calls-error" role="alert" data-testid="batch-error">
              {error}
            </div>
          )}
        </Form>
      )}
    </Modal>
  );
};

const BatchPanel = ({ batch, officer }: { batch: Batch; officer: boolean }) => {
  const { t, locale } = useI18n();
  return (
    <Panel
      data-testid="scenario-batch"
      title={
        <span className="kc-sc-batch-title">
          <strong>{t('scenarios.batch.label', { number: batch.number })}</strong>
          <span>{pickTitle(batch, locale)}</span>
          <SampleTag isSample={batch.isSample} />
          <Chip tone={batch.state === 'published' ? 'accent' : 'default'}>{t(batch.state === 'published' ? 'scenarios.batch.published' : 'scenarios.batch.draft')}</Chip>
        </span>
      }
      extra={
        <span className="kc-muted kc-small">
          {t('scenarios.batch.count', { count: batch.scenarios.length })}
          {batch.publishedAt ? ` · ${t('scenarios.batch.publishedOn', { date: formatDate(batch.publishedAt, t) })}` : ''}
          {officer && (
            <>
              {' · '}
              <Link to={`/scenarios/batches/${encodeURIComponent(batch.id)}`} data-testid="batch-open">
                {t('scenarios.batch.open')}
              </Link>
            </>
          )}
        </span>
      }
    >
      {batch.description && <p className="kc-muted">{batch.description}</p>}
      <ScenarioTable scenarios={batch.scenarios} testId="batch-scenarios" />
    </Panel>
  );
};

/**
 * 应用场景: the published figures beside the platform's own batches, each
 * batch with its scenarios; officers open new batches from here.
 */
export const ScenariosPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const officer = can('calls:manage');
  const batches = useBatchesQuery(centre.id);
  const [dialog, setDialog] = useState(false);
  return (
    <div className="kc-sc" data-testid="scenarios-page">
      <PageHeader
        title={t('scenarios.title')}
        intro={t('scenarios.intro')}
        extra={
          officer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog(true)} data-testid="batch-new">
              {t('scenarios.batch.new')}
            </Button>
          )
        }
      />
      <Panel title={t('scenarios.published.title')} data-testid="scenarios-published">
        <p className="kc-muted kc-small">{t('scenarios.published.hint')}</p>
        <div className="kc-sc-cards">
          {PUBLISHED_CODES.map((code) => (
            <PublishedFigure key={code} code={code} />
          ))}
        </div>
      </Panel>
      <QueryState isLoading={batches.isLoading} error={batches.error} onRetry={() => void batches.refetch()}>
        {(batches.data?.items ?? []).length === 0 ? (
          <Panel title={t('scenarios.batches.title')}>
            <p className="kc-muted" data-testid="batches-empty">
              {t('scenarios.batches.empty')}
            </p>
          </Panel>
        ) : (
          (batches.data?.items ?? []).map((b) => <BatchPanel key={b.id} batch={b} officer={officer} />)
        )}
      </QueryState>
      {officer && <NewBatchDialog open={dialog} onClose={() => setDialog(false)} />}
    </div>
  );
};

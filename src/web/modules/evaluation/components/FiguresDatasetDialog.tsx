import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Switch, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { TDataset } from '../../../../shared/schemas/evaluation.js';
import type { TIndicator } from '../../../../shared/schemas/indicators.js';
import { isApiError } from '../../../app/api.js';
import { errorMessage, fieldIssueMessage } from '../../../app/errors.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { Translator } from '../../../i18n/translate.js';
import type { FieldIssue } from '../../../../shared/errors.js';
import { useIndicatorsQuery } from '../../indicators/hooks/useIndicatorsQuery.js';
import { useDatasetFromFiguresMutation } from '../hooks/useDatasetFromFiguresMutation.js';
import { FIGURE_LEVELS, figuresBody, indicatorsAtLevel, initialFiguresValues, PERIOD_PATTERN, periodsAtLevel, PILLAR_PATTERN, placeFiguresIssues, type FiguresValues } from '../utils/from-figures.js';

type Props = { centreId: string; open: boolean; onClose: () => void; onCreated: (dataset: TDataset) => void };

const REASONS = ['unknown_indicator', 'duplicate_indicator', 'no_figures'] as const;

/** The evaluation catalog's message for this module's reasons, else the shared field reasons. */
const issueText = (issue: FieldIssue, t: Translator): string =>
  (REASONS as readonly string[]).includes(issue.reason) ? t(`evaluation.figures.reason.${issue.reason as (typeof REASONS)[number]}`) : fieldIssueMessage(issue, t);

const indicatorName = (i: TIndicator, locale: string): string => (locale === 'zh-CN' ? (i.nameZh ?? i.nameEn) : i.nameEn);

/** "Build from the centre's figures": a level's units × chosen catalogue indicators for one period, as a new dataset. */
export const FiguresDatasetDialog = ({ centreId, open, onClose, onCreated }: Props) => {
  const { t } = useI18n();
  const [form] = Form.useForm<FiguresValues>();
  const catalogue = useIndicatorsQuery(centreId);
  const create = useDatasetFromFiguresMutation(centreId);
  const [error, setError] = useState<string | null>(null);
  const level = Form.useWatch('level', form) ?? 'district';
  const all = catalogue.data?.items;
  const choices = useMemo(() => indicatorsAtLevel(all ?? [], level), [all, level]);
  const periods = useMemo(() => periodsAtLevel(all ?? [], level), [all, level]);
  const initial = useMemo(() => initialFiguresValues(String(new Date().getFullYear() - 1)), []);
  const required = { required: true, message: t('fieldReason.required') };

  const submit = async (values: FiguresValues) => {
    setError(null);
    try {
      const dataset = await create.mutateAsync(figuresBody(values));
      onCreated(dataset);
    } catch (e) {
      if (!isApiError(e)) {
        setError(errorMessage(e, t));
        return;
      }
      const placed = placeFiguresIssues(e.fieldIssues, values.indicators.length);
      form.setFields(placed.fields.map((f) => ({ name: f.name as never, errors: [...new Set(f.issues.map((i) => issueText(i, t)))] })));
      const rest = placed.rest.map((i) => `${i.path}: ${issueText(i, t)}`);
      setError([errorMessage(e, t), ...rest].join(' '));
    }
  };

  return (
    <Modal
      open={open}
      width={920}
      title={t('evaluation.figures.title')}
      okText={t('evaluation.figures.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'evaluation-figures-submit' }}
      destroyOnHidden
    >
      <div data-testid="evaluation-figures-dialog">
        <p className="kc-muted">{t('evaluation.figures.intro')}</p>
        <Form<FiguresValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} requiredMark="optional">
          <div className="kc-eval-figures-grid">
            <Form.Item name="name" label={t('evaluation.figures.name')} rules={[{ ...required, whitespace: true }]}>
              <Input maxLength={200} data-testid="evaluation-figures-name" />
            </Form.Item>
            <Form.Item name="level" label={t('evaluation.figures.level')} rules={[required]}>
              <Select data-testid="evaluation-figures-level" options={FIGURE_LEVELS.map((l) => ({ value: l, label: t(`evaluation.figures.levels.${l}`) }))} />
            </Form.Item>
            <Form.Item
              name="period"
              label={t('evaluation.figures.period')}
              extra={periods.length ? t('evaluation.figures.periodsHint', { periods: periods.slice(0, 6).join(', ') }) : t('evaluation.figures.periodHint')}
              rules={[required, { pattern: PERIOD_PATTERN, message: t('evaluation.figures.periodInvalid') }]}
            >
              <Input style={{ width: 140 }} placeholder="2023 · 2023-Q2 · 2023-07" data-testid="evaluation-figures-period" />
            </Form.Item>
            <Form.Item name="includeEstimated" label={t('evaluation.figures.includeEstimated')} valuePropName="checked" extra={t('evaluation.figures.includeEstimatedHint')}>
              <Switch data-testid="evaluation-figures-estimated" />
            </Form.Item>
          </div>
          <Form.Item name="description" label={t('evaluation.figures.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {catalogue.error && <Alert type="error" showIcon message={errorMessage(catalogue.error, t)} />}
          {all && !choices.length && <Alert type="info" showIcon message={t('evaluation.figures.noIndicators')} />}
          <p className="kc-eval-figures-head">{t('evaluation.figures.indicators')}</p>
          <Form.List
            name="indicators"
            rules={[{ validator: async (_, rows: unknown[]) => (rows.length >= 2 ? undefined : Promise.reject(new Error(t('evaluation.figures.tooFew')))) }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <div data-testid="evaluation-figures-indicators">
                {fields.map((field, i) => (
                  <div key={field.key} className="kc-eval-figures-row" data-testid={`evaluation-figures-row-${i}`}>
                    <Form.Item name={[field.name, 'code']} rules={[required]} className="kc-eval-figures-code" aria-label={t('evaluation.figures.indicator')}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        loading={catalogue.isLoading}
                        placeholder={t('evaluation.figures.indicator')}
                        data-testid={`evaluation-figures-code-${i}`}
                        options={choices.map((c) => ({ value: c.code, label: `${c.code} · ${indicatorName(c, t.locale)}${c.isSample ? ` (${t('evaluation.figures.sampleTag')})` : ''}` }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'weight']} rules={[required]}>
                      <InputNumber min={0} step={0.5} style={{ width: 90 }} aria-label={t('evaluation.figures.weight')} placeholder={t('evaluation.figures.weight')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'direction']}>
                      <Select
                        style={{ width: 150 }}
                        aria-label={t('evaluation.figures.direction')}
                        options={[
                          { value: 0, label: t('evaluation.figures.directionCatalogue') },
                          { value: 1, label: t('evaluation.framework.direction.up') },
                          { value: -1, label: t('evaluation.framework.direction.down') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'pillar']} rules={[{ pattern: PILLAR_PATTERN, message: t('evaluation.figures.pillarInvalid') }]}>
                      <Input style={{ width: 140 }} maxLength={100} placeholder={t('evaluation.figures.pillar')} aria-label={t('evaluation.figures.pillar')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('evaluation.figures.removeRow')} disabled={fields.length <= 2} onClick={() => remove(field.name)} />
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ weight: 1, direction: 0, pillar: '' })} disabled={fields.length >= 200} data-testid="evaluation-figures-add">
                  {t('evaluation.figures.addRow')}
                </Button>
                <p className="kc-muted kc-eval-note">{t('evaluation.figures.pillarHint')}</p>
              </div>
            )}
          </Form.List>
        </Form>
        {error && <Alert type="error" showIcon message={error} data-testid="evaluation-figures-error" />}
      </div>
    </Modal>
  );
};

/** Where a dataset built from figures comes from: level, period, filled and empty cells, and a sample tag. */
export const DatasetOrigin = ({ origin }: { origin: NonNullable<TDataset['origin']> }) => {
  const { t } = useI18n();
  const level = (FIGURE_LEVELS as readonly string[]).includes(origin.level) ? t(`evaluation.figures.levels.${origin.level as (typeof FIGURE_LEVELS)[number]}`) : origin.level;
  return (
    <span className="kc-muted" data-testid="evaluation-dataset-origin">
      {t('evaluation.figures.origin', { level, period: origin.period, filled: origin.filledCells, empty: origin.emptyCells })}
      {origin.includeEstimated && ` · ${t('evaluation.figures.withEstimated')}`}{' '}
      {origin.sample && (
        <Tag color="orange" data-testid="evaluation-dataset-sample-tag">
          {t('evaluation.figures.sampleTag')}
        </Tag>
      )}
    </span>
  );
};

import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { PERIOD_PATTERN, type TIndicator, type TObservation, type TObservationStatus } from '../../../../shared/schemas/indicators.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickName, pickTitle } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { areaKindKey } from '../../../i18n/keys.js';
import { EditorModal } from '../../registry/components/editors/EditorModal.js';
import { EntityPicker } from '../../registry/components/editors/EntityPicker.js';
import { useAddObservationMutation } from '../hooks/useAddObservationMutation.js';
import type { SubjectNames } from '../hooks/useSubjectNames.js';
import { useUpdateObservationMutation } from '../hooks/useUpdateObservationMutation.js';
import { placeIndicatorFormError } from '../utils/form-errors.js';
import { ENTRY_QUALIFIERS, QUALIFIER_CHOICE_KEY, STATUS_KEY } from '../utils/labels.js';
import { formatPeriod, periodOf } from '../utils/period.js';
import { areasForLevel, subjectOf } from '../utils/subjects.js';
import { unitLabel } from '../utils/unit-label.js';
import { SourceSelect } from './SourceSelect.js';

type Qualifier = (typeof ENTRY_QUALIFIERS)[number];
type Values = {
  areaId?: string;
  entityId?: string;
  period: string;
  value: number;
  status: TObservationStatus;
  qualifier: Qualifier;
  valueAsGiven?: string;
  sourceMode: 'existing' | 'new';
  sourceId?: string;
  sourceTitleZh?: string;
  sourceTitleEn?: string;
  publisher?: string;
  publishedOn?: string;
  url?: string;
  quote?: string;
  isSample: boolean;
};

type Props = {
  open: boolean;
  onClose: () => void;
  afterClose?: () => void;
  indicator: TIndicator;
  /** The figure to correct; a new figure when absent. */
  observation?: TObservation;
  subjects: SubjectNames;
  onDone: (message: string) => void;
};

const STATUSES: readonly TObservationStatus[] = ['measured', 'estimated', 'target'];
const DATE_PATTERN = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Where an issue of the API lands in this form. */
const fieldFor = (sourceMode: Values['sourceMode']) => (path: string): string | null => {
  if (path === 'source.titleZh' || path === 'source.titleEn' || path === 'source') return 'sourceTitleZh';
  if (path.startsWith('source.')) return path.slice('source.'.length);
  if (path === 'sourceId') return sourceMode === 'existing' ? 'sourceId' : 'sourceTitleZh';
  return path.split('.')[0] ?? null;
};

/**
 * Record one figure of an indicator (its subject, period, value, status,
 * qualifier and source: an existing document or a new one), or correct a
 * figure's value, status, qualifier, wording and quote (the audit log keeps
 * the previous value).
 */
export const ObservationFormDialog = ({ open, onClose, afterClose, indicator, observation, subjects, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<Values>();
  const add = useAddObservationMutation(centre.id);
  const update = useUpdateObservationMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);
  const sourceMode = Form.useWatch('sourceMode', form) ?? 'new';
  const correcting = observation !== undefined;
  const byOrganisation = indicator.level === 'organisation';
  const areaOptions = useMemo(
    () => areasForLevel(subjects.areas, indicator.level).map((a) => ({ value: a.id, label: `${pickName(a, locale)} · ${t(areaKindKey(a.kind))}` })),
    [subjects.areas, indicator.level, locale, t],
  );
  const unit = unitLabel(indicator.unit, t);

  const submit = (values: Values) => {
    setFormError(null);
    const onError = (err: unknown) => setFormError(placeIndicatorFormError(form, err, t, fieldFor(values.sourceMode)));
    const common = { value: values.value, status: values.status, qualifier: values.qualifier, valueAsGiven: text(values.valueAsGiven), quote: text(values.quote) };
    if (correcting) {
      update.mutate({ id: observation.id, patch: common }, { onSuccess: () => onDone(t('indicators.figure.corrected')), onError });
      return;
    }
    const source =
      values.sourceMode === 'existing' && values.sourceId
        ? { sourceId: values.sourceId }
        : { source: { titleZh: text(values.sourceTitleZh), titleEn: text(values.sourceTitleEn), publisher: text(values.publisher), publishedOn: text(values.publishedOn), url: text(values.url) } };
    add.mutate(
      {
        code: indicator.code,
        body: {
          ...(byOrganisation ? { entityId: values.entityId ?? null } : { areaId: values.areaId ?? null }),
          period: values.period.trim(),
          ...common,
          ...source,
          isSample: values.isSample,
        },
      },
      { onSuccess: () => onDone(t('indicators.figure.added')), onError },
    );
  };

  const initial: Partial<Values> = observation
    ? {
        value: observation.value ?? undefined,
        status: observation.status,
        qualifier: (ENTRY_QUALIFIERS as readonly string[]).includes(observation.qualifier) ? (observation.qualifier as Qualifier) : 'exact',
        valueAsGiven: observation.valueAsGiven ?? '',
        quote: observation.citation.quote ?? '',
        sourceMode: 'existing',
        isSample: observation.isSample,
      }
    : {
        areaId: areaOptions.length === 1 ? areaOptions[0]?.value : undefined,
        status: 'measured',
        qualifier: 'exact',
        sourceMode: 'new',
        isSample: indicator.isSample,
      };

  return (
    <EditorModal
      open={open}
      title={correcting ? t('indicators.figure.correctTitle') : t('indicators.figure.addTitle', { name: pickName(indicator, locale) })}
      okText={correcting ? t('indicators.figure.saveCorrection') : t('indicators.figure.add')}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={add.isPending || update.isPending}
      error={formError}
      testId="figure-form"
      width={720}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={initial} onFinish={submit}>
        {observation && (
          <dl className="kc-figure-fixed" data-testid="figure-form-fixed">
            <dt>{t('indicators.col.subject')}</dt>
            <dd>{subjects.name(subjectOf(observation))}</dd>
            <dt>{t('indicators.col.period')}</dt>
            <dd>{periodOf(observation) ? formatPeriod(periodOf(observation) as string, t) : t('value.yearUnknown')}</dd>
            <dt>{t('indicators.col.source')}</dt>
            <dd>{pickTitle(observation.citation, locale) || observation.citation.publisher || t('source.untitled')}</dd>
          </dl>
        )}
        <div className="kc-form-grid">
          {!correcting &&
            (byOrganisation ? (
              <Form.Item name="entityId" label={t('indicators.figure.organisation')} rules={[{ required: true, message: t('indicators.figure.subjectRequired') }]}>
                <EntityPicker data-testid="figure-form-organisation" />
              </Form.Item>
            ) : (
              <Form.Item name="areaId" label={t('indicators.figure.area')} rules={[{ required: true, message: t('indicators.figure.subjectRequired') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={areaOptions} data-testid="figure-form-area" />
              </Form.Item>
            ))}
          {!correcting && (
            <Form.Item
              name="period"
              label={t('indicators.col.period')}
              extra={t('indicators.figure.periodHint')}
              rules={[
                { required: true, message: t('indicators.figure.periodRequired') },
                { pattern: PERIOD_PATTERN, message: t('indicators.reason.not_a_period') },
              ]}
            >
              <Input placeholder="2023" autoComplete="off" data-testid="figure-form-period" />
            </Form.Item>
          )}
          <Form.Item name="value" label={unit ? t('indicators.figure.valueIn', { unit }) : t('indicators.col.value')} rules={[{ required: true, message: t('indicators.figure.valueRequired') }]}>
            <InputNumber style={{ width: '100%' }} data-testid="figure-form-value" />
          </Form.Item>
          <Form.Item name="status" label={t('indicators.col.status')} rules={[{ required: true }]}>
            <Select options={STATUSES.map((s) => ({ value: s, label: t(STATUS_KEY[s]) }))} data-testid="figure-form-status" />
          </Form.Item>
          <Form.Item name="qualifier" label={t('indicators.col.qualifier')} rules={[{ required: true }]}>
            <Select options={ENTRY_QUALIFIERS.map((q) => ({ value: q, label: t(QUALIFIER_CHOICE_KEY[q]) }))} data-testid="figure-form-qualifier" />
          </Form.Item>
          <Form.Item name="valueAsGiven" label={t('indicators.figure.asGiven')} rules={[{ max: 300, message: t('fieldReason.too_long') }]}>
            <Input placeholder={t('indicators.figure.asGivenPlaceholder')} data-testid="figure-form-as-given" />
          </Form.Item>
        </div>
        {!correcting && (
          <section className="kc-subsection kc-figure-source">
            <h4 className="kc-subsection-title">{t('indicators.figure.source')}</h4>
            <Form.Item name="sourceMode">
              <Radio.Group
                options={[
                  { value: 'new', label: t('indicators.figure.sourceNew') },
                  { value: 'existing', label: t('indicators.figure.sourceExisting') },
                ]}
                data-testid="figure-form-source-mode"
              />
            </Form.Item>
            {sourceMode === 'existing' ? (
              <Form.Item name="sourceId" label={t('indicators.figure.sourceDocument')} rules={[{ required: true, message: t('indicators.figure.sourceRequired') }]}>
                <SourceSelect testId="figure-form-source" />
              </Form.Item>
            ) : (
              <div className="kc-form-grid">
                <Form.Item
                  name="sourceTitleZh"
                  label={t('indicators.source.titleZh')}
                  dependencies={['sourceTitleEn']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_, value?: string) => (value?.trim() || String(getFieldValue('sourceTitleEn') ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(t('indicators.source.titleRequired')))),
                    }),
                    { max: 300, message: t('fieldReason.too_long') },
                  ]}
                >
                  <Input data-testid="figure-form-source-title" />
                </Form.Item>
                <Form.Item name="sourceTitleEn" label={t('indicators.source.titleEn')} rules={[{ max: 300, message: t('fieldReason.too_long') }]}>
                  <Input data-testid="figure-form-source-title-en" />
                </Form.Item>
                <Form.Item name="publisher" label={t('indicators.source.publisher')} rules={[{ max: 200, message: t('fieldReason.too_long') }]}>
                  <Input data-testid="figure-form-publisher" />
                </Form.Item>
                <Form.Item name="publishedOn" label={t('indicators.source.publishedOn')} rules={[{ pattern: DATE_PATTERN, message: t('indicators.source.datePattern') }]}>
                  <Input placeholder="2024-08-14" autoComplete="off" data-testid="figure-form-published-on" />
                </Form.Item>
                <Form.Item name="url" label={t('indicators.source.url')} rules={[{ type: 'url', message: t('indicators.source.urlInvalid') }]} className="kc-span-2">
                  <Input placeholder="https://" autoComplete="off" data-testid="figure-form-url" />
                </Form.Item>
              </div>
            )}
          </section>
        )}
        <Form.Item name="quote" label={t('indicators.figure.quote')} extra={t('indicators.figure.quoteHint')} rules={[{ max: 2000, message: t('fieldReason.too_long') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="figure-form-quote" />
        </Form.Item>
        {!correcting && (
          <Form.Item name="isSample" valuePropName="checked">
            <Checkbox data-testid="figure-form-sample">{t('indicators.figure.sample')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </EditorModal>
  );
};

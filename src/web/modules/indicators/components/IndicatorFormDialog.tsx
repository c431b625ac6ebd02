import { AutoComplete, Checkbox, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { INDICATOR_LEVELS, type TFrequency, type TIndicator, type TIndicatorLevel } from '../../../../shared/schemas/indicators.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { EditorModal } from '../../registry/components/editors/EditorModal.js';
import { useCreateIndicatorMutation } from '../hooks/useCreateIndicatorMutation.js';
import { useUpdateIndicatorMutation } from '../hooks/useUpdateIndicatorMutation.js';
import { placeIndicatorFormError } from '../utils/form-errors.js';
import { DIRECTION_KEY, directionChoice, directionValue, FREQUENCY_KEY, LEVEL_KEY, type DirectionChoice } from '../utils/labels.js';
import { unitLabel } from '../utils/unit-label.js';
import { SourceSelect } from './SourceSelect.js';

const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const FREQUENCIES: readonly TFrequency[] = ['annual', 'quarterly', 'monthly', 'irregular'];
/** Units as sources word them (stored in English, shown translated); anything else may be typed. */
const COMMON_UNITS = ['%', 'billion yuan', 'ten thousand yuan', 'yuan', 'enterprises', 'persons', 'contracts', 'platforms', 'invention patents per 10,000 people', 'rank'];

type Values = {
  code: string;
  nameZh?: string;
  nameEn: string;
  unit?: string;
  direction: DirectionChoice;
  frequency?: TFrequency;
  level: TIndicatorLevel;
  definitionZh?: string;
  definitionEn?: string;
  sourceId?: string | null;
  isSample: boolean;
};

type Props = {
  open: boolean;
  onClose: () => void;
  afterClose?: () => void;
  /** The indicator to edit; a new one when absent. */
  indicator?: TIndicator;
  onDone: (indicator: TIndicator) => void;
};

const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Define an indicator (code, names, unit, direction, frequency, level, definitions, defining source, sample flag), or change one's definition. */
export const IndicatorFormDialog = ({ open, onClose, afterClose, indicator, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<Values>();
  const create = useCreateIndicatorMutation(centre.id);
  const update = useUpdateIndicatorMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);
  const editing = indicator !== undefined;

  const submit = (values: Values) => {
    setFormError(null);
    const body = {
      nameZh: text(values.nameZh),
      nameEn: values.nameEn.trim(),
      unit: text(values.unit),
      direction: directionValue(values.direction),
      frequency: values.frequency ?? null,
      level: values.level,
      definitionZh: text(values.definitionZh),
      definitionEn: text(values.definitionEn),
      sourceId: values.sourceId ?? null,
      isSample: values.isSample,
    };
    const onError = (err: unknown) => setFormError(placeIndicatorFormError(form, err, t));
    if (editing) update.mutate({ code: indicator.code, patch: body }, { onSuccess: onDone, onError });
    else create.mutate({ code: values.code.trim(), ...body }, { onSuccess: onDone, onError });
  };

  const initial: Partial<Values> = indicator
    ? {
        code: indicator.code,
        nameZh: indicator.nameZh ?? '',
        nameEn: indicator.nameEn,
        unit: indicator.unit ?? '',
        direction: directionChoice(indicator.direction),
        ...(indicator.frequency ? { frequency: indicator.frequency } : {}),
        level: indicator.level,
        definitionZh: indicator.definitionZh ?? '',
        definitionEn: indicator.definitionEn ?? '',
        sourceId: indicator.sourceId,
        isSample: indicator.isSample,
      }
    : { direction: 'up', frequency: 'annual', level: 'district', isSample: false };

  return (
    <EditorModal
      open={open}
      title={editing ? t('indicators.form.editTitle', { name: pickName(indicator, locale) }) : t('indicators.form.newTitle')}
      okText={editing ? t('indicators.form.save') : t('indicators.form.create')}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={create.isPending || update.isPending}
      error={formError}
      testId="indicator-form"
      width={720}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={initial} onFinish={submit} data-testid="indicator-form">
        <div className="kc-form-grid">
          <Form.Item
            name="code"
            label={t('indicators.form.code')}
            extra={editing ? t('indicators.form.codeFixed') : t('indicators.form.codeHint')}
            rules={[
              { required: true, message: t('indicators.form.codeRequired') },
              { max: 80, message: t('fieldReason.too_long') },
              { pattern: CODE_PATTERN, message: t('indicators.form.codePattern') },
            ]}
          >
            <Input disabled={editing} autoComplete="off" placeholder="rnd_spend_district" data-testid="indicator-form-code" />
          </Form.Item>
          <Form.Item name="level" label={t('indicators.col.level')} rules={[{ required: true }]}>
            <Select options={INDICATOR_LEVELS.map((l) => ({ value: l, label: t(LEVEL_KEY[l]) }))} data-testid="indicator-form-level" />
          </Form.Item>
          <Form.Item name="nameZh" label={t('indicators.form.nameZh')} rules={[{ max: 200, message: t('fieldReason.too_long') }]}>
            <Input data-testid="indicator-form-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('indicators.form.nameEn')} rules={[{ required: true, whitespace: true, message: t('indicators.form.nameEnRequired') }, { max: 300, message: t('fieldReason.too_long') }]}>
            <Input data-testid="indicator-form-name-en" />
          </Form.Item>
          <Form.Item name="unit" label={t('indicators.col.unit')} extra={t('indicators.form.unitHint')} rules={[{ max: 80, message: t('fieldReason.too_long') }]}>
            <AutoComplete
              options={COMMON_UNITS.map((u) => ({ value: u, label: `${unitLabel(u, t) ?? u}${unitLabel(u, t) === u ? '' : ` · ${u}`}` }))}
              filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
              data-testid="indicator-form-unit"
            />
          </Form.Item>
          <Form.Item name="direction" label={t('indicators.form.direction')} rules={[{ required: true }]}>
            <Select options={(['up', 'down', 'none'] as const).map((d) => ({ value: d, label: t(DIRECTION_KEY[d]) }))} data-testid="indicator-form-direction" />
          </Form.Item>
          <Form.Item name="frequency" label={t('indicators.form.frequency')}>
            <Select allowClear placeholder={t('indicators.notStated')} options={FREQUENCIES.map((f) => ({ value: f, label: t(FREQUENCY_KEY[f]) }))} data-testid="indicator-form-frequency" />
          </Form.Item>
        </div>
        <Form.Item name="definitionZh" label={t('indicators.form.definitionZh')} rules={[{ max: 2000, message: t('fieldReason.too_long') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="indicator-form-definition-zh" />
        </Form.Item>
        <Form.Item name="definitionEn" label={t('indicators.form.definitionEn')} rules={[{ max: 2000, message: t('fieldReason.too_long') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="indicator-form-definition-en" />
        </Form.Item>
        <Form.Item name="sourceId" label={t('indicators.form.source')} extra={t('indicators.form.sourceHint')}>
          <SourceSelect allowClear placeholder={t('indicators.targetForm.sourcePlaceholder')} testId="indicator-form-source" />
        </Form.Item>
        <Form.Item name="isSample" valuePropName="checked" extra={t('indicators.form.sampleHint')}>
          <Checkbox data-testid="indicator-form-sample">{t('indicators.form.sample')}</Checkbox>
        </Form.Item>
      </Form>
    </EditorModal>
  );
};

import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { PERIOD_PATTERN, type TIndicator, type TTarget } from '../../../../shared/schemas/indicators.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { areaKindKey } from '../../../i18n/keys.js';
import { EditorModal } from '../../registry/components/editors/EditorModal.js';
import { EntityPicker } from '../../registry/components/editors/EntityPicker.js';
import { useCreateTargetMutation, type TargetInput } from '../hooks/useCreateTargetMutation.js';
import type { SubjectNames } from '../hooks/useSubjectNames.js';
import { useUpdateTargetMutation } from '../hooks/useUpdateTargetMutation.js';
import { placeIndicatorFormError } from '../utils/form-errors.js';
import { ASSESSMENTS, COMPARISON_KEY, PROGRESS_KEY } from '../utils/labels.js';
import { isQuantitative } from '../utils/progress.js';
import { areasForLevel } from '../utils/subjects.js';
import { targetInputOf } from '../utils/targets.js';
import { unitLabel } from '../utils/unit-label.js';
import { SourceSelect } from './SourceSelect.js';

export type TargetDialogMode = 'create' | 'edit' | 'assess';

type Assessment = (typeof ASSESSMENTS)[number];
type Values = {
  code: string;
  nameZh?: string;
  nameEn: string;
  description?: string;
  kind: 'quantitative' | 'qualitative';
  indicatorCode?: string;
  areaId?: string;
  entityId?: string;
  comparison?: 'at_least' | 'at_most';
  targetValue?: number;
  baselineValue?: number;
  baselinePeriod?: string;
  deadline?: string;
  assessment?: Assessment;
  assessmentNote?: string;
  sourceId?: string;
  quote?: string;
  isSample: boolean;
};

type Props = {
  open: boolean;
  mode: TargetDialogMode;
  onClose: () => void;
  afterClose?: () => void;
  /** The target to edit or assess. */
  target?: TTarget;
  indicators: readonly TIndicator[];
  /** A new target starts on this indicator (from an indicator's page). */
  indicatorCode?: string;
  subjects: SubjectNames;
  onDone: (message: string) => void;
};

const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const DEADLINE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$/;
const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/**
 * Set a target (quantitative: an indicator, a subject, at least / at most a
 * value by a deadline, optionally from a baseline; or a qualitative goal), edit
 * one, or assess one (a goal's assessment and note).
 */
export const TargetFormDialog = ({ open, mode, onClose, afterClose, target, indicators, indicatorCode, subjects, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<Values>();
  const create = useCreateTargetMutation(centre.id);
  const update = useUpdateTargetMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const chosenCode = Form.useWatch('indicatorCode', form);
  const chosen = indicators.find((i) => i.code === chosenCode);
  const areaOptions = useMemo(
    () => (chosen ? areasForLevel(subjects.areas, chosen.level) : subjects.areas).map((a) => ({ value: a.id, label: `${pickName(a, locale)} · ${t(areaKindKey(a.kind))}` })),
    [chosen, subjects.areas, locale, t],
  );
  const unit = chosen ? unitLabel(chosen.unit, t) : null;

  const submit = (values: Values) => {
    setFormError(null);
    const onError = (err: unknown) => setFormError(placeIndicatorFormError(form, err, t));
    if (mode === 'assess' && target) {
      const body: TargetInput = { ...targetInputOf(target), assessment: values.assessment ?? null, assessmentNote: text(values.assessmentNote) };
      update.mutate({ id: target.id, body }, { onSuccess: () => onDone(t('indicators.targetForm.assessed')), onError });
      return;
    }
    const quantitative = values.kind === 'quantitative';
    const byOrganisation = chosen?.level === 'organisation';
    const body: TargetInput = {
      ...(target ? targetInputOf(target) : {}),
      code: target?.code ?? values.code.trim(),
      nameZh: text(values.nameZh),
      nameEn: values.nameEn.trim(),
      description: text(values.description),
      indicatorCode: quantitative ? (values.indicatorCode ?? null) : null,
      areaId: quantitative && !byOrganisation ? (values.areaId ?? null) : null,
      entityId: quantitative && byOrganisation ? (values.entityId ?? null) : null,
      comparison: quantitative ? (values.comparison ?? null) : null,
      targetValue: quantitative ? (values.targetValue ?? null) : null,
      baselineValue: quantitative ? (values.baselineValue ?? null) : null,
      baselinePeriod: quantitative ? text(values.baselinePeriod) : null,
      deadline: text(values.deadline),
      assessment: quantitative ? (target?.assessment ?? null) : (values.assessment ?? null),
      assessmentNote: quantitative ? (target?.assessmentNote ?? null) : text(values.assessmentNote),
      sourceId: values.sourceId ?? null,
      quote: text(values.quote),
      isSample: values.isSample,
    };
    if (target) update.mutate({ id: target.id, body }, { onSuccess: () => onDone(t('indicators.targetForm.saved')), onError });
    else create.mutate(body, { onSuccess: () => onDone(t('indicators.targetForm.created')), onError });
  };

  const initial: Partial<Values> = target
    ? {
        code: target.code,
        nameZh: target.nameZh ?? '',
        nameEn: target.nameEn,
        description: target.description ?? '',
        kind: isQuantitative(target) ? 'quantitative' : 'qualitative',
        indicatorCode: target.indicatorCode ?? undefined,
        areaId: target.areaId ?? undefined,
        entityId: target.entityId ?? undefined,
        comparison: target.comparison ?? 'at_least',
        targetValue: target.targetValue ?? undefined,
        baselineValue: target.baselineValue ?? undefined,
        baselinePeriod: target.baselinePeriod ?? '',
        deadline: target.deadline ?? '',
        assessment: target.assessment ?? undefined,
        assessmentNote: target.assessmentNote ?? '',
        sourceId: target.citation?.sourceId,
        quote: target.citation?.quote ?? '',
        isSample: target.isSample,
      }
    : { kind: indicators.length > 0 ? 'quantitative' : 'qualitative', indicatorCode, comparison: 'at_least', isSample: false };

  const title = mode === 'assess' ? t('indicators.targetForm.assessTitle') : target ? t('indicators.targetForm.editTitle') : t('indicators.targetForm.newTitle');
  const okText = mode === 'assess' ? t('indicators.targetForm.saveAssessment') : target ? t('indicators.form.save') : t('indicators.targetForm.create');

  const assessmentFields = (
    <>
      <Form.Item name="assessment" label={t('indicators.targetForm.assessment')} extra={t('indicators.targetForm.assessmentHint')}>
        <Select allowClear placeholder={t(PROGRESS_KEY.not_assessed)} options={ASSESSMENTS.map((a) => ({ value: a, label: t(PROGRESS_KEY[a]) }))} data-testid="target-form-assessment" />
      </Form.Item>
      <Form.Item name="assessmentNote" label={t('indicators.targetForm.assessmentNote')} rules={[{ max: 2000, message: t('fieldReason.too_long') }]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('indicators.targetForm.assessmentNotePlaceholder')} data-testid="target-form-assessment-note" />
      </Form.Item>
    </>
  );

  return (
    <EditorModal
      open={open}
      title={title}
      okText={okText}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={create.isPending || update.isPending}
      error={formError}
      testId="target-form"
      width={760}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={initial} onFinish={submit}>
        {mode === 'assess' && target ? (
          <>
            <p className="kc-target-form-name">{pickName(target, locale)}</p>
            {target.citation?.quote && <blockquote className="kc-quote kc-quote-text">“{target.citation.quote}”</blockquote>}
            {assessmentFields}
          </>
        ) : (
          <>
            <div className="kc-form-grid">
              <Form.Item
                name="code"
                label={t('indicators.targetForm.code')}
                extra={target ? t('indicators.form.codeFixed') : t('indicators.targetForm.codeHint')}
                rules={[
                  { required: true, message: t('indicators.form.codeRequired') },
                  { max: 80, message: t('fieldReason.too_long') },
                  { pattern: CODE_PATTERN, message: t('indicators.form.codePattern') },
                ]}
              >
                <Input disabled={Boolean(target)} autoComplete="off" placeholder="T-2025-01" data-testid="target-form-code" />
              </Form.Item>
              <Form.Item name="deadline" label={t('indicators.target.deadline')} extra={t('indicators.targetForm.deadlineHint')} rules={[{ pattern: DEADLINE_PATTERN, message: t('indicators.targetForm.deadlinePattern') }]}>
                <Input placeholder="2025" autoComplete="off" data-testid="target-form-deadline" />
              </Form.Item>
              <Form.Item name="nameZh" label={t('indicators.targetForm.nameZh')} rules={[{ max: 300, message: t('fieldReason.too_long') }]}>
                <Input data-testid="target-form-name-zh" />
              </Form.Item>
              <Form.Item name="nameEn" label={t('indicators.targetForm.nameEn')} rules={[{ required: true, whitespace: true, message: t('indicators.form.nameEnRequired') }, { max: 500, message: t('fieldReason.too_long') }]}>
                <Input data-testid="target-form-name-en" />
              </Form.Item>
            </div>
            <Form.Item name="kind" label={t('indicators.targetForm.kind')} rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'quantitative', label: t('indicators.targetForm.quantitative') },
                  { value: 'qualitative', label: t('indicators.targetForm.qualitative') },
                ]}
                data-testid="target-form-kind"
              />
            </Form.Item>
            {kind === 'quantitative' ? (
              <div className="kc-form-grid">
                <Form.Item name="indicatorCode" label={t('indicators.targetForm.indicator')} rules={[{ required: true, message: t('indicators.targetForm.indicatorRequired') }]} className="kc-span-2">
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={indicators.map((i) => ({ value: i.code, label: `${pickName(i, locale)} (${i.code})` }))}
                    onChange={() => form.setFieldsValue({ areaId: undefined, entityId: undefined })}
                    data-testid="target-form-indicator"
                  />
                </Form.Item>
                {chosen?.level === 'organisation' ? (
                  <Form.Item name="entityId" label={t('indicators.figure.organisation')} rules={[{ required: true, message: t('indicators.figure.subjectRequired') }]}>
                    <EntityPicker data-testid="target-form-organisation" />
                  </Form.Item>
                ) : (
                  <Form.Item name="areaId" label={t('indicators.figure.area')} extra={t('indicators.targetForm.areaHint')}>
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={areaOptions} data-testid="target-form-area" />
                  </Form.Item>
                )}
                <Form.Item label={t('indicators.targetForm.goal')} required className="kc-target-goal">
                  <div className="kc-target-goal-fields">
                    <Form.Item name="comparison" noStyle rules={[{ required: true }]}>
                      <Select options={(['at_least', 'at_most'] as const).map((c) => ({ value: c, label: t(COMPARISON_KEY[c]) }))} style={{ width: 140 }} data-testid="target-form-comparison" />
                    </Form.Item>
                    <Form.Item name="targetValue" noStyle rules={[{ required: true, message: t('indicators.targetForm.valueRequired') }]}>
                      <InputNumber style={{ flex: 1 }} {...(unit ? { suffix: unit } : {})} data-testid="target-form-value" />
                    </Form.Item>
                  </div>
                </Form.Item>
                <Form.Item
                  name="baselineValue"
                  label={t('indicators.targetForm.baselineValue')}
                  dependencies={['baselinePeriod']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_, value?: number) => (value == null && String(getFieldValue('baselinePeriod') ?? '').trim() ? Promise.reject(new Error(t('indicators.targetForm.baselineTogether'))) : Promise.resolve()),
                    }),
                  ]}
                >
                  <InputNumber style={{ width: '100%' }} data-testid="target-form-baseline-value" />
                </Form.Item>
                <Form.Item
                  name="baselinePeriod"
                  label={t('indicators.targetForm.baselinePeriod')}
                  dependencies={['baselineValue']}
                  rules={[
                    { pattern: PERIOD_PATTERN, message: t('indicators.reason.not_a_period') },
                    ({ getFieldValue }) => ({
                      validator: (_, value?: string) => (!value?.trim() && getFieldValue('baselineValue') != null ? Promise.reject(new Error(t('indicators.targetForm.baselineTogether'))) : Promise.resolve()),
                    }),
                  ]}
                >
                  <Input placeholder="2020" autoComplete="off" data-testid="target-form-baseline-period" />
                </Form.Item>
              </div>
            ) : (
              assessmentFields
            )}
            <Form.Item name="description" label={t('indicators.targetForm.description')} rules={[{ max: 2000, message: t('fieldReason.too_long') }]}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="target-form-description" />
            </Form.Item>
            <div className="kc-form-grid">
              <Form.Item name="sourceId" label={t('indicators.targetForm.source')}>
                <SourceSelect allowClear placeholder={t('indicators.targetForm.sourcePlaceholder')} testId="target-form-source" />
              </Form.Item>
              <Form.Item name="quote" label={t('indicators.figure.quote')} rules={[{ max: 2000, message: t('fieldReason.too_long') }]}>
                <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} data-testid="target-form-quote" />
              </Form.Item>
            </div>
            <Form.Item name="isSample" valuePropName="checked">
              <Checkbox data-testid="target-form-sample">{t('indicators.targetForm.sample')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </EditorModal>
  );
};

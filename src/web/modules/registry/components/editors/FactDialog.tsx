import { Form, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { FACT_METRICS, type TEntityProfile } from '../../../../../shared/schemas/registry.js';
import { useCurrentCentre } from '../../../../app/centre.js';
import { placeFormError } from '../../../../app/errors.js';
import { pickName } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { factMetricKey, type MessageKey } from '../../../../i18n/keys.js';
import { useAddFactMutation } from '../../hooks/useAddFactMutation.js';
import type { FactMetric } from '../../utils/vocab.js';
import { SourceFields, sourceBody } from './SourceFields.js';
import { EditorModal } from './EditorModal.js';

/** Units as stored (English, as sources word them); shown translated. */
const UNITS: ReadonlyArray<{ value: string; label: MessageKey }> = [
  { value: 'persons', label: 'unit.persons' },
  { value: 'ten thousand yuan', label: 'unit.tenThousandYuan' },
  { value: 'billion yuan', label: 'unit.billionYuan' },
  { value: 'yuan', label: 'unit.yuan' },
];
const DEFAULT_UNIT: Record<FactMetric, string> = { employees: 'persons', revenue: 'ten thousand yuan', rnd_expense: 'ten thousand yuan' };

type Values = { metric: FactMetric; year: number; value: number; unit: string; sourceId?: string | null; sourceNote?: string | null };
type Props = { open: boolean; onClose: () => void; afterClose?: () => void; entity: TEntityProfile['entity']; onDone: (message: string) => void };

/** Adds a size figure (employees, revenue, R&D spending) for a year, with its unit and source. */
export const FactDialog = ({ open, onClose, afterClose, entity, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<Values>();
  const mutation = useAddFactMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    mutation.mutate(
      { entityId: entity.id, body: { metric: values.metric, year: values.year, value: values.value, unit: values.unit, ...sourceBody(values) } },
      {
        onSuccess: () => {
          onDone(t('factForm.added'));
          onClose();
        },
        onError: (err) => setFormError(placeFormError(form, err, t)),
      },
    );
  };

  return (
    <EditorModal
      open={open}
      title={t('factForm.title', { name: pickName(entity, locale) })}
      okText={t('factForm.submit')}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={mutation.isPending}
      error={formError}
      testId="fact-form"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ metric: 'employees', unit: DEFAULT_UNIT.employees, year: new Date().getFullYear() - 1, sourceNote: '' }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.metric) form.setFieldValue('unit', DEFAULT_UNIT[changed.metric]);
        }}
        onFinish={submit}
      >
        <div className="kc-form-grid">
          <Form.Item name="metric" label={t('profile.factMetric')} rules={[{ required: true }]}>
            <Select options={FACT_METRICS.map((m) => ({ value: m, label: t(factMetricKey(m)) }))} data-testid="fact-form-metric" />
          </Form.Item>
          <Form.Item name="year" label={t('profile.factYear')} rules={[{ required: true, message: t('factForm.yearRequired') }]}>
            <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} data-testid="fact-form-year" />
          </Form.Item>
          <Form.Item name="value" label={t('profile.factValue')} rules={[{ required: true, message: t('factForm.valueRequired') }]}>
            <InputNumber min={0} style={{ width: '100%' }} data-testid="fact-form-value" />
          </Form.Item>
          <Form.Item name="unit" label={t('factForm.unit')} rules={[{ required: true }]}>
            <Select options={UNITS.map((u) => ({ value: u.value, label: t(u.label) }))} data-testid="fact-form-unit" />
          </Form.Item>
        </div>
        <SourceFields />
      </Form>
    </EditorModal>
  );
};

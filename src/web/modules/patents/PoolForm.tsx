import { Button, Checkbox, Form, Input, Select, Switch } from 'antd';
import { ROYALTY_BASES } from '../../../shared/patents-vocabulary.js';
import type { TPoolInput } from '../../../shared/schemas/patents.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { EntityPicker } from '../registry/components/editors/EntityPicker.js';
import { royaltyLabel } from './labels.js';

/** The pool form, for a new pool and for changing one (the pool page passes its current values). */
export const PoolForm = ({ initial, onSubmit, submitting, error, onCancel }: { initial?: Partial<TPoolInput>; onSubmit: (v: TPoolInput) => void; submitting: boolean; error: string | null; onCancel: () => void }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<TPoolInput>();
  return (
    <Form form={form} layout="vertical" initialValues={{ royaltyBasis: 'negotiated', frand: false, isSample: false, ...initial }} onFinish={(v) => onSubmit({ ...v, nameEn: v.nameEn || null, termsText: v.termsText || null, administratorId: v.administratorId ?? null })} data-testid="pool-form">
      <Form.Item name="nameZh" label={t('patents.pools.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="pool-name" /></Form.Item>
      <Form.Item name="nameEn" label={t('patents.pools.nameEn')}><Input /></Form.Item>
      <Form.Item name="field" label={t('patents.pools.field')} rules={[{ required: true }]}><Input data-testid="pool-field" /></Form.Item>
      <Form.Item name="administratorId" label={t('patents.pools.administrator')}><EntityPicker data-testid="pool-administrator" /></Form.Item>
      <Form.Item name="royaltyBasis" label={t('patents.pools.royaltyBasis')} rules={[{ required: true }]}><Select options={ROYALTY_BASES.map((r) => ({ value: r, label: royaltyLabel(t, r) }))} data-testid="pool-royalty" /></Form.Item>
      <Form.Item name="frand" label={t('patents.pools.frand')} valuePropName="checked"><Switch data-testid="pool-frand" /></Form.Item>
      <Form.Item name="termsText" label={t('patents.pools.terms')}><Input.TextArea rows={4} /></Form.Item>
      <Form.Item name="isSample" valuePropName="checked"><Checkbox>{t('patents.pools.sample')}</Checkbox></Form.Item>
      {error && <div className="kc-pt-error" role="alert">{error}</div>}
      <div className="kc-pt-actions">
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="pool-save">{t('patents.pools.save')}</Button>
        <Button onClick={onCancel}>{t('patents.pools.cancel')}</Button>
      </div>
    </Form>
  );
};

import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { TECHNICAL_FIELDS, TRL_LEVELS, type TechnicalField } from '../../../shared/achievements-vocabulary.js';
import type { TNeed, TNeedInput } from '../../../shared/schemas/achievements.js';
import { placeIssues } from '../../app/errors.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { fieldLabel } from '../contracts/labels.js';
import { EntityPicker } from '../registry/components/editors/EntityPicker.js';
import { achievementIssueText } from './labels.js';

type Values = { enterpriseId?: string; title?: string; description?: string; field?: TechnicalField; trlMin?: number; keywords?: string[]; budgetMin?: number | null; budgetMax?: number | null; deadline?: string; isSample?: boolean };

const FIELDS = ['enterpriseId', 'title', 'description', 'field', 'trlMin', 'keywords', 'budgetMin', 'budgetMax', 'deadline'];

/** A technology need: an enterprise member posts for their own enterprise; an officer picks the enterprise. */
export const NeedForm = ({ need, ownEnterpriseId, saving, onSave }: { need?: TNeed; ownEnterpriseId: string | null; saving: boolean; onSave: (input: TNeedInput) => Promise<void> }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('fieldReason.required') }];
  const initial: Values = need
    ? { enterpriseId: need.enterprise.id, title: need.title, description: need.description, field: need.field, trlMin: need.trlMin, keywords: need.keywords, budgetMin: need.budgetMin, budgetMax: need.budgetMax, deadline: need.deadline ?? '', isSample: need.isSample }
    : { enterpriseId: ownEnterpriseId ?? undefined, trlMin: 5, keywords: [], isSample: false };
  const save = async (v: Values) => {
    setError(null);
    try {
      await onSave({
        enterpriseId: v.enterpriseId ?? ownEnterpriseId ?? '',
        title: (v.title ?? '').trim(),
        description: (v.description ?? '').trim(),
        field: v.field as TechnicalField,
        trlMin: v.trlMin ?? 1,
        keywords: v.keywords ?? [],
        budgetMin: v.budgetMin ?? null,
        budgetMax: v.budgetMax ?? null,
        deadline: v.deadline || null,
        isSample: v.isSample ?? false,
      });
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => { const head = path.split('.')[0] ?? ''; return FIELDS.includes(head) ? [head] : null; }, achievementIssueText));
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="need-form" scrollToFirstError>
      {!ownEnterpriseId && !need && (
        <Form.Item name="enterpriseId" label={t('achievements.needForm.enterprise')} rules={required}>
          <EntityPicker category="enterprise" data-testid="need-enterprise" />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('achievements.needForm.title')} rules={required}>
        <Input maxLength={200} data-testid="need-title" />
      </Form.Item>
      <Form.Item name="description" label={t('achievements.needForm.description')} rules={required}>
        <Input.TextArea rows={5} maxLength={4000} showCount data-testid="need-description" />
      </Form.Item>
      <div className="kc-tc-row">
        <Form.Item name="field" label={t('achievements.col.field')} rules={required}>
          <Select options={TECHNICAL_FIELDS.map((v) => ({ value: v, label: fieldLabel(t, v) }))} data-testid="need-field" />
        </Form.Item>
        <Form.Item name="trlMin" label={t('achievements.needForm.trlMin')} rules={required}>
          <Select options={TRL_LEVELS.map((v) => ({ value: v, label: t('achievements.trl.value', { level: v }) }))} data-testid="need-trl" />
        </Form.Item>
        <Form.Item name="deadline" label={t('achievements.needForm.deadline')}>
          <Input type="date" data-testid="need-deadline" />
        </Form.Item>
      </div>
      <div className="kc-tc-row">
        <Form.Item name="budgetMin" label={t('achievements.needForm.budgetMin')}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid="need-budget-min" />
        </Form.Item>
        <Form.Item name="budgetMax" label={t('achievements.needForm.budgetMax')}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid="need-budget-max" />
        </Form.Item>
      </div>
      <Form.Item name="keywords" label={t('achievements.form.keywords')} extra={t('achievements.form.keywordsHelp')}>
        <Select mode="tags" maxCount={20} open={false} data-testid="need-keywords" />
      </Form.Item>
      <Form.Item name="isSample" valuePropName="checked">
        <Checkbox>{t('achievements.form.isSample')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="need-save">
        {t('achievements.form.save')}
      </Button>
      {error && (
        <div className="kc-tc-error" role="alert">
          {error}
        </div>
      )}
    </Form>
  );
};

import { Form, Input } from 'antd';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { dateRules } from './dates-rule.js';

/** When a relation or recognition holds: from and to, as partial dates, the end not before the start. */
export const PeriodFields = () => {
  const { t } = useI18n();
  return (
    <div className="kc-form-grid">
      <Form.Item name="validFrom" label={t('period.from')} rules={dateRules(t).pattern}>
        <Input placeholder={t('entityForm.datePlaceholder')} autoComplete="off" />
      </Form.Item>
      <Form.Item name="validTo" label={t('period.to')} dependencies={['validFrom']} rules={[...dateRules(t).pattern, dateRules(t).endNotBeforeStart]}>
        <Input placeholder={t('entityForm.datePlaceholder')} autoComplete="off" />
      </Form.Item>
    </div>
  );
};

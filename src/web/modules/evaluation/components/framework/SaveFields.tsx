import { Form, Input } from 'antd';
import { useI18n } from '../../../../i18n/I18nProvider.js';

export type SaveValues = { key: string; name: string; note: string };
export type SaveErrors = Partial<Record<keyof SaveValues, string>>;

type Props = {
  values: SaveValues;
  errors: SaveErrors;
  onChange: (values: SaveValues) => void;
  /** The version the save will create under the key, when known. */
  nextVersion: number | null;
  disabled?: boolean;
};

/** Key, name and note of a framework version about to be saved. */
export const SaveFields = ({ values, errors, onChange, nextVersion, disabled = false }: Props) => {
  const { t } = useI18n();
  const status = (field: keyof SaveValues) => (errors[field] ? { validateStatus: 'error' as const, help: errors[field] } : {});
  return (
    <Form layout="vertical" size="small" disabled={disabled} component="div" className="kc-fw-save-fields">
      <Form.Item
        label={t('evaluation.framework.save.key')}
        required
        {...status('key')}
        extra={errors.key ? undefined : nextVersion === null ? t('evaluation.framework.save.keyHint') : t('evaluation.framework.save.nextVersion', { version: nextVersion })}
      >
        <Input value={values.key} onChange={(e) => onChange({ ...values, key: e.target.value.trim() })} data-testid="framework-save-key" />
      </Form.Item>
      <Form.Item label={t('evaluation.framework.save.name')} required {...status('name')}>
        <Input value={values.name} maxLength={200} onChange={(e) => onChange({ ...values, name: e.target.value })} data-testid="framework-save-name" />
      </Form.Item>
      <Form.Item label={t('evaluation.framework.save.note')} {...status('note')}>
        <Input.TextArea value={values.note} maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} onChange={(e) => onChange({ ...values, note: e.target.value })} data-testid="framework-save-note" />
      </Form.Item>
    </Form>
  );
};

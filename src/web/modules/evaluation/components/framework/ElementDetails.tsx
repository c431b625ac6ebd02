import { Form, Input, InputNumber, Select } from 'antd';
import type { TFrameworkElement } from '../../../../../shared/schemas/evaluation.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { levelRole, parentOptions, type EditorElement } from '../../utils/framework.js';
import { ROLE_KEYS } from './FrameworkTree.js';

type Props = {
  element: EditorElement;
  elements: readonly EditorElement[];
  maxLevel: number;
  /** Messages by field (null: about the element as a whole). */
  fieldMessages: ReadonlyMap<string | null, string[]>;
  canEdit: boolean;
  onChange: (patch: Partial<TFrameworkElement>) => void;
  onMove: (parentId: string) => void;
};

/** The selected element's fields; a new code carries to its children, a new parent moves it with its subtree. */
export const ElementDetails = ({ element: e, elements, maxLevel, fieldMessages, canEdit, onChange, onMove }: Props) => {
  const { t } = useI18n();
  const role = levelRole(e.level, maxLevel);
  const indicator = e.type === 'Indicator';
  const parents = parentOptions(elements, e.id);
  const denominators = elements.filter((d) => d.type === 'Denominator');
  const status = (field: keyof TFrameworkElement) => {
    const messages = fieldMessages.get(field);
    return messages?.length ? { validateStatus: 'error' as const, help: messages.join(' ') } : {};
  };
  const testId = (field: string) => ({ 'data-testid': `framework-field-${field}` });

  return (
    <Form layout="vertical" size="small" disabled={!canEdit} className="kc-fw-details" data-testid="framework-details" component="div">
      <p className="kc-fw-details-role">
        {t(ROLE_KEYS[role])} · {t('evaluation.framework.level', { level: e.level ?? '—' })}
      </p>
      {(fieldMessages.get(null) ?? []).map((m) => (
        <p key={m} className="kc-fw-problem">
          {m}
        </p>
      ))}
      <Form.Item label={t('evaluation.framework.field.code')} {...status('code')} extra={t('evaluation.framework.field.codeHint')}>
        <Input value={e.code} onChange={(ev) => onChange({ code: ev.target.value })} {...testId('code')} />
      </Form.Item>
      <Form.Item label={t('evaluation.framework.field.name')} {...status('name')}>
        <Input value={e.name} onChange={(ev) => onChange({ name: ev.target.value })} {...testId('name')} />
      </Form.Item>
      {role !== 'index' && (
        <>
          <Form.Item label={t('evaluation.framework.field.parent')} {...status('parent')}>
            <Select
              value={e.parentId ?? undefined}
              onChange={(v: string) => onMove(v)}
              options={parents.map((p) => ({ value: p.id, label: `${p.name || p.code} (${p.code})` }))}
              notFoundContent={t('evaluation.framework.field.noParent')}
              {...testId('parent')}
            />
          </Form.Item>
          <Form.Item label={t('evaluation.framework.field.weight')} {...status('weight')}>
            <InputNumber min={0} step={0.1} style={{ width: '100%' }} value={e.weight} onChange={(v) => onChange({ weight: typeof v === 'number' ? v : null })} {...testId('weight')} />
          </Form.Item>
        </>
      )}
      {indicator && (
        <>
          <Form.Item label={t('evaluation.framework.field.direction')} {...status('direction')}>
            <Select<1 | -1>
              value={e.direction ?? undefined}
              onChange={(v) => onChange({ direction: v })}
              options={[
                { value: 1, label: `↑ ${t('evaluation.framework.direction.up')}` },
                { value: -1, label: `↓ ${t('evaluation.framework.direction.down')}` },
              ]}
              {...testId('direction')}
            />
          </Form.Item>
          <Form.Item label={t('evaluation.framework.field.unit')} {...status('unit')}>
            <Input value={e.unit} onChange={(ev) => onChange({ unit: ev.target.value })} {...testId('unit')} />
          </Form.Item>
          <Form.Item label={t('evaluation.framework.field.target')} {...status('target')} extra={t('evaluation.framework.field.targetHint')}>
            <InputNumber style={{ width: '100%' }} value={e.target} onChange={(v) => onChange({ target: typeof v === 'number' ? v : null })} {...testId('target')} />
          </Form.Item>
          <Form.Item label={t('evaluation.framework.field.denominator')} {...status('denominator')}>
            <Select
              allowClear
              value={e.denominator ?? undefined}
              onChange={(v: string | undefined) => onChange({ denominator: v ?? null })}
              placeholder={t('evaluation.framework.field.noDenominator')}
              options={denominators.map((d) => ({ value: d.code, label: d.name ? `${d.name} (${d.code})` : d.code }))}
              {...testId('denominator')}
            />
          </Form.Item>
        </>
      )}
    </Form>
  );
};

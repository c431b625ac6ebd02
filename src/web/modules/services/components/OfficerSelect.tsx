import { Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { OfficerRef } from '../utils/officers.js';

type Props = {
  officers: readonly OfficerRef[];
  /** The list is every officer (administrators); otherwise an account id may be typed in. */
  complete: boolean;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  /** Names of officers the record already holds but the directory lacks. */
  known?: readonly OfficerRef[];
  'data-testid'?: string;
  id?: string;
};

/** Pick service officers by name; those who cannot list accounts may paste an account id. */
export const OfficerSelect = ({ officers, complete, value, onChange, multiple = false, allowClear = false, placeholder, known = [], id, 'data-testid': testId }: Props) => {
  const { t } = useI18n();
  const byId = new Map([...known, ...officers].map((o) => [o.id, o]));
  const options = [...byId.values()].map((o) => ({ value: o.id, label: o.displayName, title: o.id }));
  return (
    <Select
      id={id}
      mode={multiple ? (complete ? 'multiple' : 'tags') : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => {
        if (!multiple && !complete && typeof v === 'string') onChange?.(v.trim());
        else onChange?.(v ?? null);
      }}
      placeholder={placeholder ?? (complete ? t('services.officers.placeholder') : t('services.officers.placeholderIds'))}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.label}</div>
          <div className="kc-muted kc-small kc-mono">{String(o.value)}</div>
        </div>
      )}
      tokenSeparators={multiple && !complete ? [',', ' '] : undefined}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
};

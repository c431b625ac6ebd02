import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, type FormInstance } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { EntityPicker, type PickedEntity } from '../../registry/components/editors/EntityPicker.js';
import { useVocabularyLabels } from '../../registry/hooks/useVocabularyQuery.js';
import type { OfficerRef } from '../utils/officers.js';
import { isAccountId } from '../utils/officers.js';
import type { PackageValues } from '../utils/package-form.js';
import { OfficerSelect } from './OfficerSelect.js';

type Props = {
  form: FormInstance<PackageValues>;
  initial: PackageValues;
  onFinish: (v: PackageValues) => void;
  /** Creating: the enterprise is chosen; editing: it is fixed. */
  creating: boolean;
  enterpriseSuggestions?: readonly PickedEntity[];
  officers: readonly OfficerRef[];
  officersComplete: boolean;
  knownOfficers?: readonly OfficerRef[];
};

/**
 * A service package's terms: the enterprise and why it is key (a recognition
 * tier or the key list), primary and backup housekeepers, the services
 * promised with their service levels, and the check-in schedule.
 */
export const PackageForm = ({ form, initial, onFinish, creating, enterpriseSuggestions = [], officers, officersComplete, knownOfficers = [] }: Props) => {
  const { t } = useI18n();
  const vocab = useVocabularyLabels();
  const basisOptions = useMemo(
    () => [{ value: 'list', label: t('services.package.basisList') }, ...vocab.recognitions.map((r) => ({ value: `tier:${r.code}`, label: t('services.package.basisTier', { tier: r.label }) }))],
    [vocab, t],
  );
  const officerRule = { validator: (_: unknown, v?: string | null) => (!v || officers.some((o) => o.id === v) || knownOfficers.some((o) => o.id === v) || isAccountId(v) ? Promise.resolve() : Promise.reject(new Error(t('services.officers.invalidId')))) };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish} data-testid="package-form" scrollToFirstError>
      <div className="kc-svc-form-row">
        {creating && (
          <Form.Item name="enterpriseId" label={t('services.col.enterprise')} rules={[{ required: true, message: t('services.required') }]}>
            <EntityPicker category="enterprise" suggestions={enterpriseSuggestions} data-testid="package-form-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="keyBasis" label={t('services.package.basis')} extra={t('services.package.basisHint')} rules={[{ required: true, message: t('services.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={basisOptions} data-testid="package-form-basis" />
        </Form.Item>
      </div>
      <div className="kc-svc-form-row">
        <Form.Item name="primaryHousekeeperId" label={t('services.package.primary')} extra={officersComplete ? undefined : t('services.officers.idsHint')} rules={[{ required: true, message: t('services.required') }, officerRule]}>
          <OfficerSelect officers={officers} complete={officersComplete} known={knownOfficers} data-testid="package-form-primary" />
        </Form.Item>
        <Form.Item
          name="backupHousekeeperId"
          label={t('services.package.backup')}
          dependencies={['primaryHousekeeperId']}
          rules={[
            officerRule,
            ({ getFieldValue }) => ({ validator: (_, v?: string | null) => (!v || v !== getFieldValue('primaryHousekeeperId') ? Promise.resolve() : Promise.reject(new Error(t('services.reason.same_as_primary')))) }),
          ]}
        >
          <OfficerSelect officers={officers} complete={officersComplete} known={knownOfficers} allowClear data-testid="package-form-backup" />
        </Form.Item>
      </div>
      <div className="kc-svc-label">{t('services.package.services')}</div>
      <p className="kc-muted kc-small">{t('services.package.servicesHint')}</p>
      <Form.List name="services">
        {(fields, { add, remove }) => (
          <div className="kc-svc-rows" data-testid="package-form-services">
            {fields.length > 0 && (
              <div className="kc-svc-service-row kc-svc-row-head" aria-hidden>
                <span>{t('services.package.serviceZh')}</span>
                <span>{t('services.package.serviceEn')}</span>
                <span>{t('services.package.slaDays')}</span>
                <span>{t('services.package.serviceNotes')}</span>
                <span />
              </div>
            )}
            {fields.map((field) => (
              <div key={field.key} className="kc-svc-service-row" data-testid="package-form-service">
                {/* The service's code is its identity: kept as it is (onFinish only returns registered fields). */}
                <Form.Item name={[field.name, 'code']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'titleZh']} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
                  <Input maxLength={200} placeholder={t('services.package.serviceZhExample')} aria-label={t('services.package.serviceZh')} data-testid="service-title-zh" />
                </Form.Item>
                <Form.Item name={[field.name, 'titleEn']} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
                  <Input maxLength={200} placeholder={t('services.package.serviceEnExample')} aria-label={t('services.package.serviceEn')} data-testid="service-title-en" />
                </Form.Item>
                <Form.Item name={[field.name, 'slaDays']}>
                  <InputNumber min={1} max={365} aria-label={t('services.package.slaDays')} style={{ width: '100%' }} data-testid="service-sla" />
                </Form.Item>
                <Form.Item name={[field.name, 'notes']}>
                  <Input maxLength={2000} aria-label={t('services.package.serviceNotes')} data-testid="service-notes" />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('services.remove')} onClick={() => remove(field.name)} />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="package-form-add-service">
              {t('services.package.addService')}
            </Button>
          </div>
        )}
      </Form.List>
      <div className="kc-svc-form-row kc-svc-top-gap">
        <Form.Item name="checkInEveryDays" label={t('services.package.checkInEvery')} rules={[{ required: true, message: t('services.required') }]}>
          <InputNumber min={7} max={365} suffix={t('services.package.daysUnit')} style={{ width: '100%' }} data-testid="package-form-every" />
        </Form.Item>
        <Form.Item name="nextCheckInOn" label={t('services.package.nextCheckIn')} rules={[{ required: true, message: t('services.required') }]}>
          <Input type="date" data-testid="package-form-next" />
        </Form.Item>
      </div>
    </Form>
  );
};

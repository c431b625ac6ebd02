import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DEMAND_TYPES } from '../../../../shared/schemas/services.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { EntityPicker } from '../../registry/components/editors/EntityPicker.js';
import { useCreateDemandMutation } from '../hooks/useDemands.js';
import { demandTypeLabel, placeFailure } from '../utils/labels.js';
import { demandPath } from '../utils/paths.js';

type Values = { enterpriseId?: string; type?: string; title?: string; description?: string };
const FIELDS = ['enterpriseId', 'type', 'title', 'description'];

/**
 * Raise a demand: an enterprise member for their own enterprise; an officer
 * names the enterprise. It is routed by type and area; the page of the new
 * case opens.
 */
export const NewDemandDialog = ({ forEnterprise, onClose }: { forEnterprise: boolean; onClose: () => void }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateDemandMutation(centre.id);
  const [error, setError] = useState<string | null>(null);
  const save = async (v: Values) => {
    setError(null);
    try {
      const d = await create.mutateAsync({ type: v.type ?? '', title: (v.title ?? '').trim(), description: (v.description ?? '').trim(), ...(forEnterprise ? {} : { enterpriseId: v.enterpriseId ?? '' }) });
      onClose();
      navigate(demandPath(d.id));
    } catch (e) {
      setError(placeFailure(form, e, t, (path) => {
        const head = path.split('.')[0] ?? '';
        return FIELDS.includes(head) ? [head] : null;
      }));
    }
  };
  return (
    <Modal
      open
      width={620}
      title={forEnterprise ? t('services.newDemand.titleOwn') : t('services.newDemand.titleOfficer')}
      okText={t('services.newDemand.submit')}
      cancelText={t('services.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'new-demand-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="kc-muted">{t('services.newDemand.intro')}</p>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="new-demand-form">
        {!forEnterprise && (
          <Form.Item name="enterpriseId" label={t('services.col.enterprise')} rules={[{ required: true, message: t('services.required') }]}>
            <EntityPicker category="enterprise" data-testid="new-demand-enterprise" />
          </Form.Item>
        )}
        <Form.Item name="type" label={t('services.col.type')} rules={[{ required: true, message: t('services.required') }]}>
          <Select options={DEMAND_TYPES.map((d) => ({ value: d, label: demandTypeLabel(t, d) }))} data-testid="new-demand-type" />
        </Form.Item>
        <Form.Item name="title" label={t('services.visit.needTitle')} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
          <Input maxLength={200} showCount data-testid="new-demand-title" />
        </Form.Item>
        <Form.Item name="description" label={t('services.description')} rules={[{ required: true, whitespace: true, message: t('services.required') }]}>
          <Input.TextArea rows={5} maxLength={5000} data-testid="new-demand-description" placeholder={t('services.newDemand.descriptionPlaceholder')} />
        </Form.Item>
        {error && (
          <div className="kc-svc-error" role="alert" data-testid="new-demand-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
};

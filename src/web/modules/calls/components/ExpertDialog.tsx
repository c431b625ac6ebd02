import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { EntityPicker } from '../../registry/components/editors/EntityPicker.js';
import { useAddExpertMutation, useUpdateExpertMutation } from '../hooks/useReview.js';
import type { Expert } from '../types.js';
import { placeFailure } from '../utils/labels.js';

type Values = { entityId?: string; fields: string[]; maxLoad?: number | null; userId?: string };

const FIELD_CODE = /^[a-z0-9_]+(\.[a-z0-9_]+){0,5}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = ['entityId', 'fields', 'maxLoad', 'userId'];

/**
 * "Add expert" (a registry person, fields, load limit, linked account:
 * `POST /experts`) or, given an expert, edit one (`PATCH /experts/:id`, only
 * what changed).
 */
export const ExpertDialog = ({ centreId, expert, open, onClose }: { centreId: string; expert: Expert | null; open: boolean; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const add = useAddExpertMutation(centreId);
  const update = useUpdateExpertMutation(centreId);
  const [error, setError] = useState<string | null>(null);
  const initial: Values = expert ? { fields: expert.fields, maxLoad: expert.maxLoad, userId: expert.userId ?? '' } : { fields: [], maxLoad: 10, userId: '' };

  const save = async (v: Values) => {
    setError(null);
    const fields = v.fields.map((f) => f.trim().toLowerCase()).filter(Boolean);
    const userId = v.userId?.trim() || null;
    try {
      if (!expert) await add.mutateAsync({ entityId: v.entityId ?? '', fields, maxLoad: v.maxLoad ?? 10, userId });
      else {
        const patch: { fields?: string[]; maxLoad?: number; userId?: string | null } = {};
        if (JSON.stringify(fields) !== JSON.stringify(expert.fields)) patch.fields = fields;
        if (v.maxLoad !== null && v.maxLoad !== undefined && v.maxLoad !== expert.maxLoad) patch.maxLoad = v.maxLoad;
        if (userId !== expert.userId) patch.userId = userId;
        if (Object.keys(patch).length > 0) await update.mutateAsync({ id: expert.id, patch });
      }
      onClose();
    } catch (e) {
      setError(placeFailure(form, e, t, (path) => {
        const head = path.split('.')[0] ?? '';
        return FIELDS.includes(head) && (head !== 'entityId' || !expert) ? [head] : null;
      }));
    }
  };

  return (
    <Modal
      open={open}
      title={expert ? t('calls.admin.editExpert', { name: pickName(expert.entity, locale) }) : t('calls.admin.addExpert')}
      okText={expert ? t('calls.saveChanges') : t('calls.admin.addExpert')}
      cancelText={t('calls.cancel')}
      okButtonProps={{ loading: add.isPending || update.isPending, 'data-testid': 'expert-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="expert-form">
        {!expert && (
          <Form.Item name="entityId" label={t('calls.admin.person')} extra={t('calls.admin.personHint')} rules={[{ required: true, message: t('calls.required') }]}>
            <EntityPicker category="person" data-testid="expert-form-person" />
          </Form.Item>
        )}
        <Form.Item
          name="fields"
          label={t('calls.fields')}
          extra={t('calls.fieldsHint')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('calls.admin.fieldsRequired') },
            { validator: (_, v: string[] = []) => (v.every((f) => FIELD_CODE.test(f.trim().toLowerCase())) ? Promise.resolve() : Promise.reject(new Error(t('calls.admin.fieldCodeInvalid')))) },
          ]}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', ' ']} data-testid="expert-form-fields" />
        </Form.Item>
        <Form.Item name="maxLoad" label={t('calls.admin.maxLoad')} extra={t('calls.admin.maxLoadHint')}>
          <InputNumber min={0} max={200} style={{ width: '100%' }} data-testid="expert-form-max-load" />
        </Form.Item>
        <Form.Item
          name="userId"
          label={t('calls.admin.userId')}
          extra={t('calls.admin.userIdHint')}
          rules={[{ validator: (_, v?: string) => (!v?.trim() || UUID.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('calls.admin.userIdInvalid')))) }]}
        >
          <Input allowClear data-testid="expert-form-user-id" placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" />
        </Form.Item>
        {error && (
          <div className="kc-calls-error" role="alert" data-testid="expert-form-error">
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
};

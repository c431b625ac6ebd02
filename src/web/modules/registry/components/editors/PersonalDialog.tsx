import { Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import type { TEntityProfile } from '../../../../../shared/schemas/registry.js';
import { useCurrentCentre } from '../../../../app/centre.js';
import { placeFormError } from '../../../../app/errors.js';
import { pickName } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { useSetPersonalMutation } from '../../hooks/useSetPersonalMutation.js';
import { orNull } from './dates-rule.js';
import { EditorModal } from './EditorModal.js';

type Values = { email: string; phone: string; birthYear: number | null; notes: string };
type Props = { open: boolean; onClose: () => void; afterClose?: () => void; entity: TEntityProfile['entity']; personal: TEntityProfile['personal']; onDone: (message: string) => void };

/** A person's personal fields (contact details, birth year): only roles with people:private see or set them. */
export const PersonalDialog = ({ open, onClose, afterClose, entity, personal, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<Values>();
  const mutation = useSetPersonalMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    mutation.mutate(
      {
        entityId: entity.id,
        body: { email: orNull(values.email), phone: orNull(values.phone), birthYear: values.birthYear ?? null, notes: orNull(values.notes) },
      },
      {
        onSuccess: () => {
          onDone(t('personal.saved'));
          onClose();
        },
        onError: (err) => setFormError(placeFormError(form, err, t)),
      },
    );
  };

  return (
    <EditorModal
      open={open}
      title={t('personal.title', { name: pickName(entity, locale) })}
      okText={t('entityForm.save')}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={mutation.isPending}
      error={formError}
    >
      <p className="kc-muted kc-small">{t('profile.personalNote')}</p>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ email: personal?.email ?? '', phone: personal?.phone ?? '', birthYear: personal?.birthYear ?? null, notes: personal?.notes ?? '' }}
        onFinish={submit}
      >
        <Form.Item name="email" label={t('personal.email')} rules={[{ type: 'email', message: t('personal.emailInvalid') }, { max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('personal.phone')} rules={[{ max: 40 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="birthYear" label={t('personal.birthYear')}>
          <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="notes" label={t('personal.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </EditorModal>
  );
};

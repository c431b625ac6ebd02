import { Alert, Form, Input, message, Modal, Select } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../shared/access.js';
import type { TCreateUserRequest } from '../../../../shared/schemas/auth.js';
import { isApiError } from '../../../app/api.js';
import { useCentreContext } from '../../../app/centre.js';
import { placeFormError } from '../../../app/errors.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { roleKey, type Locale } from '../../../i18n/keys.js';
import { checkPassword, PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH } from '../../../../core/accounts/password-policy.js';
import { useCreateUserMutation } from '../hooks/useCreateUserMutation.js';

type Values = {
  username: string;
  displayName: string;
  role: Role;
  centreId: string | null;
  organisationId: string;
  locale: Locale;
  password: string;
};

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]*$/;
const ALL_CENTRES = '__all__';

/** Creates an account. Field problems the server reports are shown next to the fields. */
export const CreateUserDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const [toast, toastHolder] = message.useMessage();
  const { centres, centre } = useCentreContext();
  const [form] = Form.useForm<Values>();
  const mutation = useCreateUserMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const needsOrganisation = role === 'enterprise_member' || role === 'research_member';

  const submit = (values: Values) => {
    setFormError(null);
    const body: TCreateUserRequest = {
      username: values.username.trim().toLowerCase(),
      displayName: values.displayName.trim(),
      role: values.role,
      centreId: values.centreId === ALL_CENTRES ? null : values.centreId,
      organisationId: needsOrganisation && values.organisationId?.trim() ? values.organisationId.trim() : null,
      locale: values.locale,
      password: values.password,
    };
    mutation.mutate(body, {
      onSuccess: (user) => {
        void toast.success(t('users.created', { name: user.displayName }));
        form.resetFields();
        onClose();
      },
      onError: (err) => {
        if (isApiError(err) && err.code === 'CONFLICT') {
          form.setFields([{ name: 'username', errors: [t('users.usernameTaken')] }]);
          return;
        }
        setFormError(placeFormError(form, err, t, 'password'));
      },
    });
  };

  return (
    <>
    {toastHolder}
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('users.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'user-create-submit' } as Record<`data-${string}`, string>}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        initialValues={{ role: 'analyst', locale: 'zh-CN', centreId: centre?.id ?? ALL_CENTRES, organisationId: '' }}
      >
        <Form.Item
          name="username"
          label={t('users.field.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { min: 3, max: 64, message: t('users.usernameLength') },
            { pattern: USERNAME_PATTERN, message: t('users.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" data-testid="user-create-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.field.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 120 }]}
        >
          <Input autoComplete="off" data-testid="user-create-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.field.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))} data-testid="user-create-role" />
        </Form.Item>
        <Form.Item name="centreId" label={t('users.field.centre')}>
          <Select
            options={[
              { value: ALL_CENTRES, label: t('users.allCentres') },
              ...centres.map((c) => ({ value: c.id, label: pickName(c, locale) })),
            ]}
          />
        </Form.Item>
        {needsOrganisation && (
          <Form.Item name="organisationId" label={t('users.field.organisation')} extra={t('users.organisationHint')}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('users.field.locale')}>
          <Select
            options={[
              { value: 'zh-CN', label: t('lang.zhCN') },
              { value: 'en-US', label: t('lang.enUS') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.field.password')}
          extra={t('password.policySummary', { min: PASSWORD_MIN_LENGTH, classes: PASSWORD_MIN_CLASSES })}
          dependencies={['username']}
          rules={[
            { required: true, message: t('password.newRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && checkPassword(value, String(getFieldValue('username') ?? '')).length > 0
                  ? Promise.reject(new Error(t('password.notPolicy')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-create-password" />
        </Form.Item>
      </Form>
    </Modal>
    </>
  );
};

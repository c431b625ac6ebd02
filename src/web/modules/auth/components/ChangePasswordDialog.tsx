import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, message, Modal, theme } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../app/api.js';
import { placeFormError } from '../../../app/errors.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useChangePasswordMutation } from '../hooks/useChangePasswordMutation.js';
import {
  checkPassword,
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
  type PasswordViolation,
} from '../../../../core/accounts/password-policy.js';

/** The rules listed under the field; the others show only when broken. */
const LISTED_RULES: readonly PasswordViolation[] = ['too_short', 'too_few_character_classes', 'contains_username'];

type Props = {
  open: boolean;
  /** The account must change its password before doing anything else. */
  forced: boolean;
  username: string;
  onClose: () => void;
  onSignOut: () => void;
};

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

export const ChangePasswordDialog = ({ open, forced, username, onClose, onSignOut }: Props) => {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [toast, toastHolder] = message.useMessage();
  const [form] = Form.useForm<Values>();
  const mutation = useChangePasswordMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const candidate = Form.useWatch('newPassword', form) ?? '';
  const problems = checkPassword(candidate, username);
  const rules = [...LISTED_RULES, ...problems.filter((p) => !LISTED_RULES.includes(p))];

  const ruleText = (rule: PasswordViolation): string => {
    switch (rule) {
      case 'too_short':
        return t('password.rule.length', { min: PASSWORD_MIN_LENGTH });
      case 'too_few_character_classes':
        return t('password.rule.classes', { min: PASSWORD_MIN_CLASSES });
      case 'contains_username':
        return t('password.rule.username');
      case 'too_long':
        return t('password.rule.tooLong');
      case 'common_password':
        return t('password.rule.common');
    }
  };

  const submit = (values: Values) => {
    setFormError(null);
    mutation.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void toast.success(t('password.changed'));
          form.resetFields();
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'INVALID_CREDENTIALS') {
            form.setFields([{ name: 'currentPassword', errors: [t('fieldReason.wrong_password')] }]);
            return;
          }
          // Field issues (wrong current password, policy rules) go next to their fields.
          setFormError(placeFormError(form, err, t, 'newPassword'));
        },
      },
    );
  };

  return (
    <>
    {toastHolder}
    <Modal
      open={open}
      title={forced ? t('password.forcedTitle') : t('password.title')}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="signout" onClick={onSignOut}>
            {t('auth.signOut')}
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        ),
        <Button key="submit" type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="password-submit">
          {t('password.submit')}
        </Button>,
      ]}
    >
      {forced && <Alert type="info" showIcon title={t('password.forcedIntro')} style={{ marginBottom: 16 }} />}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('password.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.newRequired') },
            {
              validator: (_, value: string | undefined) =>
                value && checkPassword(value, username).length > 0
                  ? Promise.reject(new Error(t('password.notPolicy')))
                  : Promise.resolve(),
            },
          ]}
          extra={
            <div>
              <span>{t('password.policyIntro')}</span>
              <ul className="kc-policy" aria-live="polite">
                {rules.map((rule) => {
                  const ok = candidate.length > 0 && !problems.includes(rule);
                  return (
                    <li key={rule}>
                      {ok ? (
                        <CheckCircleFilled style={{ color: token.colorSuccess }} aria-label={t('password.ruleMet')} />
                      ) : (
                        <CloseCircleOutlined style={{ color: token.colorTextQuaternary }} aria-label={t('password.ruleNotMet')} />
                      )}{' '}
                      {ruleText(rule)}
                    </li>
                  );
                })}
              </ul>
            </div>
          }
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
    </>
  );
};

import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, message, Modal, theme } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../app/api.js';
import { applyFieldErrors, errorMessage } from '../../../app/errors.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useChangePasswordMutation } from '../hooks/useChangePasswordMutation.js';
import { PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH, PASSWORD_RULES, passwordProblems, type PasswordRule } from '../utils/password-policy.js';

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
  const problems = passwordProblems(candidate, username);

  const ruleText = (rule: PasswordRule): string =>
    rule === 'length'
      ? t('password.rule.length', { min: PASSWORD_MIN_LENGTH })
      : rule === 'classes'
        ? t('password.rule.classes', { min: PASSWORD_MIN_CLASSES })
        : t('password.rule.username');

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
            form.setFields([{ name: 'currentPassword', errors: [t('password.currentWrong')] }]);
            return;
          }
          if (isApiError(err) && err.code === 'PASSWORD_POLICY') {
            const unmatched = applyFieldErrors(form, err, t, () => 'newPassword');
            if (err.fieldIssues.length === 0 || unmatched.length > 0) {
              form.setFields([{ name: 'newPassword', errors: [t('error.PASSWORD_POLICY')] }]);
            }
            return;
          }
          const unmatched = applyFieldErrors(form, err, t);
          if (!isApiError(err) || err.code !== 'VALIDATION_FAILED' || unmatched.length > 0) setFormError(errorMessage(err, t));
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
                value && passwordProblems(value, username).length > 0
                  ? Promise.reject(new Error(t('password.notPolicy')))
                  : Promise.resolve(),
            },
          ]}
          extra={
            <div>
              <span>{t('password.policyIntro')}</span>
              <ul className="kc-policy" aria-live="polite">
                {PASSWORD_RULES.map((rule) => {
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

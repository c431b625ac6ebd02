import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../app/api.js';
import { applyFieldErrors, errorMessage } from '../app/errors.js';
import { safeNextPath, useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LanguageSwitch } from '../modules/auth/components/LanguageSwitch.js';
import { useLoginMutation } from '../modules/auth/hooks/useLoginMutation.js';
import { PageFallback } from '../ui/PageFallback.js';

type Values = { username: string; password: string };

/** Sign-in; goes back to where the visitor came from (`?next=`) afterwards. */
export const LoginPage = () => {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const { user, isLoading } = useSession();
  const login = useLoginMutation();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);

  if (isLoading) return <PageFallback />;
  if (user && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const submit = (values: Values) => {
    setFormError(null);
    login.mutate(
      { username: values.username.trim().toLowerCase(), password: values.password },
      {
        onSuccess: () => navigate(next, { replace: true }),
        onError: (err) => {
          const unmatched = applyFieldErrors(form, err, t);
          if (!isApiError(err) || err.code !== 'VALIDATION_FAILED' || unmatched.length > 0) setFormError(errorMessage(err, t));
          if (isApiError(err) && err.code === 'INVALID_CREDENTIALS') form.setFieldValue('password', '');
        },
      },
    );
  };

  return (
    <div className="kc-login">
      <div className="kc-login-top">
        <LanguageSwitch />
      </div>
      <main className="kc-login-main">
        <Card className="kc-login-card">
          <div className="kc-login-brand">
            <img src="/favicon.svg" alt="" width={40} height={40} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            </div>
          </div>
          <Typography.Title level={4} className="kc-login-title">
            {t('auth.signInTitle')}
          </Typography.Title>
          {formError && (
            <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />
          )}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('auth.signIn')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="kc-login-note">
            {t('auth.openDataNote')} <Link to="/">{t('auth.backToDashboard')}</Link>
          </Typography.Paragraph>
        </Card>
      </main>
    </div>
  );
};

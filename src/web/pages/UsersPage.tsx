import { PlusOutlined } from '@ant-design/icons';
import { Button, message, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { TUser } from '../../shared/schemas/auth.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatDateTime } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { roleKey } from '../i18n/keys.js';
import { PageHeader } from '../ui/PageHeader.js';
import { CreateUserDialog } from '../modules/users/components/CreateUserDialog.js';
import { useUpdateUserMutation } from '../modules/users/hooks/useUpdateUserMutation.js';
import { useUsersQuery } from '../modules/users/hooks/useUsersQuery.js';

const isLocked = (u: TUser, now: number): boolean => u.lockedUntil !== null && Date.parse(u.lockedUntil) > now;

/** Accounts: list, create, disable or enable, unlock. */
export const UsersPage = () => {
  const { t, locale } = useI18n();
  const [toast, toastHolder] = message.useMessage();
  const { user: me } = useSession();
  const query = useUsersQuery();
  const update = useUpdateUserMutation();
  const [creating, setCreating] = useState(false);
  const now = Date.now();

  const patch = (u: TUser, change: { disabled?: boolean; unlock?: true }, done: string) =>
    update.mutate(
      { id: u.id, patch: change },
      { onSuccess: () => void toast.success(done), onError: (err) => void toast.error(errorMessage(err, t)) },
    );

  const columns: TableProps<TUser>['columns'] = [
    {
      key: 'user',
      title: t('users.col.user'),
      render: (_, u) => (
        <div>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'role', title: t('users.col.role'), width: 150, render: (_, u) => <Tag>{t(roleKey(u.role))}</Tag> },
    {
      key: 'status',
      title: t('users.col.status'),
      width: 200,
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.disabled ? <Tag color="default">{t('users.status.disabled')}</Tag> : <Tag color="green">{t('users.status.active')}</Tag>}
          {isLocked(u, now) && u.lockedUntil && (
            <Tag color="red">{t('users.status.lockedUntil', { time: formatDateTime(u.lockedUntil, locale) })}</Tag>
          )}
          {u.mustChangePassword && <Tag color="orange">{t('users.status.mustChangePassword')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'lastLogin',
      title: t('users.col.lastLogin'),
      width: 170,
      responsive: ['lg'],
      render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
    },
    {
      key: 'actions',
      title: t('users.col.actions'),
      width: 190,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.disabled ? (
            <Button size="small" onClick={() => patch(u, { disabled: false }, t('users.enabled', { name: u.displayName }))}>
              {t('users.enable')}
            </Button>
          ) : (
            <Popconfirm
              title={t('users.disableConfirm', { name: u.displayName })}
              okText={t('users.disable')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => patch(u, { disabled: true }, t('users.disabled', { name: u.displayName }))}
              disabled={u.id === me?.id}
            >
              <Button size="small" danger disabled={u.id === me?.id} title={u.id === me?.id ? t('users.cannotDisableSelf') : undefined}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          )}
          {isLocked(u, now) && (
            <Button size="small" onClick={() => patch(u, { unlock: true }, t('users.unlocked', { name: u.displayName }))}>
              {t('users.unlock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="kc-page">
      {toastHolder}
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
      />
      <Table<TUser>
        rowKey="id"
        className="kc-table"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isLoading}
        pagination={false}
        locale={{ emptyText: query.error ? errorMessage(query.error, t) : t('users.empty') }}
      />
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
};

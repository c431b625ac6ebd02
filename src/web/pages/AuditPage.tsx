import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Input, List, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import type { TAuditEvent, TAuditVerification } from '../../shared/schemas/audit.js';
import { errorMessage } from '../app/errors.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PageHeader } from '../ui/PageHeader.js';
import type { MessageKey } from '../i18n/keys.js';
import { useAuditQuery, type AuditFilter } from '../modules/audit/hooks/useAuditQuery.js';
import { useVerifyAuditMutation } from '../modules/audit/hooks/useVerifyAuditMutation.js';

const PROBLEM_KEYS: Record<TAuditVerification['problems'][number]['problem'], MessageKey> = {
  hash_mismatch: 'audit.problem.hash_mismatch',
  broken_link: 'audit.problem.broken_link',
  gap: 'audit.problem.gap',
};

const Json = ({ value }: { value: unknown }) =>
  value === null || value === undefined ? null : <pre className="kc-json">{JSON.stringify(value, null, 2)}</pre>;

/** The append-only audit log, newest first, with a check of its hash chain. */
export const AuditPage = () => {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const query = useAuditQuery(filter);
  const verify = useVerifyAuditMutation();
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableProps<TAuditEvent>['columns'] = [
    { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 80 },
    { key: 'at', title: t('audit.col.at'), width: 180, render: (_, e) => formatDateTime(e.at, locale, true) },
    { key: 'actor', title: t('audit.col.actor'), dataIndex: 'actorLabel', width: 160 },
    { key: 'action', title: t('audit.col.action'), render: (_, e) => <Typography.Text code>{e.action}</Typography.Text> },
    {
      key: 'entity',
      title: t('audit.col.entity'),
      responsive: ['md'],
      render: (_, e) => (
        <span>
          <Typography.Text>{e.entityType}</Typography.Text>{' '}
          <Typography.Text type="secondary" copyable={{ text: e.entityId, tooltips: [t('common.copy'), t('common.copied')] }}>
            {e.entityId}
          </Typography.Text>
        </span>
      ),
    },
  ];

  const verification = verify.data;
  return (
    <div className="kc-page">
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <Space wrap className="kc-filters" size={[12, 12]}>
        <Input.Search
          allowClear
          placeholder={t('audit.filterEntityType')}
          aria-label={t('audit.filterEntityType')}
          onSearch={(v) => setFilter((f) => ({ ...f, entityType: v.trim() || undefined }))}
          style={{ width: 220 }}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.filterAction')}
          aria-label={t('audit.filterAction')}
          onSearch={(v) => setFilter((f) => ({ ...f, action: v.trim() || undefined }))}
          style={{ width: 220 }}
        />
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      </Space>
      {verify.error ? <Alert type="error" showIcon title={errorMessage(verify.error, t)} className="kc-alert" /> : null}
      {verification && (
        <Alert
          className="kc-alert"
          type={verification.ok ? 'success' : 'error'}
          showIcon
          title={
            verification.ok
              ? t('audit.verifyOk', { count: formatNumber(verification.checked, locale) })
              : t('audit.verifyFailed', { count: formatNumber(verification.problems.length, locale) })
          }
          description={
            verification.problems.length > 0 ? (
              <List
                size="small"
                dataSource={verification.problems}
                renderItem={(p) => (
                  <List.Item>
                    {t('audit.problemLine', { seq: p.seq, problem: t(PROBLEM_KEYS[p.problem]) })}
                  </List.Item>
                )}
              />
            ) : undefined
          }
        />
      )}
      <Table<TAuditEvent>
        rowKey="seq"
        size="small"
        className="kc-table"
        columns={columns}
        dataSource={events}
        loading={query.isLoading}
        pagination={false}
        locale={{ emptyText: query.error ? errorMessage(query.error, t) : t('audit.empty') }}
        expandable={{
          rowExpandable: (e) => e.before !== null || e.after !== null || e.requestId !== null,
          expandedRowRender: (e) => (
            <div className="kc-audit-detail">
              {e.requestId && (
                <Typography.Paragraph type="secondary">{t('audit.requestId', { id: e.requestId })}</Typography.Paragraph>
              )}
              <div className="kc-audit-diff">
                <div>
                  <Typography.Text strong>{t('audit.before')}</Typography.Text>
                  <Json value={e.before} />
                </div>
                <div>
                  <Typography.Text strong>{t('audit.after')}</Typography.Text>
                  <Json value={e.after} />
                </div>
              </div>
              <Typography.Text type="secondary" className="kc-hash">
                {t('audit.hash', { hash: e.hash })}
              </Typography.Text>
            </div>
          ),
        }}
      />
      {query.hasNextPage && (
        <div className="kc-load-more">
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
};

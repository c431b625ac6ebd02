import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate } from '../modules/calls/utils/labels.js';
import { useNegativeListsQuery, usePublishListMutation, type ListVersion } from '../modules/grants/hooks.js';
import { grantIssueText, GrantsTabs } from '../modules/grants/parts.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/grants/grants.css';

type Item = { code: string; nameZh: string; nameEn: string; explanationZh: string; explanationEn: string };

/** The next version: the newest one's items to start from, an effective date, a note and the source document. */
const PublishForm = ({ latest }: { latest: ListVersion | undefined }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const publish = usePublishListMutation(centre.id);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async () => {
    const v = (await form.validateFields()) as { effectiveFrom: string; noteZh?: string; noteEn?: string; sourceTitle?: string; items: Item[] };
    setError(null);
    setDone(null);
    try {
      const out = await publish.mutateAsync({ effectiveFrom: v.effectiveFrom, noteZh: v.noteZh?.trim() || null, noteEn: v.noteEn?.trim() || null, sourceTitle: v.sourceTitle?.trim() || null, items: v.items });
      setDone(t('grants.list.published', { number: out.number }));
    } catch (e) {
      setError(placeIssues(form, e, t, (p) => {
        const m = /^items\.(\d+)\.(\w+)$/.exec(p);
        return m ? ['items', Number(m[1]), m[2] as string] : ['effectiveFrom', 'noteZh', 'noteEn', 'sourceTitle'].includes(p) ? [p] : null;
      }, grantIssueText));
    }
  };
  return (
    <Panel title={t('grants.list.publishTitle')} data-testid="negative-list-publish">
      <p className="kc-muted kc-small">{t('grants.list.publishHint')}</p>
      <Form form={form} layout="vertical" initialValues={{ items: latest?.items ?? [{}] }}>
        <div className="kc-gr-row">
          <Form.Item name="effectiveFrom" label={t('grants.list.effectiveFrom')} rules={[{ required: true }]}>
            <Input type="date" data-testid="negative-list-date" />
          </Form.Item>
          <Form.Item name="sourceTitle" label={t('grants.list.source')}>
            <Input />
          </Form.Item>
          <Form.Item name="noteZh" label={t('grants.list.noteZh')}>
            <Input />
          </Form.Item>
          <Form.Item name="noteEn" label={t('grants.list.noteEn')}>
            <Input />
          </Form.Item>
        </div>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <fieldset key={f.key} className="kc-gr-track-edit" data-testid="negative-list-item">
                  <div className="kc-gr-row">
                    <Form.Item name={[f.name, 'code']} label={t('grants.list.code')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,59}$/, message: t('grants.list.codeRule') }]}>
                      <Input data-testid="negative-item-code" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'nameZh']} label={t('grants.list.nameZh')} rules={[{ required: true, whitespace: true }]}>
                      <Input data-testid="negative-item-name-zh" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'nameEn']} label={t('grants.list.nameEn')} rules={[{ required: true, whitespace: true }]}>
                      <Input data-testid="negative-item-name-en" />
                    </Form.Item>
                  </div>
                  <div className="kc-gr-row">
                    <Form.Item name={[f.name, 'explanationZh']} label={t('grants.list.explanationZh')} rules={[{ required: true, whitespace: true }]}>
                      <Input.TextArea rows={2} data-testid="negative-item-explanation-zh" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'explanationEn']} label={t('grants.list.explanationEn')} rules={[{ required: true, whitespace: true }]}>
                      <Input.TextArea rows={2} data-testid="negative-item-explanation-en" />
                    </Form.Item>
                  </div>
                  <Button type="link" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                    {t('grants.list.removeItem')}
                  </Button>
                </fieldset>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="negative-item-add">
                {t('grants.list.addItem')}
              </Button>
            </>
          )}
        </Form.List>
        <div className="kc-gr-actions">
          <Button type="primary" onClick={() => void submit()} loading={publish.isPending} data-testid="negative-list-submit">
            {t('grants.list.publish')}
          </Button>
        </div>
        {done && (
          <div role="status" className="kc-gr-ok" data-testid="negative-list-done">
            {done}
          </div>
        )}
        {error && (
          <div className="kc-gr-error" role="alert" data-testid="negative-list-error">
            {error}
          </div>
        )}
      </Form>
    </Panel>
  );
};

/** 负面清单: every version with its effective period; the one in force today marked; officers publish the next version. */
export const GrantsNegativeListPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const officer = can('calls:manage');
  const query = useNegativeListsQuery(centre.id);
  const versions = query.data?.items ?? [];
  const zh = locale === 'zh-CN';
  return (
    <div className="kc-gr" data-testid="negative-list-page">
      <PageHeader title={t('grants.title')} intro={t('grants.list.intro')} />
      <GrantsTabs active="negativeList" />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {versions.length === 0 && (
          <Panel title={t('grants.list.title')}>
            <p className="kc-muted" data-testid="negative-list-empty">
              {t('grants.list.empty')}
            </p>
          </Panel>
        )}
        {versions.map((v) => (
          <Panel
            key={v.id}
            data-testid="negative-list-version"
            title={
              <span className="kc-gr-title">
                <strong>{t('grants.list.version', { number: v.number })}</strong>
                {v.inForce && <Chip tone="accent">{t('grants.list.inForce')}</Chip>}
              </span>
            }
            extra={
              <span className="kc-muted kc-small">
                {v.effectiveTo ? t('grants.list.period', { from: v.effectiveFrom, to: v.effectiveTo }) : t('grants.list.from', { from: v.effectiveFrom })}
                {` · ${t('grants.list.publishedOn', { date: formatDate(v.publishedAt, t) })}`}
              </span>
            }
          >
            {(zh ? v.noteZh : v.noteEn) && <p className="kc-muted">{zh ? v.noteZh : v.noteEn}</p>}
            {v.sourceTitle && <p className="kc-muted kc-small">{t('grants.figures.source', { source: v.sourceTitle })}</p>}
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={v.items}
              columns={[
                { title: t('grants.list.code'), dataIndex: 'code', width: 200 },
                { title: t('grants.list.item'), render: (_, i) => (zh ? i.nameZh : i.nameEn) },
                { title: t('grants.list.explanation'), render: (_, i) => (zh ? i.explanationZh : i.explanationEn) },
              ]}
            />
          </Panel>
        ))}
        {officer && <PublishForm latest={versions[0]} />}
      </QueryState>
    </div>
  );
};

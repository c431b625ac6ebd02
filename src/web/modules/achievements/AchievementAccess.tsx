import { Button, Checkbox, Form, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import type { TAccessRequest, TAchievement } from '../../../shared/schemas/achievements.js';
import { errorMessage, placeIssues } from '../../app/errors.js';
import { formatDateTime, pickName } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Panel } from '../../ui/Panel.js';
import { useAccessRequestsQuery, useDecideAccessMutation, useDetailViewsQuery, useReadDetailMutation, useRequestAccessMutation, type DetailView } from './hooks.js';
import { achievementIssueText, basisLabel, requestStateLabel } from './labels.js';

const REQUEST_COLOURS: Record<TAccessRequest['state'], string> = { requested: 'blue', granted: 'green', refused: 'red', revoked: 'default' };

/**
 * The confidential detail: shown only on a click (each reading is logged),
 * to those entitled; others may ask for access by accepting the terms.
 */
export const DetailPanel = ({ centreId, achievement, signedIn }: { centreId: string; achievement: TAchievement; signedIn: boolean }) => {
  const { t, locale } = useI18n();
  const read = useReadDetailMutation(centreId, achievement.id);
  const ask = useRequestAccessMutation(centreId, achievement.id);
  const [form] = Form.useForm<{ purpose?: string; acceptTerms?: boolean }>();
  const [error, setError] = useState<string | null>(null);
  const mine = achievement.access.myRequest;
  let body;
  if (!achievement.hasDetail) body = <p className="kc-muted">{t('achievements.detail.none')}</p>;
  else if (achievement.access.canReadDetail)
    body = read.data ? (
      <div className="kc-ach-detail" data-testid="achievement-detail-text">
        {read.data.detail}
      </div>
    ) : (
      <>
        <Button onClick={() => read.mutate()} loading={read.isPending} data-testid="achievement-detail-show">
          {t('achievements.detail.show')}
        </Button>
        {read.error && <div className="kc-tc-error">{errorMessage(read.error, t)}</div>}
      </>
    );
  else if (!signedIn) body = <p className="kc-muted">{t('achievements.detail.signIn')}</p>;
  else
    body = (
      <>
        {mine?.state === 'requested' && <p data-testid="achievement-request-state">{t('achievements.detail.requested')}</p>}
        {mine?.state === 'refused' && <p data-testid="achievement-request-state">{t('achievements.detail.refused')}</p>}
        {(mine?.state === 'revoked' || mine?.state === 'granted') && <p data-testid="achievement-request-state">{t('achievements.detail.revoked')}</p>}
        {achievement.access.canRequest && (
          <Form
            form={form}
            layout="vertical"
            onFinish={async (v) => {
              setError(null);
              try {
                await ask.mutateAsync({ purpose: (v.purpose ?? '').trim(), acceptTerms: true });
                form.resetFields();
              } catch (e) {
                setError(placeIssues(form, e, t, (path) => (path === 'purpose' || path === 'acceptTerms' ? [path] : null), achievementIssueText));
              }
            }}
            data-testid="achievement-request-form"
          >
            <Form.Item name="purpose" label={t('achievements.detail.purpose')} extra={t('achievements.detail.purposeHelp')} rules={[{ required: true, min: 10, message: t('achievements.detail.purposeHelp') }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="achievement-request-purpose" />
            </Form.Item>
            <Form.Item name="acceptTerms" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('fieldReason.required')))) }]}>
              <Checkbox data-testid="achievement-request-terms">{t('achievements.detail.terms')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={ask.isPending} data-testid="achievement-request-submit">
              {t('achievements.detail.request')}
            </Button>
            {error && <div className="kc-tc-error">{error}</div>}
          </Form>
        )}
      </>
    );
  return (
    <Panel title={t('achievements.detail.title')} data-testid="achievement-detail-panel">
      <p className="kc-muted kc-small">{achievement.access.canReadDetail ? t('achievements.detail.logged') : t('achievements.detail.hidden')}</p>
      {achievement.access.canReadDetail && mine?.state === 'granted' && mine.expiresAt && <p className="kc-small">{t('achievements.detail.granted', { date: formatDateTime(mine.expiresAt, locale) })}</p>}
      {body}
    </Panel>
  );
};

/** For the owners' members: requests to decide, and the append-only reading log. */
export const OwnerPanels = ({ centreId, achievement }: { centreId: string; achievement: TAchievement }) => {
  const { t, locale } = useI18n();
  const requests = useAccessRequestsQuery(centreId, achievement.id, true);
  const views = useDetailViewsQuery(centreId, achievement.id, true);
  const decide = useDecideAccessMutation(centreId, achievement.id);
  const [deciding, setDeciding] = useState<{ request: TAccessRequest; decision: 'grant' | 'refuse' | 'revoke' } | null>(null);
  const [form] = Form.useForm<{ note?: string; expiresOn?: string }>();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Panel title={t('achievements.requests.title')} data-testid="achievement-requests">
        <Table<TAccessRequest>
          size="small"
          rowKey="id"
          pagination={false}
          loading={requests.isLoading}
          dataSource={requests.data ?? []}
          locale={{ emptyText: t('achievements.requests.empty') }}
          columns={[
            { title: t('achievements.requests.requester'), key: 'who', render: (_, r) => <>{r.requester.displayName}{r.organisation && <div className="kc-muted kc-small">{pickName(r.organisation, locale)}</div>}</> },
            { title: t('achievements.requests.purpose'), key: 'purpose', render: (_, r) => <span className="kc-small">{r.purpose}</span> },
            { title: t('achievements.requests.when'), key: 'when', render: (_, r) => <span className="kc-small">{formatDateTime(r.createdAt, locale)}</span> },
            { title: t('achievements.col.state'), key: 'state', render: (_, r) => <Tag color={REQUEST_COLOURS[r.state]} data-testid="access-request-state">{requestStateLabel(t, r.state)}</Tag> },
            {
              title: '',
              key: 'act',
              render: (_, r) =>
                achievement.access.canDecide && (
                  <span className="kc-tc-actions">
                    {r.state === 'requested' && (
                      <>
                        <Button size="small" type="primary" onClick={() => setDeciding({ request: r, decision: 'grant' })} data-testid="access-grant">
                          {t('achievements.requests.grant')}
                        </Button>
                        <Button size="small" danger onClick={() => setDeciding({ request: r, decision: 'refuse' })} data-testid="access-refuse">
                          {t('achievements.requests.refuse')}
                        </Button>
                      </>
                    )}
                    {r.state === 'granted' && (
                      <Button size="small" onClick={() => setDeciding({ request: r, decision: 'revoke' })} data-testid="access-revoke">
                        {t('achievements.requests.revoke')}
                      </Button>
                    )}
                  </span>
                ),
            },
          ]}
        />
      </Panel>
      <Panel title={t('achievements.views.title')} data-testid="achievement-views">
        <p className="kc-muted kc-small">{t('achievements.views.intro')}</p>
        <Table<DetailView>
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          loading={views.isLoading}
          dataSource={views.data ?? []}
          locale={{ emptyText: t('achievements.views.empty') }}
          onRow={() => ({ 'data-testid': 'detail-view-row' }) as never}
          columns={[
            { title: t('achievements.views.who'), key: 'who', render: (_, v) => <>{v.userLabel}{v.organisation && <div className="kc-muted kc-small">{pickName(v.organisation, locale)}</div>}</> },
            { title: t('achievements.views.when'), key: 'when', render: (_, v) => <span className="kc-small">{formatDateTime(v.viewedAt, locale)}</span> },
            { title: t('achievements.views.basis'), key: 'basis', render: (_, v) => basisLabel(t, v.basis) },
            { title: t('achievements.views.version'), key: 'version', render: (_, v) => v.achievementVersion },
          ]}
        />
      </Panel>
      <Modal
        open={!!deciding}
        title={deciding ? t(`achievements.requests.${deciding.decision}`) : ''}
        okText={deciding ? t(`achievements.requests.${deciding.decision}`) : ''}
        confirmLoading={decide.isPending}
        onCancel={() => {
          setDeciding(null);
          setError(null);
          form.resetFields();
        }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            if (!deciding) return;
            setError(null);
            try {
              await decide.mutateAsync({ requestId: deciding.request.id, decision: deciding.decision, note: v.note?.trim() || null, expiresOn: v.expiresOn || null });
              setDeciding(null);
              form.resetFields();
            } catch (e) {
              setError(placeIssues(form, e, t, (path) => (path === 'note' || path === 'expiresOn' ? [path] : null), achievementIssueText));
            }
          }}
        >
          {deciding?.decision === 'grant' && (
            <Form.Item name="expiresOn" label={t('achievements.requests.expiresOn')}>
              <Input type="date" data-testid="access-expires-on" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('achievements.requests.note')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="access-note" />
          </Form.Item>
          {error && <div className="kc-tc-error">{error}</div>}
        </Form>
      </Modal>
    </>
  );
};

import { Button, Form, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { TALENT_SERVICE_KINDS } from '../../shared/schemas/talent-vocabulary.js';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate } from '../modules/calls/utils/labels.js';
import { useCredentialsQuery, useRevokeMutation, useServiceRequestMutation, useServiceRequestsQuery, useVerificationQuery, type Credential, type ServiceRequest } from '../modules/talent/hooks.js';
import { categoryLabel, serviceKindLabel, statusLabel, talentIssueText } from '../modules/talent/labels.js';
import { TalentTabs } from '../modules/talent/TalentTabs.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/talent/talent.css';

const STATUS_TONE = { valid: 'accent', not_yet_valid: 'info', expired: 'default', revoked: 'warning' } as const;

/** What the public verification answers for a credential: what another desk or policy would see. */
const VerifyDialog = ({ id, centreId, onClose }: { id: string; centreId: string; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const v = useVerificationQuery(centreId, id);
  return (
    <Modal open title={t('talent.verify.title')} onCancel={onClose} footer={null}>
      <QueryState isLoading={v.isLoading} error={v.error}>
        {v.data && (
          <dl className="kc-talent-verify" data-testid="talent-verification" data-status={v.data.status}>
            <dt>{t('talent.verify.status')}</dt>
            <dd>
              <Chip tone={STATUS_TONE[v.data.status]}>{statusLabel(t, v.data.status)}</Chip>
            </dd>
            <dt>{t('talent.cred.category')}</dt>
            <dd>{categoryLabel(t, v.data.category)}</dd>
            <dt>{t('talent.cred.programme')}</dt>
            <dd>{pickTitle(v.data.programme, locale)}</dd>
            <dt>{t('talent.cred.validity')}</dt>
            <dd>{t('talent.cred.range', { from: v.data.validFrom, to: v.data.validTo })}</dd>
            <dt>{t('talent.verify.asOf')}</dt>
            <dd>{v.data.asOf}</dd>
          </dl>
        )}
        <p className="kc-muted kc-small">{t('talent.verify.hint', { path: `/api/centres/${centreId}/talent/credentials/${id}/verify` })}</p>
      </QueryState>
    </Modal>
  );
};

const RevokeDialog = ({ credential, centreId, onClose }: { credential: Credential; centreId: string; onClose: () => void }) => {
  const { t } = useI18n();
  const revoke = useRevokeMutation(centreId);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = (await form.validateFields()) as { reason: string };
    setError(null);
    try {
      await revoke.mutateAsync({ id: credential.id, version: credential.version, reason: v.reason });
      onClose();
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => (path === 'reason' ? ['reason'] : null), talentIssueText));
    }
  };
  return (
    <Modal open title={t('talent.revoke.title')} onCancel={onClose} onOk={() => void submit()} okText={t('talent.revoke.ok')} okButtonProps={{ danger: true }} confirmLoading={revoke.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('talent.revoke.reason')} rules={[{ required: true, min: 5, message: t('talent.revoke.reasonShort') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {error && <div role="alert">{error}</div>}
      </Form>
    </Modal>
  );
};

const ServiceRequestForm = ({ credentials, centreId }: { credentials: Credential[]; centreId: string }) => {
  const { t, locale } = useI18n();
  const raise = useServiceRequestMutation(centreId);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ServiceRequest | null>(null);
  const usable = credentials.filter((c) => c.isMine && c.status === 'valid');
  if (usable.length === 0) return <p className="kc-muted" data-testid="talent-service-none">{t('talent.service.noCredential')}</p>;
  const submit = async () => {
    const v = (await form.validateFields()) as { credentialId: string; kind: string; title: string; description: string };
    setError(null);
    setDone(null);
    try {
      setDone(await raise.mutateAsync(v));
      form.resetFields(['title', 'description']);
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => (['credentialId', 'kind', 'title', 'description'].includes(path) ? [path] : null), talentIssueText));
    }
  };
  return (
    <Form form={form} layout="vertical" className="kc-talent-form" initialValues={{ credentialId: usable[0]?.id, kind: 'housing' }} data-testid="talent-service-form">
      <Form.Item name="credentialId" label={t('talent.service.credential')} rules={[{ required: true }]}>
        <Select data-testid="talent-service-credential" options={usable.map((c) => ({ value: c.id, label: `${categoryLabel(t, c.category)} · ${pickTitle(c.programme, locale)}` }))} />
      </Form.Item>
      <Form.Item name="kind" label={t('talent.service.kind')} rules={[{ required: true }]}>
        <Select data-testid="talent-service-kind" options={TALENT_SERVICE_KINDS.map((k) => ({ value: k, label: serviceKindLabel(t, k) }))} />
      </Form.Item>
      <Form.Item name="title" label={t('talent.service.titleField')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
        <Input data-testid="talent-service-title" maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('talent.service.description')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
        <Input.TextArea rows={3} data-testid="talent-service-description" maxLength={5000} />
      </Form.Item>
      {error && (
        <div className="kc-calls-error" role="alert" data-testid="talent-service-error">
          {error}
        </div>
      )}
      {done && (
        <p role="status" data-testid="talent-service-done">
          {t('talent.service.done', { reference: done.demand.reference })}
        </p>
      )}
      <Button type="primary" onClick={() => void submit()} loading={raise.isPending} data-testid="talent-service-submit">
        {t('talent.service.submit')}
      </Button>
    </Form>
  );
};

/** 认定与服务: the viewer's talent credentials (every one for officers), their verification, and talent service requests raised on them. */
export const TalentCredentialsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const officer = can('calls:manage');
  const creds = useCredentialsQuery(centre.id, true);
  const requests = useServiceRequestsQuery(centre.id, true);
  const [verifying, setVerifying] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Credential | null>(null);
  const items = creds.data?.items ?? [];
  return (
    <div className="kc-talent" data-testid="talent-credentials-page">
      <PageHeader title={t('talent.title')} intro={t('talent.cred.intro')} />
      <TalentTabs active="credentials" />
      <Panel title={t(officer ? 'talent.cred.titleAll' : 'talent.cred.title')}>
        <QueryState isLoading={creds.isLoading} error={creds.error} onRetry={() => void creds.refetch()} isEmpty={items.length === 0} emptyText={t('talent.cred.empty')}>
          <Table<Credential>
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="talent-credentials"
            dataSource={items}
            columns={[
              { title: t('talent.cred.person'), key: 'person', render: (_, c) => <>{pickName(c.person, locale)} <SampleTag isSample={c.isSample} /></> },
              { title: t('talent.cred.category'), key: 'category', render: (_, c) => categoryLabel(t, c.category) },
              { title: t('talent.cred.programme'), key: 'programme', render: (_, c) => <Link to={`/talent/calls/${encodeURIComponent(c.call.id)}`}>{pickTitle(c.call, locale)}</Link> },
              { title: t('talent.cred.validity'), key: 'validity', render: (_, c) => t('talent.cred.range', { from: c.validFrom, to: c.validTo }) },
              {
                title: t('talent.verify.status'),
                key: 'status',
                render: (_, c) => (
                  <span data-testid="talent-cred-status" data-status={c.status} title={c.revokeReason ?? undefined}>
                    <Chip tone={STATUS_TONE[c.status]}>{statusLabel(t, c.status)}</Chip>
                    {c.revokedAt ? <span className="kc-muted kc-small"> {formatDate(c.revokedAt, t)}</span> : null}
                  </span>
                ),
              },
              {
                title: t('talent.apps.actions'),
                key: 'actions',
                render: (_, c) => (
                  <span className="kc-small">
                    <Button size="small" type="link" onClick={() => setVerifying(c.id)} data-testid="talent-cred-verify">
                      {t('talent.verify.open')}
                    </Button>
                    {officer && c.status !== 'revoked' && (
                      <Button size="small" type="link" danger onClick={() => setRevoking(c)}>
                        {t('talent.revoke.open')}
                      </Button>
                    )}
                  </span>
                ),
              },
            ]}
          />
        </QueryState>
      </Panel>
      {can('services:request') && (
        <Panel title={t('talent.service.title')} data-testid="talent-service">
          <p className="kc-muted kc-small">{t('talent.service.hint')}</p>
          <ServiceRequestForm credentials={items} centreId={centre.id} />
        </Panel>
      )}
      <Panel title={t('talent.service.listTitle')}>
        <QueryState isLoading={requests.isLoading} error={requests.error} isEmpty={(requests.data?.items ?? []).length === 0} emptyText={t('talent.service.empty')}>
          <Table<ServiceRequest>
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="talent-service-requests"
            dataSource={requests.data?.items ?? []}
            columns={[
              { title: t('talent.service.kind'), key: 'kind', render: (_, r) => serviceKindLabel(t, r.kind) },
              { title: t('talent.service.titleField'), key: 'title', render: (_, r) => <Link to={`/services/demands/${encodeURIComponent(r.demand.id)}`} data-testid="talent-service-demand">{r.demand.title}</Link> },
              { title: t('talent.service.reference'), key: 'ref', render: (_, r) => r.demand.reference },
              { title: t('talent.service.department'), key: 'dept', render: (_, r) => (r.demand.department ? pickName({ nameZh: r.demand.department.nameZh, nameEn: r.demand.department.nameEn }, locale) : t('talent.service.unrouted')) },
              { title: t('talent.service.state'), key: 'state', render: (_, r) => <span data-testid="talent-service-state" data-state={r.demand.state}>{t.has(`services.state.${r.demand.state}`) ? t(`services.state.${r.demand.state}` as Parameters<typeof t>[0]) : r.demand.state}</span> },
              { title: t('talent.service.raised'), key: 'at', render: (_, r) => formatDate(r.createdAt, t) },
            ]}
          />
        </QueryState>
      </Panel>
      {verifying && <VerifyDialog id={verifying} centreId={centre.id} onClose={() => setVerifying(null)} />}
      {revoking && <RevokeDialog credential={revoking} centreId={centre.id} onClose={() => setRevoking(null)} />}
    </div>
  );
};

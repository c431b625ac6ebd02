import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LevelTag } from '../modules/policies/components/Tags.js';
import { useCreatePolicyMutation, useCreateStackingRuleMutation, useDeleteStackingRuleMutation, usePoliciesQuery, useStackingRulesQuery, type NewPolicyInput } from '../modules/policies/hooks/usePolicies.js';
import type { Policy } from '../modules/policies/types.js';
import { levelLabel, stackingKindLabel, statusLabel } from '../modules/policies/utils/labels.js';
import { benefitsPath, policyEditPath, policyPath } from '../modules/policies/utils/paths.js';
import { POLICY_LEVELS, STACKING_KINDS } from '../../shared/schemas/policies.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/policies/policies.css';

const PAGE = 20;

const NewPolicyDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const create = useCreatePolicyMutation(centre.id);
  const [form] = Form.useForm<NewPolicyInput>();
  const required = [{ required: true, message: t('policies.form.required') }];
  const submit = async (values: NewPolicyInput) => {
    const body: NewPolicyInput = {
      ...values,
      titleEn: values.titleEn?.trim() || null,
      documentNumber: values.documentNumber?.trim() || null,
      url: values.url?.trim() || null,
      isSample: values.isSample ?? false,
      ...(values.validFrom?.trim() ? { validFrom: values.validFrom.trim() } : {}),
    };
    if (!values.validFrom?.trim()) delete body.validFrom;
    try {
      await create.mutateAsync(body);
      onClose();
      navigate(policyEditPath(body.code));
    } catch {
      /* shown below */
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('policies.library.new')} okText={t('policies.form.create')} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'policy-form-submit' } as Record<string, string>) }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ level: 'district', isSample: false }} data-testid="policy-form">
        <Form.Item name="code" label={t('policies.form.code')} extra={t('policies.form.codeHint')} rules={required}>
          <Input data-testid="policy-form-code" />
        </Form.Item>
        <Form.Item name="titleZh" label={t('policies.form.titleZh')} rules={required}>
          <Input data-testid="policy-form-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('policies.form.titleEn')}>
          <Input data-testid="policy-form-title-en" />
        </Form.Item>
        <Form.Item name="issuer" label={t('policies.form.issuer')} rules={required}>
          <Input data-testid="policy-form-issuer" />
        </Form.Item>
        <Form.Item name="level" label={t('policies.form.level')} rules={required}>
          <Select options={POLICY_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} data-testid="policy-form-level" />
        </Form.Item>
        <Form.Item name="documentNumber" label={t('policies.form.documentNumber')}>
          <Input data-testid="policy-form-document-number" />
        </Form.Item>
        <Form.Item name="url" label={t('policies.form.url')}>
          <Input data-testid="policy-form-url" />
        </Form.Item>
        <Form.Item name="validFrom" label={t('policies.form.validFrom')} extra={t('policies.form.validFromHint')}>
          <Input placeholder={t('policies.edit.datePlaceholder')} data-testid="policy-form-valid-from" />
        </Form.Item>
        <Form.Item name="isSample" valuePropName="checked">
          <Checkbox data-testid="policy-form-sample">{t('policies.form.sample')}</Checkbox>
        </Form.Item>
      </Form>
      {create.error && <Alert type="error" showIcon title={errorMessage(create.error, t)} data-testid="policy-form-error" />}
    </Modal>
  );
};

const StackingRules = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const writer = can('policies:write');
  const query = useStackingRulesQuery(centre.id);
  const create = useCreateStackingRuleMutation(centre.id);
  const remove = useDeleteStackingRuleMutation(centre.id);
  const [kind, setKind] = useState<string>('no_double_funding');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [note, setNote] = useState('');
  const name = (ref: { nameZh: string | null; nameEn: string | null; policyTitleZh: string; policyTitleEn: string | null; key: string }) =>
    `${pickName(ref, locale) || ref.key}（${pickTitle({ titleZh: ref.policyTitleZh, titleEn: ref.policyTitleEn }, locale)}）`;
  return (
    <Panel title={t('policies.stackingRules.title')} data-testid="stacking-rules">
      <p className="kc-muted kc-small">{t('policies.stackingRules.explain')}</p>
      <QueryState isLoading={query.isLoading} error={query.error} isEmpty={(query.data?.items.length ?? 0) === 0} emptyText={t('policies.stackingRules.none')}>
        <ul className="kc-pol-compact">
          {query.data?.items.map((r) => (
            <li key={r.id} data-testid="stacking-rule">
              <strong>{stackingKindLabel(t, r.kind)}</strong>
              <span>{name(r.benefitA)}</span>
              <span className="kc-muted">↔</span>
              <span>{name(r.benefitB)}</span>
              {r.note && <span className="kc-muted kc-small">{r.note}</span>}
              {writer && (
                <Popconfirm title={t('policies.stackingRules.removeConfirm')} onConfirm={() => remove.mutate(r.id)}>
                  <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('policies.rb.remove')} data-testid="stacking-rule-remove" />
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      </QueryState>
      {writer && (
        <div className="kc-pol-toolbar" style={{ marginTop: 12 }} data-testid="stacking-rule-form">
          <Select style={{ width: 160 }} value={kind} onChange={setKind} options={STACKING_KINDS.map((k) => ({ value: k, label: stackingKindLabel(t, k) }))} />
          <Input style={{ width: 220 }} value={a} onChange={(e) => setA(e.target.value)} placeholder={t('policies.stackingRules.keyPlaceholder')} />
          <Input style={{ width: 220 }} value={b} onChange={(e) => setB(e.target.value)} placeholder={t('policies.stackingRules.keyPlaceholder')} />
          <Input style={{ width: 220 }} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('policies.stackingRules.note')} />
          <Button
            icon={<PlusOutlined />}
            disabled={!a.trim() || !b.trim()}
            loading={create.isPending}
            onClick={() => create.mutate({ kind, benefitA: a.trim(), benefitB: b.trim(), note: note.trim() || null }, { onSuccess: () => (setA(''), setB(''), setNote('')) })}
          >
            {t('policies.stackingRules.add')}
          </Button>
        </div>
      )}
      {create.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorMessage(create.error, t)} />}
    </Panel>
  );
};

/** 政策库 / Policy library: documents by level and issuer with the version in force, text search in the address; authors add policies; stacking rules. */
export const PoliciesPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? undefined;
  const level = params.get('level') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = usePoliciesQuery(centre.id, { q, level, limit: PAGE, offset: (page - 1) * PAGE });
  const [creating, setCreating] = useState(false);
  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const columns = [
    {
      title: t('policies.library.col.title'),
      key: 'title',
      render: (_: unknown, p: Policy) => (
        <div>
          <Link to={policyPath(p.code)} data-testid="policy-link">
            {pickTitle(p, locale)}
          </Link>
          <SampleTag isSample={p.isSample} />
          <div className="kc-muted kc-small">
            {p.code}
            {p.documentNumber ? ` · ${p.documentNumber}` : ''}
          </div>
        </div>
      ),
    },
    { title: t('policies.library.col.level'), key: 'level', width: 100, render: (_: unknown, p: Policy) => <LevelTag level={p.level} /> },
    { title: t('policies.library.col.issuer'), dataIndex: 'issuer', key: 'issuer', width: 200 },
    {
      title: t('policies.library.col.inForce'),
      key: 'inForce',
      width: 240,
      render: (_: unknown, p: Policy) =>
        p.inForce ? (
          <span className="kc-small">
            {t('policies.library.inForce', { version: p.inForce.version, from: p.inForce.validFrom, to: p.inForce.validTo ?? t('policies.openEnded') })}
            <div className="kc-muted">{t('policies.library.benefitCount', { count: p.inForce.benefitCount })}</div>
          </span>
        ) : (
          <span className="kc-muted kc-small">{statusLabel(t, p.status)}</span>
        ),
    },
  ];
  return (
    <div className="kc-pol" data-testid="policies-page">
      <PageHeader
        title={t('policies.library.title')}
        intro={t('policies.library.intro')}
        extra={
          <span className="kc-pol-toolbar" style={{ marginBottom: 0 }}>
            {user?.organisationId && can('services:request') && (
              <Link to={benefitsPath()}>
                <Button>{t('nav.myBenefits')}</Button>
              </Link>
            )}
            {can('policies:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="policies-new">
                {t('policies.library.new')}
              </Button>
            )}
          </span>
        }
      />
      <Panel>
        <div className="kc-pol-toolbar">
          <Input.Search allowClear style={{ maxWidth: 360 }} defaultValue={q} placeholder={t('policies.library.search')} onSearch={(v) => setParam('q', v.trim() || undefined)} data-testid="policies-search" />
          <Select allowClear style={{ width: 160 }} value={level} placeholder={t('policies.library.allLevels')} onChange={(v: string | undefined) => setParam('level', v)} options={POLICY_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} data-testid="policies-level" />
          {query.data && <span className="kc-muted kc-small" data-testid="policies-total">{t('policies.library.total', { count: query.data.total })}</span>}
        </div>
        <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
          <Table<Policy>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={query.data?.items ?? []}
            locale={{ emptyText: t('policies.library.empty') }}
            onRow={() => ({ 'data-testid': 'policy-row' }) as object}
            scroll={{ x: 760 }}
            pagination={
              (query.data?.total ?? 0) > PAGE
                ? {
                    current: page,
                    pageSize: PAGE,
                    total: query.data?.total ?? 0,
                    showSizeChanger: false,
                    onChange: (p) => {
                      const next = new URLSearchParams(params);
                      next.set('page', String(p));
                      setParams(next);
                    },
                  }
                : false
            }
          />
        </QueryState>
      </Panel>
      <StackingRules />
      <NewPolicyDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
};

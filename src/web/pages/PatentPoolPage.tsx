import { Button, DatePicker, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { POOL_MEMBER_ROLES, type PoolMemberRole } from '../../shared/patents-vocabulary.js';
import type { TPool, TPoolInput } from '../../shared/schemas/patents.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { usePoolQuery, usePoolWriteMutation } from '../modules/patents/hooks.js';
import { kindLabel, roleLabel, royaltyLabel, showNumber, STATUS_COLOURS, statusLabel } from '../modules/patents/labels.js';
import { PATENT_ROUTES, patentPath, PatentsNav } from '../modules/patents/PatentsNav.js';
import '../modules/patents/patents.css';
import { PoolForm } from '../modules/patents/PoolForm.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

/** 专利池详情: terms, members and pooled patents; keepers of the records change them here. */
export const PatentPoolPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const navigate = useNavigate();
  const { poolId = '' } = useParams();
  const query = usePoolQuery(centre.id, poolId);
  const write = usePoolWriteMutation(centre.id);
  const manage = can('patents:manage');
  const [editing, setEditing] = useState(false);
  const [member, setMember] = useState<{ entityId?: string; role: PoolMemberRole; joinedOn: string | null }>({ role: 'member', joinedOn: null });
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (path: string, method: 'POST' | 'PUT' | 'DELETE', body?: unknown): Promise<boolean> => {
    setError(null);
    try {
      await write.mutateAsync({ path: `/${encodeURIComponent(poolId)}${path}`, method, body });
      return true;
    } catch (e) {
      setError(errorMessage(e, t));
      return false;
    }
  };
  const pool = query.data;
  const inputOf = (p: TPool): TPoolInput => ({ nameZh: p.nameZh, nameEn: p.nameEn, field: p.field, administratorId: p.administrator?.id ?? null, royaltyBasis: p.royaltyBasis, frand: p.frand, termsText: p.termsText, isSample: p.isSample });
  return (
    <div className="kc-page" data-testid="patent-pool-page">
      <PatentsNav />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {pool && (
          <>
            <PageHeader
              title={<>{pickName({ nameZh: pool.nameZh, nameEn: pool.nameEn ?? pool.nameZh }, locale)}<SampleTag isSample={pool.isSample} /></>}
              intro={pool.field}
              extra={manage && (
                <Space>
                  <Button onClick={() => setEditing(true)} data-testid="pool-edit">{t('patents.pools.edit')}</Button>
                  <Popconfirm title={t('patents.pools.deleteConfirm')} onConfirm={() => void act('', 'DELETE').then((ok) => ok && navigate(PATENT_ROUTES.pools))}>
                    <Button danger data-testid="pool-delete">{t('patents.pools.delete')}</Button>
                  </Popconfirm>
                </Space>
              )}
            />
            {error && <div className="kc-pt-error" role="alert" data-testid="pool-error">{error}</div>}
            <Panel title={t('patents.pools.terms')} data-testid="pool-terms">
              <dl className="kc-pt-dl">
                <dt>{t('patents.pools.administrator')}</dt><dd>{pool.administrator ? <Link to={entityPath(pool.administrator.id)}>{pickName(pool.administrator, locale)}</Link> : '—'}</dd>
                <dt>{t('patents.pools.royaltyBasis')}</dt><dd>{royaltyLabel(t, pool.royaltyBasis)}</dd>
                <dt>FRAND</dt><dd data-testid="pool-frand-value">{pool.frand ? t('patents.pools.yes') : t('patents.pools.no')}</dd>
                <dt>{t('patents.pools.termsText')}</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{pool.termsText ?? '—'}</dd>
              </dl>
            </Panel>
            <Panel title={`${t('patents.pools.members')} (${pool.members})`} data-testid="pool-members">
              {manage && (
                <Space wrap style={{ marginBottom: 12 }}>
                  <div style={{ minWidth: 260 }}><EntityPicker value={member.entityId} onChange={(id) => setMember((m) => ({ ...m, entityId: id }))} data-testid="pool-member-picker" /></div>
                  <Select value={member.role} onChange={(role: PoolMemberRole) => setMember((m) => ({ ...m, role }))} options={POOL_MEMBER_ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} style={{ minWidth: 120 }} data-testid="pool-member-role" />
                  <DatePicker placeholder={t('patents.pools.joinedOn')} onChange={(d) => setMember((m) => ({ ...m, joinedOn: d ? d.format('YYYY-MM-DD') : null }))} />
                  <Button type="primary" disabled={!member.entityId} loading={write.isPending} onClick={() => void act('/members', 'PUT', { entityId: member.entityId, role: member.role, joinedOn: member.joinedOn }).then((ok) => ok && setMember({ role: 'member', joinedOn: null }))} data-testid="pool-member-add">{t('patents.pools.addMember')}</Button>
                </Space>
              )}
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={pool.memberList}
                locale={{ emptyText: t('patents.pools.noMembers') }}
                columns={[
                  { title: t('patents.pools.name'), key: 'name', render: (_, m) => <Link to={entityPath(m.id)}>{pickName(m, locale)}</Link> },
                  { title: t('patents.pools.role'), key: 'role', render: (_, m) => roleLabel(t, m.role) },
                  { title: t('patents.pools.joinedOn'), dataIndex: 'joinedOn', render: (v: string | null) => v ?? '—' },
                  ...(manage ? [{ title: '', key: 'x', render: (_: unknown, m: TPool['memberList'][number]) => <Button size="small" type="link" onClick={() => void act(`/members/${encodeURIComponent(m.id)}`, 'DELETE')}>{t('patents.pools.remove')}</Button> }] : []),
                ]}
              />
            </Panel>
            <Panel title={`${t('patents.pools.patents')} (${pool.patents})`} data-testid="pool-patents">
              {manage && (
                <Space wrap style={{ marginBottom: 12 }}>
                  <Input value={number} onChange={(e) => setNumber(e.target.value)} placeholder={t('patents.pools.patentNumber')} style={{ minWidth: 240 }} data-testid="pool-patent-number" />
                  <Button type="primary" disabled={!number.trim()} loading={write.isPending} onClick={() => void act('/patents', 'POST', { number: number.trim() }).then((ok) => ok && setNumber(''))} data-testid="pool-patent-add">{t('patents.pools.addPatent')}</Button>
                </Space>
              )}
              <Table
                size="small"
                rowKey="id"
                pagination={pool.patentList.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                dataSource={pool.patentList}
                locale={{ emptyText: t('patents.pools.noPatents') }}
                columns={[
                  { title: t('patents.col.title'), key: 'title', render: (_, p) => <><Link to={patentPath(p.id)}>{p.title}</Link><div className="kc-muted kc-small">{showNumber(p.number)}</div></> },
                  { title: t('patents.col.kind'), key: 'kind', render: (_, p) => kindLabel(t, p.kind) },
                  { title: t('patents.col.status'), key: 'status', render: (_, p) => <Tag color={STATUS_COLOURS[p.legalStatus]}>{statusLabel(t, p.legalStatus)}</Tag> },
                  ...(manage ? [{ title: '', key: 'x', render: (_: unknown, p: TPool['patentList'][number]) => <Button size="small" type="link" onClick={() => void act(`/patents/${encodeURIComponent(p.id)}`, 'DELETE')}>{t('patents.pools.remove')}</Button> }] : []),
                ]}
              />
            </Panel>
            <Modal open={editing} title={t('patents.pools.edit')} footer={null} onCancel={() => setEditing(false)} destroyOnHidden>
              <PoolForm initial={inputOf(pool)} submitting={write.isPending} error={error} onCancel={() => setEditing(false)} onSubmit={(v) => void act('', 'PUT', { ...v, version: pool.version }).then((ok) => ok && setEditing(false))} />
            </Modal>
          </>
        )}
      </QueryState>
    </div>
  );
};

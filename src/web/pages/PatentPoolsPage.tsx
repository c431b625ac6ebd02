import { Button, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TPool, TPoolInput, TPoolSummary } from '../../shared/schemas/patents.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { usePoolWriteMutation, usePoolsQuery } from '../modules/patents/hooks.js';
import { royaltyLabel } from '../modules/patents/labels.js';
import { PatentsNav, poolPath } from '../modules/patents/PatentsNav.js';
import '../modules/patents/patents.css';
import { PoolForm } from '../modules/patents/PoolForm.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

/** 专利池: pools of the centre, public; keepers of the records create them. */
export const PatentPoolsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const navigate = useNavigate();
  const query = usePoolsQuery(centre.id);
  const write = usePoolWriteMutation(centre.id);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async (body: TPoolInput) => {
    setError(null);
    try {
      const pool = (await write.mutateAsync({ path: '', method: 'POST', body })) as TPool;
      setOpen(false);
      void navigate(poolPath(pool.id));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <div className="kc-page" data-testid="patent-pools-page">
      <PatentsNav />
      <PageHeader title={t('patents.pools.title')} intro={t('patents.pools.intro')} extra={can('patents:manage') && <Button type="primary" onClick={() => setOpen(true)} data-testid="pool-new">{t('patents.pools.new')}</Button>} />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        <Table<TPoolSummary>
          rowKey="id"
          dataSource={query.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('patents.pools.empty') }}
          data-testid="pools-table"
          columns={[
            { title: t('patents.pools.name'), key: 'name', render: (_, p) => <><Link to={poolPath(p.id)} data-testid="pool-link">{pickName({ nameZh: p.nameZh, nameEn: p.nameEn ?? p.nameZh }, locale)}</Link><SampleTag isSample={p.isSample} /></> },
            { title: t('patents.pools.field'), dataIndex: 'field' },
            { title: t('patents.pools.administrator'), key: 'admin', render: (_, p) => (p.administrator ? pickName(p.administrator, locale) : '—') },
            { title: t('patents.pools.royaltyBasis'), key: 'royalty', render: (_, p) => <>{royaltyLabel(t, p.royaltyBasis)}{p.frand && <Tag style={{ marginInlineStart: 6 }}>FRAND</Tag>}</> },
            { title: t('patents.pools.members'), dataIndex: 'members', align: 'right' },
            { title: t('patents.pools.patents'), dataIndex: 'patents', align: 'right' },
          ]}
        />
      </QueryState>
      <Modal open={open} title={t('patents.pools.new')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <PoolForm onSubmit={(v) => void create(v)} submitting={write.isPending} error={error} onCancel={() => setOpen(false)} />
      </Modal>
    </div>
  );
};

import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TPatent } from '../../shared/schemas/patents.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLinkApplicantMutation, usePatentQuery } from '../modules/patents/hooks.js';
import { kindLabel, showNumber, STATUS_COLOURS, statusLabel } from '../modules/patents/labels.js';
import { PatentsNav, poolPath } from '../modules/patents/PatentsNav.js';
import '../modules/patents/patents.css';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

type Party = TPatent['applicants'][number];

/** One applicant row: its name as recorded, its registry link, and (for patents:manage) a picker to set it. */
const ApplicantLink = ({ patentId, position, party }: { patentId: string; position: number; party: Party }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const link = useLinkApplicantMutation(centre.id, patentId);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const run = async (entityId: string | null) => {
    setError(null);
    try {
      await link.mutateAsync({ position, entityId });
      setPicked(undefined);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <div data-testid="patent-applicant">
      {party.entityId ? <Tag color="green">{t('patents.detail.linked')}</Tag> : <Tag>{t('patents.detail.notLinked')}</Tag>}
      {party.entityId ? <Link to={entityPath(party.entityId)}>{pickName({ nameZh: party.entityNameZh, nameEn: party.entityNameEn ?? party.name }, locale)}</Link> : party.name}
      {party.entityId && party.entityNameZh !== party.name && <span className="kc-muted kc-small">{` (${party.name})`}</span>}
      {can('patents:manage') && (
        <Space wrap style={{ marginTop: 6, display: 'flex' }}>
          {/* Any category: applicants are enterprises, universities, institutes and labs alike; the server refuses a person at the field. */}
          <div style={{ minWidth: 260 }}><EntityPicker value={picked} onChange={(id) => setPicked(id)} placeholder={t('patents.detail.pick')} data-testid="patent-applicant-picker" /></div>
          <Button size="small" type="primary" disabled={!picked} loading={link.isPending} onClick={() => void run(picked ?? null)} data-testid="patent-applicant-link">{t('patents.detail.link')}</Button>
          {party.entityId && <Button size="small" onClick={() => void run(null)} data-testid="patent-applicant-unlink">{t('patents.detail.unlink')}</Button>}
        </Space>
      )}
      {error && <div className="kc-pt-error" role="alert">{error}</div>}
    </div>
  );
};

/** 专利详情: a public record; keepers of the records link its applicants to the registry here. */
export const PatentPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { patentId = '' } = useParams();
  const query = usePatentQuery(centre.id, patentId);
  const p = query.data;
  return (
    <div className="kc-page" data-testid="patent-page">
      <PatentsNav />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {p && (
          <>
            <PageHeader title={<>{p.title}<SampleTag isSample={p.isSample} /></>} intro={`${showNumber(p.number)} · ${kindLabel(t, p.kind)}`} extra={<Tag color={STATUS_COLOURS[p.legalStatus]} data-testid="patent-status">{statusLabel(t, p.legalStatus)}</Tag>} />
            <Panel>
              <dl className="kc-pt-dl">
                <dt>{t('patents.col.number')}</dt><dd data-testid="patent-number">{showNumber(p.number)}</dd>
                <dt>{t('patents.detail.ipc')}</dt><dd>{p.ipcClasses.length ? p.ipcClasses.join('；') : '—'}</dd>
                <dt>{t('patents.col.applicationDate')}</dt><dd>{p.applicationDate}</dd>
                <dt>{t('patents.detail.publicationDate')}</dt><dd>{p.publicationDate ?? '—'}</dd>
                <dt>{t('patents.col.grantDate')}</dt><dd>{p.grantDate ?? '—'}</dd>
                <dt>{t('patents.detail.statusDate')}</dt><dd>{p.legalStatusDate ?? '—'}</dd>
                <dt>{t('patents.detail.area')}</dt><dd data-testid="patent-area">{p.area ? pickName(p.area, locale) : '—'}</dd>
                <dt>{t('patents.detail.inventors')}</dt><dd>{p.inventors.map((i) => i.name).join('、') || '—'}</dd>
                <dt>{t('patents.detail.pools')}</dt><dd>{p.pools.length ? p.pools.map((pool, i) => <span key={pool.id}>{i > 0 && '；'}<Link to={poolPath(pool.id)}>{pickName({ nameZh: pool.nameZh, nameEn: pool.nameEn ?? pool.nameZh }, locale)}</Link></span>) : t('patents.detail.none')}</dd>
              </dl>
            </Panel>
            <Panel title={t('patents.detail.applicants')} data-testid="patent-applicants">
              <p className="kc-muted kc-small">{t('patents.detail.linkHint')}</p>
              <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={p.applicants} showHeader={false} columns={[{ key: 'a', render: (_, party, i) => <ApplicantLink patentId={p.id} position={i} party={party} /> }]} />
            </Panel>
          </>
        )}
      </QueryState>
    </div>
  );
};

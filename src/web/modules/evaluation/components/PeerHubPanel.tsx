import { Table, Tag } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { PEER_RANKS, SEED_CLAIMS, type PeerRank } from '../utils/peer-hubs.js';

const INDEX_LABELS: Record<PeerRank['index'], MessageKey> = {
  gihi: 'evaluation.peers.index.gihi',
  giiClusters: 'evaluation.peers.index.giiClusters',
  natureIndex: 'evaluation.peers.index.natureIndex',
};

/** Beijing's published ranks in international indices, each with its source; and what the centre's own sources claim. */
export const PeerHubPanel = () => {
  const { t } = useI18n();
  return (
    <div data-testid="evaluation-peers">
      <p className="kc-muted">{t('evaluation.peers.hint')}</p>
      <Table<PeerRank>
        size="small"
        rowKey={(r) => `${r.index}-${r.edition}`}
        pagination={false}
        dataSource={[...PEER_RANKS]}
        columns={[
          { key: 'index', title: t('evaluation.peers.col.index'), render: (_, r) => t(INDEX_LABELS[r.index]) },
          { key: 'edition', title: t('evaluation.peers.col.edition'), width: 80, render: (_, r) => r.edition },
          { key: 'rank', title: t('evaluation.peers.col.rank'), width: 100, render: (_, r) => <strong data-testid="evaluation-peer-rank">{r.beijing}</strong> },
          { key: 'ahead', title: t('evaluation.peers.col.ahead'), render: (_, r) => (r.beijing === 1 ? '—' : r.ahead.length ? r.ahead.join(' · ') : <span className="kc-muted">{t('evaluation.peers.notListed')}</span>) },
          {
            key: 'source',
            title: t('evaluation.peers.col.source'),
            render: (_, r) => (
              <span>
                {r.source.url ? (
                  <a href={r.source.url} target="_blank" rel="noreferrer noopener">
                    {r.source.label}
                  </a>
                ) : (
                  r.source.label
                )}
                {r.secondary && (
                  <Tag style={{ marginInlineStart: 6 }} title={t('evaluation.peers.secondaryHint')}>
                    {t('evaluation.peers.secondary')}
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
      <h4 style={{ marginTop: 16 }}>{t('evaluation.peers.seedTitle')}</h4>
      <ul className="kc-eval-claims">
        {SEED_CLAIMS.map((c) => (
          <li key={c.key}>
            “{c.quote}” —{' '}
            <a href={c.source.url} target="_blank" rel="noreferrer noopener">
              {c.source.label}
            </a>
          </li>
        ))}
      </ul>
      <p className="kc-muted">{t('evaluation.peers.discrepancy')}</p>
    </div>
  );
};

import { LinkOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { pickTitle } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { QueryState } from '../../../ui/QueryState.js';
import { citationDate, citationPublisher } from '../../../ui/SourceCitation.js';
import { useSourcesQuery } from '../../sources/hooks/useSourcesQuery.js';

/** The documents behind the figures on this page, so a reader can check them. */
export const SourcesPanel = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const query = useSourcesQuery(centreId);
  const sources = query.data?.items ?? [];
  return (
    <Panel title={t('dashboard.sourcesTitle')} extra={<Link to="/indicators">{t('dashboard.allIndicators')}</Link>}>
      <QueryState
        isLoading={query.isLoading}
        error={query.error}
        isEmpty={sources.length === 0}
        emptyText={t('source.none')}
        onRetry={() => void query.refetch()}
      >
        <ol className="kc-source-index">
          {sources.map((s) => (
            <li key={s.id}>
              <div className="kc-source-index-title">
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {pickTitle(s, locale) || t('source.untitled')} <LinkOutlined aria-label={t('source.open')} />
                  </a>
                ) : (
                  pickTitle(s, locale) || t('source.untitled')
                )}
              </div>
              <div className="kc-muted kc-source-index-meta">
                {citationPublisher(s, t)} · {citationDate(s, t)}
              </div>
            </li>
          ))}
        </ol>
      </QueryState>
    </Panel>
  );
};

import { useCurrentCentre } from '../../../app/centre.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useSourcesQuery } from '../../sources/hooks/useSourcesQuery.js';
import { SourceCitation } from '../../../ui/SourceCitation.js';

/** Where a relation, recognition or figure comes from: a cited source, an editor's note, or both. */
export const SourceRef = ({ sourceId, sourceNote }: { sourceId: string | null; sourceNote: string | null }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const sources = useSourcesQuery(centre.id, { enabled: sourceId !== null });
  const source = sourceId ? sources.data?.items.find((s) => s.id === sourceId) : undefined;
  if (!source && !sourceNote) return <span className="kc-muted kc-small">{t('source.none')}</span>;
  return (
    <span className="kc-source-ref">
      {source && <SourceCitation citation={source} compact />}
      {sourceNote && <span className="kc-source-note">{sourceNote}</span>}
    </span>
  );
};

import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { CitationDetails } from '../../../ui/SourceCitation.js';

/** The passages that support the record, each with its source. */
export const CitationsPanel = ({ citations }: { citations: TEntityProfile['citations'] }) => {
  const { t } = useI18n();
  return (
    <Panel title={t('registry.citations', { count: citations.length })} data-testid="profile-citations">
      {citations.length === 0 ? (
        <p className="kc-muted kc-empty-line">{t('source.none')}</p>
      ) : (
        <ul className="kc-plain-list kc-citation-list">
          {citations.map((c, i) => (
            <li key={`${c.sourceId}-${i}`}>
              <CitationDetails citation={c} wide />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
};

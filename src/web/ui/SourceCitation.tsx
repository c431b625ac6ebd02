import { InfoCircleOutlined, LinkOutlined } from '@ant-design/icons';
import { Popover } from 'antd';
import type { TCitation, TSource } from '../../shared/schemas/sources.js';
import { useCentreContext } from '../app/centre.js';
import { formatPartialDate, pickTitle } from '../i18n/format.js';
import { useSourcesQuery } from '../modules/sources/hooks/useSourcesQuery.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Translator } from '../i18n/translate.js';

type CitationLike = Pick<TCitation, 'titleZh' | 'titleEn' | 'publisher' | 'publishedOn'> &
  Partial<Pick<TCitation, 'quote' | 'quoteGlossEn' | 'sourceId'>> & { url?: string | null; dateAsGiven?: string | null };

/** A citation's link and date wording come from its source, which the (cached) source list has. */
const useSourceDetails = (sourceId: string | undefined): Pick<TSource, 'url' | 'dateAsGiven'> | undefined => {
  const { centre } = useCentreContext();
  const query = useSourcesQuery(centre?.id ?? '', { enabled: Boolean(centre && sourceId) });
  return sourceId ? query.data?.items.find((s) => s.id === sourceId) : undefined;
};

export const citationDate = (c: CitationLike, t: Translator): string =>
  c.publishedOn ? formatPartialDate(c.publishedOn, t.locale) : t('source.undated');

export const citationPublisher = (c: CitationLike, t: Translator): string => c.publisher ?? t('source.publisherUnknown');

/** What the popover of a cited figure or record shows: the whole reference and the supporting passage (`wide` outside a popover). */
export const CitationDetails = ({ citation, wide = false }: { citation: CitationLike; wide?: boolean }) => {
  const { t, locale } = useI18n();
  const source = useSourceDetails(citation.url === undefined ? citation.sourceId : undefined);
  const url = citation.url ?? source?.url ?? null;
  const dateAsGiven = citation.dateAsGiven ?? source?.dateAsGiven ?? null;
  const title = pickTitle(citation, locale);
  return (
    <div style={wide ? undefined : { maxWidth: 420 }}>
      <dl className="kc-citation">
        <dt>{t('source.publisher')}</dt>
        <dd>{citationPublisher(citation, t)}</dd>
        <dt>{t('source.title')}</dt>
        <dd>{title || t('source.untitled')}</dd>
        <dt>{t('source.date')}</dt>
        <dd>
          {citationDate(citation, t)}
          {/* The editor's note on an uncertain date is written in English. */}
          {!citation.publishedOn && dateAsGiven && locale === 'en-US' ? <span className="kc-muted"> ({dateAsGiven})</span> : null}
        </dd>
      </dl>
      {citation.quote && (
        <blockquote className="kc-quote">
          <p className="kc-quote-text">“{citation.quote}”</p>
          {citation.quoteGlossEn && locale === 'en-US' && (
            <p className="kc-quote-gloss">
              {t('source.gloss')}: {citation.quoteGlossEn}
            </p>
          )}
        </blockquote>
      )}
      {url && (
        <a href={url} target="_blank" rel="noopener noreferrer">
          <LinkOutlined /> {t('source.open')}
        </a>
      )}
    </div>
  );
};

/**
 * "Source: publisher · date ⓘ" — every figure carries one. The popover has the
 * title and the supporting passage.
 */
export const SourceCitation = ({ citation, compact = false }: { citation: CitationLike; compact?: boolean }) => {
  const { t } = useI18n();
  return (
    <Popover content={<CitationDetails citation={citation} />} title={t('source.popoverTitle')} trigger={['hover', 'click']}>
      <button type="button" className="kc-source-link" aria-label={t('source.showDetails')} data-testid="source-citation">
        <span className="kc-source-text">
          {compact ? null : `${t('source.label')}`}
          {citationPublisher(citation, t)} · {citationDate(citation, t)}
        </span>
        <InfoCircleOutlined aria-hidden />
      </button>
    </Popover>
  );
};

/** The sources behind a record, each as a compact citation (for table rows). */
export const SourceList = ({ sources }: { sources: readonly TSource[] }) => {
  const { t } = useI18n();
  if (sources.length === 0) return <span className="kc-muted">{t('source.none')}</span>;
  return (
    <span className="kc-source-list">
      {sources.map((s) => (
        <SourceCitation key={s.id} citation={s} compact />
      ))}
    </span>
  );
};

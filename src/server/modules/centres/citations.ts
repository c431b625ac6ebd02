import type { TCitation } from '../../../shared/schemas/sources.js';
import type { CitationWithSource, SourceRow } from './centres.repository.js';

/** A record's citation of a source: the document's title and date with the passage quoted. */
export const citationFrom = (source: SourceRow | undefined, sourceId: string, quote: string | null, gloss: string | null): TCitation => ({
  sourceId,
  titleZh: source?.titleZh ?? null,
  titleEn: source?.titleEn ?? null,
  publisher: source?.publisher ?? null,
  publishedOn: source?.publishedOn ?? null,
  quote,
  quoteGlossEn: gloss,
});


export const citationOf = (c: CitationWithSource): TCitation => citationFrom(c.source ?? undefined, c.sourceId, c.quote, c.quoteGlossEn);

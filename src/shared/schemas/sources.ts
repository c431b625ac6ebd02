import { z } from 'zod';

/** A document that a figure or record comes from, e.g. a news article or a user's import. */
export const ZSource = z.object({
  id: z.string(),
  centreId: z.string(),
  kind: z.string(),
  titleZh: z.string().nullable(),
  titleEn: z.string().nullable(),
  publisher: z.string().nullable(),
  /** Date as precisely as the source gives it (ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`), or null. */
  publishedOn: z.string().nullable(),
  /** The source's own wording of its date and publisher, when they are uncertain. */
  dateAsGiven: z.string().nullable(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  language: z.string().nullable(),
});
export type TSource = z.infer<typeof ZSource>;

/** A citation of a source by a record: which source, and the passage that supports the record. */
export const ZCitation = z.object({
  sourceId: z.string(),
  titleZh: z.string().nullable(),
  titleEn: z.string().nullable(),
  publisher: z.string().nullable(),
  publishedOn: z.string().nullable(),
  quote: z.string().nullable(),
  quoteGlossEn: z.string().nullable(),
});
export type TCitation = z.infer<typeof ZCitation>;

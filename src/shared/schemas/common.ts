import { z } from 'zod';

/** Record identifiers are lower-case slugs or UUIDs: letters, digits, `-`, `_`, `.`. */
export const ZId = z.string().min(1).max(120).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an identifier');

export const ZPagination = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Bilingual name pair: Chinese is the source language, English the second. */
export const ZNames = z.object({ nameZh: z.string().nullable(), nameEn: z.string().nullable() });

/**
 * How sure we are of a name that does not appear in a source verbatim.
 * `in_source`: quoted in the source; `well_known`: standard name added by the
 * editor; `probable`: an editor's guess to be verified; `none`: no such name.
 */
export const ZNameStatus = z.enum(['in_source', 'well_known', 'probable', 'none']);

export const ZErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const ZCentreParams = z.object({ centreId: ZId });

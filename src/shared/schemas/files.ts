import { z } from 'zod';

/** A stored file: a bid's, a milestone's evidence, a demand thread's (the bytes are downloaded separately). */
export const ZAttachment = z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(), createdAt: z.date() });
export type TAttachment = z.infer<typeof ZAttachment>;

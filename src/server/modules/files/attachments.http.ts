import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { contentDisposition } from '../../../core/files/file-type.js';
import { AppError } from '../../errors.js';
import { MAX_ATTACHMENT_BYTES } from './attachments.service.js';

/**
 * The HTTP side of the file store, shared by every module that takes files:
 * raw bytes in (the file name in the query), downloads that a browser never
 * renders or sniffs.
 */

/** Within the calling plugin: any content type arrives as bytes, up to the attachment limit. */
export const acceptRawFiles = (app: FastifyInstance): void => {
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1024 }, (_req, body, done) => done(null, body));
};

export const ZFileQuery = z.object({ fileName: z.string().min(1).max(300) });

export const requireBytes = (body: unknown): Buffer => {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('VALIDATION_FAILED', 'Send the file as the request body', { fields: [{ in: 'body', path: 'file', reason: 'empty', message: 'empty body' }] });
  return body;
};

export const sendAttachment = (reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) =>
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.content);

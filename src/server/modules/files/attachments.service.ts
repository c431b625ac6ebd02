import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { checkFile, type FileKind } from '../../../core/files/file-type.js';
import type { TAttachment } from '../../../shared/schemas/files.js';
import { appendAuditEvent } from '../../../db/audit-log.js';
import { attachments } from '../../../db/schema/index.js';
import type { ReadTx, WriteTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';

/**
 * The one file store: bids, milestone evidence and demand threads keep their
 * files here. Each module decides who may add, see or remove a file of its
 * own owners; this checks the bytes and the limits, stores and audits.
 * Type checked from the bytes, size and count limited, names reduced to a
 * safe last segment.
 */

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_OWNER = 20;

/** Who a file belongs to: `application`, `milestone`, `demand_event`. */
export type AttachmentOwner = { type: string; id: string };
export type AttachmentMeta = Omit<typeof attachments.$inferSelect, 'content'>;
export type CheckedUpload = { fileName: string; kind: FileKind; bytes: Buffer };

const metaColumns = {
  id: attachments.id,
  centreId: attachments.centreId,
  ownerType: attachments.ownerType,
  ownerId: attachments.ownerId,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  size: attachments.size,
  sha256: attachments.sha256,
  uploadedBy: attachments.uploadedBy,
  createdAt: attachments.createdAt,
};

export const toAttachment = (row: AttachmentMeta): TAttachment => ({ id: row.id, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, createdAt: row.createdAt });

export const fileFieldError = (reason: string, message: string, extra: Record<string, unknown> = {}) => new AppError('VALIDATION_FAILED', message, { fields: [{ in: 'body', path: 'file', reason, message, ...extra }] });

/** Size and type from the bytes, before any transaction opens. */
export const checkUpload = (fileName: string, bytes: Buffer): CheckedUpload => {
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `A file may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const checked = checkFile(fileName, bytes);
  if (!checked.ok) {
    const messages = { bad_name: 'The file name is not usable', type_not_allowed: 'Attach PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV files', content_mismatch: 'The file’s content does not match its extension', empty: 'The file is empty' } as const;
    throw fileFieldError(checked.reason, messages[checked.reason]);
  }
  return { fileName: checked.fileName, kind: checked.kind, bytes };
};

/** Store a checked file for an owner the caller has already authorised, within the owner's count limit; audited. */
export const storeAttachment = async (tx: WriteTx, ctx: ServiceContext, centreId: string, owner: AttachmentOwner, upload: CheckedUpload, countOwners: readonly AttachmentOwner[] = [owner]): Promise<TAttachment> => {
  const [existing] = await tx
    .select({ n: count() })
    .from(attachments)
    .where(and(eq(attachments.ownerType, owner.type), inArray(attachments.ownerId, countOwners.filter((o) => o.type === owner.type).map((o) => o.id))));
  if (Number(existing?.n ?? 0) >= MAX_ATTACHMENTS_PER_OWNER) throw fileFieldError('too_many_files', `At most ${MAX_ATTACHMENTS_PER_OWNER} files each`, { max: MAX_ATTACHMENTS_PER_OWNER });
  const row = {
    id: randomUUID(),
    centreId,
    ownerType: owner.type,
    ownerId: owner.id,
    fileName: upload.fileName,
    contentType: upload.kind.contentType,
    size: upload.bytes.length,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    content: new Uint8Array(upload.bytes),
    uploadedBy: ctx.user?.id ?? null,
    createdAt: ctx.now,
  };
  await tx.insert(attachments).values(row);
  const { content: _content, ...meta } = row;
  await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'attachment.upload', entityType: 'attachment', entityId: row.id, centreId, before: null, after: meta, requestId: ctx.requestId });
  return toAttachment(meta);
};

/** A file's record without its bytes. */
export const findAttachmentMeta = async (tx: ReadTx, centreId: string, id: string): Promise<AttachmentMeta | undefined> => {
  const [row] = await tx.select(metaColumns).from(attachments).where(and(eq(attachments.id, id), eq(attachments.centreId, centreId)));
  return row;
};

/** A file's bytes, for a caller that has decided the reader may see its owner. */
export const readAttachmentContent = async (tx: ReadTx, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> => {
  const [row] = await tx.select({ fileName: attachments.fileName, contentType: attachments.contentType, content: attachments.content }).from(attachments).where(eq(attachments.id, id));
  if (!row) throw new AppError('NOT_FOUND', `No attachment ${id}`);
  return { fileName: row.fileName, contentType: row.contentType, content: Buffer.from(row.content) };
};

/** Remove a file the caller has authorised; audited. */
export const removeAttachment = async (tx: WriteTx, ctx: ServiceContext, row: AttachmentMeta): Promise<void> => {
  await tx.delete(attachments).where(eq(attachments.id, row.id));
  await appendAuditEvent(tx, { actor: ctx.actor, at: ctx.now, action: 'attachment.delete', entityType: 'attachment', entityId: row.id, centreId: row.centreId, before: row, after: null, requestId: ctx.requestId });
};

/** Files of several owners of one type, oldest first, by owner id. */
export const listAttachments = async (tx: ReadTx, ownerType: string, ownerIds: readonly string[]): Promise<Map<string, TAttachment[]>> => {
  const out = new Map<string, TAttachment[]>();
  if (ownerIds.length === 0) return out;
  const rows = await tx
    .select(metaColumns)
    .from(attachments)
    .where(and(eq(attachments.ownerType, ownerType), inArray(attachments.ownerId, [...ownerIds])))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  for (const r of rows) out.set(r.ownerId, [...(out.get(r.ownerId) ?? []), toAttachment(r)]);
  return out;
};

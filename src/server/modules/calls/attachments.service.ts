import type { TAttachment } from '../../../shared/schemas/calls.js';
import { readTogether, withWriteTx, type ReadTx } from '../../../db/tx.js';
import type { ServiceContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { checkUpload, findAttachmentMeta, listAttachments, readAttachmentContent, removeAttachment, storeAttachment } from '../files/attachments.service.js';
import { isApplicant } from './calls.policy.js';
import * as repo from './calls.repository.js';

/**
 * Files attached to a bid (while it is a draft) or to a milestone (while its
 * evidence is being prepared), by the team; kept in the one file store
 * (`files/attachments.service.ts`). Downloads go to whoever may see the
 * application.
 */

type Owner = { type: 'application' | 'milestone'; id: string };

/** The application an owner belongs to, its call, and whether the team may change its files now. */
const resolveOwner = async (tx: ReadTx, centreId: string, owner: Owner) => {
  let applicationId = owner.id;
  let editable: boolean;
  if (owner.type === 'milestone') {
    const m = await repo.findMilestone(tx, owner.id);
    if (!m) throw new AppError('NOT_FOUND', `No milestone ${owner.id}`);
    applicationId = m.applicationId;
    editable = m.state === 'planned' || m.state === 'rejected';
  } else editable = true;
  const app = await repo.findApplication(tx, applicationId);
  const call = app ? await repo.findCallById(tx, app.callId) : undefined;
  if (!app || !call || call.centreId !== centreId) throw new AppError('NOT_FOUND', `No ${owner.type} ${owner.id}`);
  if (owner.type === 'application') editable = app.state === 'draft';
  else editable = editable && app.state === 'awarded';
  return { app, call, editable };
};

const assertTeamMayEdit = async (tx: ReadTx, ctx: ServiceContext, centreId: string, owner: Owner) => {
  const resolved = await resolveOwner(tx, centreId, owner);
  if (!isApplicant(ctx.user, resolved.app)) throw new AppError('NOT_FOUND', `No ${owner.type} ${owner.id}`);
  if (!resolved.editable) {
    throw new AppError('CONFLICT', owner.type === 'application' ? 'Files can change only while the bid is a draft' : 'Evidence files can change only while the milestone awaits evidence', {
      fields: [{ in: 'body', path: 'file', reason: owner.type === 'application' ? 'application_not_draft' : 'milestone_not_open', message: 'not editable now' }],
    });
  }
  return resolved;
};

export const uploadAttachment = async (ctx: ServiceContext, centreId: string, owner: Owner, fileName: string, bytes: Buffer): Promise<TAttachment> => {
  const upload = checkUpload(fileName, bytes);
  return withWriteTx(ctx.db, async (tx) => {
    await assertTeamMayEdit(tx, ctx, centreId, owner);
    return storeAttachment(tx, ctx, centreId, owner, upload);
  });
};

export const deleteAttachment = async (ctx: ServiceContext, centreId: string, id: string): Promise<void> => {
  await withWriteTx(ctx.db, async (tx) => {
    const row = await findAttachmentMeta(tx, centreId, id);
    if (!row || (row.ownerType !== 'application' && row.ownerType !== 'milestone')) throw new AppError('NOT_FOUND', `No attachment ${id}`);
    await assertTeamMayEdit(tx, ctx, centreId, { type: row.ownerType, id: row.ownerId });
    await removeAttachment(tx, ctx, row);
  });
};

/**
 * An attachment's bytes, for whoever may see its application: `canSee` is the
 * application page's own visibility rule (team, officers, demand owner after
 * submission, assigned reviewers), so the two can never disagree.
 */
export const readAttachment = async (ctx: ServiceContext, centreId: string, id: string, canSee: (applicationId: string) => Promise<boolean>): Promise<{ fileName: string; contentType: string; content: Buffer }> => {
  const row = await findAttachmentMeta(ctx.db, centreId, id);
  if (!row || (row.ownerType !== 'application' && row.ownerType !== 'milestone')) throw new AppError('NOT_FOUND', `No attachment ${id}`);
  const { app } = await resolveOwner(ctx.db, centreId, { type: row.ownerType, id: row.ownerId });
  if (!(await canSee(app.id))) throw new AppError('NOT_FOUND', `No attachment ${id}`);
  return readAttachmentContent(ctx.db, id);
};

/** File lists of an application and of its milestones, for the application page. */
export const listAttachmentsOf = async (tx: ReadTx, applicationId: string, milestoneIds: string[]): Promise<{ application: TAttachment[]; milestones: Map<string, TAttachment[]> }> => {
  const [application, milestones] = await readTogether(tx, [() => listAttachments(tx, 'application', [applicationId]), () => listAttachments(tx, 'milestone', milestoneIds)]);
  return { application: application.get(applicationId) ?? [], milestones };
};

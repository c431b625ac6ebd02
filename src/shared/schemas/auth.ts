import { z } from 'zod';
import { ROLES } from '../access.js';

export const ZRole = z.enum(ROLES);
export const ZLocale = z.enum(['zh-CN', 'en-US']);
export type TLocale = z.infer<typeof ZLocale>;

export const ZUsername = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, 'lower-case letters, digits and . _ @ - only');

export const ZUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  /** Null for an administrator of the whole deployment. */
  centreId: z.string().nullable(),
  /** Set for enterprise and research-team members: the organisation they act for. */
  organisationId: z.string().nullable(),
  locale: ZLocale,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZLoginRequest = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZSessionInfo = z.object({
  user: ZUser.nullable(),
  /** Send back in the `x-csrf-token` header on every write. */
  csrfToken: z.string().nullable(),
  idleExpiresAt: z.string().nullable(),
  absoluteExpiresAt: z.string().nullable(),
  permissions: z.array(z.string()),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const ZCreateUserRequest = z.object({
  username: ZUsername,
  displayName: z.string().trim().min(1).max(120),
  role: ZRole,
  centreId: z.string().max(120).nullable().default(null),
  organisationId: z.string().max(120).nullable().default(null),
  locale: ZLocale.default('zh-CN'),
  password: z.string().min(1).max(1024),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    role: ZRole,
    disabled: z.boolean(),
    locale: ZLocale,
    unlock: z.literal(true),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZUserList = z.object({ items: z.array(ZUser) });

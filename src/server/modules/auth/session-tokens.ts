import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'kc_session';

/** 256 random bits, URL-safe: the cookie value. Only its HMAC is stored. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (key: Buffer, token: string): string => createHmac('sha256', key).update(token).digest('hex');

export const safeEqual = (a: string, b: string): boolean => {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
};

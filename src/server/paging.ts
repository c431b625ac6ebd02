import { AppError } from './errors.js';

/**
 * Keyset cursors for paged lists: the last row's position, opaque to clients
 * (base64url JSON). `decodeCursor` takes the list's own check of the shape and
 * answers anything else, tampered or from another list, with the one error.
 */
export const encodeCursor = (position: Record<string, unknown>): string => Buffer.from(JSON.stringify(position)).toString('base64url');

export const decodeCursor = <T>(raw: string, check: (value: Record<string, unknown>) => T | null): T => {
  let position: T | null = null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) position = check(value as Record<string, unknown>);
  } catch {
    position = null;
  }
  if (position === null) throw new AppError('VALIDATION_FAILED', 'The cursor is not one this server issued', { fields: [{ in: 'query', path: 'cursor', reason: 'invalid_cursor', message: 'invalid cursor' }] });
  return position;
};

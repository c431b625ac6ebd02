import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AppError } from './errors.js';
import { decodeCursor, encodeCursor } from './paging.js';

const check = (c: Record<string, unknown>) => (typeof c['id'] === 'string' && typeof c['n'] === 'number' ? { id: c['id'], n: c['n'] } : null);

describe('keyset cursors', () => {
  test('a position comes back as it went out', () => {
    fc.assert(fc.property(fc.string(), fc.integer(), (id, n) => {
        expect(decodeCursor(encodeCursor({ id, n }), check)).toEqual({ id, n });
      }));
  });

  test('anything else is the one invalid_cursor error at the cursor field', () => {
    for (const raw of ['', 'not base64 !', Buffer.from('[1,2]').toString('base64url'), Buffer.from('null').toString('base64url'), encodeCursor({ id: 1, n: 'x' })]) {
      const error = (() => {
        try {
          decodeCursor(raw, check);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details?.fields?.[0]).toMatchObject({ in: 'query', path: 'cursor', reason: 'invalid_cursor' });
    }
  });
});

/**
 * Every error the API can return, by code. The server maps each code to an
 * HTTP status in one exhaustive table (src/server/errors.ts); the web app
 * translates each code (src/web/i18n). Adding a code here makes both fail to
 * compile or check until they handle it.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'CSRF_TOKEN_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'TOO_MANY_REQUESTS',
  'PASSWORD_POLICY',
  /** Well-formed, but a rule of the domain refuses it (an expense on the negative list); details.fields explain. */
  'UNPROCESSABLE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One failed field: a JSON path into the request part and a machine-readable reason. */
export type FieldIssue = {
  /** Where the problem is: 'body', 'query', 'params' or 'headers'. */
  in: 'body' | 'query' | 'params' | 'headers';
  /** Dotted path inside that part, e.g. `password` or `items.3.value`. */
  path: string;
  /** A short code for the web app to translate, e.g. `too_small`, `invalid_type`. */
  reason: string;
  /** An English message for API users and logs. */
  message: string;
};

export type ErrorDetails = { fields?: FieldIssue[]; [key: string]: unknown };

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: ErrorDetails } };

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode, ErrorDetails, FieldIssue } from '../shared/errors.js';

/** The one error type domain code throws: a code from the shared table, a message, optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetails,
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

/** Every code's HTTP status. The Record type makes the compiler reject a code left out. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PASSWORD_POLICY: 422,
  UNPROCESSABLE: 422,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

const PART: Record<string, FieldIssue['in']> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** Fastify's own client-error codes, mapped onto ours so user input never yields a 500. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

export const toErrorResponse = (error: unknown): { status: number; code: ErrorCode; message: string; details?: ErrorDetails } => {
  if (error instanceof AppError) {
    return { status: HTTP_STATUS[error.code], code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = PART[(error as { validationContext?: string }).validationContext ?? 'body'] ?? 'body';
    const fields: FieldIssue[] = error.validation.map((v) => {
      // The provider passes each zod issue as keyword = code, params = the rest of the issue.
      const custom = (v.params as { params?: { reason?: string } } | undefined)?.params?.reason;
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      // Custom rules name their own reason (e.g. self_reference); built-in checks use zod's code.
      return { in: part, path, reason: custom ?? v.keyword, message: v.message ?? 'invalid' };
    });
    return { status: 400, code: 'VALIDATION_FAILED', message: 'The request is not valid; see details.fields', details: { fields } };
  }
  const fe = error as Partial<FastifyError>;
  if (fe.code && FASTIFY_CODES[fe.code]) {
    const code = FASTIFY_CODES[fe.code] as ErrorCode;
    return { status: HTTP_STATUS[code], code, message: fe.message ?? code };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode = fe.statusCode === 404 ? 'NOT_FOUND' : fe.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : fe.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : fe.statusCode === 429 ? 'TOO_MANY_REQUESTS' : 'BAD_REQUEST';
    return { status: HTTP_STATUS[code], code, message: fe.message ?? code };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Internal error' };
};

/**
 * Errors the router raises before any route or hook runs (a path that is not
 * valid UTF-8 once decoded, a path parameter over the length limit): Fastify's
 * `frameworkErrors` option, answered in the same coded shape as every other refusal.
 */
export const frameworkErrorReply = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The request path is not valid';
  void reply
    .status(400)
    .send({ error: { code: 'BAD_REQUEST', message, details: { fields: [{ in: 'params', path: '', reason: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'too_long' : 'invalid_path', message: error.message }] } } });
};

export const registerErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toErrorResponse(error);
    if (mapped.status >= 500 || isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'request failed');
      // Hide internals: the client learns only that something failed and the request id to quote.
      return reply
        .status(500)
        .send({ error: { code: 'INTERNAL_ERROR', message: 'Internal error', details: { requestId: request.id } } });
    }
    request.log.info({ code: mapped.code, status: mapped.status }, 'request rejected');
    return reply.status(mapped.status).send({ error: { code: mapped.code, message: mapped.message, ...(mapped.details ? { details: mapped.details } : {}) } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
};

/** One problem with a field of the request body, named by its path and a reason code the web translates. */
export const bodyIssue = (path: string, reason: string, message: string, extra: Record<string, unknown> = {}): FieldIssue => ({ in: 'body', path, reason, message, ...extra }) as FieldIssue;

/** A request refused for its fields (400), each problem beside its field. */
export const invalidBody = (fields: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 'The request is not valid; see details.fields', { fields });

/** A write against a version someone else has replaced meanwhile (409 at `version`). */
export const staleVersion = (what: string): AppError => new AppError('CONFLICT', `${what} changed meanwhile; reload and try again`, { fields: [bodyIssue('version', 'stale_version', 'someone else changed it first')] });

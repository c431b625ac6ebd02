import { isErrorCode, type ErrorCode, type ErrorDetails, type FieldIssue } from '../../shared/errors.js';

/** An API failure with the server's error code; the UI translates the code, never the message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(status: number, code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  get fieldIssues(): FieldIssue[] {
    return Array.isArray(this.details?.fields) ? this.details.fields : [];
  }
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** A file sent as the raw request body (uploads), instead of a JSON `body`. */
  file?: { data: Blob; contentType: string };
  signal?: AbortSignal;
};

type SessionHooks = {
  /** The CSRF token of the current session, sent on every write. */
  getCsrfToken: () => string | null;
  /** Fetch the session again (after a 401, or to get a fresh CSRF token). */
  refreshSession: () => Promise<string | null>;
};

let sessionHooks: SessionHooks = { getCsrfToken: () => null, refreshSession: async () => null };

/** Wired once by the session provider; kept out of the module graph to avoid a cycle. */
export const configureApiSession = (hooks: SessionHooks): void => {
  sessionHooks = hooks;
};

export const buildUrl = (path: string, query?: RequestOptions['query']): string => {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

const statusFallbackCode = (status: number): ErrorCode => {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL_ERROR';
};

/** Turns any non-2xx response into an ApiError, whatever its body looks like. */
export const parseErrorResponse = async (response: Response): Promise<ApiError> => {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON (a proxy error page, an empty body) */
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = isErrorCode(error?.code) ? error.code : statusFallbackCode(response.status);
  const message = typeof error?.message === 'string' ? error.message : response.statusText;
  const details = error?.details && typeof error.details === 'object' ? (error.details as ErrorDetails) : undefined;
  return new ApiError(response.status, code, message, details);
};

const SESSION_PATHS = ['/api/auth/session', '/api/auth/login'];

const send = async (path: string, options: RequestOptions): Promise<Response> => {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.file) headers['content-type'] = options.file.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = sessionHooks.getCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.file ? options.file.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'SERVICE_UNAVAILABLE', (err as Error).message);
  }
};

/**
 * Calls the API and returns the parsed JSON (undefined for 204).
 * A 401 refreshes the session state; a rejected CSRF token is renewed and the
 * request retried once.
 */
export const apiRequest = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  let response = await send(path, options);
  if (!response.ok) {
    let error = await parseErrorResponse(response);
    if (error.code === 'CSRF_TOKEN_INVALID') {
      await sessionHooks.refreshSession();
      response = await send(path, options);
      if (response.ok) return readBody<T>(response);
      error = await parseErrorResponse(response);
    }
    if (error.status === 401 && !SESSION_PATHS.includes(path)) void sessionHooks.refreshSession();
    throw error;
  }
  return readBody<T>(response);
};

const readBody = async <T>(response: Response): Promise<T> => {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
};

export const apiGet = <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<T> =>
  apiRequest<T>(path, { query, signal });

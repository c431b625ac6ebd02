import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The Content-Security-Policy of the web app and the API. Scripts only from
 * this origin (the Vite build has no inline script), so an injected
 * `<script>`, `onerror=` handler or `javascript:` URL does not run.
 * `style-src 'unsafe-inline'` is needed: antd's CSS-in-JS inserts `<style>`
 * elements at run time and a static index.html cannot carry a per-response nonce.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The API docs (swagger-ui): its page carries small inline scripts and styles, so it
 * gets its own policy (still no other origin, no plugins, no framing).
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Browser features the platform never uses, switched off for every page. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), interest-cohort=()';

/** One year, sub-domains included: only sent when cookies are Secure, i.e. the site is served over HTTPS. */
export const HSTS = 'max-age=31536000; includeSubDomains';

const isDocs = (url: string): boolean => url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');

/** Headers set on every response, page or API, error or not. */
export const setSecurityHeaders = (request: FastifyRequest, reply: FastifyReply, opts: { hsts: boolean }): void => {
  void reply.header('x-request-id', request.id);
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'same-origin');
  void reply.header('x-frame-options', 'DENY');
  // A route that set a stricter policy of its own (downloaded attachments: `default-src 'none'; sandbox`) keeps it.
  if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', isDocs(request.url) ? DOCS_CSP : APP_CSP);
  void reply.header('cross-origin-opener-policy', 'same-origin');
  void reply.header('cross-origin-resource-policy', 'same-origin');
  void reply.header('permissions-policy', PERMISSIONS_POLICY);
  if (opts.hsts) void reply.header('strict-transport-security', HSTS);
};

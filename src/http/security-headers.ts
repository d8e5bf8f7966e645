/**
 * Security headers for every response. The chat page has no inline script or style, so the policy can
 * forbid both; server text reaches the page only through `textContent`.
 */
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/** The Content-Security-Policy sent with every response: only same-origin scripts, styles and fetches. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Middleware setting CSP, `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (citation
 * links open official sites without telling them which chat they came from) and `X-Frame-Options: DENY`.
 *
 * @example
 * app.use(securityHeaders());
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}

/** The headers of {@link securityHeaders}, set on a plain node:http response (the webhook fast path). */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

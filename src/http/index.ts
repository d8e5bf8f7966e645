/**
 * HTTP layer: the express app with the web chat page and API, channel webhooks, health, request ids,
 * request logging, security headers and the single error middleware.
 */
export { createHttpApp } from './create-app.js';
export type { HttpAppDeps, HealthReport } from './create-app.js';
export type { WebhookHandlers } from './webhook-route.js';
export type { ErrorBody } from './error-handler.js';
export { defaultPublicDir } from './public-dir.js';
export { CONTENT_SECURITY_POLICY } from './security-headers.js';
export { metricsRoute, createMetricsServer } from './metrics-route.js';
export type { MetricsEndpoint } from './metrics-route.js';

/**
 * Admin HTTP surface: the JSON API (mount at `/api/admin`) and the server-rendered console (mount at
 * `/admin`), both on the staff console's login system, plus ADMIN_TOKEN bearer auth for the API.
 */
export { createAdminApiRouter } from './api-router.js';
export type { AdminApiOptions } from './api-router.js';
export { createAdminConsoleRouter } from './console-router.js';
export type { AdminConsoleOptions, AdminSection } from './console-router.js';
export { AdminAuth, ADMIN_LOGIN_COOKIE, adminActorOf } from './admin-auth.js';
export type { AdminAuthOptions } from './admin-auth.js';
export { ADMIN_BASE, ADMIN_API_BASE, adminLayout, adminMessagePage } from './views/layout.js';
export type { AdminPage, AdminLayoutUser, Flash, NavEntry } from './views/layout.js';
export { ta, ADMIN_VI } from './messages.js';
export { createZaloOaAdminRouter, createZaloOaCallbackRouter, ZALO_OA_STATE_COOKIE } from './zalo-oa-routes.js';
export type { ZaloOaAdminOptions } from './zalo-oa-routes.js';
export { ZALO_OA_ADMIN_PATH, tz as zaloOaText } from './views/zalo-oa.js';

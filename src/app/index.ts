export { buildApp } from './build-app.js';
export type { App, BuildOptions } from './build-app.js';
export { createLogger } from './logger.js';

import pino from 'pino';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from '../config/index.js';

/**
 * The application's structured JSON logger (pino). Secrets are redacted wherever they might appear in
 * logged objects; code never puts tokens in messages or URLs it logs.
 */
export function createLogger(cfg: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): PinoLogger {
  return pino(
    {
      level: cfg.logLevel,
      base: { app: 'cchc-bot' },
      redact: {
        paths: ['token', '*.token', 'apiKey', '*.apiKey', 'secret', '*.secret', 'password', '*.password', 'req.headers.authorization', 'req.headers["x-telegram-bot-api-secret-token"]', 'req.headers["x-bot-api-secret-token"]', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}

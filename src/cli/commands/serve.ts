import { loadConfig } from '../../config/index.js';
import { buildApp } from '../../app/index.js';
import { describeError } from '../../common/errors.js';
import type { Command } from '../args.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the bot server: web chat on http://HOST:PORT, Telegram and Zalo when their tokens are set.',
  usage: 'serve',
  options: {},
  async run(_args, ctx) {
    const config = loadConfig();
    const app = await buildApp(config);
    const file = ctx?.envFile;
    if (file?.path) app.logger.info({ file: file.path, applied: file.applied, overridden: file.overridden }, `settings read from ${file.path} (the environment wins for ${file.overridden.length} of them)`);
    else app.logger.info({}, 'no settings file (.env) in the working directory; settings from the environment only');
    const port = await app.start();
    process.stderr.write(`Trợ lý CCHC is running: open http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ (Ctrl+C to stop)\n`);
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.logger.info({ signal }, 'shutting down: finishing in-flight updates');
        app.stop().then(resolve, (err: unknown) => {
          app.logger.error({ err: describeError(err) }, 'shutdown failed');
          resolve();
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  },
};

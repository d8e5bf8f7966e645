import { loadConfig } from '../../config/index.js';
import { openStore } from '../../storage/index.js';
import type { Command } from '../args.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date (the server also does this at start); safe to run twice.',
  usage: 'migrate',
  options: {},
  async run() {
    const store = await ((c) => openStore(c.databaseUrl, { schema: c.databaseSchema }))(loadConfig());
    try {
      const applied = await store.appliedMigrations();
      process.stdout.write(`Database schema up to date: migrations ${applied.join(', ')} applied.\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

import { loadConfig } from '../../config/index.js';
import { createBackup } from '../../app/ops/backup.js';
import { restoreBackup } from '../../app/ops/restore.js';
import { AppError } from '../../common/errors.js';
import type { Command } from '../args.js';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Write one .tar.gz with the SQLite database (online backup), knowledge/ and the index, with checksums.',
  usage: 'backup [--out FILE.tar.gz] [--json]',
  options: {
    out: { type: 'string', description: 'Archive to write (default DATA_DIR/backups/cchc-backup-<UTC time>.tar.gz)' },
    json: { type: 'boolean', description: 'Print the manifest as JSON' },
  },
  async run({ values }) {
    const r = await createBackup(loadConfig(), { out: values.out as string | undefined });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ file: r.file, bytes: r.bytes, ...r.manifest }, null, 2)}\n`);
      return 0;
    }
    const db = r.manifest.database.kind === 'sqlite' ? `SQLite database (migrations ${r.manifest.database.migrations.join(', ')})` : 'no database (PostgreSQL: back it up with pg_dump, see docs/production.md)';
    const knowledge = r.manifest.files.filter((f) => f.path.startsWith('knowledge/')).length;
    process.stdout.write(
      [
        `Backup written: ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB)`,
        `  ${db}`,
        `  knowledge/: ${knowledge} files; index snapshot: ${r.manifest.index.version ?? 'none'}`,
        `  ${r.manifest.files.length} files with SHA-256 checksums in manifest.json`,
        'Copy it off this server (another disk or host); restore with: npm run cchc -- restore <file>',
      ].join('\n') + '\n',
    );
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore a backup archive (verified first; the current files are kept as *.pre-restore-<time>). Stop the server first.',
  usage: 'restore FILE.tar.gz [--force]',
  options: { force: { type: 'boolean', description: 'Do not check whether the server is still running' } },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new AppError('INVALID_INPUT', 'name one backup file: restore FILE.tar.gz');
    const r = await restoreBackup(loadConfig(), positionals[0], { force: Boolean(values.force) });
    process.stdout.write(
      [
        `Restored the backup of ${r.manifest.createdAt}:`,
        ...r.restored.map((x) => `  ${x}`),
        ...(r.setAside.length ? ['Previous files kept (delete them once the restored server works):', ...r.setAside.map((x) => `  ${x}`)] : []),
        ...r.notes.map((n) => `Note: ${n}`),
        'Start the server again (systemctl start cchc-bot), then run: npm run cchc -- doctor',
      ].join('\n') + '\n',
    );
    return 0;
  },
};

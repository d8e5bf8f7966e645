/**
 * Maps better-sqlite3 failures to {@link AppError}s: the database being unreachable (locked past the busy
 * timeout, unreadable file, disk full, closed handle) becomes STORAGE_UNAVAILABLE, a row naming an unknown
 * parent (foreign key) NOT_FOUND, a duplicate primary or unique key CONFLICT, and anything else INTERNAL. The
 * original error is kept as `cause`.
 */
import { AppError, describeError } from '../../common/errors.js';

/** SQLite primary result codes that mean "the database cannot be used right now". */
const UNAVAILABLE_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL',
  'SQLITE_READONLY', 'SQLITE_PROTOCOL', 'SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_PERM'];

/**
 * Wraps a better-sqlite3 error thrown during `op` as an {@link AppError} (unchanged when it already is one).
 */
export function sqliteError(err: unknown, op: string): AppError {
  if (err instanceof AppError) return err;
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const message = describeError(err);
  if (UNAVAILABLE_CODES.some((c) => code === c || code.startsWith(`${c}_`))
    || /database connection is not open/i.test(message)) {
    return new AppError('STORAGE_UNAVAILABLE', `SQLite unavailable during ${op}: ${message}`, { cause: err });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('NOT_FOUND', `SQLite ${op}: referenced row does not exist (${message})`, { cause: err });
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new AppError('CONFLICT', `SQLite ${op}: a row with this key already exists (${message})`, { cause: err });
  }
  return new AppError('INTERNAL', `SQLite ${op} failed: ${message}`, { cause: err });
}

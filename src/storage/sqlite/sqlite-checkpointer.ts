/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that crosses
 * 1000 WAL pages, on the connection that committed: it copies the pages into the database file and calls
 * fsync twice, which on an ordinary disk blocks the server's only thread for tens of milliseconds every
 * few hundred writes (the slowest webhook acknowledgements and answers under load). With a checkpointer,
 * the server's connection turns the automatic checkpoint off and a worker thread, with its own connection
 * to the same file, runs a PASSIVE checkpoint (it never waits for, nor blocks, readers and writers) every
 * `intervalMs`. Durability is unchanged: a commit is in the WAL before the checkpoint copies it.
 *
 * A PASSIVE checkpoint never resets the log: SQLite starts writing the WAL from its beginning again only
 * when a write begins after a checkpoint that copied every frame. Under steady traffic some commit always
 * lands while the checkpoint runs, so the WAL grew for as long as the server ran (about 100 KB per update
 * in the soak). Once the log holds `restartFrames` frames, the worker therefore asks for a RESTART
 * checkpoint, which waits up to 50 ms for the writer to be idle, copies what the PASSIVE pass left and makes
 * the next commit start the log over; when the writer stays busy it simply tries again at the next tick.
 * The server's connection sets `journal_size_limit`, so the file itself is cut back at that reset.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker's source (CommonJS, evaluated): opens the file and checkpoints on a timer until told to stop. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL'); // a checkpoint flushes the WAL, copies it, then flushes the database file
db.pragma('busy_timeout = 50'); // how long a RESTART waits for the server's writer, once per tick at most
const checkpoint = () => {
  try {
    let [r] = db.pragma('wal_checkpoint(PASSIVE)');
    let restarted = false;
    if (r.log >= workerData.restartFrames) {
      const [t] = db.pragma('wal_checkpoint(RESTART)');
      if (!t.busy) [r, restarted] = [t, true];
    }
    return { ok: true, log: r.log, checkpointed: r.checkpointed, restarted };
  } catch (err) {
    return { ok: false, error: String((err && err.message) || err) };
  }
};
const timer = setInterval(() => {
  const r = checkpoint();
  if (!r.ok) parentPort.postMessage({ type: 'failed', error: r.error });
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'now') parentPort.postMessage({ type: 'done', ...checkpoint() });
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

/** Frames (4 KB pages) in the WAL from which the checkpointer restarts the log: 16 MB. */
export const WAL_RESTART_FRAMES = 4096;

/** Result of one checkpoint: WAL frames in the log and frames copied into the database file. */
export interface CheckpointResult {
  ok: boolean;
  log?: number;
  checkpointed?: number;
  /** True when the log was long enough to be restarted and the RESTART checkpoint got through. */
  restarted?: boolean;
  error?: string;
}

/**
 * A worker thread checkpointing the WAL of `path` every `intervalMs`. It does not keep the process
 * alive. `onFailure` is called once when the worker dies or a checkpoint fails (the owner then turns
 * SQLite's automatic checkpoint back on).
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped = false;
  private failed = false;

  constructor(path: string, intervalMs: number, private readonly onFailure: (reason: string) => void, restartFrames = WAL_RESTART_FRAMES) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver, restartFrames } });
    this.worker.unref();
    this.worker.on('message', (m: { type: string; error?: string }) => {
      if (m.type === 'failed') this.fail(m.error ?? 'checkpoint failed');
    });
    this.worker.on('error', (err: Error) => this.fail(err.message));
    this.worker.on('exit', (code) => {
      if (!this.stopped) this.fail(`checkpoint worker exited (${code})`);
    });
  }

  /** Runs a checkpoint now and returns its result (tests, and a last one before stopping). */
  now(): Promise<CheckpointResult> {
    return new Promise((resolve) => {
      const onMessage = (m: { type: string } & CheckpointResult) => {
        if (m.type !== 'done') return;
        this.worker.off('message', onMessage);
        resolve({ ok: m.ok, log: m.log, checkpointed: m.checkpointed, restarted: m.restarted, error: m.error });
      };
      this.worker.on('message', onMessage);
      this.worker.postMessage('now');
    });
  }

  /** Stops the timer and closes the worker's connection. Calling it twice is harmless. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.ref(); // an unref'd worker would let the process end while close() still waits for it
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.worker.terminate();
  }

  private fail(reason: string): void {
    if (this.failed || this.stopped) return;
    this.failed = true;
    this.onFailure(reason);
  }
}

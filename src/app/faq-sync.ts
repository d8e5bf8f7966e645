/**
 * Keeps this instance's curated Q&As in step with the database: a Q&A approved on another instance (staff
 * console or Telegram) is answered here within one interval, without a restart or a reindex.
 */
import type { Logger } from '../common/logger.js';
import { describeError } from '../common/errors.js';
import type { FaqEntry } from '../ingest/faq-file.js';

/** What {@link FaqSync} needs: the approved Q&As in the database and the knowledge base to add them to. */
export interface FaqSyncOptions {
  approved: () => Promise<FaqEntry[]>;
  addFaq: (entry: FaqEntry) => void;
  logger: Logger;
}

/**
 * Polls the approved Q&As and adds the ones this instance has not seen (or whose text changed). Polling is
 * used on both databases: it needs no extra connection, and the staleness bound is the interval.
 */
export class FaqSync {
  private readonly seen = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(private readonly o: FaqSyncOptions) {}

  /** Reads the approved Q&As once and adds the new or changed ones; returns how many were added. */
  async syncOnce(): Promise<number> {
    let added = 0;
    for (const entry of await this.o.approved()) {
      const signature = JSON.stringify([entry.question, entry.answer, entry.variants, entry.source]);
      if (this.seen.get(entry.id) === signature) continue;
      this.o.addFaq(entry);
      this.seen.set(entry.id, signature);
      added += 1;
    }
    return added;
  }

  /** Starts polling every `intervalMs` (the first load is the caller's {@link syncOnce}). */
  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      void this.syncOnce()
        .then((n) => n && this.o.logger.info({ added: n }, 'approved Q&As picked up from the database'))
        .catch((err: unknown) => this.o.logger.warn({ err: describeError(err) }, 'Q&A sync failed; retrying at the next interval'))
        .finally(() => {
          this.busy = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

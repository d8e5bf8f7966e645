/**
 * The optional daily lesson: learners who opted in (`/hoctap 07:30`) get their next lesson or review
 * question at that time (Vietnam time), once a day, until `/dunghoc`. Each learner's day is claimed in the
 * store first, so several instances never send it twice. Delivery goes through the channel's own sender,
 * which applies the platform's sending rules (a closed Zalo OA window is refused and only logged).
 */
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { describeError } from '../common/errors.js';
import type { ChannelName, ReplySender } from '../conversation/index.js';
import type { TrainingStore } from './ports.js';
import type { TrainingService } from './training-service.js';

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60_000;

/** Options of {@link DailyLessons}. */
export interface DailyLessonsOptions {
  service: Pick<TrainingService, 'dailyLesson'>;
  store: Pick<TrainingStore, 'dailyLearners' | 'claimDaily'>;
  senders: Partial<Record<ChannelName, ReplySender>>;
  /** Clock port (epoch ms). Default `Date.now`. */
  now?: () => number;
  /** How often `start` ticks, ms. Default 20 000 (every minute is seen at least twice). */
  intervalMs?: number;
  logger?: Logger;
}

/** "HH:MM" and "YYYY-MM-DD" of an instant in Vietnam time. */
export function vietnamClock(at: number): { time: string; day: string } {
  const iso = new Date(at + VIETNAM_OFFSET_MS).toISOString();
  return { time: iso.slice(11, 16), day: iso.slice(0, 10) };
}

/**
 * DailyLessons: sends the daily lesson of every learner whose chosen time is the current minute.
 *
 * @example
 * const daily = new DailyLessons({ service: learning, store, senders });
 * daily.start(); // … daily.stop() at shutdown
 */
export class DailyLessons {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly log: Logger;

  constructor(private readonly o: DailyLessonsOptions) {
    this.log = o.logger ?? silentLogger;
  }

  /** Sends the lessons due this minute; resolves with how many learners got one. Never rejects. */
  async tick(): Promise<number> {
    const { time, day } = vietnamClock((this.o.now ?? Date.now)());
    let sent = 0;
    try {
      for (const l of await this.o.store.dailyLearners(time)) {
        const sender = this.o.senders[l.channel];
        if (!sender || !(await this.o.store.claimDaily(l.channel, l.userId, day))) continue;
        try {
          const replies = await this.o.service.dailyLesson(l);
          for (const r of replies ?? []) await sender.send(l.chatId, r);
          if (replies?.length) sent += 1;
        } catch (err: unknown) {
          this.log.warn({ channel: l.channel, err: describeError(err) }, 'daily lesson not delivered');
        }
      }
    } catch (err: unknown) {
      this.log.warn({ err: describeError(err) }, 'daily lessons skipped this minute');
    }
    return sent;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    }, this.o.intervalMs ?? 20_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

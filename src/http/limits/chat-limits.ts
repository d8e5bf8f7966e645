/**
 * Abuse limits of the anonymous web chat (issue 11, failure 6). The web client chooses its own session id,
 * so limits keyed on it hold nothing: these are keyed on the client address (see `client-address.ts`) and
 * on the whole server.
 *
 * - Messages and button presses: per address per minute, and for all addresses together per minute.
 * - Escalations to staff from the web: per address per hour and for all addresses per hour. When a budget
 *   trips, staff are alerted once per budget window (not once per refused question), and the official
 *   gets a polite Vietnamese refusal.
 *
 * The address reaches the escalator (deep inside the conversation core, which knows nothing of HTTP)
 * through an AsyncLocalStorage set by the chat routes' middleware.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { AppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import type { Escalator } from '../../conversation/index.js';
import { WindowCounter } from './window-counter.js';

/** Options of {@link ChatLimits}; each default is the setting's. */
export interface ChatLimitsOptions {
  /** `WEBCHAT_RATE_PER_ADDRESS` messages and presses per address per minute. Default 20. */
  perAddressPerMinute?: number;
  /** `WEBCHAT_RATE_GLOBAL` messages and presses per minute for all addresses. Default 600. */
  globalPerMinute?: number;
  /** `WEBCHAT_ESCALATIONS_PER_ADDRESS` escalations per address per hour. Default 3. */
  escalationsPerAddressPerHour?: number;
  /** `WEBCHAT_ESCALATIONS_PER_HOUR` escalations per hour from all web addresses. Default 30. */
  escalationsPerHour?: number;
  /**
   * Called once when an escalation budget trips (per address: once per address per hour; global: once
   * per hour), e.g. to tell the staff group. Errors are logged, never thrown.
   */
  onBudgetTripped?: (trip: { scope: 'address' | 'global'; address: string; limit: number }) => Promise<void> | void;
  logger?: Logger;
  now?: () => number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The web chat's rate limits and escalation budgets, in this process's memory.
 *
 * @example
 * const limits = new ChatLimits({ perAddressPerMinute: 20, onBudgetTripped: alertStaff });
 * app.post('/api/chat', limits.middleware(), handler);
 * new ConversationService({ escalator: limits.escalator(tickets), … });
 */
export class ChatLimits {
  private readonly context = new AsyncLocalStorage<{ address: string }>();
  private readonly perAddress: WindowCounter;
  private readonly global: WindowCounter;
  private readonly escalationsPerAddress: WindowCounter;
  private readonly escalationsGlobal: WindowCounter;
  private readonly alerted: WindowCounter;
  private readonly logger: Logger;

  constructor(private readonly o: ChatLimitsOptions = {}) {
    const now = o.now ?? Date.now;
    this.perAddress = new WindowCounter({ limit: o.perAddressPerMinute ?? 20, windowMs: MINUTE, now });
    this.global = new WindowCounter({ limit: o.globalPerMinute ?? 600, windowMs: MINUTE, now });
    this.escalationsPerAddress = new WindowCounter({ limit: o.escalationsPerAddressPerHour ?? 3, windowMs: HOUR, now });
    this.escalationsGlobal = new WindowCounter({ limit: o.escalationsPerHour ?? 30, windowMs: HOUR, now });
    this.alerted = new WindowCounter({ limit: 1, windowMs: HOUR, maxKeys: 10_000, now });
    this.logger = o.logger ?? silentLogger;
  }

  /**
   * Middleware for the chat routes: refuses with RATE_LIMITED (429, Vietnamese message) beyond the
   * per-address or global rate, and runs the rest of the request with its address known to
   * {@link escalator}. The address is `req.ip` (see `trustProxy` for when a proxy's header is believed).
   */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const mine = this.perAddress.hit(address);
      const all = mine.allowed ? this.global.hit('all') : { allowed: true, retryAfterMs: 0 };
      if (!mine.allowed || !all.allowed) {
        const retry = Math.max(mine.retryAfterMs, all.retryAfterMs);
        res.set('Retry-After', String(Math.max(1, Math.ceil(retry / 1000))));
        this.logger.warn({ address, scope: mine.allowed ? 'global' : 'address' }, 'web chat rate limit reached');
        return next(new AppError('RATE_LIMITED', `web chat: too many requests (${mine.allowed ? 'all clients' : 'this address'})`));
      }
      this.context.run({ address }, () => next());
    };
  }

  /**
   * Wraps an escalator so web escalations spend the address's and the global hourly budget. Other
   * channels (and calls outside a chat request) pass through untouched.
   *
   * @throws AppError ESCALATION_LIMITED when a budget is spent.
   */
  escalator(inner: Escalator): Escalator {
    return {
      escalate: async (input) => {
        const address = this.context.getStore()?.address;
        if (input.user.channel === 'web' && address !== undefined) await this.spend(address);
        return inner.escalate(input);
      },
      ...(inner.reopen ? { reopen: (id: string) => inner.reopen!(id) } : {}),
      ...(inner.undelivered ? { undelivered: (channel, chatId) => inner.undelivered!(channel, chatId) } : {}),
    };
  }

  private async spend(address: string): Promise<void> {
    const mine = this.escalationsPerAddress.count(address) < (this.o.escalationsPerAddressPerHour ?? 3);
    const all = this.escalationsGlobal.count('all') < (this.o.escalationsPerHour ?? 30);
    if (mine && all) {
      this.escalationsPerAddress.hit(address);
      this.escalationsGlobal.hit('all');
      return;
    }
    const scope = mine ? 'global' : 'address';
    const limit = scope === 'global' ? (this.o.escalationsPerHour ?? 30) : (this.o.escalationsPerAddressPerHour ?? 3);
    this.logger.warn({ address, scope, limit }, 'web escalation budget spent; question not sent to staff');
    if (this.alerted.hit(scope === 'global' ? 'global' : `address:${address}`).allowed) {
      try {
        await this.o.onBudgetTripped?.({ scope, address, limit });
      } catch (err: unknown) {
        this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'escalation budget alert failed');
      }
    }
    throw new AppError('ESCALATION_LIMITED', `web escalation budget spent (${scope}, ${limit} per hour)`);
  }
}

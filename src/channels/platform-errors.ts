/**
 * Errors at the platform edge, kept apart (grammY `core/error.ts`): the platform answered and refused
 * ({@link PlatformApiError}), or the request never got an answer ({@link PlatformNetworkError}).
 * Messages never contain tokens.
 */
export class PlatformApiError extends Error {
  constructor(
    readonly platform: 'telegram' | 'zalo' | 'zalo-oa',
    readonly method: string,
    readonly code: number,
    readonly description: string,
    /** Seconds to wait before retrying, when the platform said so (Telegram `parameters.retry_after`). */
    readonly retryAfter?: number,
  ) {
    super(`${platform} ${method} failed: ${code} ${description}`);
    this.name = 'PlatformApiError';
  }

  /** 429 and 5xx are worth retrying; other 4xx (bad request, blocked by user) are not. */
  get retryable(): boolean {
    return this.code === 429 || this.code >= 500;
  }
}

export class PlatformNetworkError extends Error {
  /**
   * True when our timeout ended the request after it was sent: the platform may still have acted on it
   * (a message may have been delivered), so it must not be repeated at once (see channels/retry.ts).
   */
  readonly timedOut: boolean;

  constructor(
    readonly platform: 'telegram' | 'zalo' | 'zalo-oa',
    readonly method: string,
    options: { cause: unknown; timedOut?: boolean },
  ) {
    super(`${platform} ${method}: request failed (${describeCause(options.cause)})`, { cause: options.cause });
    this.name = 'PlatformNetworkError';
    this.timedOut = options.timedOut === true;
  }
}

function describeCause(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  // Telegram and Zalo tokens sit in URL paths: never echo anything that looks like one.
  return text.replace(/bot\d*:?[A-Za-z0-9_-]{10,}/g, 'bot<redacted>');
}

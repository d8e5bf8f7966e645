/**
 * The closed list of error codes the application may raise, each with its HTTP status and the key of the
 * Vietnamese message an official or staff member sees. Add a code here before throwing it.
 */
export const ERROR_CODES = {
  INVALID_INPUT: { status: 400, messageKey: 'error.invalidInput' },
  CONFIG_INVALID: { status: 500, messageKey: 'error.internal' },
  NOT_FOUND: { status: 404, messageKey: 'error.notFound' },
  UNSUPPORTED_FORMAT: { status: 415, messageKey: 'error.unsupportedFormat' },
  LEGACY_DOC_FORMAT: { status: 415, messageKey: 'error.legacyDoc' },
  NO_TEXT_LAYER: { status: 422, messageKey: 'error.noTextLayer' },
  DOCUMENT_UNREADABLE: { status: 422, messageKey: 'error.documentUnreadable' },
  DOCUMENT_TOO_LARGE: { status: 413, messageKey: 'error.documentTooLarge' },
  FRONT_MATTER_INVALID: { status: 422, messageKey: 'error.frontMatterInvalid' },
  INDEX_MISSING: { status: 503, messageKey: 'error.indexMissing' },
  INDEX_CORRUPT: { status: 500, messageKey: 'error.internal' },
  STORAGE_UNAVAILABLE: { status: 503, messageKey: 'error.storageUnavailable' },
  UNAUTHORIZED: { status: 401, messageKey: 'error.unauthorized' },
  FORBIDDEN: { status: 403, messageKey: 'error.forbidden' },
  PAYLOAD_TOO_LARGE: { status: 413, messageKey: 'error.payloadTooLarge' },
  RATE_LIMITED: { status: 429, messageKey: 'error.rateLimited' },
  ESCALATION_LIMITED: { status: 429, messageKey: 'error.escalationLimited' },
  CONFLICT: { status: 409, messageKey: 'error.conflict' },
  INTERNAL: { status: 500, messageKey: 'error.internal' },
} as const;

/** One of the closed list of error codes in {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The only error type the core throws: a code from the closed list, an English detail for logs and
 * admins, and an optional cause. Expected outcomes (no confident answer, duplicate update) are return
 * values, not AppErrors.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${code}: ${detail}`, options);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  /** HTTP status that corresponds to this error's code. */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** Key of the Vietnamese user-facing message in the catalogue. */
  get messageKey(): string {
    return ERROR_CODES[this.code].messageKey;
  }
}

/** True when `value` is an {@link AppError}, optionally with the given code. */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}

/** A readable one-line description of any thrown value, for logs and reports. */
export function describeError(value: unknown): string {
  if (value instanceof AppError) return value.detail;
  if (value instanceof Error) return value.message;
  return String(value);
}

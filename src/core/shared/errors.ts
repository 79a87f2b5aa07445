/**
 * The one application error. Every refusal carries a stable machine-readable code, the field and
 * the value that caused it; the HTTP status and the CLI exit code are derived from the code in
 * ONE table (ERROR_HTTP_STATUS) so that edges never invent their own mapping.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE',
  'UNKNOWN_CREDITOR',
  'OVERPAYMENT',
  'DATA_DIR_LOCKED',
  'MIGRATION_CHANGED',
  'MISSING_RATE',
  'LINK_EXPIRED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF',
  'RATE_LIMITED',
  'IDEMPOTENCY_KEY_REUSED',
  'INTERNAL',
] as const;

export type TErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_HTTP_STATUS: Record<TErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  UNKNOWN_CREDITOR: 422,
  OVERPAYMENT: 422,
  DATA_DIR_LOCKED: 503,
  MIGRATION_CHANGED: 500,
  MISSING_RATE: 422,
  LINK_EXPIRED: 410,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  RATE_LIMITED: 429,
  IDEMPOTENCY_KEY_REUSED: 422,
  INTERNAL: 500,
};

export type TErrorDetails = { field?: string; value?: unknown; [key: string]: unknown };

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details: TErrorDetails;

  constructor(code: TErrorCode, message: string, details: TErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** Refusal of one input field: the message always names the field and the offending value. */
export function invalid(field: string, value: unknown, reason: string): AppError {
  return new AppError('INVALID_INPUT', `${field}: ${JSON.stringify(value)} ${reason}`, { field, value });
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}

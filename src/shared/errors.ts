/**
 * Every failure Markaz reports to a caller is an AppError with a stable code.
 * One map turns codes into HTTP statuses; the server renders them as RFC 9457 problem+json.
 */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  invalid_code: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  invalid_state: 409,
  idempotency_key_reused: 422,
  account_locked: 423,
  payload_too_large: 413,
  request_timeout: 408,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * One offending field. `message` is English for people; `rule` is a stable machine-readable name
 * of the broken rule (Zod's issue codes, `required`, or an area's own such as `cnic_taken`) and
 * `params` its figures (minimum, maximum, format…), so a client can say it in its own language.
 */
export type FieldIssue = {
  path: string;
  message: string;
  rule?: string;
  params?: Record<string, string | number | boolean | (string | number)[]>;
};

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: { fields?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A validation failure naming one field (and, optionally, the stable name of the rule it broke). */
export function invalidField(path: string, message: string, rule?: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, {
    fields: [{ path, message, ...(rule ? { rule } : {}) }],
  });
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function forbidden(message = 'You are not allowed to do this'): AppError {
  return new AppError('forbidden', message);
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorStatus, type FieldIssue } from '../../shared/errors.ts';

export const PROBLEM_TYPE_BASE = 'https://markaz.gov.pk/problems/';

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Some fields are not valid',
  bad_request: 'The request could not be read',
  invalid_code: 'The code or link is wrong, used or expired',
  unauthenticated: 'Login required',
  invalid_credentials: 'Wrong credentials',
  csrf_failed: 'Security check failed',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  already_exists: 'Already exists',
  invalid_state: 'Not possible in the current state',
  idempotency_key_reused: 'Idempotency key reused with a different request',
  account_locked: 'Account locked',
  payload_too_large: 'Too large',
  request_timeout: 'The request stopped arriving',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  unavailable: 'Temporarily unavailable',
  internal: 'Something went wrong on our side',
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  fields?: FieldIssue[];
  [key: string]: unknown;
};

export function problemFor(err: AppError, requestId?: string): Problem {
  const { fields, ...rest } = err.details ?? {};
  // The details go first: nothing they carry may overwrite RFC 9457's members or the code.
  return {
    ...rest,
    type: `${PROBLEM_TYPE_BASE}${err.code}`,
    title: TITLES[err.code],
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(requestId ? { requestId } : {}),
    ...(fields ? { fields } : {}),
  };
}

export function sendProblem(reply: FastifyReply, err: AppError): FastifyReply {
  const problem = problemFor(err, reply.request.id);
  if (typeof problem.retryAfterSeconds === 'number')
    reply.header('retry-after', String(problem.retryAfterSeconds));
  return reply.code(err.status).type('application/problem+json').serializer(JSON.stringify).send(problem);
}

/** The figures of a Zod issue a client needs to word it itself; nothing else leaves the server. */
const RULE_PARAMS = ['minimum', 'maximum', 'inclusive', 'origin', 'format', 'expected', 'values', 'divisor'];

/** A Zod issue's stable rule name and figures; a missing value is `required`. */
export function ruleOf(
  keyword: string | undefined,
  raw: Record<string, unknown> | undefined,
  message?: string,
): Pick<FieldIssue, 'rule' | 'params'> {
  if (!keyword) return {};
  const params: NonNullable<FieldIssue['params']> = {};
  for (const k of RULE_PARAMS) {
    const v = raw?.[k];
    if (typeof v === 'string' || typeof v === 'boolean') params[k] = v;
    else if (typeof v === 'number' || typeof v === 'bigint') params[k] = Number(v);
    else if (Array.isArray(v))
      params[k] = v.filter((x) => typeof x === 'string' || typeof x === 'number') as (string | number)[];
  }
  // Zod does not report the input; a missing value is recognisable by its message.
  const missing = keyword === 'invalid_type' && message === 'is required';
  const tooShortString = keyword === 'too_small' && params.origin === 'string' && params.minimum === 1;
  const rule = missing || tooShortString ? 'required' : keyword;
  return Object.keys(params).length ? { rule, params } : { rule };
}

/** Turns whatever was thrown into an AppError; unknown errors become a bare 500. */
export function toAppError(err: unknown, request?: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext;
    const fields = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return {
        path: context && context !== 'body' ? `${context}${path ? `.${path}` : ''}` : path || '(body)',
        message: v.message ?? 'is not valid',
        ...ruleOf(v.keyword, v.params as Record<string, unknown>, v.message),
      };
    });
    return new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
      fields,
    });
  }
  const fe = err as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'The request body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', 'The request body is not valid JSON');
  }
  if (fe instanceof SyntaxError || fe?.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return new AppError('bad_request', 'The request body is not valid JSON');
  }
  if (
    typeof fe?.statusCode === 'number' &&
    fe.statusCode >= 400 &&
    fe.statusCode < 500 &&
    !isResponseSerializationError(err)
  ) {
    const code = (Object.entries(errorStatus).find(([, s]) => s === fe.statusCode)?.[0] ??
      'bad_request') as ErrorCode;
    return new AppError(code, fe.message);
  }
  // Postgres: invalid text for a type (e.g. a malformed uuid in a path) is the caller's mistake.
  const pgCode = (err as { code?: string })?.code;
  if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008') {
    return new AppError('bad_request', 'A value in the request has the wrong format');
  }
  request?.log.error({ err }, 'unhandled error');
  return new AppError(
    'internal',
    'Something went wrong on our side. The error was logged; quote the request id if you report it.',
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err, request);
    if (appError.status >= 500 && err !== appError) request.log.error({ err }, 'request failed');
    return sendProblem(reply, appError);
  });
}

import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components };
export type User = components['schemas']['User'];
export type Role = components['schemas']['Role'];
export type Locale = components['schemas']['Locale'];
type ServerProblem = components['schemas']['Problem'];
/** A problem from the server, whose codes the API lists, or the client's own "network" failure. */
export type Problem = {
  [K in keyof ServerProblem]: K extends 'code' ? ServerProblem['code'] | 'network' : ServerProblem[K];
};
export type FieldIssue = NonNullable<Problem['fields']>[number];

/** The session's CSRF token, from login, register or GET /me; sent on every write. */
let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}
/** The token, for a write sent outside this client (a streamed upload with progress). */
export const currentCsrfToken = (): string => csrfToken;

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when a request answers 401: the session ended (expired, logged out elsewhere). */
export function onUnauthenticated(fn: Listener): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !path.startsWith('/api/v1/auth/') && path !== '/api/v1/me') {
      for (const fn of unauthenticatedListeners) fn();
    }
    if (response.status === 403 && !SAFE.has(request.method)) await refreshCsrfIfStale(response);
    return response;
  },
};

/**
 * A write refused for a stale CSRF token (say, after logging in again in another tab) fetches
 * the current session's token, so trying again works without reloading the page.
 */
async function refreshCsrfIfStale(response: Response): Promise<void> {
  try {
    const problem = (await response.clone().json()) as Partial<Problem>;
    if (problem.code !== 'csrf_failed') return;
    const me = await fetch('/api/v1/me', { credentials: 'same-origin' });
    if (me.ok) setCsrfToken(((await me.json()) as { csrfToken: string }).csrfToken);
  } catch {
    // Offline or not JSON: the form shows the original error.
  }
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

/** An RFC 9457 problem from the server, or a network failure (status 0, code "network"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fields: FieldIssue[];
  readonly retryAfterSeconds: number | null;
  /** The whole problem document, with any extension members (e.g. a booking conflict's alternatives). */
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem>, retryAfterSeconds: number | null = null) {
    super(problem.detail ?? `HTTP ${status}`);
    this.problem = problem;
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? (status === 0 ? 'network' : 'internal');
    this.detail = problem.detail ?? '';
    this.fields = Array.isArray(problem.fields) ? problem.fields : [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The message for one form field, matched by path ("email", "organizationId"). */
  fieldMessage(path: string): string | undefined {
    return this.fieldIssue(path)?.message;
  }

  /** The whole issue for one field: its English message, and the rule and figures it broke. */
  fieldIssue(path: string): FieldIssue | undefined {
    return this.fields.find((f) => f.path === path);
  }
}

function retryAfter(response: Response, problem: Partial<Problem>): number | null {
  const body = problem.retryAfterSeconds;
  if (typeof body === 'number') return body;
  const header = response.headers.get('retry-after');
  const n = header ? Number(header) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * Turns an openapi-fetch result into its data, or throws an ApiError. Pass the call itself so a
 * network failure (fetch rejecting) also becomes an ApiError.
 */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (e) {
    throw new ApiError(0, { code: 'network', detail: e instanceof Error ? e.message : String(e) });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const problem: Partial<Problem> =
      error && typeof error === 'object' ? (error as Partial<Problem>) : { detail: String(error ?? '') };
    throw new ApiError(response.status, problem, retryAfter(response, problem));
  }
  return data as T;
}

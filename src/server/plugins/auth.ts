import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { SESSION_COOKIE } from '../../platform/session-cookie.ts';
import { AppError } from '../../shared/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Set when the actor came from a session cookie. */
    sessionToken?: string;
    csrfToken?: string;
    sessionExpiresAt?: Date;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Works out who is calling: a session cookie (people, from the web app) or a bearer API key
 * (banks' systems). Cookie-authenticated writes must carry the session's CSRF token in
 * `X-CSRF-Token` and come from the same origin.
 */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  const auth = deps.areas.authenticator;
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    const base = { requestId: request.id, ip: request.ip };
    request.actor = { kind: 'anonymous', ...base };
    if (!request.url.startsWith('/api/')) return;

    const authz = request.headers.authorization;
    if (authz) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      const actor = m ? await auth.apiKey(deps, m[1]!, request.ip) : null;
      if (!actor) throw new AppError('unauthenticated', 'The API key is not valid or was revoked');
      request.actor = { ...actor, ...base };
      return;
    }

    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await auth.session(deps, token);
    if (!session) return;
    if (!SAFE.has(request.method)) {
      if (!sameOrigin(request)) throw new AppError('csrf_failed', 'Cross-site request refused');
      const header = request.headers['x-csrf-token'];
      if (!auth.csrfMatches(session.csrfToken, typeof header === 'string' ? header : undefined)) {
        throw new AppError(
          'csrf_failed',
          'Missing or wrong X-CSRF-Token header; reload the page and try again',
        );
      }
    }
    request.actor = { ...session.actor, ...base };
    request.sessionToken = token;
    request.csrfToken = session.csrfToken;
    request.sessionExpiresAt = session.expiresAt;
  });
}

import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { areas } from '../areas.ts';
import { type Config, testConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { pgliteListen } from '../db/listen.ts';
import type { Deps } from '../deps.ts';
import { silentLogger } from '../deps.ts';
import { createUser, registerUser } from '../modules/identity/index.ts';
import { type Role, systemActor } from '../platform/actor.ts';
import { buildApp } from '../server/app.ts';
import { fixedClock } from '../shared/time.ts';
import { messageReader } from './messages.ts';
import { createTestDb } from './test-db.ts';

export const TEST_PASSWORD = 'correct-horse-battery';

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  conn: Connection;
  clock: ReturnType<typeof fixedClock>;
  /** Email and SMS sent so far (delivered to the local outbox first); `.code(to)`, `.token(to)`. */
  messages: ReturnType<typeof messageReader>;
  close(): Promise<void>;
};

/** A Markaz app on its own fresh database, with a clock that stands still until moved. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const conn = await createTestDb();
  const config = testConfig(overrides);
  const clock = fixedClock('2026-11-28T05:00:00Z');
  // On PGlite the free-seat index hears writes as they commit, so searches use it (decision 0068);
  // on PostgreSQL its feed is asynchronous and tests search with the exact query, except those of
  // the index itself (availability/free-seats-live.test.ts), which wait until it caught up.
  const listen = conn.pglite ? pgliteListen(conn.pglite) : undefined;
  const app = await buildApp({
    areas,
    config,
    db: conn.db,
    clock,
    serveWeb: false,
    ...(listen ? { listen } : {}),
  });
  await app.ready();
  const deps: Deps = { areas, db: conn.db, clock, config, log: silentLogger };
  return {
    app,
    deps,
    conn,
    clock,
    messages: messageReader(deps),
    close: async () => {
      await app.close();
      await conn.close();
    },
  };
}

let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Makes a user of any role directly through the services. */
export async function makeUser(
  deps: Deps,
  role: Role,
  extra: { organizationId?: string; email?: string; cnic?: string } = {},
) {
  const n = counter + 1;
  const email = extra.email ?? `${role}.${uniq()}@test.pk`;
  if (role === 'freelancer' || role === 'owner') {
    const digits = String(1_000_000 + n).slice(-7);
    const user = await registerUser(deps, systemActor('test'), {
      role,
      name: `Test ${role}`,
      email,
      mobile: `0300${digits}`,
      cnic: `35202-${digits}-${n % 10}`,
      password: TEST_PASSWORD,
    });
    return user;
  }
  const { user } = await createUser(deps, systemActor('test'), {
    role,
    name: `Test ${role}`,
    email,
    password: TEST_PASSWORD,
    ...(extra.organizationId ? { organizationId: extra.organizationId } : {}),
    ...(extra.cnic ? { cnic: extra.cnic } : {}),
  });
  return user;
}

/**
 * Staff, evaluators, auditors and bank officers sign in with a second factor (decision 0040). The
 * tests of other areas are about those areas, so their clients skip the code step by completing
 * the password-only session in the database; the factor's own tests (identity/factor*.test.ts)
 * drive the real code step, enrolment, recovery codes, replay and lock-out.
 */
async function passSecondFactor(app: FastifyInstance, token: string): Promise<void> {
  const { db, clock, config } = app.deps;
  await db
    .updateTable('sessions')
    .set({ factor_stage: null, expires_at: new Date(clock.now().getTime() + config.sessionHours * 3600_000) })
    .where('token_hash', '=', createHash('sha256').update(token).digest('hex'))
    .execute();
}

/** A logged-in HTTP client: carries the session cookie and the CSRF token like the web app. */
export type Client = {
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  csrfToken: string;
};

export async function loginClient(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: email, password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'markaz_session')!;
  if (res.json().secondFactor) await passSecondFactor(app, cookie.value);
  const csrfToken = res.json().csrfToken as string;
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      cookies: { markaz_session: cookie.value },
      headers: { 'x-csrf-token': csrfToken, ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    csrfToken,
  };
}

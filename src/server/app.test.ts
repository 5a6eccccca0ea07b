import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { areas } from '../areas.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { buildApp } from './app.ts';

let t: TestApp;
const extra: FastifyInstance[] = [];
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const app of extra) await app.close();
  await t.close();
});

/** Another app on the same database, for options createTestApp does not expose. */
async function appWith(
  opts: Partial<Parameters<typeof buildApp>[0]>,
  setup?: (app: FastifyInstance) => void,
) {
  const app = await buildApp({
    areas,
    config: t.deps.config,
    db: t.deps.db,
    clock: t.clock,
    serveWeb: false,
    ...opts,
  });
  setup?.(app);
  await app.ready();
  extra.push(app);
  return app;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('health', () => {
  it('/healthz says the process is alive', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('/readyz is 503 until the database is migrated, then 200', async () => {
    let ready = false;
    const app = await appWith({ isReady: () => ready });
    const before = await app.inject({ method: 'GET', url: '/readyz' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({ status: 'unavailable', database: 'not migrated yet' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    ready = true;
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('request ids', () => {
  it('every response carries one, and problems quote it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    const id = res.headers['x-request-id'];
    expect(id).toMatch(UUID);
    expect(res.json().requestId).toBe(id);
    const again = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(again.headers['x-request-id']).toMatch(UUID);
    expect(again.headers['x-request-id']).not.toBe(id);
  });

  it("a sane id from the client (a proxy's) is kept", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { 'x-request-id': 'edge-42.abc:7' },
    });
    expect(res.headers['x-request-id']).toBe('edge-42.abc:7');
    expect(res.json().requestId).toBe('edge-42.abc:7');
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['spaces and markup', '<script> alert(1)'],
    ['header injection', 'abc\\r\\nset-cookie: x=1'],
    ['empty', ''],
  ])('an insane id (%s) is replaced', async (_label, given) => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': given } });
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('errors', () => {
  it('an unknown API route is a 404 problem', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/nope'],
      ['GET', '/api/v2/geo/provinces'],
      ['DELETE', '/api/v1/geo/provinces'],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        type: 'https://markaz.gov.pk/problems/not_found',
        status: 404,
        code: 'not_found',
        title: 'Not found',
      });
    }
  });

  it('a 500 never shows internals: not the message, the stack, nor the SQL', async () => {
    const app = await appWith({}, (a) => {
      a.get('/api/v1/test/boom', async () => {
        throw new Error('connect ECONNREFUSED postgres://markaz:s3cret@10.0.0.5:5432/markaz');
      });
      a.get('/api/v1/test/sql', async () => {
        throw Object.assign(new Error('duplicate key value violates unique constraint "users_cnic_key"'), {
          code: '23505',
          detail: 'Key (cnic)=(35202-1234567-1) already exists.',
          statusCode: 500,
        });
      });
      a.get(
        '/api/v1/test/leaky-response',
        { schema: { response: { 200: z.object({ id: z.string() }) } } },
        async () => ({ id: 42, passwordHash: 'scrypt$secret' }) as never,
      );
    });
    for (const url of ['/api/v1/test/boom', '/api/v1/test/sql', '/api/v1/test/leaky-response']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'requestId', 'status', 'title', 'type']);
      expect(body).toMatchObject({ code: 'internal', status: 500, requestId: res.headers['x-request-id'] });
      for (const secret of ['s3cret', 'postgres://', 'users_cnic_key', '35202', 'scrypt', 'at ', '.ts:']) {
        expect(res.body, `${url} leaks ${secret}`).not.toContain(secret);
      }
    }
  });

  it('a malformed JSON body and a wrong media type are 4xx problems, not 500s', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('bad_request');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('unsupported_media_type');
  });
});

describe('security headers', () => {
  // The web app's own pages: security-headers.app.test.ts.
  it('Swagger UI’s pages carry helmet’s full set', async () => {
    for (const url of ['/api/docs', '/api/docs/']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });

  it('answers carry what a browser acts on for a response it never renders, and nothing else', async () => {
    for (const url of ['/healthz', '/readyz', '/api/v1/geo/provinces', '/api/v1/nope']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      for (const documentOnly of [
        'referrer-policy',
        'cross-origin-opener-policy',
        'origin-agent-cluster',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
        'x-powered-by',
      ])
        expect(res.headers[documentOnly], `${url} ${documentOnly}`).toBeUndefined();
      // Plain http in development and tests: no HSTS, which would lock browsers onto https.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });
});

describe('OpenAPI', () => {
  it('serves the generated document with the foundation routes', async () => {
    // Built directly first, so a failure names its cause (e.g. schema ids "X" and "XInput" both
    // registered: the generator names X's input form "XInput" and refuses the collision).
    expect(() => t.app.swagger()).not.toThrow();
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/audit/verify', '/api/v1/geo/point']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // The load balancers' probes are not part of the API (they answer no 4xx).
    expect(Object.keys(doc.paths)).not.toContain('/healthz');
    expect(Object.keys(doc.components.schemas)).toContain('Problem');
    expect(doc.paths['/api/v1/auth/login'].post.responses['401'].content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
  });
});

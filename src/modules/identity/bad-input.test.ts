import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const base = {
  role: 'owner',
  name: 'Test Owner',
  email: 'owner@test.pk',
  mobile: '03001234567',
  cnic: '35202-1234567-1',
  password: 'a-long-enough-pass',
};
const huge = 'x'.repeat(1024 * 1024);

async function countUsers() {
  const { n } = await t.deps.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

function expectProblem(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): { code: string; status: number };
}) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().status).toBe(res.statusCode);
}

describe('bad input to registration and login never causes a 5xx and changes nothing', () => {
  const cases: [string, unknown, string?][] = [
    ['empty body', {}, 'name'],
    ['empty strings', { ...base, name: '', email: '', mobile: '', cnic: '', password: '' }, 'name'],
    ['malformed email', { ...base, email: 'not-an-email' }, 'email'],
    ['CNIC with 12 digits', { ...base, cnic: '35202-123456-1' }, 'cnic'],
    ['CNIC with letters', { ...base, cnic: '3520A-1234567-1' }, 'cnic'],
    ['landline as mobile', { ...base, mobile: '0421234567' }, 'mobile'],
    ['short password', { ...base, password: 'short' }, 'password'],
    ['common password', { ...base, password: 'password123' }, 'password'],
    ['SQL in the name', { ...base, name: "Robert'); DROP TABLE users;--", cnic: 'x' }, 'cnic'],
    ['HTML in the email', { ...base, email: '<script>alert(1)</script>@x.pk' }, 'email'],
    ['unicode in CNIC digits', { ...base, cnic: '٣٥٢٠٢-١٢٣٤٥٦٧-١' }, 'cnic'],
    ['a number where a string is due', { ...base, name: 12345 }, 'name'],
    ['an array as body', [1, 2, 3]],
    ['null values', { ...base, email: null }, 'email'],
    ['extra role', { ...base, role: 'auditor' }, 'role'],
  ];
  for (const [label, payload, field] of cases) {
    it(label, async () => {
      const before = await countUsers();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: payload as object,
      });
      expectProblem(res);
      if (field) expect(res.json().fields.map((f: { path: string }) => f.path)).toContain(field);
      expect(await countUsers()).toBe(before);
    });
  }

  it('a 1 MB body is refused as too large', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...base, name: huge },
    });
    expectProblem(res);
    expect(res.statusCode).toBe(413);
  });

  it('a 1 MB login is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: huge, password: 'x' },
    });
    expectProblem(res);
  });

  it('invalid JSON and wrong content types are refused clearly', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expectProblem(broken);
    expect(broken.json().code).toBe('bad_request');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectProblem(text);
  });

  it('unknown API routes are problem+json 404s', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('property: arbitrary strings in every field get a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: fc.string(),
          email: fc.string(),
          mobile: fc.string(),
          cnic: fc.string(),
          password: fc.string(),
        }),
        async (fields) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/register',
            payload: { role: 'freelancer', ...fields },
          });
          expect(res.statusCode).toBeLessThan(500);
          const login = await t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: fields.email, password: fields.password },
          });
          expect(login.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});

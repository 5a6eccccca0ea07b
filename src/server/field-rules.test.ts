import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

// Field problems carry a stable rule and its figures besides the English message, so that a
// client can word them in Urdu; the English is plain, not Zod's programmer-speak.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

type Field = { path: string; message: string; rule?: string; params?: Record<string, unknown> };

async function fields(payload: Record<string, unknown>): Promise<Field[]> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/loans/schedule-preview', payload });
  expect(res.statusCode).toBe(400);
  return res.json().fields as Field[];
}

describe('field problems name the rule', () => {
  it('a missing value is "required"', async () => {
    const f = await fields({ tenorMonths: 12 });
    expect(f).toContainEqual(
      expect.objectContaining({ path: 'principalMinor', rule: 'required', message: 'is required' }),
    );
  });

  it('a number out of range gives its bound', async () => {
    const f = await fields({ principalMinor: 100_000, tenorMonths: 241 });
    expect(f).toContainEqual({
      path: 'tenorMonths',
      message: 'must be at most 240',
      rule: 'too_big',
      params: { maximum: 240, inclusive: true, origin: 'number' },
    });
  });

  it('a wrong option lists the allowed values', async () => {
    const f = await fields({ principalMinor: 100_000, tenorMonths: 12, unit: 'dollar' });
    expect(f).toContainEqual({
      path: 'unit',
      message: 'must be one of: rupee, paisa',
      rule: 'invalid_value',
      params: { values: ['rupee', 'paisa'] },
    });
  });

  it('a malformed date names the format', async () => {
    const f = await fields({ principalMinor: 100_000, tenorMonths: 12, start: '12/01/2026' });
    const start = f.find((x) => x.path === 'start');
    expect(start?.rule).toBeDefined();
    expect(start?.message).not.toMatch(/Invalid|expected/);
  });

  it('the wrong type says what is wanted', async () => {
    const f = await fields({ principalMinor: '1000', tenorMonths: 12 });
    const p = f.find((x) => x.path === 'principalMinor');
    expect(p?.rule).toBe('invalid_type');
    expect(p?.message).toMatch(/^must be a /);
  });
});

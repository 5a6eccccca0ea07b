import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../platform/actor.ts';
import { AppError } from '../shared/errors.ts';
import { createTestApp, makeUser, type TestApp } from '../testing/test-app.ts';
import { withIdempotency } from './idempotency.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// The work under test writes a real row (an organisation), so we can count what was done.
async function countOrgs(code: string) {
  const rows = await t.deps.db
    .selectFrom('organizations')
    .select('id')
    .where('code', 'like', `${code}%`)
    .execute();
  return rows.length;
}

function makeOrg(code: string) {
  return async (db: typeof t.deps.db) => {
    const row = await db
      .insertInto('organizations')
      .values({ kind: 'other', code, name: code, created_at: t.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { status: 201, body: { id: row.id } };
  };
}

describe('idempotent writes', () => {
  it('a retry with the same key returns the first answer and does the work once', async () => {
    const actor = systemActor('test');
    const opts = { actor, operation: 'org.create', key: 'key-1', request: { code: 'IDEM-A' } };
    const first = await withIdempotency(t.deps, opts, makeOrg('IDEM-A'));
    const second = await withIdempotency(t.deps, opts, makeOrg('IDEM-A'));
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ status: 201, body: first.body, replayed: true });
    expect(await countOrgs('IDEM-A')).toBe(1);
  });

  it('concurrent requests with one key do the work once', async () => {
    const actor = systemActor('test');
    const opts = { actor, operation: 'org.create', key: 'key-2', request: { code: 'IDEM-B' } };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => withIdempotency(t.deps, opts, makeOrg('IDEM-B'))),
    );
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await countOrgs('IDEM-B')).toBe(1);
  });

  it('the same key with a different request is refused', async () => {
    const actor = systemActor('test');
    await withIdempotency(
      t.deps,
      { actor, operation: 'org.create', key: 'key-3', request: { code: 'IDEM-C' } },
      makeOrg('IDEM-C'),
    );
    await expect(
      withIdempotency(
        t.deps,
        { actor, operation: 'org.create', key: 'key-3', request: { code: 'IDEM-D' } },
        makeOrg('IDEM-D'),
      ),
    ).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    expect(await countOrgs('IDEM-D')).toBe(0);
  });

  it('keys are per actor: two users may use the same key independently', async () => {
    const a = await makeUser(t.deps, 'freelancer');
    const b = await makeUser(t.deps, 'freelancer');
    const actorOf = (u: typeof a) => ({
      kind: 'user' as const,
      userId: u.id as never,
      role: u.role,
      organizationId: null,
    });
    await withIdempotency(
      t.deps,
      { actor: actorOf(a), operation: 'x', key: 'same', request: {} },
      makeOrg('IDEM-E1'),
    );
    const other = await withIdempotency(
      t.deps,
      { actor: actorOf(b), operation: 'x', key: 'same', request: {} },
      makeOrg('IDEM-E2'),
    );
    expect(other.replayed).toBe(false);
    expect(await countOrgs('IDEM-E')).toBe(2);
  });

  it('a failed request keeps nothing, so it can be retried', async () => {
    const actor = systemActor('test');
    const opts = { actor, operation: 'org.create', key: 'key-4', request: { code: 'IDEM-F' } };
    await expect(
      withIdempotency(t.deps, opts, async (db) => {
        await makeOrg('IDEM-F')(db);
        throw new AppError('conflict', 'simulated failure after the write');
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await countOrgs('IDEM-F')).toBe(0);
    const retry = await withIdempotency(t.deps, opts, makeOrg('IDEM-F'));
    expect(retry.replayed).toBe(false);
    expect(await countOrgs('IDEM-F')).toBe(1);
  });

  it('a required key that is missing or malformed is a 400 naming the header', async () => {
    const actor = systemActor('test');
    await expect(
      withIdempotency(
        t.deps,
        { actor, operation: 'x', key: undefined, request: {}, required: true },
        makeOrg('IDEM-G'),
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'headers.idempotency-key' }] },
    });
    await expect(
      withIdempotency(t.deps, { actor, operation: 'x', key: 'has space', request: {} }, makeOrg('IDEM-G')),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await countOrgs('IDEM-G')).toBe(0);
  });
});

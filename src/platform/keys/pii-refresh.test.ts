import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { piiCipher } from './index.ts';

// The data keys are read again every 30 seconds. A caller inside a transaction that does not pass
// it as `via` must still get an answer: on PGlite (one connection) a re-read through the pool
// would wait for that very transaction, which waits for the answer.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => {
  vi.restoreAllMocks();
  return t.close();
});

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);

describe('the personal data keys, due to be read again', () => {
  it('answer at once inside a transaction, with the keys held, and are read again after it', async () => {
    const held = await piiCipher(t.deps);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 31_000);
    const answer = await t.deps.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      return within(piiCipher(t.deps), 10_000);
    });
    expect(answer).toBe(held);
    // The re-read that started meanwhile finishes once the transaction is over.
    const fresh = await within(piiCipher(t.deps), 10_000);
    expect(fresh).not.toBe('hung');
    vi.restoreAllMocks();
  });
});

import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousActor } from '../../platform/actor.ts';
import { forgetPii, piiCipher } from '../../platform/keys/index.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { contactsOf } from './identity.pii.ts';
import { startRegistration } from './registration.service.ts';

// Issue 14: registration must not tell, by the work it does, whether a number is already an account's.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Counts the SQL statements a piece of work sends. */
function counting() {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (a) => {
      n += 1;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  return { db: t.deps.db.withPlugin(plugin), count: () => n, reset: () => (n = 0) };
}

describe('registration: a taken number and a free one do the same work', () => {
  it('the same statements whether nothing, one field or every field belongs to an account', async () => {
    t.clock.set('2026-12-01T06:00:00Z');
    const [a, b, c] = [
      await makeUser(t.deps, 'freelancer'),
      await makeUser(t.deps, 'owner'),
      await makeUser(t.deps, 'freelancer'),
    ];
    const known = await contactsOf(t.deps, [a.id, b.id, c.id]);
    const counter = counting();
    const deps = { ...t.deps, db: counter.db };
    let i = 0;
    const register = async (o: { mobile?: string; cnic?: string; email?: string }) => {
      i += 1;
      const digits = String(7_720_000 + i);
      // Keys loaded afresh before each counted call: the cipher reloads them every 30 s of real time,
      // which would add statements to whichever call crossed that line on a slow machine.
      forgetPii(counter.db);
      await piiCipher(deps);
      counter.reset();
      await startRegistration(
        deps,
        anonymousActor,
        {
          role: 'freelancer',
          name: 'Same Work',
          email: o.email ?? `same-work-${i}@example.pk`,
          mobile: o.mobile ?? `0333 ${digits}`,
          cnic: o.cnic ?? `61101-${digits}-1`,
          password: 'a-long-enough-pass',
        },
        { ip: `10.25.0.${i}` },
      );
      return counter.count();
    };
    await register({}); // warm caches
    const free = await register({});
    const pendingBefore = await t.deps.db.selectFrom('pending_registrations').select('id').execute();
    expect(await register({ email: known.get(a.id)!.email })).toBe(free);
    expect(await register({ mobile: known.get(a.id)!.mobile! })).toBe(free);
    expect(
      await register({
        mobile: known.get(a.id)!.mobile!,
        cnic: known.get(b.id)!.cnic!,
        email: known.get(c.id)!.email,
      }),
    ).toBe(free);
    // What a taken path wrote in its transaction it removed there: nothing is kept for it.
    expect(await t.deps.db.selectFrom('pending_registrations').select('id').execute()).toHaveLength(
      pendingBefore.length,
    );
    // And the owners were told (each taken field, by SMS for a mobile or CNIC, email for an email).
    const warned = await t.deps.db
      .selectFrom('notices')
      .select(['user_id', 'channel'])
      .where('kind', '=', 'security.registration_attempt')
      .where('user_id', 'in', [a.id, b.id, c.id])
      .where('channel', '<>', 'inbox')
      .execute();
    // a: the email attempt by email, the two mobile attempts (same minute, same key) as one SMS.
    expect(
      warned
        .filter((w) => w.user_id === a.id)
        .map((w) => w.channel)
        .sort(),
    ).toEqual(['email', 'sms']);
    expect(warned.filter((w) => w.user_id === b.id)).toEqual([{ user_id: b.id, channel: 'sms' }]);
    expect(warned.filter((w) => w.user_id === c.id)).toEqual([{ user_id: c.id, channel: 'email' }]);
  });
});

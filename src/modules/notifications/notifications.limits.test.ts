import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDirectMessage } from '../../platform/direct-message.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { DECISION_STANDARD_DAYS } from './kinds.ts';
import { queueNotices } from './queue.service.ts';
import { render } from './templates.ts';

// Issue 14's review: the hourly limit counted by when notices go, security SMS held at night,
// repeats of one security notice capped, the digest's words and figure from one constant.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const HOUR = 3600_000;
const queue = (userId: string, prefix: string, n: number) =>
  t.deps.db.transaction().execute((trx) =>
    queueNotices(
      trx,
      t.deps,
      Array.from({ length: n }, (_, i) => ({
        sourceKey: `${prefix}:${i}`,
        kind: 'application.decided' as const,
        userId,
        params: { reference: `R-${i}`, outcome: 'failed' },
        link: null,
      })),
    ),
  );
const rowsOf = (userId: string, channel: 'email' | 'sms') =>
  t.deps.db
    .selectFrom('notices')
    .select(['id', 'next_attempt_at', 'status', 'last_error'])
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .execute();
/** The most notices due in any hour-long window. */
const busiestHour = (times: Date[]) => {
  const ms = times.map((d) => d.getTime()).sort((a, b) => a - b);
  return Math.max(0, ...ms.map((start) => ms.filter((x) => x >= start && x < start + HOUR).length));
};

describe('the hourly limit per person counts by when a notice goes', () => {
  it('two batches an hour apart never put more than the limit into any hour; none is lost', async () => {
    const limit = t.deps.config.notifyPerHour;
    t.clock.set('2026-11-28T05:00:00Z'); // 10:00 Karachi
    const u = await makeUser(t.deps, 'owner');
    await queue(u.id, 'a', 3 * limit);
    t.clock.set('2026-11-28T06:01:00Z');
    await queue(u.id, 'b', limit);
    const emails = await rowsOf(u.id, 'email');
    expect(emails).toHaveLength(4 * limit);
    expect(busiestHour(emails.map((r) => r.next_attempt_at))).toBe(limit);
    // The held ones stay pending and say why.
    const held = emails.filter((r) => r.last_error?.startsWith('held:'));
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((r) => r.status === 'pending' && /per hour/.test(r.last_error!))).toBe(true);
  });

  it('SMS queued at night are spread from 08:00, not all sent at 08:00', async () => {
    const limit = t.deps.config.notifyPerHour;
    t.clock.set('2026-11-28T18:00:00Z'); // 23:00 Karachi
    const u = await makeUser(t.deps, 'owner');
    await queue(u.id, 'n', 3 * limit);
    const sms = await rowsOf(u.id, 'sms');
    expect(sms).toHaveLength(3 * limit);
    expect(busiestHour(sms.map((r) => r.next_attempt_at))).toBe(limit);
    const first = Math.min(...sms.map((r) => r.next_attempt_at.getTime()));
    expect(new Date(first).toISOString()).toBe('2026-11-29T03:00:00.000Z'); // 08:00 Karachi
  });
});

describe('security notices', () => {
  const tell = (
    userId: string,
    kind: 'security.account_locked' | 'security.new_sign_in',
    channel: 'email' | 'sms',
    key: string,
  ) =>
    t.deps.db.transaction().execute((trx) =>
      sendDirectMessage(t.deps, trx, {
        kind,
        to: { userId },
        channel,
        locale: 'en',
        params: {
          at: '2026-11-28 23:30',
          until: '23:45',
          address: key,
          device: 'Firefox',
          resetLink: 'https://markaz.test/forgot-password',
        },
        dedupeKey: `${userId}:${key}`,
      }),
    );
  const rows = (userId: string) =>
    t.deps.db
      .selectFrom('notices')
      .select(['kind', 'channel', 'next_attempt_at', 'created_at'])
      .where('user_id', '=', userId)
      .execute();

  it('a security SMS waits for 08:00 at night; its email goes at once; a one-time code goes at once', async () => {
    t.clock.set('2026-11-28T18:30:00Z'); // 23:30 Karachi
    const u = await makeUser(t.deps, 'owner');
    await tell(u.id, 'security.new_sign_in', 'sms', 'n1');
    await tell(u.id, 'security.new_sign_in', 'email', 'n1');
    await t.deps.db.transaction().execute((trx) =>
      sendDirectMessage(t.deps, trx, {
        kind: 'password.reset',
        to: { userId: u.id },
        channel: 'sms',
        locale: 'en',
        params: { code: '123456', minutes: '15' },
        dedupeKey: 'code-1',
      }),
    );
    const all = await t.deps.db
      .selectFrom('notices')
      .select(['kind', 'channel', 'next_attempt_at'])
      .where('user_id', '=', u.id)
      .execute();
    const at = (kind: string, channel: string) =>
      all.find((r) => r.kind === kind && r.channel === channel)!.next_attempt_at.toISOString();
    expect(at('security.new_sign_in', 'sms')).toBe('2026-11-29T03:00:00.000Z');
    expect(at('security.new_sign_in', 'email')).toBe('2026-11-28T18:30:00.000Z');
    expect(at('password.reset', 'sms')).toBe('2026-11-28T18:30:00.000Z');
  });

  it('one "account locked" email per hour however many addresses lock it; each still in the inbox', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const u = await makeUser(t.deps, 'owner');
    for (let i = 0; i < 6; i++) {
      await tell(u.id, 'security.account_locked', 'email', `10.0.0.${i}`);
      t.clock.advance(5 * 60_000);
    }
    let mine = await rows(u.id);
    const count = (channel: string) =>
      mine.filter((r) => r.kind === 'security.account_locked' && r.channel === channel).length;
    expect(count('email')).toBe(1);
    expect(count('inbox')).toBe(6);
    // Another kind is not folded into it; and a new sign-in is never folded: an intruder's sign-in
    // within the hour of the owner's own still reaches the owner by email.
    await tell(u.id, 'security.new_sign_in', 'email', 'other');
    t.clock.advance(5 * 60_000);
    await tell(u.id, 'security.new_sign_in', 'email', 'intruder');
    mine = await rows(u.id);
    expect(mine.filter((r) => r.kind === 'security.new_sign_in' && r.channel === 'email')).toHaveLength(2);
    // An hour after the first, the next one goes.
    t.clock.set('2026-11-28T06:01:00Z');
    await tell(u.id, 'security.account_locked', 'email', '10.0.1.1');
    mine = await rows(u.id);
    expect(count('email')).toBe(2);
  });
});

describe('the daily digest', () => {
  it('says the figure it counts by: over the decision standard in days', () => {
    const p = {
      day: '2026-11-28',
      arrears: '1',
      lateCases: '2',
      deadNotices: '0',
      deadEvents: '0',
      missingReports: '0',
    };
    expect(DECISION_STANDARD_DAYS).toBe(60);
    expect(render('staff.daily_digest', 'en', p).text).toContain(`over ${DECISION_STANDARD_DAYS} days: 2`);
    expect(render('staff.daily_digest', 'ur', p).text).toContain(`${DECISION_STANDARD_DAYS} دن سے زائد`);
  });
});

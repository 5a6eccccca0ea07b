import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import type { UserId } from '../../shared/ids.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { deliverNotices, queueDailyNotices } from '../notifications/index.ts';
import { exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';
import { registerStartup } from './parties.service.ts';

// The founder hears of each step of their grant through the notifications area: application
// received, decided, proof of arrival accepted or not, tranche paid, and the quarterly report due;
// their appeal received and decided (in their language), and the fund's staff, that it waits.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
async function inbox(userId: string) {
  const rows = await t.deps.db
    .selectFrom('notices')
    .select(['kind', 'subject', 'body_text'])
    .where('user_id', '=', userId)
    .where('channel', '=', 'inbox')
    .execute();
  return rows.map((r) => `${r.kind}: ${r.subject}`).sort();
}

describe('notices of the fund', () => {
  it('tells the founder of each step, in order, and reminds them of the quarter’s report once', async () => {
    t.clock.set('2026-11-15T05:00:00Z');
    const f = await fundFounder(t);
    const { id } = (
      await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign))
    ).json();
    await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    await s.eval1.post(`/api/v1/fund/grants/${id}/score`, { score: 80 });
    await s.admin.post(`/api/v1/fund/grants/${id}/decision`, { decision: 'approved', reason: 'Strong lead' });
    t.clock.set('2026-11-28T05:00:00Z');
    const founder = await loginClient(t.app, f.user.email);
    const send = (amountMinor: number, evidence: string) =>
      founder.post(`/api/v1/fund/grants/${id}/arrivals`, {
        investorId: s.investors.foreign,
        amountMinor,
        arrivedOn: '2026-11-21',
        evidence,
      });
    const arrivals = (await send(1_000, 'SWIFT bad')).json().arrivals;
    await s.admin.post(`/api/v1/fund/arrivals/${arrivals[0].id}/review`, {
      decision: 'rejected',
      note: 'Not our account',
    });
    const good = (await send(35_000_000, 'SWIFT good'))
      .json()
      .arrivals.find((a: { evidence: string }) => a.evidence === 'SWIFT good');
    await s.admin.post(`/api/v1/fund/arrivals/${good.id}/review`, { decision: 'accepted' });
    await s.admin.post(
      `/api/v1/fund/grants/${id}/tranches`,
      { paidOn: '2026-11-28' },
      { 'idempotency-key': `n-${id}` },
    );
    await dispatch();
    const name = f.startup.name;
    expect(await inbox(f.user.id)).toEqual([
      `fund.application_received: Matching grant application received: ${name}`,
      'fund.arrival_reviewed: Proof of $10 arriving not accepted',
      'fund.arrival_reviewed: Proof of $350,000 arriving accepted',
      `fund.grant_decided: Matching grant approved: ${name}`,
      'fund.tranche_paid: Grant tranche 1 paid: Rs 42,300,000.00',
    ]);
    const rejected = await t.deps.db
      .selectFrom('notices')
      .select('body_text')
      .where('user_id', '=', f.user.id)
      .where('subject', 'like', '%not accepted')
      .where('channel', '=', 'inbox')
      .executeTakeFirstOrThrow();
    expect(rejected.body_text).toContain('Note: Not our account');

    // The first quarter after a tranche: the report is due, once however often the job runs.
    t.clock.set('2027-01-02T05:00:00Z');
    await queueDailyNotices(t.deps, '2027-01-02');
    t.clock.set('2027-01-03T05:00:00Z');
    await queueDailyNotices(t.deps, '2027-01-03');
    const due = (await inbox(f.user.id)).filter((n) => n.startsWith('fund.report_due'));
    expect(due).toEqual([`fund.report_due: Quarterly report for 2026-Q4 is due: ${name}`]);
  });
});

describe('notices of an appeal', () => {
  it('tells the founder it was received and decided, with the reason, and the staff who may resolve it that it waits', async () => {
    t.clock.set('2026-11-20T05:00:00Z');
    // The founder is also on the fund's staff: told as a founder, never asked to resolve their own appeal.
    const user = await makeUser(t.deps, 'program_admin');
    const actor = {
      kind: 'user',
      userId: user.id as UserId,
      role: 'program_admin',
      organizationId: null,
    } as const;
    const city = await t.deps.db
      .selectFrom('cities')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const startup = await registerStartup(t.deps, actor, {
      name: 'Appeal Labs',
      incorporationNo: 'INC-APPEAL-1',
      incorporatedIn: 'PK',
      sector: 'fintech',
      cityId: city.id,
      stage: 'seed',
      founders: [{ name: 'A Founder', cnic: '35202-7654321-1' }],
    });
    const founder = await loginClient(t.app, user.email);
    const { id } = (
      await founder.post('/api/v1/fund/grants', exampleRound(startup.id, s.investors.foreign))
    ).json();
    for (const e of [s.eval1, s.eval2]) {
      await e.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
      await e.post(`/api/v1/fund/grants/${id}/score`, { score: 70 });
    }
    const decide = () =>
      s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
        decision: 'rejected',
        reason: 'Traction unclear',
      });
    expect((await decide()).statusCode).toBe(200);
    const appeal = await founder.post(`/api/v1/fund/grants/${id}/appeal`, {
      text: 'Our traction is in the quarterly numbers we attached.',
    });
    expect(appeal.statusCode).toBe(201);
    await dispatch();
    const appealNotices = async (userId: string) =>
      (await inbox(userId)).filter((n) => n.startsWith('fund.appeal'));
    expect(await appealNotices(user.id)).toEqual(['fund.appeal_received: Appeal received: Appeal Labs']);
    // Every other active programme admin is asked to resolve it, in the inbox and by email.
    const admins = (
      await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'program_admin')
        .where('status', '=', 'active')
        .where('id', '<>', user.id)
        .execute()
    ).map((r) => r.id);
    expect(admins.length).toBeGreaterThan(0);
    for (const a of admins)
      expect(await appealNotices(a)).toEqual(['fund.appeal_to_review: Appeal to decide: Appeal Labs']);
    const review = await t.deps.db
      .selectFrom('notices')
      .select(['channel', 'body_text', 'link'])
      .where('user_id', '=', admins[0]!)
      .where('kind', '=', 'fund.appeal_to_review')
      .orderBy('channel')
      .execute();
    expect(review.map((r) => r.channel)).toEqual(['email', 'inbox']);
    expect(review[1]).toMatchObject({ link: '/fund/manage' });
    expect(review[1]!.body_text).toContain('appealed the rejection');
    // Nor may they resolve it.
    const own = await founder.post(`/api/v1/fund/appeals/${appeal.json().id}/resolve`, {
      outcome: 'upheld',
      reason: 'I agree with myself',
    });
    expect(own.statusCode).toBe(403);

    await s.admin.post(`/api/v1/fund/appeals/${appeal.json().id}/resolve`, {
      outcome: 'upheld',
      reason: 'The numbers were in the deck',
    });
    await dispatch();
    const decided = await t.deps.db
      .selectFrom('notices')
      .select(['subject', 'body_text'])
      .where('user_id', '=', user.id)
      .where('kind', '=', 'fund.appeal_decided')
      .where('channel', '=', 'inbox')
      .execute();
    expect(decided).toEqual([
      {
        subject: 'Appeal upheld: Appeal Labs',
        body_text: expect.stringContaining('goes back for a new decision'),
      },
    ]);
    expect(decided[0]!.body_text).toContain('Reason: The numbers were in the deck');

    // Decided again and appealed again, by a founder who now reads Urdu: dismissed, with the reason.
    await t.deps.db.updateTable('users').set({ locale: 'ur' }).where('id', '=', user.id).execute();
    t.clock.set('2026-11-20T06:00:00Z');
    expect((await decide()).statusCode).toBe(200);
    const second = await founder.post(`/api/v1/fund/grants/${id}/appeal`, {
      text: 'The deck shows twelve months of revenue.',
    });
    await s.admin.post(`/api/v1/fund/appeals/${second.json().id}/resolve`, {
      outcome: 'rejected',
      reason: 'Revenue is not traction',
    });
    await dispatch();
    const urdu = await t.deps.db
      .selectFrom('notices')
      .select(['kind', 'channel', 'subject', 'body_text'])
      .where('user_id', '=', user.id)
      .where('kind', 'in', ['fund.appeal_received', 'fund.appeal_decided'])
      .where('created_at', '>=', new Date('2026-11-20T06:00:00Z'))
      .orderBy('kind')
      .orderBy('channel')
      .execute();
    // (No SMS: this member of staff gave no mobile number.)
    expect(urdu.map((n) => `${n.kind} ${n.channel}: ${n.subject}`)).toEqual([
      'fund.appeal_decided email: اپیل مسترد: Appeal Labs',
      'fund.appeal_decided inbox: اپیل مسترد: Appeal Labs',
      'fund.appeal_received email: اپیل موصول: Appeal Labs',
      'fund.appeal_received inbox: اپیل موصول: Appeal Labs',
    ]);
    expect(urdu[1]!.body_text).toContain('فیصلہ برقرار ہے۔ وجہ: Revenue is not traction');
  });
});

describe('an appeal’s decision by SMS', () => {
  it('goes out by SMS to a founder with a mobile, and not once they turn SMS off for it', async () => {
    t.clock.set('2026-11-27T05:00:00Z'); // 10:00 in Karachi: outside the SMS quiet hours
    const f = await fundFounder(t); // an owner account, registered with a mobile number
    const { id } = (
      await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign))
    ).json();
    for (const e of [s.eval1, s.eval2]) {
      await e.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
      await e.post(`/api/v1/fund/grants/${id}/score`, { score: 70 });
    }
    const rejectAndAppeal = async (text: string) => {
      const decided = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
        decision: 'rejected',
        reason: 'Traction unclear',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const appeal = await f.client.post(`/api/v1/fund/grants/${id}/appeal`, { text });
      expect(appeal.statusCode, appeal.body).toBe(201);
      return appeal.json().id as string;
    };
    const decidedNotices = async () =>
      t.deps.db
        .selectFrom('notices')
        .select(['id', 'channel', 'body_text', 'status', 'created_at'])
        .where('user_id', '=', f.user.id)
        .where('kind', '=', 'fund.appeal_decided')
        .orderBy('created_at')
        .orderBy('channel')
        .execute();

    const first = await rejectAndAppeal('Our traction is in the quarterly numbers.');
    await s.admin.post(`/api/v1/fund/appeals/${first}/resolve`, {
      outcome: 'upheld',
      reason: 'The numbers were in the deck',
    });
    await dispatch();
    const upheld = await decidedNotices();
    expect(upheld.map((n) => n.channel)).toEqual(['email', 'inbox', 'sms']);
    const sms = upheld.find((n) => n.channel === 'sms')!;
    expect(sms.body_text).toBe(`Markaz: your appeal for ${f.startup.name} was upheld.`);
    // Sent: with nothing configured it lands in the local outbox staff can read.
    await deliverNotices(t.deps);
    const sent = await t.deps.db
      .selectFrom('notices')
      .select('status')
      .where('id', '=', sms.id)
      .executeTakeFirstOrThrow();
    expect(sent.status).toBe('sent');
    const outbox = await t.deps.db
      .selectFrom('notice_local_outbox')
      .select(['channel', 'body_text'])
      .where('message_id', '=', sms.id)
      .execute();
    expect(outbox).toEqual([{ channel: 'sms', body_text: sms.body_text }]);

    // The founder turns the SMS for this kind off: the next decision reaches the inbox and email only.
    const prefs = await f.client.request('PUT', '/api/v1/notifications/preferences', {
      changes: [{ kind: 'fund.appeal_decided', channel: 'sms', enabled: false }],
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    t.clock.set('2026-11-27T05:10:00Z');
    const second = await rejectAndAppeal('The deck shows twelve months of revenue.');
    await s.admin.post(`/api/v1/fund/appeals/${second}/resolve`, {
      outcome: 'rejected',
      reason: 'Revenue is not traction',
    });
    await dispatch();
    const dismissed = (await decidedNotices()).filter((n) => !upheld.some((u) => u.id === n.id));
    expect(dismissed.map((n) => n.channel)).toEqual(['email', 'inbox']);
  });
});

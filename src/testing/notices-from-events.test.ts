import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStatus } from '../modules/centers/center-status.service.ts';
import { makeLoanWorld, nextRef, sanctionedLoan } from '../modules/loans/loans.fixtures.ts';
import { deliverNotices, queueDailyNotices } from '../modules/notifications/index.ts';
import { gatewayFields, startSmsGateway, startSmtpPeer } from '../modules/notifications/testing/peers.ts';
import { closeSmtpPools } from '../modules/notifications/transports.ts';
import { systemActor } from '../platform/actor.ts';
import { dispatchEvents } from '../platform/events/index.ts';
import { LAHORE, makeOperationalCenter } from './centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from './test-app.ts';

// Issue 14's review: notices from the real change or the real daily job (not only rendered
// templates), carried to a real SMTP server and a loopback SMS gateway: a centre opening near a
// freelancer (registered as operational, or after its inspection), a subsidy claim decided, an
// instalment due in 3 days, and overdue at 7 and 30 days.

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let gw: Awaited<ReturnType<typeof startSmsGateway>>;
beforeAll(async () => {
  smtp = await startSmtpPeer();
  gw = await startSmsGateway({ key: 'gw-key' });
  t = await createTestApp({
    smtpUrl: smtp.url,
    sms: {
      url: gw.url,
      key: 'gw-key',
      format: 'json',
      fields: gatewayFields,
      keyHeader: undefined,
      sender: 'MARKAZ',
    },
    publicUrl: 'https://markaz.test',
    rateLimitPerMinute: 100_000,
  });
});
afterAll(async () => {
  closeSmtpPools();
  await t.close();
  await smtp.close();
  await gw.close();
});

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
const noticesOf = (userId: string, kind: string) =>
  t.deps.db
    .selectFrom('notices')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('channel')
    .orderBy('created_at')
    .execute();
/** The mail the SMTP server received for a notice, and the SMS the gateway got. */
const mailOf = (noticeId: string) => smtp.messages.get(`<${noticeId}@notices.markaz.gov.pk>`);
const smsOf = (noticeId: string) => gw.messages.get(noticeId);

describe('centre.opened_nearby', () => {
  it('a centre registered as operational, or opened after inspection, is told to freelancers nearby only', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const near = await makeUser(t.deps, 'freelancer');
    const far = await makeUser(t.deps, 'freelancer');
    const owner = await makeUser(t.deps, 'owner');
    const put = async (email: string, at: { latitude: number; longitude: number }) =>
      (
        await (
          await loginClient(t.app, email)
        ).request('PUT', '/api/v1/notifications/preferences', {
          nearby: { km: 10, ...at },
        })
      ).statusCode;
    expect(await put(near.email, { latitude: LAHORE.latitude + 0.02, longitude: LAHORE.longitude })).toBe(
      200,
    );
    expect(await put(far.email, { latitude: 24.86, longitude: 67.0 })).toBe(200);

    await makeOperationalCenter(t.deps, owner.id, { name: 'Registered Running' });
    await dispatch();
    let told = await noticesOf(near.id, 'centre.opened_nearby');
    expect(told.map((r) => r.channel)).toEqual(['email', 'inbox']);
    expect(told[1]!.body_text).toContain('Registered Running');

    const { center } = await makeOperationalCenter(t.deps, owner.id, { name: 'Inspected Later' });
    await dispatch();
    await t.deps.db
      .updateTable('centers')
      .set({ status: 'under_setup' })
      .where('center_id', '=', center.id)
      .execute();
    await t.deps.db
      .transaction()
      .execute((trx) =>
        setStatus(t.deps, trx, systemActor('test'), center.id, 'under_setup', 'operational', 'inspected'),
      );
    await dispatch();
    told = await noticesOf(near.id, 'centre.opened_nearby');
    expect(told.filter((r) => r.body_text.includes('Inspected Later')).length).toBeGreaterThan(0);
    expect(await noticesOf(far.id, 'centre.opened_nearby')).toEqual([]);

    await deliverNotices(t.deps);
    const mail = mailOf(told.find((r) => r.channel === 'email')!.id);
    expect(mail?.subject).toContain('Registered Running');
  });
});

describe('money notices from real loans and claims', () => {
  it('an instalment due in 3 days, then overdue at 7 and 30 days, by email and SMS', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const w = await makeLoanWorld(t);
    const loanId = await sanctionedLoan(t, w); // first repayment 2027-04-10
    const d = await w.hbl.officer.post(
      `/api/v1/loans/${loanId}/disbursements`,
      { amountMinor: 400_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
      { 'idempotency-key': `n-${nextRef()}` },
    );
    expect(d.statusCode, d.body).toBe(201);
    const first = await t.deps.db
      .selectFrom('loan_instalments')
      .select(['number', 'due_date'])
      .where('loan_id', '=', loanId)
      .where(({ ref }) => ref('principal_minor'), '>', 0)
      .orderBy('number')
      .executeTakeFirstOrThrow();
    expect(String(first.due_date)).toBe('2027-04-10');
    const runOn = async (day: string) => {
      t.clock.set(`${day}T03:00:00Z`); // 08:00 Karachi, when the job runs
      await queueDailyNotices(t.deps, day);
      await deliverNotices(t.deps, { limit: 5000 });
    };
    await runOn('2027-04-06');
    expect(await noticesOf(w.ownerId, 'loan.instalment_due')).toEqual([]);
    await runOn('2027-04-07');
    await runOn('2027-04-07'); // a re-run adds nothing
    const due = await noticesOf(w.ownerId, 'loan.instalment_due');
    expect(due.map((r) => r.channel)).toEqual(['email', 'inbox', 'sms']);
    expect(mailOf(due[0]!.id)?.text).toContain('2027-04-10');
    expect(smsOf(due[2]!.id)?.text).toContain('2027-04-10');

    await runOn('2027-04-17');
    await runOn('2027-05-10');
    const overdue = await noticesOf(w.ownerId, 'loan.instalment_overdue');
    const days = (r: (typeof overdue)[number]) => r.source_key.split(':').at(-1);
    expect(overdue.filter((r) => r.channel === 'email').map(days)).toEqual(['7', '30']);
    expect(overdue.filter((r) => r.channel === 'sms').map(days)).toEqual(['7', '30']);
    for (const r of overdue.filter((x) => x.channel === 'email')) {
      expect(r.status).toBe('sent');
      expect(mailOf(r.id)?.subject).toBe(`Instalment ${first.number} is ${days(r)} day(s) overdue`);
    }
  });

  it('claim.decided reaches the bank’s officers when the programme decides a filed claim', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const w = await makeLoanWorld(t);
    const loanId = await sanctionedLoan(t, w);
    const officer = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', w.hbl.id)
      .executeTakeFirstOrThrow();
    t.clock.set('2027-01-05T06:00:00Z');
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/loans/claims',
      headers: { authorization: `Bearer ${w.hbl.apiKey}` },
      payload: { quarter: '2026-Q4', csv: `loan_id,claimed_pkr\n${loanId},100.00\n` },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const decided = await admin.post(`/api/v1/loans/claims/${filed.json().id}/decision`, {
      decision: 'dispute',
      note: 'The loan was never disbursed',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await dispatch();
    await dispatch(); // a second pass adds nothing
    const told = await noticesOf(officer.id, 'claim.decided');
    expect(told.map((r) => r.channel)).toEqual(['email', 'inbox']);
    expect(told[1]!.link).toBe(`/loans/claims/${filed.json().id}`);
    expect(await noticesOf(w.ownerId, 'claim.decided')).toEqual([]);
    await deliverNotices(t.deps);
    expect(mailOf(told[0]!.id)?.subject).toContain('2026-Q4');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apply, building, makeWorld, openCall } from '../modules/calls/calls.fixtures.ts';
import { claimDueBy } from '../modules/loans/index.ts';
import {
  makeLoanWorld,
  nextRef,
  sanctionedLoan,
  shortlistedApplication,
} from '../modules/loans/loans.fixtures.ts';
import { queueDailyNotices } from '../modules/notifications/index.ts';
import { dispatchEvents } from '../platform/events/index.ts';
import { createTestApp, type TestApp } from './test-app.ts';

// Notifications' kinds about loans and calls, tested here because they use those areas' fixtures
// (an area's test may not reach into another area). Each kind from the real change in its owning area: the event recorded with the change, the
// handler's notice to the right people only, in their language, by their preferences; the
// deadline reminders from the daily job, once however often it runs.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
beforeEach(() => t.clock.set('2026-11-28T05:00:00Z')); // 10:00 in Karachi

const dispatch = async () => {
  await dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
  await dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 }); // a second pass adds nothing
};

/** A person's notices: `kind channel` for each, sorted, and the rows. */
async function noticesOf(userId: string, kind?: string) {
  let q = t.deps.db.selectFrom('notices').selectAll().where('user_id', '=', userId);
  if (kind) q = q.where('kind', '=', kind);
  const rows = await q.orderBy('kind').orderBy('channel').execute();
  return { list: rows.map((r) => `${r.kind} ${r.channel}`), rows };
}

/** The one officer makeLoanWorld makes for a bank. */
const officerOf = async (bankId: string) =>
  (
    await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', bankId)
      .executeTakeFirstOrThrow()
  ).id;

const setLocale = (id: string, locale: 'en' | 'ur') =>
  t.deps.db.updateTable('users').set({ locale }).where('id', '=', id).execute();

describe('owners and bank officers: a loan from request to tranche', () => {
  it('the bank’s officers hear of the request; the owner of the sanction and the tranche, in Urdu', async () => {
    const w = await makeLoanWorld(t);
    await setLocale(w.ownerId, 'ur');
    const hblOfficer = await officerOf(w.hbl.id);
    const nbpOfficer = await officerOf(w.nbp.id);
    const loanId = await sanctionedLoan(t, w);
    const d = await w.hbl.officer.post(
      `/api/v1/loans/${loanId}/disbursements`,
      { amountMinor: 250_000_000, disbursedOn: '2026-11-28', bankReference: nextRef() },
      { 'idempotency-key': `n-${nextRef()}` },
    );
    expect(d.statusCode, d.body).toBe(201);
    await dispatch();

    expect((await noticesOf(hblOfficer)).list).toEqual([
      'loan.sanction_requested email',
      'loan.sanction_requested inbox',
    ]);
    expect((await noticesOf(nbpOfficer)).list).toEqual([]);
    const owner = await noticesOf(w.ownerId);
    expect(owner.list).toEqual([
      'loan.disbursed email',
      'loan.disbursed inbox',
      'loan.disbursed sms',
      'loan.sanctioned email',
      'loan.sanctioned inbox',
      'loan.sanctioned sms',
    ]);
    for (const r of owner.rows) expect(r.locale).toBe('ur');
    const sanctioned = owner.rows.find((r) => r.kind === 'loan.sanctioned' && r.channel === 'inbox')!;
    expect(sanctioned.subject).toContain('منظور');
    expect(sanctioned.body_text).toContain('2027-04-10');
    expect(sanctioned.link).toBe(`/loans/${loanId}`);
    // Money notices are mandatory: they go whatever the owner chose.
    expect(owner.rows.every((r) => r.mandatory)).toBe(true);
  });
});

describe('owners and evaluators: an application', () => {
  it('received on submission; the evaluator hears of the assignment with the scoring deadline', async () => {
    const w = await makeWorld(t, 1, 2);
    const callId = await openCall(w);
    const appId = await apply(w.owners[0]!, callId, building(w, 'Lahore'));
    // The second evaluator turned the assignment email off: only the inbox carries it.
    const off = await w.evaluators[1]!.request('PUT', '/api/v1/notifications/preferences', {
      changes: [{ kind: 'evaluation.assigned', channel: 'email', enabled: false }],
    });
    expect(off.statusCode, off.body).toBe(200);
    const a = await w.admin.post(`/api/v1/applications/${appId}/assignments`, {
      evaluatorIds: w.evaluatorIds,
    });
    expect(a.statusCode, a.body).toBe(200);
    await dispatch();

    const owner = await noticesOf(w.ownerIds[0]!);
    expect(owner.list).toEqual(['application.received email', 'application.received inbox']);
    expect(owner.rows[0]!.link).toContain(appId);
    expect((await noticesOf(w.evaluatorIds[0]!)).list).toEqual([
      'evaluation.assigned email',
      'evaluation.assigned inbox',
    ]);
    const second = await noticesOf(w.evaluatorIds[1]!);
    expect(second.list).toEqual(['evaluation.assigned inbox']);
    expect(second.rows[0]!.body_text).toContain('2026-12-12'); // 14 days after 2026-11-28

    // Scheduled: three days before the deadline, then once it has passed; each once.
    t.clock.set('2026-12-10T05:00:00Z');
    await queueDailyNotices(t.deps, '2026-12-10');
    await queueDailyNotices(t.deps, '2026-12-10');
    t.clock.set('2026-12-13T05:00:00Z');
    await queueDailyNotices(t.deps, '2026-12-13');
    await queueDailyNotices(t.deps, '2026-12-14');
    const reminders = await noticesOf(w.evaluatorIds[0]!, 'evaluation.deadline');
    expect(reminders.list).toEqual([
      'evaluation.deadline email',
      'evaluation.deadline email',
      'evaluation.deadline inbox',
      'evaluation.deadline inbox',
    ]);
    expect(reminders.rows.map((r) => r.subject).sort()).toEqual([
      expect.stringContaining('are due on 2026-12-12'),
      expect.stringContaining('are due on 2026-12-12'),
      expect.stringContaining('are late'),
      expect.stringContaining('are late'),
    ]);
  });

  it('the appeal window: reminded once, three days before it closes; not after an appeal', async () => {
    const w = await makeLoanWorld(t);
    const appId = await shortlistedApplication(t.deps, w.ownerId);
    const appealed = await shortlistedApplication(t.deps, w.ownerId);
    // Decided "not selected" today, with the fixture's 10-day window.
    await t.deps.db
      .updateTable('applications')
      .set({ status: 'not_selected' })
      .where('id', 'in', [appId, appealed])
      .execute();
    const filed = await w.owner.post(`/api/v1/applications/${appealed}/appeal`, { text: 'Please review' });
    expect(filed.statusCode, filed.body).toBe(201);
    t.clock.set('2026-12-03T05:00:00Z'); // 5 days left: too early
    await queueDailyNotices(t.deps, '2026-12-03');
    expect((await noticesOf(w.ownerId, 'application.appeal_closing')).list).toEqual([]);
    t.clock.set('2026-12-06T05:00:00Z'); // 2 days left
    await queueDailyNotices(t.deps, '2026-12-06');
    t.clock.set('2026-12-07T05:00:00Z');
    await queueDailyNotices(t.deps, '2026-12-07');
    const closing = await noticesOf(w.ownerId, 'application.appeal_closing');
    expect(closing.list).toEqual([
      'application.appeal_closing email',
      'application.appeal_closing inbox',
      'application.appeal_closing sms',
    ]);
    expect(closing.rows.every((r) => r.link?.endsWith(`/applications/${appId}`))).toBe(true);
  });
});

describe('bank officers: the quarterly claim deadline', () => {
  it('reminded once within 5 days of the due date while not filed; a bank without loans is not', async () => {
    t.clock.set('2026-09-10T05:00:00Z');
    const w = await makeLoanWorld(t);
    const loanId = await sanctionedLoan(t, w);
    const d = await w.hbl.officer.post(
      `/api/v1/loans/${loanId}/disbursements`,
      { amountMinor: 100_000_000, disbursedOn: '2026-09-10', bankReference: nextRef() },
      { 'idempotency-key': `n-${nextRef()}` },
    );
    expect(d.statusCode, d.body).toBe(201);
    const due = await claimDueBy(t.deps.db, '2026-09-30');
    const runOn = async (day: string) => {
      t.clock.set(`${day}T05:00:00Z`);
      await queueDailyNotices(t.deps, day);
    };
    const back = (n: number) =>
      new Date(Date.parse(`${due}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    await runOn(back(8));
    expect((await noticesOf(await officerOf(w.hbl.id), 'claim.deadline')).list).toEqual([]);
    await runOn(back(4));
    await runOn(back(2));
    const reminded = await noticesOf(await officerOf(w.hbl.id), 'claim.deadline');
    expect(reminded.list).toEqual(['claim.deadline email', 'claim.deadline inbox']);
    expect(reminded.rows[0]!.subject).toBe(`Subsidy claim for 2026-Q3 is due by ${due}`);
    expect((await noticesOf(await officerOf(w.nbp.id), 'claim.deadline')).list).toEqual([]);
  });
});

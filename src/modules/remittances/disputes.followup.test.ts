import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { remindUnansweredDisputes } from './dispute-reminders.job.ts';
import { answerDispute } from './disputes.service.ts';
import { bankSystem, consentBody, remittanceWorld } from './remittances.fixtures.ts';

// What follows a dispute: a bank that leaves it unanswered is reminded (once per reminder period,
// never twice for one), and a freelancer who still disagrees after the bank confirmed its figure
// escalates it to programme staff, who close it with a note both sides hear.
let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const DAY = 86_400_000;
/** Staff signed in now (a session made before the clock moved on has expired). */
const staff = async () => loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
const notices = (userId: string, kind: string, channel: 'inbox' | 'email' = 'inbox') =>
  t.deps.db
    .selectFrom('notices')
    .select(['subject', 'body_text', 'locale'])
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();

/** A bank with one officer, a freelancer with three attested months, and their disputes. */
async function disputed(name: string) {
  const bank = await w.bank(name);
  const f = await w.freelancer(bank);
  await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
  const months = ['2026-07', '2026-08', '2026-09'];
  const lines = months.map((month) => ({
    month,
    iban: f.iban,
    holderHash: f.holderHash,
    purposeCode: '9184',
    usdMinor: 100_000,
  }));
  const sent = await bankSystem(t, bank.apiKey)({ lines }, `${name.replace(/\s/g, '-')}-1`);
  expect(sent.statusCode, sent.body).toBe(201);
  const officer = (
    await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', bank.id)
      .executeTakeFirstOrThrow()
  ).id;
  const open = async (month: string) => {
    const r = await f.client.post('/api/v1/remittances/disputes', {
      bankId: bank.id,
      month,
      purposeCode: '9184',
      reason: 'wrong_amount',
      claimedUsdMinor: 150_000,
      text: 'Two Upwork payments arrived, not one.',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  return { bank, f, officer, open };
}

describe('reminders to a bank that leaves a dispute unanswered', () => {
  it('reminds once per period, not an answered dispute, and not twice on a re-run', async () => {
    const { bank, f, officer, open } = await disputed('Slow Bank');
    const waiting = await open('2026-07');
    const answered = await open('2026-08');
    const fixed = await bank.officer.post(`/api/v1/remittances/disputes/${answered}/answer`, {
      decision: 'confirm',
      text: 'One payment of $1,000 arrived.',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);

    // Not yet due: nothing.
    t.clock.advance(6 * DAY);
    expect(await remindUnansweredDisputes(t.deps, 7)).toBe(0);

    // Due: the open one only, once, however often the job runs that day.
    t.clock.advance(1 * DAY);
    expect(await remindUnansweredDisputes(t.deps, 7)).toBe(1);
    expect(await remindUnansweredDisputes(t.deps, 7)).toBe(0);
    await dispatch();
    await dispatch();
    const inbox = await notices(officer, 'remittance.dispute_reminder');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.subject).toContain('2026-07');
    expect(inbox[0]!.body_text).toContain('7 days');
    expect(inbox[0]!.body_text).not.toContain(f.iban);
    expect(await notices(officer, 'remittance.dispute_reminder', 'email')).toHaveLength(1);
    expect(await notices(f.id, 'remittance.dispute_reminder')).toEqual([]);

    // Staff see how many reminders went, and when.
    const list = (await (await staff()).get('/api/v1/remittances/disputes?purpose=complaint')).json() as {
      id: string;
      reminders: number;
      lastRemindedAt: string | null;
      ageDays: number;
    }[];
    expect(list.find((d) => d.id === waiting)).toMatchObject({
      reminders: 1,
      lastRemindedAt: t.clock.now().toISOString(),
      ageDays: 7,
    });
    expect(list.find((d) => d.id === answered)).toMatchObject({ reminders: 0, lastRemindedAt: null });

    // The next period brings the second reminder; once answered, no more.
    t.clock.advance(7 * DAY);
    expect(await remindUnansweredDisputes(t.deps, 7)).toBe(1);
    await dispatch();
    expect(await notices(officer, 'remittance.dispute_reminder')).toHaveLength(2);
    const late = await answerDispute(
      t.deps,
      {
        kind: 'user',
        userId: officer as UserId,
        role: 'bank_officer',
        organizationId: bank.id as OrganizationId,
      },
      waiting,
      { decision: 'correct', correctedUsdMinor: 150_000, text: 'A second credit was under the wrong code.' },
    );
    expect(late.status).toBe('corrected');
    t.clock.advance(7 * DAY);
    expect(await remindUnansweredDisputes(t.deps, 7)).toBe(0);
    await dispatch();
    expect(await notices(officer, 'remittance.dispute_reminder')).toHaveLength(2);
  });
});

describe('the reminder period staff set on the web', () => {
  it('is the environment’s until set; bad input changes nothing; once set, the job reminds by it', async () => {
    const admin = await staff();
    const read = async () => (await admin.get('/api/v1/remittances/settings')).json();
    expect(await read()).toMatchObject({ disputeReminderDays: 7, source: 'environment', updatedBy: null });

    for (const bad of [0, 366, 2.5]) {
      const r = await admin.request('PUT', '/api/v1/remittances/settings', { disputeReminderDays: bad });
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().fields[0].path).toBe('disputeReminderDays');
    }
    const { open, bank } = await disputed('Quick Bank');
    const asBank = await bank.officer.request('PUT', '/api/v1/remittances/settings', {
      disputeReminderDays: 3,
    });
    expect(asBank.statusCode).toBe(403);
    expect((await read()).source).toBe('environment');

    const set = await admin.request('PUT', '/api/v1/remittances/settings', { disputeReminderDays: 3 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ disputeReminderDays: 3, source: 'setting' });
    expect(set.json().updatedBy).not.toBeNull();
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'remittance_settings.updated')
      .execute();
    expect(audited).toHaveLength(1);

    // The job with no period given reads the setting: three days, not seven.
    await open('2026-09');
    t.clock.advance(2 * DAY);
    expect(await remindUnansweredDisputes(t.deps)).toBe(0);
    t.clock.advance(1 * DAY);
    expect(await remindUnansweredDisputes(t.deps)).toBe(1);
    expect(await remindUnansweredDisputes(t.deps)).toBe(0);
  });
});

describe('a freelancer escalating a figure the bank confirmed', () => {
  it('goes to staff with a reason, who close it with a note both sides hear', async () => {
    const { bank, f, officer, open } = await disputed('Firm Bank');
    const id = await open('2026-09');
    const escalate = (text: string, client = f.client) =>
      client.post(`/api/v1/remittances/disputes/${id}/escalate`, { text });

    // Not while the bank has not answered.
    const early = await escalate('The bank has not answered.');
    expect(early.statusCode).toBe(409);
    expect(early.json().fields[0]).toMatchObject({ path: 'text', rule: 'remit_dispute_not_confirmed' });

    const confirmed = await bank.officer.post(`/api/v1/remittances/disputes/${id}/answer`, {
      decision: 'confirm',
      text: 'One payment of $1,000 arrived.',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    // A reason is required; only the freelancer escalates, their own dispute.
    const short = await escalate('no');
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].path).toBe('text');
    const other = await w.freelancer(bank);
    expect((await escalate('Not my dispute but still.', other.client)).statusCode).toBe(404);
    expect((await escalate('The bank should not escalate.', bank.officer)).statusCode).toBe(403);

    const up = await escalate('My Payoneer statement shows two credits of $750.');
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({
      status: 'escalated',
      escalationText: 'My Payoneer statement shows two credits of $750.',
      answerText: 'One payment of $1,000 arrived.',
    });
    expect((await escalate('And again, please.')).statusCode).toBe(409);

    // Programme staff are told (every active admin, inbox and email); the bank and freelancer are not.
    await dispatch();
    const toStaff = await t.deps.db
      .selectFrom('notices as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.role', 'n.subject', 'n.link', 'n.channel'])
      .where('n.kind', '=', 'remittance.dispute_escalated')
      .execute();
    expect(toStaff.length).toBeGreaterThan(0);
    expect(new Set(toStaff.map((n) => n.role))).toEqual(new Set(['program_admin']));
    expect(new Set(toStaff.map((n) => n.channel))).toEqual(new Set(['inbox', 'email']));
    expect(toStaff[0]!.link).toBe('/earnings/staff');
    expect(await notices(officer, 'remittance.dispute_escalated')).toEqual([]);

    // Staff see it first in their list, and close it with a note; the bank's answer stays.
    const admin = await staff();
    const list = (await admin.get('/api/v1/remittances/disputes?purpose=complaint')).json() as {
      id: string;
      status: string;
    }[];
    expect(list[0]).toMatchObject({ id, status: 'escalated' });
    const closed = await admin.post(`/api/v1/remittances/disputes/${id}/resolve`, {
      text: 'We asked the bank for its credit advice: one credit of $1,000.',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'resolved',
      answerText: 'One payment of $1,000 arrived.',
      resolutionText: 'We asked the bank for its credit advice: one credit of $1,000.',
      attestedUsdMinor: 100_000,
    });
    expect((await escalate('Once more after the close.')).statusCode).toBe(409);

    await dispatch();
    const told = await notices(f.id, 'remittance.dispute_resolved');
    expect(told).toHaveLength(1);
    expect(told[0]!.body_text).toContain('We asked the bank for its credit advice');
    expect(await notices(officer, 'remittance.dispute_resolved')).toHaveLength(1);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('remittance_dispute.escalated');
  });
});

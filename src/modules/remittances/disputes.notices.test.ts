import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { bankSystem, consentBody, remittanceWorld } from './remittances.fixtures.ts';

// Each side of a dispute hears what the other did, through the notifications area: the bank's
// officers when a freelancer disputes, the freelancer when the bank answers, both when staff close.
let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
async function notices(userId: string, channel: 'inbox' | 'email' = 'inbox') {
  const rows = await t.deps.db
    .selectFrom('notices')
    .select(['kind', 'subject', 'body_text', 'link'])
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .where('kind', 'like', 'remittance.dispute%')
    .orderBy('created_at')
    .orderBy('subject')
    .execute();
  return rows;
}

describe('notices of disputes', () => {
  it('tells the bank of a dispute, the freelancer of the answer, and both of a close by staff', async () => {
    const bank = await w.bank('Notice Bank');
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const lines = ['2026-08', '2026-09'].map((month) => ({
      month,
      iban: f.iban,
      holderHash: f.holderHash,
      purposeCode: '9184',
      usdMinor: 100_000,
    }));
    expect((await bankSystem(t, bank.apiKey)({ lines }, 'n-1')).statusCode).toBe(201);
    const officers = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', bank.id)
      .execute();
    expect(officers).toHaveLength(1);
    const officer = officers[0]!.id;

    const open = (month: string) =>
      f.client.post('/api/v1/remittances/disputes', {
        bankId: bank.id,
        month,
        purposeCode: '9184',
        reason: month === '2026-08' ? 'wrong_amount' : 'not_mine',
        claimedUsdMinor: month === '2026-08' ? 150_000 : null,
        text: 'Two Upwork payments arrived, not one.',
      });
    const aug = (await open('2026-08')).json();
    const sep = (await open('2026-09')).json();
    await dispatch();
    const asked = await notices(officer);
    expect(asked.map((n) => n.kind)).toEqual(['remittance.dispute_opened', 'remittance.dispute_opened']);
    expect(asked[0]!.subject).toContain('2026-08');
    expect(asked[0]!.body_text).toContain('$1,000');
    // The account is masked in what is sent, even to the bank that holds it.
    expect(asked.map((n) => n.body_text).join()).not.toContain(f.iban);
    expect(asked[0]!.link).toBe('/earnings/bank');
    expect(await notices(f.id)).toEqual([]);
    expect(await notices(officer, 'email')).toHaveLength(2);

    const fixed = await bank.officer.post(`/api/v1/remittances/disputes/${aug.id}/answer`, {
      decision: 'correct',
      correctedUsdMinor: 150_000,
      text: 'A second credit was under the wrong code.',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    await dispatch();
    const answered = await notices(f.id);
    expect(answered.map((n) => n.subject)).toEqual([
      expect.stringContaining('corrected its figure for 2026-08'),
    ]);
    expect(answered[0]!.body_text).toContain('from $1,000 to $1,500');
    expect(answered[0]!.body_text).toContain('A second credit was under the wrong code.');
    expect(await notices(officer)).toHaveLength(2);

    // Staff close the one the bank leaves unanswered; the bank's figure stays as it is.
    const bad = await w.admin.post(`/api/v1/remittances/disputes/${sep.id}/resolve`, { text: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('text');
    const byBank = await bank.officer.post(`/api/v1/remittances/disputes/${sep.id}/resolve`, {
      text: 'We close it ourselves',
    });
    expect(byBank.statusCode).toBe(403);
    const closed = await w.admin.post(`/api/v1/remittances/disputes/${sep.id}/resolve`, {
      text: 'The bank confirmed by phone that the credit is yours.',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'resolved', attestedUsdMinor: 100_000 });
    const twice = await w.admin.post(`/api/v1/remittances/disputes/${sep.id}/resolve`, {
      text: 'Closing it again',
    });
    expect(twice.statusCode).toBe(409);
    const answeredOne = await w.admin.post(`/api/v1/remittances/disputes/${aug.id}/resolve`, {
      text: 'Closing an answered one',
    });
    expect(answeredOne.statusCode).toBe(409);
    await dispatch();
    await dispatch();
    const toFreelancer = (await notices(f.id)).map((n) => n.kind).sort();
    expect(toFreelancer).toEqual(['remittance.dispute_answered', 'remittance.dispute_resolved']);
    const toBank = await notices(officer);
    expect(toBank.map((n) => n.kind).sort()).toEqual([
      'remittance.dispute_opened',
      'remittance.dispute_opened',
      'remittance.dispute_resolved',
    ]);
    expect(toBank.find((n) => n.kind === 'remittance.dispute_resolved')!.body_text).toContain(
      'The bank confirmed by phone',
    );
    const months = (await f.client.get('/api/v1/remittances/me/months')).json();
    expect(months.find((m: { month: string }) => m.month === '2026-09')).toMatchObject({ attested: 100_000 });
  });
});

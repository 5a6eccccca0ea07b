import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accountId, bankSystem, consentBody, remittanceWorld } from './remittances.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

describe('disputes: a freelancer disputes an attested line, the bank answers', () => {
  it('opens a dispute, shows it to the bank and staff with its age, and the bank corrects or confirms', async () => {
    const bank = await w.bank('Dispute Bank');
    const other = await w.bank('Other Dispute Bank');
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const lines = ['2026-08', '2026-09'].map((month) => ({
      month,
      iban: f.iban,
      holderHash: f.holderHash,
      purposeCode: '9184',
      usdMinor: 100_000,
    }));
    expect((await bankSystem(t, bank.apiKey)({ lines }, 'd-1')).statusCode).toBe(201);

    const body = {
      bankId: bank.id,
      month: '2026-08',
      purposeCode: '9184',
      reason: 'wrong_amount',
      claimedUsdMinor: 150_000,
      text: 'Two Upwork payments arrived in August, not one.',
    };
    const noClaim = await f.client.post('/api/v1/remittances/disputes', { ...body, claimedUsdMinor: null });
    expect(noClaim.json().fields[0]).toMatchObject({ path: 'claimedUsdMinor', rule: 'remit_dispute_claim' });
    const none = await f.client.post('/api/v1/remittances/disputes', { ...body, month: '2026-07' });
    expect(none.json().fields[0]).toMatchObject({ path: 'month', rule: 'remit_dispute_line' });
    const opened = await f.client.post('/api/v1/remittances/disputes', body);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ status: 'open', attestedUsdMinor: 100_000, ageDays: 0 });
    expect(opened.json().account).not.toBe(f.iban);
    const twice = await f.client.post('/api/v1/remittances/disputes', body);
    expect(twice.statusCode).toBe(409);
    const notMine = await f.client.post('/api/v1/remittances/disputes', {
      ...body,
      month: '2026-09',
      reason: 'not_mine',
      claimedUsdMinor: null,
      text: 'I received nothing from this client in September.',
    });
    expect(notMine.statusCode).toBe(201);

    // Opened ten days ago: the bank sees both with the full account; another bank sees none; staff see ages.
    await t.deps.db
      .updateTable('remittance_disputes')
      .set({ created_at: new Date('2026-11-18T05:00:00Z') })
      .where('freelancer_id', '=', f.id)
      .execute();
    {
      const mine = (await bank.officer.get('/api/v1/remittances/disputes')).json();
      expect(mine.map((d: { account: string; ageDays: number }) => [d.account, d.ageDays])).toEqual([
        [f.iban, 10],
        [f.iban, 10],
      ]);
      expect((await other.officer.get('/api/v1/remittances/disputes')).json()).toEqual([]);
      // Staff say why, from the fixed list, and the freelancer sees the look on their record.
      const noPurpose = await w.admin.get('/api/v1/remittances/disputes');
      expect(noPurpose.statusCode).toBe(400);
      expect(noPurpose.json().fields[0].path).toBe('purpose');
      expect((await w.admin.get('/api/v1/remittances/disputes?purpose=curiosity')).statusCode).toBe(400);
      const staff = (await w.admin.get('/api/v1/remittances/disputes?purpose=complaint')).json();
      expect(staff.filter((d: { status: string }) => d.status === 'open')).toHaveLength(2);
      const looks = await t.deps.db
        .selectFrom('personal_data_access')
        .select(['purpose', 'fields', 'via'])
        .where('subject_user_id', '=', f.id)
        .execute();
      expect(looks).toEqual([
        { purpose: 'complaint', fields: ['earnings_dispute'], via: 'remittance_disputes' },
      ]);
      const seen = await f.client.get('/api/v1/me/data-access');
      expect(JSON.stringify(seen.json())).toContain('remittance_disputes');
      const theirs = await other.officer.post(`/api/v1/remittances/disputes/${opened.json().id}/answer`, {
        decision: 'confirm',
        text: 'We do not hold this account',
      });
      expect(theirs.statusCode).toBe(404);
      const fixed = await bank.officer.post(`/api/v1/remittances/disputes/${opened.json().id}/answer`, {
        decision: 'correct',
        correctedUsdMinor: 150_000,
        text: 'A second credit was reported under the wrong code; corrected.',
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect(fixed.json()).toMatchObject({ status: 'corrected', correctedUsdMinor: 150_000, ageDays: 10 });
      const again = await bank.officer.post(`/api/v1/remittances/disputes/${opened.json().id}/answer`, {
        decision: 'confirm',
        text: 'Changed our mind',
      });
      expect(again.statusCode).toBe(409);
      const withdrawn = await bank.officer.post(`/api/v1/remittances/disputes/${notMine.json().id}/answer`, {
        decision: 'correct',
        correctedUsdMinor: 0,
        text: 'Credited to the wrong customer; withdrawn.',
      });
      expect(withdrawn.json().status).toBe('corrected');
    }
    const months = (await f.client.get('/api/v1/remittances/me/months')).json();
    expect(months).toEqual([expect.objectContaining({ month: '2026-08', attested: 150_000 })]);
    const versions = await t.deps.db
      .selectFrom('remittance_attestation_versions')
      .select(['usd_minor'])
      .where('account_id', '=', await accountId(t, f.iban))
      .execute();
    expect(versions.map((v) => Number(v.usd_minor)).sort()).toEqual([100_000, 100_000]);
    const events = await t.deps.db
      .selectFrom('domain_events')
      .select('name')
      .where('name', 'in', ['remittances.dispute_opened', 'remittances.dispute_answered'])
      .execute();
    expect(events).toHaveLength(4);
  });
});

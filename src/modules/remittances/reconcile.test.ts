import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { bankSystem, consentBody, remittanceWorld } from './remittances.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const declare = (
  c: { put?: never; request: (m: string, u: string, b?: unknown) => Promise<{ statusCode: number }> },
  month: string,
  usd: number,
) => c.request('PUT', `/api/v1/me/earnings/${month}/upwork`, { amountMinor: usd });

describe('reconciliation: each freelancer’s month, declared beside attested', () => {
  it('shows the freelancer each outcome, takes an explanation, and shows staff totals and outliers with a recorded purpose', async () => {
    const bank = await w.bank('Recon Bank');
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    for (const [month, usd] of [
      ['2026-06', 100_000],
      ['2026-07', 100_000],
      ['2026-08', 80_000],
    ] as const)
      expect((await declare(f.client, month, usd)).statusCode).toBe(200);
    const lines = [
      ['2026-06', 97_000],
      ['2026-07', 60_000],
      ['2026-09', 45_000],
    ].map(([month, usdMinor]) => ({
      month,
      iban: f.iban,
      holderHash: f.holderHash,
      purposeCode: '9185',
      usdMinor,
    }));
    expect((await bankSystem(t, bank.apiKey)({ lines }, 'recon-1')).statusCode).toBe(201);

    const months = (await f.client.get('/api/v1/remittances/me/months')).json();
    expect(months.map((m: { month: string; outcome: string }) => [m.month, m.outcome])).toEqual([
      ['2026-09', 'attested_only'],
      ['2026-08', 'declared_only'],
      ['2026-07', 'differs'],
      ['2026-06', 'matched'],
    ]);
    expect(months[2]).toMatchObject({ declared: 100_000, attested: 60_000, banks: [{ usd: 60_000 }] });

    const matched = await f.client.post('/api/v1/remittances/me/explanations', {
      month: '2026-06',
      text: 'nothing',
    });
    expect(matched.statusCode).toBe(400);
    expect(matched.json().fields[0]).toMatchObject({ path: 'month', rule: 'remit_nothing_to_explain' });
    const text = 'The client paid half of July in August.';
    const ok = await f.client.post('/api/v1/remittances/me/explanations', { month: '2026-07', text });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await f.client.get('/api/v1/remittances/me/months')).json()[2].explanation).toBe(text);

    // Someone else sees nothing of it; a bank cannot read reconciliation at all.
    const other = await w.freelancer();
    expect((await other.client.get('/api/v1/remittances/me/months')).json()).toEqual([]);
    expect((await bank.officer.get('/api/v1/remittances/staff/summary')).statusCode).toBe(403);

    const summary = (await w.admin.get('/api/v1/remittances/staff/summary')).json();
    const july = summary.months.find((m: { month: string }) => m.month === '2026-07');
    expect(july).toMatchObject({ freelancers: 1, declared: 100_000, attested: 60_000 });
    expect(july.outcomes).toEqual({
      matched: 0,
      differs: 1,
      declared_only: 0,
      attested_only: 0,
      no_consent: 0,
    });

    const noPurpose = await w.admin.get('/api/v1/remittances/staff/outliers?month=2026-07&purpose=x');
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().fields[0].path).toContain('purpose');
    const none = await w.admin.get('/api/v1/remittances/staff/outliers?month=2026-07');
    expect(none.statusCode).toBe(400);
    expect(none.json().fields[0].path).toContain('purpose');
    const purpose = 'audit';
    const out = await w.admin.get(
      `/api/v1/remittances/staff/outliers?month=2026-07&purpose=${encodeURIComponent(purpose)}`,
    );
    expect(out.json()).toEqual([
      expect.objectContaining({
        freelancerId: f.id,
        declared: 100_000,
        attested: 60_000,
        outcome: 'differs',
        explanation: text,
      }),
    ]);
    const trail = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'remittance_individuals.viewed')
      .executeTakeFirstOrThrow();
    expect(trail.details).toMatchObject({ purpose });
    // The person shown sees the look on their own data-access record, with the purpose.
    const mine = await f.client.get('/api/v1/me/data-access');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(JSON.stringify(mine.json())).toContain('remittance_outliers');
    const looks = await t.deps.db
      .selectFrom('personal_data_access')
      .select(['purpose', 'fields', 'via'])
      .where('subject_user_id', '=', f.id)
      .execute();
    expect(looks).toEqual([{ purpose: 'audit', fields: ['earnings'], via: 'remittance_outliers' }]);
  });
});

describe('a freelancer who never let a bank report', () => {
  it('is shown as “no bank consent”, not as an outlier, and counted apart', async () => {
    const bank = await w.bank('Unasked Bank');
    const never = await w.freelancer(bank);
    expect((await declare(never.client, '2026-05', 50_000)).statusCode).toBe(200);
    // One who consented only from June: May is not covered, June is (declared, nothing attested).
    const late = await w.freelancer(bank);
    await late.client.post(
      '/api/v1/remittances/consents',
      consentBody(bank.id, late.iban, { startsOn: '2026-06-01', expiresOn: '2027-05-31' }),
    );
    for (const month of ['2026-05', '2026-06'])
      expect((await declare(late.client, month, 40_000)).statusCode).toBe(200);

    const mine = (await never.client.get('/api/v1/remittances/me/months')).json();
    expect(mine.map((m: { month: string; outcome: string }) => [m.month, m.outcome])).toEqual([
      ['2026-05', 'no_consent'],
    ]);
    const theirs = (await late.client.get('/api/v1/remittances/me/months')).json();
    expect(theirs.map((m: { month: string; outcome: string }) => [m.month, m.outcome])).toEqual([
      ['2026-06', 'declared_only'],
      ['2026-05', 'no_consent'],
    ]);
    const may = (await w.admin.get('/api/v1/remittances/staff/outliers?month=2026-05&purpose=audit')).json();
    expect(may.map((o: { freelancerId: string }) => o.freelancerId)).not.toContain(never.id);
    expect(may.map((o: { freelancerId: string }) => o.freelancerId)).not.toContain(late.id);
    const june = (await w.admin.get('/api/v1/remittances/staff/outliers?month=2026-06&purpose=audit')).json();
    expect(june).toContainEqual(expect.objectContaining({ freelancerId: late.id, outcome: 'declared_only' }));
    const summary = (await w.admin.get('/api/v1/remittances/staff/summary')).json();
    const m5 = summary.months.find((m: { month: string }) => m.month === '2026-05');
    expect(m5.outcomes.no_consent).toBeGreaterThanOrEqual(2);
  });
});

describe('the public table: declared and attested side by side, small groups withheld', () => {
  it('withholds a month’s attested cells under 3 freelancers and shows them from 3', async () => {
    const bank = await w.bank('Public Bank');
    const send = bankSystem(t, bank.apiKey);
    const people = [await w.freelancer(bank), await w.freelancer(bank), await w.freelancer(bank)];
    for (const p of people) {
      await p.client.post('/api/v1/remittances/consents', consentBody(bank.id, p.iban));
      expect((await declare(p.client, '2026-03', 50_000)).statusCode).toBe(200);
    }
    const line = (p: { iban: string; holderHash: string }) => ({
      month: '2026-03',
      iban: p.iban,
      holderHash: p.holderHash,
      purposeCode: '9184',
      usdMinor: 40_000,
    });
    await send({ lines: people.slice(0, 2).map((p) => line(p)) }, 'pub-1');
    const march = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/public/earnings-evidence?by=province' }))
        .json()
        .rows.filter(
          (r: { month: string; groupKey: string }) => r.month === '2026-03' && r.groupKey === 'PK',
        )[0];
    expect(await march()).toMatchObject({
      declarants: 3,
      declared: 150_000,
      attestedFreelancers: null,
      attested: null,
      attestedShareBp: null,
    });
    await send({ lines: [line(people[2]!)] }, 'pub-2');
    expect(await march()).toMatchObject({
      declarants: 3,
      declared: 150_000,
      attestedFreelancers: 3,
      attested: 120_000,
      attestedShareBp: 10_000,
    });

    // One freelancer with a home city in Punjab: the province row shows nothing of them.
    const lahore = await t.deps.db
      .selectFrom('cities')
      .select('id')
      .where('name_en', '=', 'Lahore')
      .executeTakeFirstOrThrow();
    await people[0]!.client.request('PUT', '/api/v1/me/freelancer-profile', {
      skills: [],
      platforms: [],
      portfolioUrl: null,
      homeCityId: lahore.id,
      bio: null,
    });
    const rows = (
      await t.app.inject({ method: 'GET', url: '/api/v1/public/earnings-evidence?by=province' })
    ).json().rows;
    const pb = rows.find(
      (r: { month: string; groupKey: string }) => r.month === '2026-03' && r.groupKey === 'PB',
    );
    expect(pb).toMatchObject({ declarants: null, declared: null, attestedFreelancers: null, attested: null });
    const byDistrict = (
      await t.app.inject({ method: 'GET', url: '/api/v1/public/earnings-evidence?by=district' })
    ).json();
    const place = byDistrict.rows.find(
      (r: { month: string; groupLabel: string }) =>
        r.month === '2026-03' && r.groupLabel !== 'Not stated' && r.groupLabel !== 'Pakistan',
    );
    expect(place).toMatchObject({
      groupKey: expect.stringMatching(/^[dc]\d+$/),
      declarants: null,
      attested: null,
    });
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/earnings-by-evidence.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe('month,area,evidence,freelancers,usd_cents');
    expect(csv.body).toContain('2026-03,PK,bank_attested,3,120000');
    expect(csv.body).toContain('2026-03,PB,bank_attested,,');
  });
});

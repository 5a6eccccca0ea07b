import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { bucketOf } from './arrears-buckets.service.ts';
import { closeOfBusiness } from './cob.job.ts';
import { pendingProposals } from './holidays.service.ts';
import { proposedIslamicHolidays } from './holidays.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * The working-day calendar around Eid ul Fitr 2027 and arrears buckets as settings (decision 0062).
 * The Umm al-Qura calendar proposes Eid ul Fitr on Tue 9 Mar 2027; the moon is sighted a day later,
 * so staff confirm Wed 10 – Fri 12 Mar. An instalment due on 10 Mar then falls due on Mon 15 Mar.
 */
let t: TestApp;
let w: LoanWorld;
let admin: Client;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const bank = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { ...key(), ...(method === 'POST' ? idem() : {}) }, payload });

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2027-01-20T06:00:00Z');
  w = await makeLoanWorld(t);
  admin = w.admin;
  await admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    source: 'SBP',
    effectiveFrom: '2027-01-01',
    rateBps: 1_100,
  });
  await admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2027-01-01',
  });
  const rules = await admin.post('/api/v1/loans/rules', {
    effectiveFrom: '2027-01-20',
    graceDays: 0,
    reversalApprovalMinor: 10_000_000,
    backdateMaxDays: 365,
    dueDateRoll: 'next_working_day',
  });
  expect(rules.statusCode, rules.body).toBe(201);
}, 120_000);
afterAll(() => t.close());

describe('public holidays', () => {
  it("proposes Eid from the tabular Hijri calendar and lists the year's fixed holidays", async () => {
    const r = await admin.get('/api/v1/holidays?year=2027');
    expect(r.statusCode).toBe(200);
    const days = r.json() as { day: string; nameEn: string; status: string }[];
    expect(days.find((d) => d.nameEn === 'Eid ul Fitr')).toMatchObject({
      day: '2027-03-09',
      status: 'proposed',
    });
    expect(days.find((d) => d.day === '2027-03-23')).toMatchObject({
      nameEn: 'Pakistan Day',
      status: 'fixed',
    });
    // A year with no rows at all still has its fixed holidays (built in).
    const later = (await admin.get('/api/v1/holidays?year=2031')).json() as { day: string }[];
    expect(later.map((d) => d.day)).toContain('2031-08-14');
  });

  it('lets the admin confirm the sighted dates; refuses bad input naming the field, and other roles', async () => {
    const eid = [
      ['2027-03-10', 'Eid ul Fitr', 'عید الفطر'],
      ['2027-03-11', 'Eid ul Fitr (2nd day)', 'عید الفطر (دوسرا دن)'],
      ['2027-03-12', 'Eid ul Fitr (3rd day)', 'عید الفطر (تیسرا دن)'],
    ] as const;
    const byBank = await bank('POST', '/api/v1/holidays', {
      day: '2027-03-10',
      nameEn: 'Eid ul Fitr',
      nameUr: 'عید الفطر',
      kind: 'islamic',
    });
    expect(byBank.statusCode).toBe(403);
    const bad = await admin.post('/api/v1/holidays', {
      day: '10-03-2027',
      nameEn: 'Eid ul Fitr',
      nameUr: 'عید الفطر',
      kind: 'islamic',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('day');
    // A day that is not in the calendar is refused by validation, naming the field.
    const impossible = await admin.post('/api/v1/holidays', {
      day: '2027-02-30',
      nameEn: 'Eid ul Fitr',
      nameUr: 'عید الفطر',
      kind: 'islamic',
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().fields[0].path).toBe('day');
    const fixed = await admin.post('/api/v1/holidays', {
      day: '2027-03-23',
      nameEn: 'Pakistan Day again',
      nameUr: 'یوم پاکستان',
      kind: 'other',
    });
    expect(fixed.statusCode).toBe(400);
    expect(fixed.json().fields[0]).toMatchObject({ path: 'day', rule: 'holiday_exists' });
    for (const [day, nameEn, nameUr] of eid) {
      const ok = await admin.post('/api/v1/holidays', { day, nameEn, nameUr, kind: 'islamic' });
      expect(ok.statusCode, ok.body).toBe(201);
    }
    const again = await admin.post('/api/v1/holidays', {
      day: '2027-03-10',
      nameEn: 'Eid ul Fitr',
      nameUr: 'عید الفطر',
      kind: 'islamic',
    });
    expect(again.statusCode).toBe(409);
    const list = (await admin.get('/api/v1/holidays?year=2027')).json() as {
      day: string;
      status: string;
    }[];
    expect(list.filter((d) => d.day >= '2027-03-09' && d.day <= '2027-03-12')).toMatchObject([
      { day: '2027-03-10', status: 'confirmed' },
      { day: '2027-03-11', status: 'confirmed' },
      { day: '2027-03-12', status: 'confirmed' },
    ]);
    // A wrongly entered day can be removed (audited); a fixed one cannot.
    await admin.post('/api/v1/holidays', {
      day: '2027-07-01',
      nameEn: 'Bank holiday',
      nameUr: 'بینک تعطیل',
      kind: 'other',
    });
    expect((await admin.request('DELETE', '/api/v1/holidays/2027-07-01')).statusCode).toBe(204);
    expect((await admin.request('DELETE', '/api/v1/holidays/2027-03-23')).statusCode).toBe(404);
  });
});

describe('proposals after a confirmation (pure)', () => {
  it('moves the other Eid days with the confirmed first day', () => {
    const left = pendingProposals(proposedIslamicHolidays(2027), [
      { day: '2027-03-10', nameEn: 'Eid ul Fitr' },
    ]);
    expect(left.filter((p) => p.nameEn.startsWith('Eid ul Fitr')).map((p) => [p.nameEn, p.day])).toEqual([
      ['Eid ul Fitr (2nd day)', '2027-03-11'],
      ['Eid ul Fitr (3rd day)', '2027-03-12'],
    ]);
  });

  it('keeps a second Eid of the same year proposed when the first is confirmed (2033)', () => {
    const all = proposedIslamicHolidays(2033).filter((p) => p.nameEn === 'Eid ul Fitr');
    expect(all.length).toBe(2);
    const left = pendingProposals(proposedIslamicHolidays(2033), [
      { day: all[0]!.day, nameEn: 'Eid ul Fitr' },
    ]);
    expect(left.filter((p) => p.nameEn === 'Eid ul Fitr').map((p) => p.day)).toEqual([all[1]!.day]);
  });
});

describe('due dates and days past due around Eid', () => {
  let loanId: string;
  it('moves an instalment due on Eid past the Eid days and the weekend to Monday', async () => {
    loanId = await sanctionedLoan(t, w, {
      ...SANCTION,
      amountMinor: 300_000_000,
      tenorMonths: 3,
      graceMonths: 0,
      repaymentDay: 10,
      firstRepaymentDate: '2027-03-10',
    });
    const d = await bank('POST', `/api/v1/loans/${loanId}/disbursements`, {
      amountMinor: 300_000_000,
      disbursedOn: '2027-01-20',
      bankReference: nextRef(),
    });
    expect(d.statusCode, d.body).toBe(201);
    const loan = (await bank('GET', `/api/v1/loans/${loanId}`)).json();
    // 10 Mar (Eid) → 15 Mar; 10 Apr (Saturday) → 12 Apr; 10 May (Monday) stays.
    expect(loan.instalments.map((i: { dueDate: string }) => i.dueDate)).toEqual([
      '2027-03-15',
      '2027-04-12',
      '2027-05-10',
    ]);
  });

  it('counts days past due from the rolled date: current on Eid and on the Monday, 1 day late on Tuesday', async () => {
    t.clock.set('2027-03-17T06:00:00Z');
    for (let day = '2027-01-20'; day <= '2027-03-16'; day = addDays(day, 1)) {
      await closeOfBusiness(t.deps, day);
      if (day === '2027-03-15') {
        const row = await t.deps.db
          .selectFrom('loans')
          .selectAll()
          .where('id', '=', loanId)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({ days_past_due: 0, arrears_bucket: 'current' });
      }
    }
    const row = await t.deps.db
      .selectFrom('loans')
      .selectAll()
      .where('id', '=', loanId)
      .executeTakeFirstOrThrow();
    // Without the calendar it would be 6 days past due (from 10 Mar).
    expect(row).toMatchObject({ days_past_due: 1, arrears_bucket: '1-30' });
  });
});

describe('arrears buckets as settings', () => {
  it('labels days past due by the bounds (pure)', () => {
    const b = [1, 30, 60, 90];
    expect([0, 1, 29, 30, 59, 60, 89, 90, 900].map((d) => bucketOf(d, b))).toEqual([
      'current',
      '1-29',
      '1-29',
      '30-59',
      '30-59',
      '60-89',
      '60-89',
      '90+',
      '90+',
    ]);
  });

  it('refuses bounds that do not rise or a past date, naming the field; the bank cannot change them', async () => {
    admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const notRising = await admin.post('/api/v1/loans/arrears-buckets', {
      effectiveFrom: '2027-03-17',
      buckets: [
        { fromDays: 1, sbpClass: 'oaem' },
        { fromDays: 1, sbpClass: 'substandard' },
      ],
    });
    expect(notRising.statusCode).toBe(400);
    expect(notRising.json().fields[0]).toMatchObject({
      path: 'buckets.1.fromDays',
      rule: 'bucket_not_rising',
    });
    const past = await admin.post('/api/v1/loans/arrears-buckets', {
      effectiveFrom: '2027-01-01',
      buckets: [{ fromDays: 1, sbpClass: 'oaem' }],
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields[0].path).toBe('effectiveFrom');
    const byBank = await bank('POST', '/api/v1/loans/arrears-buckets', {
      effectiveFrom: '2027-03-17',
      buckets: [{ fromDays: 1, sbpClass: 'oaem' }],
    });
    expect(byBank.statusCode).toBe(403);
  });

  it('uses a new version in the close of business, the portfolio and PAR', async () => {
    const ok = await admin.post('/api/v1/loans/arrears-buckets', {
      effectiveFrom: '2027-03-17',
      buckets: [
        { fromDays: 1, sbpClass: 'oaem' },
        { fromDays: 30, sbpClass: 'substandard' },
        { fromDays: 60, sbpClass: 'doubtful' },
        { fromDays: 90, sbpClass: 'loss' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().buckets.map((b: { label: string }) => b.label)).toEqual([
      '1-29',
      '30-59',
      '60-89',
      '90+',
    ]);
    t.clock.set('2027-04-15T06:00:00Z');
    for (let day = '2027-03-17'; day <= '2027-04-14'; day = addDays(day, 1))
      await closeOfBusiness(t.deps, day);
    // 15 Mar unpaid: 30 days past due on 14 Apr → '30-59', substandard.
    const p = (await bank('GET', '/api/v1/loans/portfolio')).json();
    expect(p.buckets.buckets.map((b: { label: string }) => b.label)).toEqual([
      '1-29',
      '30-59',
      '60-89',
      '90+',
    ]);
    expect(p.programme.bucketsMinor).toEqual({
      current: 0,
      '1-29': 0,
      '30-59': 300_000_000,
      '60-89': 0,
      '90+': 0,
    });
    expect(p.programme.classesMinor).toMatchObject({ substandard: 300_000_000, oaem: 0, loss: 0 });
    expect(p.programme.parMinor).toEqual({ '1': 300_000_000, '30': 300_000_000, '60': 0, '90': 0 });
  });
});

describe('a reschedule under the calendar', () => {
  it('rolls the new due dates too: Sunday 16 May 2027 becomes Monday 17 May', async () => {
    const loans = (await bank('GET', '/api/v1/loans')).json() as { id: string; status: string }[];
    const loan = loans.find((l) => l.status === 'active')!;
    const r = await bank('POST', `/api/v1/loans/${loan.id}/reschedule-preview`, {
      tenorMonths: 2,
      firstRepaymentDate: '2027-05-16',
      repaymentDay: 16,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().instalments.map((i: { dueDate: string }) => i.dueDate)).toEqual([
      '2027-05-17',
      '2027-06-16',
    ]);
  });
});

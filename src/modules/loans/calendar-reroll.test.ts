import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/time.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { closeOfBusiness } from './cob.job.ts';
import { idem, type LoanWorld, makeLoanWorld, nextRef, SANCTION, sanctionedLoan } from './loans.fixtures.ts';

/**
 * Issue 19, decision 0079: the sanction preview rolls like every other schedule; a change to the
 * calendar rolls again the instalments not yet due on every loan (never one due or paid) and says
 * so on each loan; owners read the calendar; a bucket version not yet in force can be withdrawn;
 * loans carry the SBP class of their bucket.
 */
let t: TestApp;
let w: LoanWorld;
/** Staff and an owner logged in now (sessions end as the test clock moves on by days). */
let admin: Client;
let owner: Client;
let officer: Client;
async function logInAgain() {
  const login = async (role: Parameters<typeof makeUser>[1], organizationId?: string) =>
    loginClient(t.app, (await makeUser(t.deps, role, organizationId ? { organizationId } : {})).email);
  admin = await login('program_admin');
  owner = await login('owner');
  officer = await login('bank_officer', w.hbl.id);
}
const bank = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${w.hbl.apiKey}`, ...(method === 'POST' ? idem() : {}) },
    payload,
  });
const dueDates = async (id: string) =>
  ((await bank('GET', `/api/v1/loans/${id}`)).json().instalments as { dueDate: string }[]).map(
    (i) => i.dueDate,
  );
/** Close of business for each day from `from` to `to`, as the nightly batch runs. */
async function cobDays(from: string, to: string) {
  for (let day = from; day <= to; day = addDays(day, 1)) await closeOfBusiness(t.deps, day);
}
const EID = [
  ['2027-03-10', 'Eid ul Fitr', 'عید الفطر'],
  ['2027-03-11', 'Eid ul Fitr (2nd day)', 'عید الفطر (دوسرا دن)'],
  ['2027-03-12', 'Eid ul Fitr (3rd day)', 'عید الفطر (تیسرا دن)'],
] as const;

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2027-01-20T06:00:00Z');
  w = await makeLoanWorld(t);
  await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    source: 'SBP',
    effectiveFrom: '2027-01-01',
    rateBps: 1_100,
  });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2027-01-01',
  });
  const rules = await w.admin.post('/api/v1/loans/rules', {
    effectiveFrom: '2027-01-20',
    graceDays: 0,
    reversalApprovalMinor: 10_000_000,
    backdateMaxDays: 365,
    dueDateRoll: 'next_working_day',
  });
  expect(rules.statusCode, rules.body).toBe(201);
}, 120_000);
afterAll(() => t.close());

describe('the sanction preview', () => {
  it('rolls due dates off weekends and holidays as the schedule made at a tranche does', async () => {
    const r = await w.owner.post('/api/v1/loans/schedule-preview', {
      principalMinor: 300_000_000,
      tenorMonths: 3,
      graceMonths: 0,
      firstRepaymentDate: '2027-04-10',
      repaymentDay: 10,
    });
    expect(r.statusCode, r.body).toBe(200);
    // Saturday 10 Apr → Monday 12 Apr; 10 May (Monday) and 10 Jun (Thursday) stay.
    expect(r.json().instalments).toMatchObject([
      { dueDate: '2027-04-12', scheduledDate: '2027-04-10' },
      { dueDate: '2027-05-10' },
      { dueDate: '2027-06-10' },
    ]);
    expect(r.json().instalments[1].scheduledDate).toBeUndefined();
  });
});

describe('a change to the calendar', () => {
  const loans: Record<'a' | 'b' | 'paid', string> = { a: '', b: '', paid: '' };

  it('rolls the instalments not yet due on every loan, in one go, and notes it on each', async () => {
    for (const k of ['a', 'b', 'paid'] as const) {
      loans[k] = await sanctionedLoan(t, w, {
        ...SANCTION,
        amountMinor: 300_000_000,
        tenorMonths: 3,
        graceMonths: 0,
        repaymentDay: 10,
        firstRepaymentDate: k === 'b' ? '2027-02-10' : '2027-03-10',
      });
      const d = await bank('POST', `/api/v1/loans/${loans[k]}/disbursements`, {
        amountMinor: 300_000_000,
        disbursedOn: '2027-01-20',
        bankReference: nextRef(),
      });
      expect(d.statusCode, d.body).toBe(201);
    }
    // Loan b's 10 Feb instalment falls due; the third loan pays its 10 Mar instalment early.
    t.clock.set('2027-02-11T06:00:00Z');
    await logInAgain();
    await cobDays('2027-01-20', '2027-02-10');
    const paid = await bank('POST', `/api/v1/loans/${loans.paid}/repayments`, {
      amountMinor: 100_000_000,
      paidOn: '2027-02-11',
      bankReference: nextRef(),
    });
    expect(paid.statusCode, paid.body).toBe(201);

    // A holiday announced late, on a day already due: nothing due moves.
    const late = await admin.post('/api/v1/holidays', {
      day: '2027-02-10',
      nameEn: 'Bank holiday',
      nameUr: 'بینک تعطیل',
      kind: 'other',
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().rerolled).toEqual({ loans: 0, instalments: 0 });
    expect(await dueDates(loans.b)).toEqual(['2027-02-10', '2027-03-10', '2027-04-12']);

    // Eid confirmed on 10–12 Mar: loans a and b move from Wednesday to Monday 15 Mar.
    const moved: unknown[] = [];
    for (const [day, nameEn, nameUr] of EID) {
      const r = await admin.post('/api/v1/holidays', { day, nameEn, nameUr, kind: 'islamic' });
      expect(r.statusCode, r.body).toBe(201);
      moved.push(r.json().rerolled);
    }
    expect(moved).toEqual([
      { loans: 2, instalments: 2 },
      { loans: 2, instalments: 2 },
      { loans: 2, instalments: 2 },
    ]);
    expect(await dueDates(loans.a)).toEqual(['2027-03-15', '2027-04-12', '2027-05-10']);
    expect(await dueDates(loans.b)).toEqual(['2027-02-10', '2027-03-15', '2027-04-12']);
    // Paid early: stays on its day.
    expect(await dueDates(loans.paid)).toEqual(['2027-03-10', '2027-04-12', '2027-05-10']);
    const loanA = (await bank('GET', `/api/v1/loans/${loans.a}`)).json();
    expect(loanA.instalments[0]).toMatchObject({ dueDate: '2027-03-15', scheduledDate: '2027-03-10' });

    // The bank reads why on the loan (English and Urdu).
    const notes = (await officer.get(`/api/v1/loans/${loans.a}/notes`)).json() as { body: string }[];
    expect(notes).toHaveLength(3);
    expect(notes.map((n) => n.body).join('\n')).toContain(
      'Holiday added: 2027-03-12 (Eid ul Fitr (3rd day)). Due dates moved to the next working day — instalment 1: 2027-03-12 → 2027-03-15',
    );
    expect(notes.every((n) => n.body.includes('قسط 1'))).toBe(true);
    expect((await officer.get(`/api/v1/loans/${loans.paid}/notes`)).json()).toEqual([]);
    // Audited with what moved.
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'holiday.added')
      .where('entity_id', '=', '2027-03-10')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ rerolled: { loans: 2, instalments: 2 } });
  });

  it('brings them back when a day is removed (the moon was sighted earlier)', async () => {
    const r = await admin.request('DELETE', '/api/v1/holidays/2027-03-12');
    expect(r.statusCode).toBe(204);
    expect(await dueDates(loans.a)).toEqual(['2027-03-12', '2027-04-12', '2027-05-10']);
    expect(await dueDates(loans.b)).toEqual(['2027-02-10', '2027-03-12', '2027-04-12']);
    const notes = (await officer.get(`/api/v1/loans/${loans.b}/notes`)).json() as { body: string }[];
    const removed = notes.find((n) => n.body.startsWith('Holiday removed'))!;
    expect(removed.body).toContain('Holiday removed: 2027-03-12');
    expect(removed.body).toContain('instalment 2: 2027-03-15 → 2027-03-12');
  });
});

describe('owners and the calendar', () => {
  it('lets an owner read the holidays their due dates follow, not change them', async () => {
    const r = await owner.get('/api/v1/holidays?year=2027');
    expect(r.statusCode).toBe(200);
    expect((r.json() as { day: string; status: string }[]).find((h) => h.day === '2027-03-10')).toMatchObject(
      {
        status: 'confirmed',
      },
    );
    const add = await owner.post('/api/v1/holidays', {
      day: '2027-07-01',
      nameEn: 'Bank holiday',
      nameUr: 'بینک تعطیل',
      kind: 'other',
    });
    expect(add.statusCode).toBe(403);
  });
});

describe('withdrawing a bucket version', () => {
  const version = {
    effectiveFrom: '2027-04-01',
    buckets: [
      { fromDays: 1, sbpClass: 'regular' },
      { fromDays: 30, sbpClass: 'oaem' },
      { fromDays: 90, sbpClass: 'substandard' },
    ],
  };
  it('withdraws one not yet in force (audited) and lets the day be used again', async () => {
    expect((await admin.post('/api/v1/loans/arrears-buckets', version)).statusCode).toBe(201);
    expect(
      (await officer.request('DELETE', '/api/v1/loans/arrears-buckets?effectiveFrom=2027-04-01')).statusCode,
    ).toBe(403);
    expect(
      (await admin.request('DELETE', '/api/v1/loans/arrears-buckets?effectiveFrom=2027-04-01')).statusCode,
    ).toBe(204);
    const list = (await admin.get('/api/v1/loans/arrears-buckets')).json() as { effectiveFrom: string }[];
    expect(list.map((v) => v.effectiveFrom)).not.toContain('2027-04-01');
    expect(
      (await admin.request('DELETE', '/api/v1/loans/arrears-buckets?effectiveFrom=2027-04-01')).statusCode,
    ).toBe(404);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'arrears_buckets.withdrawn')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['2027-04-01']);
    expect((await admin.post('/api/v1/loans/arrears-buckets', version)).statusCode).toBe(201);
  });

  it('refuses one in force, with problem+json naming effectiveFrom', async () => {
    const r = await admin.request('DELETE', '/api/v1/loans/arrears-buckets?effectiveFrom=2000-01-01');
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().fields[0]).toMatchObject({ path: 'effectiveFrom', rule: 'bucket_in_force' });
  });
});

describe('the SBP class beside the bucket', () => {
  it('is written by the close of business with the bucket, on the list and the loan', async () => {
    t.clock.set('2027-03-01T06:00:00Z');
    await cobDays('2027-02-11', '2027-02-28');
    const list = (await bank('GET', '/api/v1/loans')).json() as {
      arrearsBucket: string;
      sbpClass: string;
      daysPastDue: number;
    }[];
    const late = list.filter((l) => l.daysPastDue > 0);
    expect(late.length).toBeGreaterThan(0);
    // 18 days past due: bucket 1-30 of the seeded version, class regular.
    expect(late[0]).toMatchObject({ daysPastDue: 18, arrearsBucket: '1-30', sbpClass: 'regular' });
    expect(list.filter((l) => l.daysPastDue === 0).every((l) => l.sbpClass === 'current')).toBe(true);
  });
});

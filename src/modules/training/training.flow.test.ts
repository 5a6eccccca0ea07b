import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { submitMonthlyReport } from '../centers/index.ts';
import { addEligibilityRule } from './catalogue.service.ts';
import { checkEnrolmentCompletion } from './index.ts';
import { assignTrainer } from './stipend.service.ts';
import { someDistricts, trainingSetup } from './training.fixtures.ts';

// One cohort from application to stipend, through the HTTP API: eligibility with reasons, seats
// split between districts, the waitlist moving on a withdrawal, QR attendance, a corrected mark,
// the assessment, completion (and its event), the month's stipend, its payment file and clawback.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());
const sys = systemActor('test');

describe('training from application to stipend', () => {
  it('runs the whole way', async () => {
    const s = await trainingSetup(t.deps);
    const [dA, dB] = await someDistricts(t.deps, 'PB', 2);
    const sindh = (await someDistricts(t.deps, 'SD', 1))[0]!;
    for (const r of [
      { kind: 'domicile_province' as const, valueText: 'PB', valueInt: null },
      { kind: 'max_age' as const, valueText: null, valueInt: 35 },
      { kind: 'min_education_years' as const, valueText: null, valueInt: 16 },
    ])
      await addEligibilityRule(t.deps, sys, {
        courseId: s.course.id,
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
        ...r,
      });
    const admin = await loginClient(t.app, s.admin.email);
    const body = {
      centerId: s.center.id,
      courseId: s.course.id,
      roomSpaceId: s.room.id,
      trainerId: s.trainer.id,
      capacity: 3,
      startsOn: '2026-12-01',
      endsOn: '2026-12-02',
      admissionOrder: 'merit',
      seatRule: 'population',
      districts: [
        { districtId: dA!.id, weight: 2_000_000 },
        { districtId: dB!.id, weight: 1_000_000 },
      ],
      sessions: [
        { date: '2026-12-01', from: '10:00', to: '12:00' },
        { date: '2026-12-02', from: '10:00', to: '12:00' },
      ],
    };

    // Bad input: problem+json naming the field, and nothing is created.
    const bad = await admin.post('/api/v1/training/cohorts', {
      ...body,
      sessions: [{ date: '2026-12-05', from: '10:00', to: '12:00' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().fields[0].path).toBe('sessions.0.date');
    const bad2 = await admin.post('/api/v1/training/cohorts', { ...body, capacity: 0 });
    expect(bad2.statusCode).toBe(400);
    expect(bad2.json().fields[0].path).toBe('capacity');
    expect(
      await t.deps.db
        .selectFrom('training_cohorts')
        .select('cohort_id')
        .where('center_id', '=', s.center.id)
        .execute(),
    ).toHaveLength(0);

    const created = await admin.post('/api/v1/training/cohorts', body);
    expect(created.statusCode).toBe(201);
    const cohort = created.json();
    expect(cohort.districts.map((d: { seats: number }) => d.seats).sort()).toEqual([1, 2]);
    const seatsOf = new Map(
      cohort.districts.map((d: { districtId: number; seats: number }) => [d.districtId, d.seats]),
    );
    expect(seatsOf.get(dA!.id)).toBe(2);

    // Applications: five eligible (A: 90, 80, 70; B: 60, 50) and one refused with reasons.
    const people = [];
    for (const [district, merit] of [
      [dA!.id, 90],
      [dA!.id, 80],
      [dA!.id, 70],
      [dB!.id, 60],
      [dB!.id, 50],
    ] as const) {
      const u = await makeUser(t.deps, 'freelancer');
      const c = await loginClient(t.app, u.email);
      const r = await c.post(`/api/v1/training/cohorts/${cohort.id}/applications`, {
        domicileDistrictId: district,
        birthDate: '2000-01-01',
        educationYears: 16,
        meritScore: merit,
      });
      expect(r.statusCode).toBe(201);
      expect(r.json().status).toBe('applied');
      people.push({ u, c, id: r.json().id as string, district, merit });
    }
    const refusedUser = await makeUser(t.deps, 'freelancer');
    const rc = await loginClient(t.app, refusedUser.email);
    const refused = await rc.post(`/api/v1/training/cohorts/${cohort.id}/applications`, {
      domicileDistrictId: sindh.id,
      birthDate: '1980-01-01',
      educationYears: 14,
      meritScore: 99,
    });
    expect(refused.json().status).toBe('ineligible');
    expect(
      refused
        .json()
        .reasons.filter((r: { passed: boolean }) => !r.passed)
        .map((r: { rule: string }) => r.rule)
        .sort(),
    ).toEqual(['domicile_province', 'max_age', 'min_education_years']);
    const again = await rc.post(`/api/v1/training/cohorts/${cohort.id}/applications`, {
      domicileDistrictId: dA!.id,
      birthDate: '2000-01-01',
      educationYears: 16,
      meritScore: 99,
    });
    expect(again.statusCode).toBe(409);
    const badApply = await rc.post(`/api/v1/training/cohorts/${cohort.id}/applications`, {
      domicileDistrictId: dA!.id,
      birthDate: '2000-13-01',
      educationYears: 16,
      meritScore: 99,
    });
    expect(badApply.statusCode).toBe(400);
    expect(badApply.json().fields[0].path).toBe('birthDate');

    // Admission: A's two seats to 90 and 80, B's seat to 60; 70 and 50 wait, in merit order.
    const adm = await admin.post(`/api/v1/training/cohorts/${cohort.id}/admission`);
    expect(adm.statusCode).toBe(200);
    const status = async () => {
      const rows = (await admin.get(`/api/v1/training/cohorts/${cohort.id}/enrolments`)).json();
      return new Map(
        rows.map((r: { id: string; status: string; waitlistPosition: number | null }) => [r.id, r]),
      );
    };
    let st = await status();
    expect(people.map((p) => (st.get(p.id) as { status: string }).status)).toEqual([
      'admitted',
      'admitted',
      'waitlisted',
      'admitted',
      'waitlisted',
    ]);
    expect((st.get(people[2]!.id) as { waitlistPosition: number }).waitlistPosition).toBe(1);

    // B's admitted person withdraws: the seat is B's, so B's first waiting (50) moves up, not 70.
    const w = await people[3]!.c.post(`/api/v1/training/enrolments/${people[3]!.id}/withdraw`);
    expect(w.json().status).toBe('withdrawn');
    st = await status();
    expect((st.get(people[4]!.id) as { status: string }).status).toBe('admitted');
    expect(st.get(people[2]!.id)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const mine = (await people[4]!.c.get('/api/v1/training/me/enrolments')).json();
    expect(mine[0].reasons.find((r: { rule: string }) => r.rule === 'seat').reason).toContain('waitlist');

    // Attendance: documents first; then the QR at the session; a correction with a reason.
    const trainer = await loginClient(t.app, s.trainer.email);
    const trainee = people[0]!;
    const [s1, s2] = cohort.sessions;
    t.clock.set(s1.start);
    const tok = (await trainee.c.get(`/api/v1/training/enrolments/${trainee.id}/check-in-token`)).json()
      .token;
    const early = await trainer.post(`/api/v1/training/sessions/${s1.id}/check-ins`, { token: tok });
    expect(early.statusCode).toBe(409); // documents not checked yet
    await trainer.post(`/api/v1/training/enrolments/${trainee.id}/documents-checked`);
    const ok = await trainer.post(`/api/v1/training/sessions/${s1.id}/check-ins`, { token: tok });
    expect(ok.statusCode).toBe(200);
    // The register closes only when everyone admitted has a mark: the others are marked absent.
    const unmarked = await trainer.post(`/api/v1/training/sessions/${s1.id}/close_attendance`);
    expect(unmarked.statusCode).toBe(409);
    expect(unmarked.json().detail).toMatch(/no mark/);
    const markAbsent = async (sessionId: string) => {
      for (const [id, row] of await status())
        if (id !== trainee.id && (row as { status: string }).status === 'admitted')
          await trainer.post(`/api/v1/training/sessions/${sessionId}/attendance`, {
            enrolmentId: id,
            present: false,
            reason: 'Did not come',
          });
    };
    await markAbsent(s1.id);
    expect((await trainer.post(`/api/v1/training/sessions/${s1.id}/close_attendance`)).statusCode).toBe(200);
    // A session that has started cannot be cancelled by its trainer (a stipend counts held ones).
    t.clock.set(new Date(new Date(s2.start).getTime() + 10 * 60_000).toISOString());
    const cancelLate = await trainer.post(`/api/v1/training/sessions/${s2.id}/cancelled`);
    expect(cancelLate.statusCode).toBe(409);
    expect(cancelLate.json().detail).toMatch(/only programme staff/);
    const fix = await trainer.post(`/api/v1/training/sessions/${s2.id}/attendance`, {
      enrolmentId: trainee.id,
      present: true,
      reason: 'Phone battery dead; seen in class',
    });
    expect(fix.statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'training.attendance_corrected')
      .where('entity_id', '=', trainee.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).toContain('Phone battery dead');
    await markAbsent(s2.id);
    expect((await trainer.post(`/api/v1/training/sessions/${s2.id}/close_attendance`)).statusCode).toBe(200);
    const score = await trainer.request('PUT', `/api/v1/training/enrolments/${trainee.id}/assessment`, {
      score: 72,
    });
    expect(score.json()).toMatchObject({ attendancePercent: 100, assessmentScore: 72, completed: true });
    // Another admitted person attended nothing: not completed.
    t.clock.set('2026-12-03T05:00:00Z');
    const fin = await trainer.post(`/api/v1/training/cohorts/${cohort.id}/finish`);
    expect(fin.json()).toMatchObject({ completed: 1, notCompleted: 2 });
    expect(await checkEnrolmentCompletion(t.deps, trainee.id)).toMatchObject({
      completed: true,
      completedOn: '2026-12-03',
    });
    const events = await t.deps.db
      .selectFrom('domain_events')
      .select('payload')
      .where('name', '=', 'training.enrolment_completed')
      .execute();
    const ev = events
      .map((e) => e.payload as { enrolmentId: string; courseTitleUr: string; hours: number })
      .find((p) => p.enrolmentId === trainee.id);
    expect(ev).toMatchObject({ courseTitleUr: 'ویب ڈویلپمنٹ', hours: 120 });

    // The month's stipend: payable at this centre (sessions held, attendance closed, report in);
    // withheld at a centre with a trainer and nothing else, naming each missing condition.
    const other = await trainingSetup(t.deps, { name: 'Quiet Centre' });
    await assignTrainer(t.deps, sys, {
      centerId: other.center.id,
      trainerId: other.trainer.id,
      startsOn: '2026-12-01',
      endsOn: null,
    });
    t.clock.set('2027-01-05T05:00:00Z');
    const staff = await loginClient(t.app, s.admin.email); // a month on, sign in again
    await submitMonthlyReport(t.deps, sys, s.center.id, '2026-12', {
      internetUptimePercent: 99,
      powerUptimePercent: 98,
      trainerName: 'Test trainer',
      trainingSessions: 2,
      peopleTrained: 1,
      notes: null,
    });
    const run = await staff.post('/api/v1/training/stipend-runs/2026-12');
    expect(run.statusCode).toBe(200);
    const byCentre = new Map(run.json().map((r: { centerId: string }) => [r.centerId, r]));
    expect(byCentre.get(s.center.id)).toMatchObject({
      status: 'payable',
      amountMinor: 2_000_000,
      trainerId: s.trainer.id,
    });
    expect(byCentre.get(other.center.id)).toMatchObject({
      status: 'withheld',
      amountMinor: 0,
      withheldReasons: ['no_sessions', 'no_monthly_report'],
    });
    // Running again pays nobody twice.
    await staff.post('/api/v1/training/stipend-runs/2026-12');
    const accruals = await t.deps.db
      .selectFrom('ledger_transactions')
      .select('id')
      .where('kind', '=', 'stipend_accrual')
      .execute();
    expect(accruals).toHaveLength(1);
    // Earned, but held out of the bank file until the trainer records an IBAN: staff and the
    // trainer see why; the file says how many it held.
    const asTrainer = await loginClient(t.app, s.trainer.email);
    const held = (await asTrainer.get('/api/v1/training/stipends?month=2026-12')).json();
    expect(held).toMatchObject([{ status: 'payable', paymentHeld: 'no_bank_account' }]);
    const noIban = await staff.get('/api/v1/training/stipend-runs/2026-12/payment-file.csv');
    expect(noIban.headers['x-markaz-stipends-held']).toBe('1');
    expect(noIban.body.split('\r\n').filter(Boolean)).toHaveLength(1);
    const wrong = await asTrainer.request('PUT', '/api/v1/training/me/bank-account', {
      iban: 'PK36 SCBL 0000 0011 2345 6703',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0].path).toBe('iban');
    const set = await asTrainer.request('PUT', '/api/v1/training/me/bank-account', {
      iban: 'pk36 scbl 0000 0011 2345 6702',
    });
    expect(set.json()).toMatchObject({
      iban: 'PK36SCBL0000001123456702',
      ibanMasked: 'PK36 SCBL **** **** **** 6702',
    });
    const stored = await t.deps.db.selectFrom('trainer_bank_accounts').select('iban').execute();
    expect(stored[0]!.iban).toMatch(/^pii1\./);
    expect(stored[0]!.iban).not.toContain('1123456702');
    const listed = (await staff.get('/api/v1/training/stipends?month=2026-12')).json();
    expect(listed.find((r: { centerId: string }) => r.centerId === s.center.id).paymentHeld).toBeNull();
    const file = await staff.get('/api/v1/training/stipend-runs/2026-12/payment-file.csv');
    expect(file.headers['x-markaz-stipends-held']).toBe('0');
    expect(file.body).toContain('20000.00');
    expect(file.body).toContain(',PK36SCBL0000001123456702,');
    expect(file.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    // No CSV export carries a full CNIC (issue 22): the payee's goes masked.
    expect(file.body).toMatch(/,\d{5}-\*{5}\d{2}-\d,/);
    expect(file.body).not.toMatch(/\d{5}-\d{7}-\d/);
    // The look at the payee's IBAN and mobile is on the record, for the trainer to see.
    const looks = await t.deps.db
      .selectFrom('personal_data_access')
      .select(['fields', 'purpose', 'via'])
      .where('subject_user_id', '=', s.trainer.id)
      .execute();
    expect(looks).toContainEqual({
      fields: ['iban', 'mobile'],
      purpose: 'training_administration',
      via: 'stipend payment file 2026-12',
    });
    // Staff's view of the roster is on each trainee's record (decision 0050).
    const rosterLooks = await t.deps.db
      .selectFrom('personal_data_access')
      .select('subject_user_id')
      .where('via', '=', 'roster')
      .execute();
    expect(rosterLooks.length).toBeGreaterThan(3);
    const claw = await staff.post(`/api/v1/training/stipends/${s.center.id}/2026-12/clawback`, {
      reason: 'Sessions on 2 December found not to have taken place',
    });
    expect(claw.json()).toMatchObject({ status: 'clawed_back' });
    const clawLines = await t.deps.db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_transactions as x', 'x.id', 'e.transaction_id')
      .select(['e.account', 'e.debit_minor', 'e.credit_minor'])
      .where('x.kind', '=', 'stipend_clawback')
      .execute();
    expect(clawLines.map((l) => [l.account, Number(l.debit_minor), Number(l.credit_minor)]).sort()).toEqual([
      ['clawback_receivable', 2_000_000, 0],
      ['stipend_expense', 0, 2_000_000],
    ]);
    const twice = await staff.post(`/api/v1/training/stipends/${s.center.id}/2026-12/clawback`, {
      reason: 'again',
    });
    expect(twice.statusCode).toBe(409);

    // The iCal feed carries the trainee's sessions.
    const traineeNow = await loginClient(t.app, trainee.u.email);
    const feed = await traineeNow.post('/api/v1/me/calendar-feed');
    expect(feed.statusCode).toBeLessThan(300);
    const ics = await t.app.inject({ method: 'GET', url: feed.json().path });
    expect(ics.body).toContain('Training: Web development');
  });
});

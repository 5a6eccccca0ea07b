import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../../areas.ts';
import { testConfig } from '../../config.ts';
import { connectPglite, createPglite } from '../../db/connect.ts';
import { createMigrator, migrateToLatest } from '../../db/migrate.ts';
import { silentLogger } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { piiCipher, sweepIfNeeded } from '../../platform/keys/index.ts';
import { fixedClock } from '../../shared/time.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { addEligibilityRule } from './catalogue.service.ts';
import { createCohort } from './cohort.service.ts';
import { someDistricts, trainingSetup } from './training.fixtures.ts';
import { openBirthDate } from './training.repository.ts';

/**
 * Dates of birth sealed at rest (issue 22): an application keeps only the sealed date, while the
 * age rules still decide from the date typed; the person's export and correction open it; and a
 * database with dates in clear is sealed by the sweep right after the migration.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());
const sys = systemActor('test');

describe('a date of birth on a training application', () => {
  it('is kept sealed, decides eligibility by age, and opens for the person', async () => {
    const s = await trainingSetup(t.deps);
    const [d] = await someDistricts(t.deps, 'PB', 1);
    await addEligibilityRule(t.deps, sys, {
      courseId: s.course.id,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      kind: 'max_age',
      valueText: null,
      valueInt: 35,
    });
    const cohort = await createCohort(t.deps, sys, {
      centerId: s.center.id,
      courseId: s.course.id,
      roomSpaceId: s.room.id,
      trainerId: s.trainer.id,
      capacity: 2,
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      admissionOrder: 'merit',
      seatRule: 'equal',
      districts: [{ districtId: d!.id, weight: 1 }],
      sessions: [{ date: '2026-12-01', from: '10:00', to: '12:00' }],
    });
    const apply = async (birthDate: string) => {
      const u = await makeUser(t.deps, 'freelancer');
      const c = await loginClient(t.app, u.email);
      const r = await c.post(`/api/v1/training/cohorts/${cohort.id}/applications`, {
        domicileDistrictId: d!.id,
        birthDate,
        educationYears: 16,
        meritScore: 70,
      });
      expect(r.statusCode, r.body).toBe(201);
      return { c, enrolment: r.json() as { id: string; status: string; reasons: { rule: string }[] } };
    };
    const young = await apply('2001-04-17');
    const old = await apply('1979-02-23');
    expect(young.enrolment.status).toBe('applied');
    expect(old.enrolment.status).toBe('ineligible');
    expect(old.enrolment.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'max_age',
          passed: false,
          params: expect.objectContaining({ age: 47 }),
        }),
      ]),
    );

    const pii = await piiCipher(t.deps);
    for (const [e, date] of [
      [young.enrolment, '2001-04-17'],
      [old.enrolment, '1979-02-23'],
    ] as const) {
      const row = await sql<{ birth_date: string; x: string }>`SELECT birth_date, r::text AS x
        FROM training_enrolments r WHERE enrolment_id = ${e.id}`.execute(t.deps.db);
      expect(row.rows[0]!.birth_date).toMatch(/^pii1\.identity-\d+\./);
      expect(row.rows[0]!.x).not.toContain(date);
      expect(row.rows[0]!.x).not.toContain(date.replaceAll('-', ''));
      expect(openBirthDate(pii, e.id, row.rows[0]!.birth_date as never)).toBe(date);
    }
    // Bound to its row: another enrolment's id does not open it.
    const youngRow = await t.deps.db
      .selectFrom('training_enrolments')
      .select('birth_date')
      .where('enrolment_id', '=', young.enrolment.id)
      .executeTakeFirstOrThrow();
    expect(() => openBirthDate(pii, old.enrolment.id, youngRow.birth_date)).toThrow(/does not open/);

    // The person's export and the correction form show their own date, opened.
    const exported = (await young.c.get('/api/v1/me/data-export.json')).json();
    const training = exported.sections.find((x: { section: string }) => x.section === 'training');
    expect(training.rows).toEqual([expect.objectContaining({ birth_date: '2001-04-17', status: 'applied' })]);
    const fields = (await young.c.get('/api/v1/me/correctable-fields')).json();
    expect(fields.items.find((f: { field: string }) => f.field === 'date_of_birth').current).toBe(
      '2001-04-17',
    );

    // An approved correction is sealed again, in the same row.
    const asked = await young.c.post('/api/v1/me/corrections', {
      field: 'date_of_birth',
      value: '2001-05-17',
      reason: 'The month was typed wrong',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const admin = await loginClient(t.app, s.admin.email);
    const ok = await admin.post(`/api/v1/corrections/${asked.json().id}/decision`, {
      decision: 'approved',
      reason: 'Matches the birth certificate',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await t.deps.db
      .selectFrom('training_enrolments')
      .select('birth_date')
      .where('enrolment_id', '=', young.enrolment.id)
      .executeTakeFirstOrThrow();
    expect(after.birth_date).toMatch(/^pii1\.identity-/);
    expect(openBirthDate(pii, young.enrolment.id, after.birth_date)).toBe('2001-05-17');
  });
});

describe('dates of birth already in clear', () => {
  it('are sealed by the sweep right after the migration, each in its row', async () => {
    const conn = connectPglite(await createPglite());
    try {
      const deps = {
        areas,
        db: conn.db,
        clock: fixedClock('2026-11-28T05:00:00Z'),
        config: testConfig(),
        log: silentLogger,
      };
      const m = await createMigrator(conn.db).migrateTo('2026-12-10-90-free-seat-feed');
      expect(m.error).toBeUndefined();
      const ids = ['55555555-5555-5555-5555-555555555551', '55555555-5555-5555-5555-555555555552'];
      const district = (await sql<{ id: number }>`SELECT min(id) AS id FROM districts`.execute(conn.db))
        .rows[0]!.id;
      // Centres, cohorts and people are not what this test is about: their foreign keys are left unchecked.
      await sql`SET session_replication_role = replica`.execute(conn.db);
      for (const [i, id] of ids.entries())
        await sql`INSERT INTO training_enrolments (center_id, enrolment_id, cohort_id, user_id, domicile_district_id,
            birth_date, education_years, merit_score, status, applied_at, updated_at)
          VALUES (gen_random_uuid(), ${id}, gen_random_uuid(), gen_random_uuid(), ${district},
            ${i === 0 ? '1994-07-09' : '1988-12-30'}, 16, 70, 'applied', now(), now())`.execute(conn.db);
      await sql`SET session_replication_role = DEFAULT`.execute(conn.db);

      await migrateToLatest(conn.db);
      const swept = await sweepIfNeeded(deps);
      expect(swept?.rewritten.training_enrolments).toBe(2);
      const pii = await piiCipher(deps);
      const rows = await conn.db
        .selectFrom('training_enrolments')
        .select(['enrolment_id', 'birth_date'])
        .orderBy('enrolment_id')
        .execute();
      expect(rows.map((r) => openBirthDate(pii, r.enrolment_id, r.birth_date))).toEqual([
        '1994-07-09',
        '1988-12-30',
      ]);
      const text = await sql<{
        x: string;
      }>`SELECT string_agg(r::text, ' ') AS x FROM training_enrolments r`.execute(conn.db);
      expect(text.rows[0]!.x).not.toMatch(/1994-07-09|1988-12-30/);
      // A second sweep finds nothing left in clear.
      expect((await sweepIfNeeded(deps))?.rewritten.training_enrolments ?? 0).toBe(0);
    } finally {
      await conn.close();
    }
  }, 600_000);
});

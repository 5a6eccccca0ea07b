import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const report = {
  internetUptimePercent: 99.2,
  powerUptimePercent: 97.5,
  trainerName: 'Sadia Anwar',
  trainingSessions: 8,
  peopleTrained: 64,
  notes: 'Two load-shedding days covered by the generator',
};

describe('monthly centre report', () => {
  it('the owner reports an ended month, corrects it, and missing reports are flagged', async () => {
    t.clock.set('2026-09-15T05:00:00Z');
    const ownerUser = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, ownerUser.id);
    const { center: silent } = await makeOperationalCenter(t.deps, (await makeUser(t.deps, 'owner')).id, {
      name: 'Silent',
    });
    t.clock.set('2026-11-28T05:00:00Z');
    const owner = await loginClient(t.app, ownerUser.email);
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);

    const before = await admin.get('/api/v1/center-reports/missing');
    expect(before.json().month).toBe('2026-10');
    expect(
      before
        .json()
        .centers.map((c: { centerId: string }) => c.centerId)
        .sort(),
    ).toEqual([center.id, silent.id].sort());

    const res = await owner.request('PUT', `/api/v1/centers/${center.id}/reports/2026-10`, report);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      month: '2026-10',
      internetUptimePercent: 99.2,
      powerUptimePercent: 97.5,
    });
    const fix = await owner.request('PUT', `/api/v1/centers/${center.id}/reports/2026-10`, {
      ...report,
      peopleTrained: 66,
    });
    expect(fix.json().peopleTrained).toBe(66);
    expect((await owner.get(`/api/v1/centers/${center.id}/reports`)).json()).toHaveLength(1);

    const after = await admin.get('/api/v1/center-reports/missing?month=2026-10');
    expect(after.json().centers.map((c: { nameEn: string }) => c.nameEn)).toEqual(['Silent']);
    // The city (and the centre, where it has one) in Urdu too, for the staff page in Urdu.
    expect(after.json().centers[0]).toMatchObject({ cityName: 'Lahore', cityNameUr: 'لاہور', nameUr: null });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', center.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['center.report_submitted', 'center.report_corrected']),
    );
  });

  it('refuses the current month, another owner, bad percentages; nothing written', async () => {
    t.clock.set('2026-09-15T05:00:00Z');
    const ownerUser = await makeUser(t.deps, 'owner');
    const { center } = await makeOperationalCenter(t.deps, ownerUser.id);
    t.clock.set('2026-11-28T05:00:00Z');
    const owner = await loginClient(t.app, ownerUser.email);
    const other = await loginClient(t.app, (await makeUser(t.deps, 'owner')).email);
    const url = (m: string) => `/api/v1/centers/${center.id}/reports/${m}`;
    expect((await owner.request('PUT', url('2026-11'), report)).statusCode).toBe(400);
    expect((await owner.request('PUT', url('2026-08'), report)).statusCode).toBe(400);
    expect((await owner.request('PUT', url('2026-13'), report)).statusCode).toBe(400);
    expect(
      (await owner.request('PUT', url('2026-10'), { ...report, powerUptimePercent: 101 })).statusCode,
    ).toBe(400);
    expect(
      (await owner.request('PUT', url('2026-10'), { ...report, powerUptimePercent: 99.25 })).statusCode,
    ).toBe(400);
    expect((await other.request('PUT', url('2026-10'), report)).statusCode).toBe(403);
    expect((await other.get(`/api/v1/centers/${center.id}/reports`)).statusCode).toBe(403);
    expect((await owner.get('/api/v1/center-reports/missing')).statusCode).toBe(403);
    expect((await owner.get(`/api/v1/centers/${center.id}/reports`)).json()).toEqual([]);
  });
});

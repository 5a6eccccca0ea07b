import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityId, LAHORE } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { INSPECTION_SETTINGS } from './centers.settings.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const good = {
  internetMbpsMeasured: 50,
  backupPowerTested: true,
  backupPowerMinutes: 180,
  seatsCounted: 20,
  passed: true,
};

describe('an inspection cannot pass a centre that falls short', () => {
  it('0 seats, slow internet, failed or short backup power: 400 naming each field, nothing written', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const owner = await makeUser(t.deps, 'owner');
    const a = await loginClient(t.app, admin.email);
    const created = await a.post('/api/v1/centers', {
      ownerId: owner.id,
      nameEn: 'Inspected Centre',
      address: '2 Mall Road',
      cityId: await cityId(t.deps, 'Lahore'),
      ...LAHORE,
    });
    const id = created.json().id;
    await a.post(`/api/v1/centers/${id}/status`, { status: 'under_setup', reason: 'Fit-out' });
    const url = `/api/v1/centers/${id}/inspections`;
    const cases: [Record<string, unknown>, string][] = [
      [{ seatsCounted: 0 }, 'seatsCounted'],
      [{ internetMbpsMeasured: INSPECTION_SETTINGS.minInternetMbps - 1 }, 'internetMbpsMeasured'],
      [{ backupPowerTested: false }, 'backupPowerTested'],
      [{ backupPowerMinutes: INSPECTION_SETTINGS.minBackupPowerMinutes - 1 }, 'backupPowerMinutes'],
    ];
    for (const [change, field] of cases) {
      const res = await a.post(url, { ...good, ...change });
      expect(res.statusCode, field).toBe(400);
      expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual([field]);
    }
    expect((await a.get(url)).json()).toHaveLength(0);
    expect((await a.get(`/api/v1/centers/${id}`)).json().status).toBe('under_setup');
    // A failed inspection may record what was found, shortfalls and all.
    const failed = await a.post(url, { ...good, seatsCounted: 0, passed: false });
    expect(failed.statusCode, failed.body).toBe(201);
    expect((await a.get(`/api/v1/centers/${id}`)).json().status).toBe('under_setup');
    const passed = await a.post(url, good);
    expect(passed.statusCode, passed.body).toBe(201);
    expect((await a.get(`/api/v1/centers/${id}`)).json().status).toBe('inspected');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_PEOPLE_PER_HOUR, recordDataAccess } from '../../platform/data-access.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('who looked at whose personal data', () => {
  it('masks identifiers in lists and on another person’s record, and reveals them only with a purpose, on the record', async () => {
    const person = await makeUser(t.deps, 'freelancer');
    const admin = await makeUser(t.deps, 'program_admin');
    const staff = await loginClient(t.app, admin.email);

    const list = (await staff.get('/api/v1/users?role=freelancer')).json();
    const row = list.items.find((u: { id: string }) => u.id === person.id);
    expect(row.cnic).toMatch(/^\d{5}-\*{5}\d{2}-\d$/);
    expect(row.mobile).toMatch(/^\+92 3\d{2} \*{3}\d{4}$/);
    expect(row.email).toContain('*');
    expect(JSON.stringify(list)).not.toContain(person.cnic!);
    expect(JSON.stringify(list)).not.toContain(person.mobile!);
    const one = (await staff.get(`/api/v1/users/${person.id}`)).json();
    expect(one.cnic).not.toBe(person.cnic);

    const noPurpose = await staff.post(`/api/v1/users/${person.id}/reveal`, { fields: ['cnic'] });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().errors ?? noPurpose.json().fields ?? noPurpose.body).toBeTruthy();
    expect(noPurpose.body).toContain('purpose');
    const badPurpose = await staff.post(`/api/v1/users/${person.id}/reveal`, {
      fields: ['cnic'],
      purpose: 'curiosity',
    });
    expect(badPurpose.statusCode).toBe(400);
    expect(badPurpose.body).toContain('purpose');
    const noFields = await staff.post(`/api/v1/users/${person.id}/reveal`, {
      fields: [],
      purpose: 'complaint',
    });
    expect(noFields.statusCode).toBe(400);
    expect(noFields.body).toContain('fields');
    // Nothing was recorded for the refused requests.
    const before = await t.deps.db.selectFrom('personal_data_access').selectAll().execute();
    expect(before.filter((r) => r.subject_user_id === person.id)).toEqual([]);

    const shown = await staff.post(`/api/v1/users/${person.id}/reveal`, {
      fields: ['cnic', 'mobile'],
      purpose: 'complaint',
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ cnic: person.cnic, mobile: person.mobile });

    const mine = await loginClient(t.app, person.email);
    const seen = (await mine.get('/api/v1/me/data-access')).json();
    expect(seen.items).toHaveLength(1);
    expect(seen.items[0]).toMatchObject({
      reader: { userId: admin.id, name: admin.name, role: 'program_admin' },
      fields: ['cnic', 'mobile'],
      purpose: 'complaint',
      via: 'reveal',
    });
    // The person looking at their own data leaves no entry.
    await mine.get(`/api/v1/users/${person.id}`);
    expect((await mine.get('/api/v1/me/data-access')).json().items).toHaveLength(1);
  });

  it('records a staff read of a freelancer’s profile with its purpose; an auditor reads for audit', async () => {
    const person = await makeUser(t.deps, 'freelancer');
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const auditorUser = await makeUser(t.deps, 'auditor');
    const auditor = await loginClient(t.app, auditorUser.email);
    await loginClient(t.app, person.email).then((c) =>
      c.patch('/api/v1/me/freelancer-profile', { skills: ['react'], homeCityId: null }),
    );
    const refused = await admin.get(`/api/v1/freelancers/${person.id}/profile`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('purpose');
    expect((await admin.get(`/api/v1/freelancers/${person.id}/profile?purpose=nosy`)).statusCode).toBe(400);
    const ok = await admin.get(`/api/v1/freelancers/${person.id}/profile?purpose=application_review`);
    expect([200, 404]).toContain(ok.statusCode);
    if (ok.statusCode === 200) {
      expect((await auditor.get(`/api/v1/freelancers/${person.id}/profile`)).statusCode).toBe(200);
      const log = (await auditor.get(`/api/v1/data-access?subjectId=${person.id}`)).json();
      expect(log.items.map((i: { purpose: string; via: string }) => [i.purpose, i.via])).toEqual([
        ['audit', 'profile'],
        ['application_review', 'profile'],
      ]);
    }
  });

  it('lets only the auditor search the log, with dates checked', async () => {
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    expect((await admin.get('/api/v1/data-access')).statusCode).toBe(403);
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    const bad = await auditor.get('/api/v1/data-access?from=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    const backwards = await auditor.get('/api/v1/data-access?from=2026-11-30&to=2026-11-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('to');
  });

  it('alerts the auditor when one reader looks at unusually many people in an hour, once', async () => {
    const adminUser = await makeUser(t.deps, 'program_admin');
    const actor = {
      kind: 'user' as const,
      userId: adminUser.id as never,
      role: 'program_admin' as const,
      organizationId: null,
    };
    const people = [];
    for (let i = 0; i < ALERT_PEOPLE_PER_HOUR + 2; i++) people.push(await makeUser(t.deps, 'freelancer'));
    for (const [i, p] of people.entries()) {
      await recordDataAccess(t.deps.db, t.clock, actor, {
        subjectUserId: p.id,
        fields: ['cnic'],
        purpose: 'fraud_investigation',
        via: 'reveal',
      });
      if (i === ALERT_PEOPLE_PER_HOUR - 2) {
        const none = await t.deps.db.selectFrom('data_access_alerts').selectAll().execute();
        expect(none.filter((a) => a.actor_user_id === adminUser.id)).toEqual([]);
      }
    }
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    const alerts = (await auditor.get('/api/v1/data-access/alerts')).json().items;
    const mine = alerts.filter((a: { reader: { userId: string } }) => a.reader.userId === adminUser.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].people).toBe(ALERT_PEOPLE_PER_HOUR + 2);
    expect(mine[0].review).toBeNull();
    const short = await auditor.post(`/api/v1/data-access/alerts/${mine[0].id}/review`, { note: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('note');
    const done = await auditor.post(`/api/v1/data-access/alerts/${mine[0].id}/review`, {
      note: 'Fraud team sweep, ticket 42',
    });
    expect(done.statusCode).toBe(200);
    const again = await auditor.post(`/api/v1/data-access/alerts/${mine[0].id}/review`, {
      note: 'Fraud team sweep, ticket 42',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to change a recorded look', async () => {
    await expect(
      t.deps.db.updateTable('personal_data_access').set({ purpose: 'audit' }).execute(),
    ).rejects.toThrow(/append-only/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/tx.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { dispatchEvents } from '../../platform/events/index.ts';
import type { UserId } from '../../shared/ids.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { completedEnrolments } from './training.fixtures.ts';

// A completed enrolment becomes a certificate through the outbox (this area's event, the
// credentials area's subscription), exactly once; an annulled completion's certificate is revoked; the portal counts
// completions holding a valid certificate.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
}, 60_000);
afterAll(() => t.close());
const _sys = systemActor('test');
const _as = (id: string, role: 'freelancer' | 'trainer' | 'program_admin'): Actor => ({
  kind: 'user',
  userId: id as UserId,
  role,
  organizationId: null,
});
const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });

describe('certificates issued on completion', () => {
  it('issues one certificate per completion through the outbox, revokes it when annulled, and the portal counts them', async () => {
    const { s, people } = await completedEnrolments(t, 3);
    const certs = () =>
      t.deps.db
        .selectFrom('certificates')
        .select(['enrolment_id', 'code', 'revoked_at', 'display_name'])
        .where(
          'enrolment_id',
          'in',
          people.map((p) => p.e.id),
        )
        .execute();
    expect(await certs()).toEqual([]); // not before the event is delivered
    await dispatch();
    const issued = await certs();
    expect(issued).toHaveLength(3);
    expect(issued.every((c) => c.revoked_at === null)).toBe(true);

    // A redelivery issues nothing twice.
    const events = await t.deps.db
      .selectFrom('domain_events')
      .select(['id', 'name', 'version', 'occurred_at', 'payload'])
      .where('name', '=', 'training.enrolment_completed')
      .execute();
    const issue = t.deps.areas.handlers.find((h) => h.id === 'credentials.issue-certificate')!;
    for (const e of events)
      await inTransaction(t.deps.db, (trx) =>
        issue.handle(
          { ...t.deps, db: trx },
          {
            id: e.id,
            name: e.name,
            version: e.version,
            occurredAt: e.occurred_at,
            payload: e.payload as never,
          },
          trx,
        ),
      );
    expect(await certs()).toHaveLength(3);

    // The certificate verifies, independently, and says what the course was.
    const code = issued[0]!.code;
    const pub = (await t.app.inject({ url: `/api/v1/public/credentials/${code}` })).json();
    expect(pub).toMatchObject({ status: 'valid', courseTitleEn: 'Web development', signatureValid: true });
    const outcomes = async () => (await t.app.inject({ url: '/api/v1/public/training' })).json();
    expect((await outcomes()).certified).toBe(3);

    // Staff annul one completion: it leaves the counts and its certificate is revoked.
    const admin = await loginClient(t.app, s.admin.email);
    const target = issued.find((c) => c.code === code)!;
    const bad = await admin.post(`/api/v1/training/enrolments/${target.enrolment_id}/annul`, {
      reason: 'no',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('reason');
    const annul = await admin.post(`/api/v1/training/enrolments/${target.enrolment_id}/annul`, {
      reason: 'Attendance register found to be false',
    });
    expect(annul.statusCode).toBe(200);
    expect(annul.json().status).toBe('not_completed');
    await dispatch();
    const after = (await t.app.inject({ url: `/api/v1/public/credentials/${code}` })).json();
    expect(after.status).toBe('revoked');
    expect((await outcomes()).certified).toBe(2);
    const stranger = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    expect(
      (
        await stranger.post(`/api/v1/training/enrolments/${issued[1]!.enrolment_id}/annul`, {
          reason: 'I say so, loudly',
        })
      ).statusCode,
    ).toBe(403);
  });
});

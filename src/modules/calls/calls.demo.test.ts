import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, type TestApp } from '../../testing/test-app.ts';
import { seedIdentityDemo } from '../identity/index.ts';
import { seedCallsDemo } from './calls.demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedIdentityDemo(t.deps);
  await seedCallsDemo(t.deps);
});
afterAll(() => t.close());

describe('the centre-selection demo', () => {
  it('has a decided first phase with a public ranking and an open second call', async () => {
    const calls = (await t.app.inject({ url: '/api/v1/calls' })).json();
    expect(calls.map((c: { titleEn: string; phase: string }) => `${c.titleEn}: ${c.phase}`)).toEqual([
      'Second phase: district centres: open',
      'First phase, 250 centres: decided',
    ]);
    const first = calls[1];
    expect(first.totalSeats).toBe(250);
    expect(first.submittedApplications).toBe(8);
    const results = (await t.app.inject({ url: `/api/v1/calls/${first.id}/results` })).json();
    const items = results.provinces.flatMap((p: { items: { result: string }[] }) => p.items);
    expect(items).toHaveLength(8);
    expect(items.filter((i: { result: string }) => i.result === 'shortlisted')).toHaveLength(7);
    expect(items.filter((i: { result: string }) => i.result === 'failed')).toHaveLength(1);
  });

  it('lets a demo owner see the decision and still appeal, and an evaluator see pending work', async () => {
    const owner = await loginClient(t.app, 'owner1@markaz.pk', 'markaz-demo-2026');
    const mine = (await owner.get('/api/v1/applications')).json();
    expect(mine.map((a: { status: string }) => a.status).sort()).toEqual([
      'shortlisted',
      'shortlisted',
      'submitted',
    ]);
    const app = (await owner.get(`/api/v1/applications/${mine[0].id}`)).json();
    expect(app.result.rank).toBeGreaterThan(0);
    expect(new Date(app.result.appealDeadline).getTime()).toBeGreaterThan(t.clock.now().getTime());
    const owner3 = await loginClient(t.app, 'owner3@markaz.pk', 'markaz-demo-2026');
    expect(
      (await owner3.get('/api/v1/applications'))
        .json()
        .map((a: { status: string }) => a.status)
        .sort(),
    ).toEqual(['draft', 'shortlisted']);
    const ev = await loginClient(t.app, 'evaluator1@markaz.pk', 'markaz-demo-2026');
    expect((await ev.get('/api/v1/evaluations?status=pending')).json()).toHaveLength(1);
  });
});

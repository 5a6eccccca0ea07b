import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { fundFounder } from './fund.fixtures.ts';

/**
 * Decision 0050 for the fund: staff's list of startups shows founders' CNICs masked; the full
 * value only through a reveal with a purpose, which goes on the founder's record of who looked.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

type Listed = { id: string; founders: { name: string; cnic: string }[] };

describe('founders’ CNICs in staff’s startup list', () => {
  it('are masked; a reveal needs a purpose, shows them in full and is recorded', async () => {
    const f = await fundFounder(t);
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const auditor = await loginClient(t.app, (await makeUser(t.deps, 'auditor')).email);
    const evaluator = await loginClient(t.app, (await makeUser(t.deps, 'evaluator')).email);

    const listed = (await admin.get('/api/v1/fund/startups?scope=all')).json() as Listed[];
    const mine = listed.find((s) => s.id === f.startup.id)!;
    expect(mine.founders).toEqual([{ name: 'A Founder', cnic: '35202-*****67-1' }]);
    const all = (await admin.get('/api/v1/fund/startups?scope=all')).body;
    expect(all).not.toContain('1234567');
    const audited = (await auditor.get('/api/v1/fund/startups?scope=all')).json() as Listed[];
    expect(audited.find((s) => s.id === f.startup.id)!.founders[0]!.cnic).toBe('35202-*****67-1');
    // The founder still sees their own in full; the committee sees none.
    const own = (await f.client.get('/api/v1/fund/startups')).json() as Listed[];
    expect(own[0]!.founders[0]!.cnic).toBe('35202-1234567-1');
    const committee = (await evaluator.get('/api/v1/fund/startups?scope=all')).json() as Listed[];
    expect(committee.find((s) => s.id === f.startup.id)!.founders).toEqual([]);

    const url = `/api/v1/fund/startups/${f.startup.id}/founders/reveal`;
    const looks = async () =>
      (await f.client.get('/api/v1/me/data-access')).json().items as Record<string, unknown>[];
    const before = (await looks()).filter((l) => l.via === 'reveal');
    expect(before).toEqual([]);

    // No purpose, an unknown one, the committee, a missing startup: refused, nothing recorded.
    const noPurpose = await admin.post(url, {});
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().fields[0].path).toBe('purpose');
    expect((await admin.post(url, { purpose: 'curiosity' })).statusCode).toBe(400);
    expect((await evaluator.post(url, { purpose: 'application_review' })).statusCode).toBe(403);
    expect((await f.client.post(url, { purpose: 'application_review' })).statusCode).toBe(403);
    expect(
      (
        await admin.post('/api/v1/fund/startups/00000000-0000-0000-0000-000000000000/founders/reveal', {
          purpose: 'application_review',
        })
      ).statusCode,
    ).toBe(404);
    expect((await looks()).filter((l) => l.via === 'reveal')).toEqual([]);

    const shown = await admin.post(url, { purpose: 'fraud_investigation' });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ founders: [{ name: 'A Founder', cnic: '35202-1234567-1' }] });
    // An auditor reads for audit unless they say otherwise.
    expect((await auditor.post(url, {})).statusCode).toBe(200);

    const reveals = (await looks()).filter((l) => l.via === 'reveal');
    expect(reveals).toHaveLength(2);
    expect(reveals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          fields: ['founders'],
          purpose: 'audit',
          reader: expect.objectContaining({ role: 'auditor' }),
        }),
        expect.objectContaining({
          fields: ['founders'],
          purpose: 'fraud_investigation',
          reader: expect.objectContaining({ role: 'program_admin' }),
        }),
      ]),
    );
    // The list itself is on the record too, as a look at the founders' names only.
    expect(
      (await looks()).some((l) => l.via === 'fund_startups' && String(l.fields) === 'founder_names'),
    ).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityId } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const profile = {
  skills: ['React', 'Urdu copywriting', 'React'],
  platforms: ['upwork', 'fiverr'],
  portfolioUrl: 'https://example.pk/portfolio',
  homeCityId: 0,
  bio: 'Front-end developer from Multan',
};

describe('freelancer profile', () => {
  it('a freelancer sets and reads their profile; others cannot read it', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, f.email);
    const empty = await c.get('/api/v1/me/freelancer-profile');
    expect(empty.json()).toMatchObject({ skills: [], platforms: [], cnicOnFile: true, updatedAt: null });
    const multan = await cityId(t.deps, 'Multan');
    const res = await c.request('PUT', '/api/v1/me/freelancer-profile', { ...profile, homeCityId: multan });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      skills: ['React', 'Urdu copywriting'],
      platforms: ['upwork', 'fiverr'],
      homeCityName: 'Multan',
    });
    const other = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    expect((await other.get(`/api/v1/freelancers/${f.id}/profile`)).statusCode).toBe(404);
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    expect(
      (await admin.get(`/api/v1/freelancers/${f.id}/profile?purpose=application_review`)).json().bio,
    ).toBe(profile.bio);
  });

  it('bad input is refused with the field named', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, f.email);
    const multan = await cityId(t.deps, 'Multan');
    for (const [patch, field] of [
      [{ portfolioUrl: 'javascript:alert(1)' }, 'portfolioUrl'],
      [{ platforms: ['myspace'] }, 'platforms.0'],
      [{ homeCityId: 99_999_999 }, 'homeCityId'],
      [{ skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }, 'skills'],
    ] as const) {
      const res = await c.request('PUT', '/api/v1/me/freelancer-profile', {
        ...profile,
        homeCityId: multan,
        ...patch,
      });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().fields.map((x: { path: string }) => x.path)).toContain(field);
    }
    const owner = await loginClient(t.app, (await makeUser(t.deps, 'owner')).email);
    expect(
      (await owner.request('PUT', '/api/v1/me/freelancer-profile', { ...profile, homeCityId: null }))
        .statusCode,
    ).toBe(403);
  });
});

describe('earnings declarations', () => {
  it('one per freelancer, month and platform; declaring again corrects it; audited', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, f.email);
    const first = await c.request('PUT', '/api/v1/me/earnings/2026-10/upwork', { amountMinor: 125_000 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().amount).toEqual({ amountMinor: 125_000, currency: 'USD' });
    await c.request('PUT', '/api/v1/me/earnings/2026-10/upwork', { amountMinor: 130_000 });
    await c.request('PUT', '/api/v1/me/earnings/2026-10/fiverr', { amountMinor: 40_000 });
    const mine = await c.get('/api/v1/me/earnings');
    expect(
      mine
        .json()
        .map((d: { platform: string; amount: { amountMinor: number } }) => [
          d.platform,
          d.amount.amountMinor,
        ]),
    ).toEqual([
      ['fiverr', 40_000],
      ['upwork', 130_000],
    ]);
    const rows = await t.deps.db
      .selectFrom('earnings_declarations')
      .selectAll()
      .where('freelancer_id', '=', f.id)
      .execute();
    expect(rows).toHaveLength(2);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'earnings_declaration')
      .where('actor_id', '=', f.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'earnings.corrected',
      'earnings.declared',
      'earnings.declared',
    ]);
  });

  it('refuses the future, bad months, negative and fractional amounts, and non-freelancers', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, f.email);
    for (const [url, body] of [
      ['/api/v1/me/earnings/2027-01/upwork', { amountMinor: 1 }],
      ['/api/v1/me/earnings/2026-13/upwork', { amountMinor: 1 }],
      ['/api/v1/me/earnings/2026-10/myspace', { amountMinor: 1 }],
      ['/api/v1/me/earnings/2026-10/upwork', { amountMinor: -5 }],
      ['/api/v1/me/earnings/2026-10/upwork', { amountMinor: 12.5 }],
    ] as const) {
      expect((await c.request('PUT', url, body)).statusCode, url).toBe(400);
    }
    const owner = await loginClient(t.app, (await makeUser(t.deps, 'owner')).email);
    expect(
      (await owner.request('PUT', '/api/v1/me/earnings/2026-10/upwork', { amountMinor: 1 })).statusCode,
    ).toBe(403);
    expect(
      await t.deps.db
        .selectFrom('earnings_declarations')
        .selectAll()
        .where('freelancer_id', '=', f.id)
        .execute(),
    ).toEqual([]);
  });

  it('the public summary shows aggregates only, withholding small groups', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
      await c.request('PUT', '/api/v1/me/earnings/2026-09/upwork', { amountMinor: 100_000 });
    }
    const c = await loginClient(t.app, (await makeUser(t.deps, 'freelancer')).email);
    await c.request('PUT', '/api/v1/me/earnings/2026-09/guru', { amountMinor: 777_00 });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/earnings/summary?from=2026-09&to=2026-09',
    });
    expect(res.statusCode).toBe(200);
    const [sept] = res.json().months;
    expect(sept).toMatchObject({ month: '2026-09', declarants: 4, total: { amountMinor: 377_700 } });
    expect(sept.byPlatform).toEqual([
      { platform: 'guru', declarants: 1, total: null },
      { platform: 'upwork', declarants: 3, total: { amountMinor: 300_000, currency: 'USD' } },
    ]);
    expect(JSON.stringify(res.json())).not.toContain('freelancer_id');
  });
});

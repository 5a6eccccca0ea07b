import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { testConfig } from '../config.ts';
import type { Connection } from '../db/connect.ts';
import { type Deps, forReads, silentLogger } from '../deps.ts';
import { fixedClock } from '../shared/time.ts';
import { loginClient, makeUser } from '../testing/test-app.ts';
import { createTestDb } from '../testing/test-db.ts';
import { buildApp } from './app.ts';

// Two databases standing for a primary and a replica that has diverged from it (as a lagging or
// a deliberately different one would): whatever the public endpoints show must come from the
// replica, and every write must land on the primary.
describe('DATABASE_READ_URL: public reads from the replica, writes to the primary', () => {
  let primary: Connection;
  let replica: Connection;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let primaryDeps: Deps;
  let replicaDeps: Deps;
  const clock = fixedClock('2026-11-28T05:00:00Z');
  const config = testConfig();

  beforeAll(async () => {
    primary = await createTestDb();
    replica = await createTestDb();
    primaryDeps = { areas, db: primary.db, clock, config, log: silentLogger };
    replicaDeps = { areas, db: replica.db, clock, config, log: silentLogger };
    app = await buildApp({ areas, config, db: primary.db, readDb: replica.db, clock, serveWeb: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await primary?.close();
    await replica?.close();
  });

  it('forReads falls back to the primary when there is no replica', () => {
    expect(forReads(primaryDeps).db).toBe(primary.db);
    expect(forReads({ ...primaryDeps, readDb: replica.db }).db).toBe(replica.db);
  });

  it('the centre directory and a centre page read the replica; availability reads the primary', async () => {
    // Imported here, after the app: the fixture's module graph is circular when loaded first.
    const { LAHORE, makeOperationalCenter } = await import('../testing/centre-fixtures.ts');
    const owner = await makeUser(replicaDeps, 'owner');
    const { center: centre } = await makeOperationalCenter(replicaDeps, owner.id, {
      name: 'Only on the replica',
    });
    const q = `lat=${LAHORE.latitude}&lng=${LAHORE.longitude}&radiusKm=5&date=2026-11-30&from=10:00&to=12:00`;
    // Which seats are free never comes from a replica, which may lag by more than a second.
    const search = await app.inject({ method: 'GET', url: `/api/v1/centers/search?${q}` });
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toEqual([]);
    const free = await app.inject({
      method: 'GET',
      url: `/api/v1/centers/${centre.id}/free-seats?plan=hourly&date=2026-11-30&from=10:00&to=12:00`,
    });
    expect(free.statusCode).toBe(404);
    const page = await app.inject({ method: 'GET', url: `/api/v1/centers/${centre.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().nameEn).toBe('Only on the replica');
    const list = await app.inject({ method: 'GET', url: '/api/v1/centers' });
    expect(JSON.stringify(list.json())).toContain(centre.id);
    // The primary has never heard of it.
    expect(await primary.db.selectFrom('centers').select('center_id').execute()).toEqual([]);
  });

  it('a signed-in user reads the primary (their own writes are never behind)', async () => {
    const admin = await makeUser(primaryDeps, 'program_admin');
    const ac = await loginClient(app, admin.email);
    const ids = await replica.db.selectFrom('centers').select('center_id').execute();
    const res = await ac.get(`/api/v1/centers/${ids[0]!.center_id}`);
    expect(res.statusCode).toBe(404);
  });

  it('portal figures and the promise register read the replica; recording a promise writes the primary', async () => {
    const admin = await makeUser(primaryDeps, 'program_admin');
    const ac = await loginClient(app, admin.email);
    const created = await ac.post('/api/v1/promises', {
      announcedOn: '2024-01-01',
      announcedBy: 'Federal Government',
      sourceName: 'Written on the primary',
      titleEn: '10,000 centres',
      titleUr: '10,000 مراکز',
      target: 10000,
      unit: 'centres',
      figureKey: 'centres.operational',
    });
    expect(created.statusCode).toBe(201);
    const onPrimary = await primary.db.selectFrom('promises').select('source_name').execute();
    expect(onPrimary.map((p) => p.source_name)).toEqual(['Written on the primary']);
    expect(await replica.db.selectFrom('promises').select('id').execute()).toEqual([]);
    // The public register is the replica's: it has not seen the new promise yet.
    const register = await app.inject({ method: 'GET', url: '/api/v1/public/promises' });
    expect(register.statusCode).toBe(200);
    expect(register.json().items).toEqual([]);

    await replica.db
      .insertInto('public_figures')
      .values({ key: 'centres.operational', total: 4321, by_province: null, computed_at: clock.now() })
      .execute();
    const figures = await app.inject({ method: 'GET', url: '/api/v1/public/figures' });
    expect(figures.statusCode).toBe(200);
    expect(JSON.stringify(figures.json())).toContain('4321');
  });
});

import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { refreshFigures } from './figures.service.ts';
import { takeSnapshot, verifySnapshots } from './snapshot.service.ts';
import { seedTransparencyDemo } from './transparency.demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 3; i++) await makeUser(t.deps, 'freelancer');
  await makeUser(t.deps, 'owner');
  await seedTransparencyDemo(t.deps);
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('headline figures', () => {
  it('are computed from the records, each with definition, unit and as-of time', async () => {
    const res = await get('/api/v1/public/figures');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age');
    const figures = res.json() as {
      key: string;
      total: number | null;
      available: boolean;
      asOf: string | null;
      definitionEn: string;
    }[];
    const freelancers = figures.find((f) => f.key === 'freelancers.registered')!;
    expect(freelancers).toMatchObject({ available: true, total: 3 });
    expect(freelancers.definitionEn.length).toBeGreaterThan(20);
    expect(freelancers.asOf).toBe(t.clock.now().toISOString());
    expect(figures.find((f) => f.key === 'owners.registered')!.total).toBe(1);
  });

  it('count the startup fund’s grants, now that its area is built: none paid yet is a real zero', async () => {
    const figures = (await get('/api/v1/public/figures')).json() as {
      key: string;
      total: number | null;
      available: boolean;
    }[];
    const grants = figures.find((f) => f.key === 'startup.grants_pkr')!;
    expect(grants).toMatchObject({ available: true, total: 0 });
  });

  it('follow new records after the background refresh', async () => {
    await makeUser(t.deps, 'freelancer');
    await refreshFigures(t.deps);
    const figures = (await get('/api/v1/public/figures')).json() as { key: string; total: number }[];
    expect(figures.find((f) => f.key === 'freelancers.registered')!.total).toBe(4);
  });
});

describe('promise register', () => {
  it('lists the announcements with their sources, delivery and status', async () => {
    const res = await get('/api/v1/public/promises');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.statusRuleEn).toContain('Met');
    const punjab = body.items.find((p: { provinceCode: string | null }) => p.provinceCode === 'PB');
    expect(punjab).toMatchObject({
      target: 149,
      sourceName: 'ProPakistani, April 2024',
      announcedPrecision: 'month',
    });
    const trained = body.items.find((p: { figureKey: string }) => p.figureKey === 'training.trained');
    // Training is built: nobody has completed a course here yet, and that is a zero, not "no data".
    expect(trained).toMatchObject({ delivered: 0 });
    expect(body.items.length).toBeGreaterThanOrEqual(13);
  });

  it('an admin corrects a promise: a new entry says why, the old one stays, superseded', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const ac = await loginClient(t.app, admin.email);
    const before = (await get('/api/v1/public/promises')).json().items;
    const old = before.find((p: { target: number }) => p.target === 16000);
    const body = {
      announcedOn: old.announcedOn,
      announcedPrecision: old.announcedPrecision,
      announcedBy: old.announcedBy,
      sourceName: old.sourceName,
      titleEn: old.titleEn,
      titleUr: old.titleUr,
      target: 15000,
      unit: 'people',
      figureKey: 'training.trained',
      correctionNote: 'The figure quoted in the source was 15,000, not 16,000.',
    };
    const res = await ac.post(`/api/v1/promises/${old.id}/correct`, body);
    expect(res.statusCode).toBe(201);
    const after = (await get('/api/v1/public/promises')).json().items;
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((p: { id: string }) => p.id === old.id).supersededBy).toBe(res.json().id);
    expect(res.json().correctionNote).toContain('15,000');
    const again = await ac.post(`/api/v1/promises/${old.id}/correct`, {
      ...body,
      correctionNote: 'second try at the same entry',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses bad promises clearly and lets only admins record them', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    const ac = await loginClient(t.app, admin.email);
    const bad = await ac.post('/api/v1/promises', {
      announcedOn: '2024-13-01',
      announcedBy: 'x',
      sourceName: 'x',
      titleEn: 'x',
      titleUr: 'x',
      target: -5,
      unit: 'centres',
      figureKey: 'centres.operational',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['announcedOn', 'target']),
    );
    const unknownFigure = await ac.post('/api/v1/promises', {
      announcedOn: '2024-01-01',
      announcedBy: 'x',
      sourceName: 'x',
      titleEn: 'x',
      titleUr: 'x',
      target: 5,
      unit: 'centres',
      figureKey: 'nonsense',
    });
    expect(unknownFigure.json().fields[0].path).toBe('figureKey');
    const freelancer = await makeUser(t.deps, 'freelancer');
    const fc = await loginClient(t.app, freelancer.email);
    expect((await fc.post('/api/v1/promises', {})).statusCode).toBe(400);
    const denied = await fc.post('/api/v1/promises', {
      announcedOn: '2024-01-01',
      announcedBy: 'x',
      sourceName: 'x',
      titleEn: 'x',
      titleUr: 'x',
      target: 5,
      unit: 'centres',
      figureKey: 'centres.operational',
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('verifiable daily snapshots', () => {
  it('chain each day to the day before and to the signed audit tree head; re-running a day is a no-op', async () => {
    const first = await takeSnapshot(t.deps, '2026-11-28');
    expect(first.created).toBe(true);
    expect((await takeSnapshot(t.deps, '2026-11-28')).created).toBe(false);
    await takeSnapshot(t.deps, '2026-11-29');
    const list = (await get('/api/v1/public/snapshots')).json();
    // The demo's history: the last day of each of the five months before, and yesterday.
    expect(list.map((s: { day: string }) => s.day)).toEqual([
      '2026-11-29',
      '2026-11-28',
      '2026-11-27',
      '2026-10-31',
      '2026-09-30',
      '2026-08-31',
      '2026-07-31',
      '2026-06-30',
    ]);
    expect(list[0].prevHash).toBe(list[1].hash);
    const day = (await get('/api/v1/public/snapshots/2026-11-28')).json();
    expect(day.content.auditTreeHead.rootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(day.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await get('/api/v1/public/snapshots/verify')).json()).toMatchObject({ ok: true, checkedDays: 8 });
  });

  it('the published verification script recomputes the hashes, and catches a doctored download', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snap-'));
    const list = (await get('/api/v1/public/snapshots')).json() as { day: string }[];
    const files = [];
    for (const s of list) {
      const file = join(dir, `${s.day}.json`);
      writeFileSync(file, (await get(`/api/v1/public/snapshots/${s.day}`)).body);
      files.push(file);
    }
    const keys = join(dir, 'keys.json');
    writeFileSync(keys, (await get('/api/v1/keys')).body);
    const out = execFileSync('node', ['scripts/verify-snapshots.mjs', '--keys', keys, ...files], {
      encoding: 'utf8',
    });
    expect(out).toContain(`All ${list.length} snapshot(s) verified.`);
    expect(out).toMatch(/2026-11-29 {2}OK {6}[0-9a-f]{64} {2}\(signed\)/);
    // Rewritten from the last day on, hashes recomputed: the signature no longer verifies.
    const last = JSON.parse((await get('/api/v1/public/snapshots/2026-11-29')).body);
    last.content.figures['freelancers.registered'].total = 9999;
    last.hash = createHash('sha256')
      .update(`${last.prevHash}\n${canonicalJson(last.content)}`)
      .digest('hex');
    writeFileSync(files[0]!, JSON.stringify(last));
    const resigned = spawnSync('node', ['scripts/verify-snapshots.mjs', '--keys', keys, ...files], {
      encoding: 'utf8',
    });
    expect(resigned.status).toBe(1);
    expect(resigned.stdout).toMatch(/2026-11-29 {2}BROKEN .*signature not valid/);
    const doctored = JSON.parse((await get('/api/v1/public/snapshots/2026-11-28')).body);
    doctored.content.figures['freelancers.registered'].total = 9999;
    writeFileSync(files[1]!, JSON.stringify(doctored));
    const broken = spawnSync('node', ['scripts/verify-snapshots.mjs', ...files], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/2026-11-28 {2}BROKEN/);
  });

  it("against a server, each day's audit tree head is signed and today's log still extends it", async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { stdout } = await promisify(execFile)('node', ['scripts/verify-snapshots.mjs', base]).catch(
      (e: { stdout: string; stderr: string }) => ({ stdout: e.stdout + e.stderr }),
    );
    expect(stdout).toMatch(/All \d+ snapshot\(s\) verified\./);
    expect(stdout).toMatch(/2026-11-28 {2}OK {6}[0-9a-f]{64} {2}\(signed\)/);
  });

  it('a snapshot cannot be edited in place, and an edit that bypasses the guard is detected and named', async () => {
    await expect(
      sql`UPDATE public_snapshots SET hash = 'x' WHERE day = '2026-11-28'`.execute(t.deps.db),
    ).rejects.toThrow(/kept forever/);
    await t.deps.db.connection().execute(async (conn) => {
      await sql`ALTER TABLE public_snapshots DISABLE TRIGGER public_snapshots_append_only`.execute(conn);
      await sql`UPDATE public_snapshots SET content = jsonb_set(content, '{takenAt}', '"2020-01-01T00:00:00.000Z"') WHERE day = '2026-11-28'`.execute(
        conn,
      );
      await sql`ALTER TABLE public_snapshots ENABLE TRIGGER public_snapshots_append_only`.execute(conn);
    });
    expect(await verifySnapshots(t.deps)).toMatchObject({
      ok: false,
      broken: { day: '2026-11-28', reason: 'its content does not match its hash' },
    });
  });
});

describe('open data', () => {
  it('every dataset downloads as CSV and JSON, described by a Frictionless data package', async () => {
    const pkg = (await get('/api/v1/open-data/datapackage.json')).json();
    expect(pkg.licenses[0].name).toBe('CC-BY-4.0');
    expect(pkg.resources.length).toBeGreaterThanOrEqual(5);
    for (const r of pkg.resources) {
      const csv = await get(`/api/v1/open-data/${r.name}.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(csv.body.endsWith('\r\n')).toBe(true);
      const header = csv.body.split('\r\n')[0]!.split(',');
      expect(header).toEqual(r.schema.fields.map((f: { name: string }) => f.name));
      const json = await get(`/api/v1/open-data/${r.name}.json`);
      expect(Array.isArray(json.json())).toBe(true);
    }
  });

  it('a headline figure recomputes from the CSV', async () => {
    const csv = (await get('/api/v1/open-data/figures.csv')).body;
    const line = csv.split('\r\n').find((l) => l.startsWith('freelancers.registered,'))!;
    const figures = (await get('/api/v1/public/figures')).json() as { key: string; total: number }[];
    expect(line.split(',')).toContain(String(figures.find((f) => f.key === 'freelancers.registered')!.total));
  });

  it('unknown datasets and malformed names are clear 4xx', async () => {
    expect((await get('/api/v1/open-data/nothing.csv')).statusCode).toBe(404);
    expect((await get('/api/v1/open-data/..%2Fetc.csv')).statusCode).toBe(400);
  });

  it('privacy: no public output contains a CNIC, an email address or a phone number', async () => {
    const pkg = (await get('/api/v1/open-data/datapackage.json')).json();
    const urls = [
      '/api/v1/public/figures',
      '/api/v1/public/promises',
      '/api/v1/public/snapshots',
      ...(await get('/api/v1/public/snapshots'))
        .json()
        .map((s: { day: string }) => `/api/v1/public/snapshots/${s.day}`),
      ...pkg.resources.flatMap((r: { name: string }) => [
        `/api/v1/open-data/${r.name}.csv`,
        `/api/v1/open-data/${r.name}.json`,
      ]),
    ];
    const cnic = /\b\d{5}-\d{7}-\d\b/; // the form Markaz stores; bare 13-digit numbers are amounts in paisa
    const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
    const phone = /(\+92|\b0)3\d{2}[\s-]?\d{7}\b/;
    for (const url of urls) {
      const body = (await get(url)).body;
      expect(body, url).not.toMatch(cnic);
      expect(body, url).not.toMatch(email);
      expect(body, url).not.toMatch(phone);
    }
  });
});

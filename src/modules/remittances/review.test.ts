import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, digest } from '../../shared/canonical-json.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { makeIban } from './remittance-rules.ts';
import { accountId, bankSystem, consentBody, remittanceWorld } from './remittances.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const line = (f: { iban: string; holderHash: string }, extra: Record<string, unknown> = {}) => ({
  month: '2026-10',
  iban: f.iban,
  holderHash: f.holderHash,
  purposeCode: '9184',
  usdMinor: 100_000,
  ...extra,
});
const attested = async (iban: string) =>
  t.deps.db
    .selectFrom('remittance_attestations')
    .select(['usd_minor', 'revision', 'it_export'])
    .where('account_id', '=', await accountId(t, iban))
    .execute();

describe('the bank confirms the account’s holder', () => {
  it('refuses a consent naming an account at another bank', async () => {
    const bank = await w.bank('Code Bank');
    const other = await w.bank('Code Other Bank');
    const f = await w.freelancer(other);
    const r = await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({
      path: 'iban',
      rule: 'remit_iban_bank',
      params: { expected: bank.ibanCode, found: other.ibanCode },
    });
    expect(
      await t.deps.db
        .selectFrom('remittance_consents')
        .select('id')
        .where('account_id', '=', await accountId(t, f.iban))
        .execute(),
    ).toEqual([]);
  });

  it('refuses, and reports to staff, a line whose holder is not the person who consented', async () => {
    const bank = await w.bank('Holder Bank');
    const send = bankSystem(t, bank.apiKey);
    const owner = await w.freelancer(bank);
    const claimant = await w.freelancer(bank);
    // The claimant types the owner's IBAN: the consent is taken, but it carries the claimant's CNIC.
    const c = await claimant.client.post('/api/v1/remittances/consents', consentBody(bank.id, owner.iban));
    expect(c.statusCode, c.body).toBe(201);
    // The bank hashes the real holder's CNIC: the owner's.
    const r = await send({ lines: [line(owner)] }, 'holder-1');
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual([
      expect.objectContaining({ path: 'lines.0.holderHash', rule: 'remit_holder_mismatch' }),
    ]);
    expect(await attested(owner.iban)).toEqual([]);
    const seen = (await w.admin.get('/api/v1/remittances/staff/holder-mismatches')).json();
    expect(seen).toEqual([expect.objectContaining({ freelancerId: claimant.id, month: '2026-10' })]);
    expect((await bank.officer.get('/api/v1/remittances/staff/holder-mismatches')).statusCode).toBe(403);
    // The bank's key is its own: its officer can fetch it; the example hash is computed with it.
    const key = (await bank.officer.get('/api/v1/remittances/bank/holder-key')).json();
    expect(key.keyHex).toBe(bank.key.toString('hex'));
    const fine = await send({ lines: [line({ iban: owner.iban, holderHash: claimant.holderHash })] }, 'h-2');
    expect(fine.statusCode, fine.body).toBe(201);
  });
});

describe('a correction is not a duplicate', () => {
  it('replays the same key, and takes lines equal to an earlier batch as a correction back to them, keeping each version', async () => {
    const bank = await w.bank('Version Bank');
    const send = bankSystem(t, bank.apiKey);
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const first = await send({ lines: [line(f)] }, 'v-1');
    expect(first.statusCode).toBe(201);
    const replay = await send({ lines: [line(f)] }, 'v-1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(first.json().id);
    const fix = await send({ lines: [line(f, { usdMinor: 120_000 })] }, 'v-2');
    expect(fix.json()).toMatchObject({ correctedLines: 1, duplicate: false });
    // The bank finds its correction was wrong and sends the first figures again, under a new key.
    t.clock.set('2026-11-28T06:00:00Z');
    const back = await send({ lines: [line(f)] }, 'v-3').finally(() => t.clock.set('2026-11-28T05:00:00Z'));
    expect(back.statusCode).toBe(201);
    expect(back.json()).toMatchObject({ correctedLines: 1, duplicate: false });
    expect(back.json().id).not.toBe(first.json().id);
    expect(await attested(f.iban)).toEqual([{ usd_minor: 100_000, revision: 3, it_export: true }]);
    const versions = await t.deps.db
      .selectFrom('remittance_attestation_versions')
      .select(['revision', 'usd_minor', 'batch_id', 'replaced_by'])
      .where('account_id', '=', await accountId(t, f.iban))
      .orderBy('revision')
      .execute();
    expect(versions.map((v) => [v.revision, Number(v.usd_minor), v.batch_id, v.replaced_by])).toEqual([
      [1, 100_000, first.json().id, fix.json().id],
      [2, 120_000, fix.json().id, back.json().id],
    ]);
    // Sent once more as it now stands: a duplicate, nothing added.
    const same = await send({ lines: [line(f)] }, 'v-4');
    expect(same.json()).toMatchObject({ id: back.json().id, duplicate: true });
  });
});

describe('the audit log keeps no full IBAN', () => {
  it('masks the account in consent and batch entries', async () => {
    const bank = await w.bank('Audit Bank');
    const f = await w.freelancer(bank);
    const c = await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const b = await bankSystem(t, bank.apiKey)({ lines: [line(f)] }, 'audit-1');
    expect(b.statusCode).toBe(201);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['entity_id', 'after_digest', 'details'])
      .where('entity_id', 'in', [c.json().id, b.json().id])
      .execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(JSON.stringify(r.details)).not.toContain(f.iban);
    // Whoever holds an IBAN cannot confirm it by recomputing the entry's digest from the full lines.
    const batch = b.json();
    const { notCounted: _n, ...kept } = batch;
    const full = {
      ...kept,
      lines: [
        {
          month: '2026-10',
          iban: f.iban,
          purposeCode: '9184',
          usdMinor: 100_000,
          remittances: null,
          retainedUsdMinor: null,
          convertedUsdMinor: null,
          prcRef: null,
          holderHash: f.holderHash,
          itExport: true,
        },
      ],
    };
    const batchRow = rows.find((r) => r.entity_id === batch.id)!;
    expect(batchRow.after_digest).not.toBe(digest(full));
    expect(batchRow.after_digest).not.toBe(digest({ ...full, notCounted: [] }));
    const consentRow = rows.find((r) => r.entity_id === c.json().id)!;
    expect(consentRow.after_digest).not.toBe(digest(c.json()));
    expect(canonicalJson(c.json())).toContain(f.iban);
  });
});

describe('purpose codes', () => {
  it('keeps a line under a code that is not an IT export, says why, and does not count it', async () => {
    const bank = await w.bank('Purpose Bank');
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const r = await bankSystem(t, bank.apiKey)(
      { lines: [line(f, { month: '2026-05' }), line(f, { month: '2026-06', purposeCode: '7001' })] },
      'purpose-1',
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().notCounted).toEqual([{ row: 1, purposeCode: '7001', reason: 'not_it_export_code' }]);
    expect((await attested(f.iban)).map((a) => a.it_export).sort()).toEqual([false, true]);
    const months = (await f.client.get('/api/v1/remittances/me/months')).json();
    expect(months.map((m: { month: string }) => m.month)).toEqual(['2026-05']);
    expect(makeIban(bank.ibanCode, '0000000000000001')).toMatch(/^PK\d\d/);
  });
});

describe('the public table cannot be undone by subtraction', () => {
  it('withholds a complement beside a small province, so the country minus the shown rows reveals nobody', async () => {
    const bank = await w.bank('Subtraction Bank');
    const people = [];
    for (let i = 0; i < 5; i++) {
      const p = await w.freelancer(bank);
      await p.client.post('/api/v1/remittances/consents', consentBody(bank.id, p.iban));
      people.push(p);
    }
    const lahore = await t.deps.db
      .selectFrom('cities')
      .select('id')
      .where('name_en', '=', 'Lahore')
      .executeTakeFirstOrThrow();
    await people[0]!.client.request('PUT', '/api/v1/me/freelancer-profile', {
      skills: [],
      platforms: [],
      portfolioUrl: null,
      homeCityId: lahore.id,
      bio: null,
    });
    const r = await bankSystem(t, bank.apiKey)(
      { lines: people.map((p, i) => line(p, { month: '2026-02', usdMinor: 10_000 * (i + 1) })) },
      'subtract-1',
    );
    expect(r.statusCode, r.body).toBe(201);
    for (const by of ['province', 'district'])
      for (const path of [`/api/v1/public/earnings-evidence?by=${by}`]) {
        const rows = (await t.app.inject({ method: 'GET', url: path }))
          .json()
          .rows.filter((x: { month: string }) => x.month === '2026-02') as {
          groupKey: string;
          attested: number | null;
        }[];
        const country = rows.find((x) => x.groupKey === 'PK')!;
        expect(country.attested).toBe(150_000);
        const others = rows.filter((x) => x.groupKey !== 'PK');
        // Lahore's one freelancer is withheld, and so is at least one other row: no single gap.
        expect(others.filter((x) => x.attested === null).length).toBeGreaterThanOrEqual(2);
      }
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/earnings-by-evidence.csv' });
    expect(csv.body).toContain('2026-02,PK,bank_attested,5,150000');
    expect(csv.body).toContain('2026-02,not_stated,bank_attested,,');
  });
});

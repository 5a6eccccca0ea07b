import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { accountId, bankSystem, consentBody, HEADER, remittanceWorld } from './remittances.fixtures.ts';

let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const stored = async () => {
  const r = await t.deps.db
    .selectFrom('remittance_attestations')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('usd_minor').as('usd')])
    .executeTakeFirstOrThrow();
  return { lines: Number(r.n), usd: Number(r.usd ?? 0) };
};
const line = (f: { iban: string; holderHash: string }, extra: Record<string, unknown> = {}) => ({
  month: '2026-10',
  iban: f.iban,
  holderHash: f.holderHash,
  purposeCode: '9184',
  usdMinor: 120_000,
  remittances: 2,
  ...extra,
});

describe('consent: without it, nothing is accepted', () => {
  it('refuses lines for an account with no consent, a revoked one and an expired one, and keeps none of the batch', async () => {
    const bank = await w.bank('Consent Bank');
    const send = bankSystem(t, bank.apiKey);
    const good = await w.freelancer(bank);
    const never = await w.freelancer(bank);
    const revoked = await w.freelancer(bank);
    const expiring = await w.freelancer(bank);
    expect(
      (await good.client.post('/api/v1/remittances/consents', consentBody(bank.id, good.iban))).statusCode,
    ).toBe(201);
    const r = await revoked.client.post('/api/v1/remittances/consents', consentBody(bank.id, revoked.iban));
    expect(
      (
        await revoked.client.post(`/api/v1/remittances/consents/${r.json().id}/revoke`, {
          reason: 'changed bank',
        })
      ).statusCode,
    ).toBe(200);
    const e = await expiring.client.post(
      '/api/v1/remittances/consents',
      consentBody(bank.id, expiring.iban, { expiresOn: '2026-12-15' }),
    );
    expect(e.statusCode, e.body).toBe(201);
    const before = await stored();

    const none = await send({ lines: [line(good), line(never)] }, 'c-1');
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().fields).toEqual([
      expect.objectContaining({ path: 'lines.1.iban', rule: 'remit_no_consent' }),
    ]);
    const rev = await send({ lines: [line(revoked)] }, 'c-2');
    expect(rev.json().fields[0]).toMatchObject({ path: 'lines.0.iban', rule: 'remit_consent_revoked' });
    t.clock.set('2027-01-10T05:00:00Z');
    try {
      const exp = await send({ lines: [line(expiring, { month: '2026-11' })] }, 'c-3');
      expect(exp.json().fields[0]).toMatchObject({ rule: 'remit_consent_expired' });
    } finally {
      t.clock.set('2026-11-28T05:00:00Z');
    }
    // A figure the freelancer did not agree to share is refused by name.
    const scope = await send({ lines: [line(good, { prcRef: 'PRC-1234' })] }, 'c-4');
    expect(scope.json().fields[0]).toMatchObject({ path: 'lines.0.prcRef', rule: 'remit_out_of_scope' });
    expect(await stored()).toEqual(before);
  });

  it('checks the consent itself: a real IBAN, a partner bank, one live consent per account', async () => {
    const bank = await w.bank('Check Bank');
    const f = await w.freelancer(bank);
    const bad = await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, 'PK00HABB1234'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ path: 'iban', rule: 'remit_iban' });
    const notBank = await f.client.post('/api/v1/remittances/consents', consentBody(f.id, f.iban));
    expect(notBank.json().fields[0]).toMatchObject({ path: 'bankId' });
    const ok = await f.client.post(
      '/api/v1/remittances/consents',
      consentBody(bank.id, f.iban.toLowerCase()),
    );
    expect(ok.json()).toMatchObject({ iban: f.iban, status: 'active', scope: ['counts'] });
    const twice = await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    expect(twice.statusCode).toBe(409);
    const other = await w.freelancer();
    const theirs = await other.client.post(`/api/v1/remittances/consents/${ok.json().id}/revoke`, {
      reason: 'not mine',
    });
    expect(theirs.statusCode).toBe(404);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', ok.json().id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['remittance_consent.given']);
  });
});

describe('a bank’s system speaking the API', () => {
  it('submits a batch with its key, gets the same answer on retry, and nothing is counted twice', async () => {
    const bank = await w.bank('System Bank');
    const send = bankSystem(t, bank.apiKey);
    const a = await w.freelancer(bank);
    const b = await w.freelancer(bank);
    for (const f of [a, b])
      await f.client.post(
        '/api/v1/remittances/consents',
        consentBody(bank.id, f.iban, { scope: ['counts', 'retention'] }),
      );
    const before = await stored();
    const body = {
      lines: [
        line(a, { retainedUsdMinor: 42_000, convertedUsdMinor: 78_000 }),
        line(b, { month: '2026-09', usdMinor: 55_050, remittances: 1 }),
      ],
    };
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/remittances/batches',
      headers: { authorization: `Bearer ${bank.apiKey}` },
      payload: body,
    });
    expect(noKey.statusCode).toBe(400);
    const first = await send(body, 'oct-run-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      source: 'api',
      lineCount: 2,
      newLines: 2,
      usd: 175_050,
      duplicate: false,
    });
    const retry = await send(body, 'oct-run-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    const again = await send({ lines: [...body.lines].reverse() }, 'oct-run-2');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
    expect(await stored()).toEqual({ lines: before.lines + 2, usd: before.usd + 175_050 });

    // A correction replaces the line; the total moves by the difference only.
    const fix = await send({ lines: [body.lines[0], { ...body.lines[1], usdMinor: 60_000 }] }, 'oct-run-3');
    expect(fix.json()).toMatchObject({ newLines: 0, correctedLines: 1, unchangedLines: 1 });
    expect(await stored()).toEqual({ lines: before.lines + 2, usd: before.usd + 180_000 });
    const row = await t.deps.db
      .selectFrom('remittance_attestations')
      .select(['revision', 'freelancer_id'])
      .where('account_id', '=', await accountId(t, b.iban))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ revision: 2, freelancer_id: b.id });

    // The freelancer sees the bank's figure; the bank's list holds its own batches only.
    const months = (await b.client.get('/api/v1/remittances/me/months')).json();
    expect(months).toEqual([expect.objectContaining({ month: '2026-09', attested: 60_000, declared: 0 })]);
    const other = await w.bank('Other Bank');
    expect((await other.officer.get('/api/v1/remittances/batches')).json()).toEqual([]);
    expect((await bank.officer.get('/api/v1/remittances/batches')).json()).toHaveLength(2);
    const events = await t.deps.db
      .selectFrom('domain_events')
      .select('payload')
      .where('name', '=', 'remittances.attested')
      .execute();
    expect(events.some((e) => (e.payload as { batchId: string }).batchId === first.json().id)).toBe(true);
  });

  it('takes a CSV upload from the officer: re-uploading the same file adds nothing; a bad line refuses the file', async () => {
    const bank = await w.bank('File Bank');
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const csv = `\uFEFF${HEADER}\r\n2026-10,"${f.iban}",9185,"310.25",1,,,,${f.holderHash}\r\n2026-09,${f.iban},9185,300,1,,,,${f.holderHash}\r\n`;
    const before = await stored();
    const up = await bank.officer.post('/api/v1/remittances/batches/csv', { csv, fileName: 'oct.csv' });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ source: 'csv', fileName: 'oct.csv', lineCount: 2, usd: 61_025 });
    const again = await bank.officer.post('/api/v1/remittances/batches/csv', {
      csv: csv.replace(/\r\n/g, '\n'),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    const bad = await bank.officer.post('/api/v1/remittances/batches/csv', {
      csv: `${HEADER}\n2026-08,${f.iban},9185,200,1,,,,${f.holderHash}\n2026-08,${f.iban},9185,abc,1,,,,${f.holderHash}\n`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      expect.objectContaining({ path: 'csv.row 3.usd_credited', rule: 'remit_amount', params: { row: 3 } }),
      expect.objectContaining({ path: 'csv.row 3.iban', rule: 'remit_duplicate' }),
    ]);
    expect(await stored()).toEqual({ lines: before.lines + 2, usd: before.usd + 61_025 });
    expect((await f.client.post('/api/v1/remittances/batches/csv', { csv })).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { consentBody, HEADER, remittanceWorld } from './remittances.fixtures.ts';

// A bank is told whom it may report: its consents (masked account, holder hash, scope, period,
// status), by its officer's page or its system's key, and a notice when one is given or withdrawn.
let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const dispatch = () => dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });

describe('consents a bank may report under', () => {
  it('lists only its own, a revoked one as revoked with the date, and tells its officers', async () => {
    const bank = await w.bank('Consent Bank');
    const other = await w.bank('Other Bank');
    const a = await w.freelancer(bank);
    const b = await w.freelancer(bank);
    const c = await w.freelancer(other);
    const given = await a.client.post(
      '/api/v1/remittances/consents',
      consentBody(bank.id, a.iban, { scope: ['counts', 'prc'] }),
    );
    expect(given.statusCode, given.body).toBe(201);
    const bConsent = (
      await b.client.post('/api/v1/remittances/consents', consentBody(bank.id, b.iban))
    ).json();
    expect(
      (await c.client.post('/api/v1/remittances/consents', consentBody(other.id, c.iban))).statusCode,
    ).toBe(201);

    const listed = await bank.officer.get('/api/v1/remittances/bank/consents');
    expect(listed.statusCode, listed.body).toBe(200);
    const rows = listed.json() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.holderHash).sort()).toEqual([a.holderHash, b.holderHash].sort());
    // The account masked, never in full, and never another bank's consent.
    expect(listed.body).not.toContain(a.iban);
    expect(listed.body).not.toContain(c.holderHash);
    const ofA = rows.find((r) => r.holderHash === a.holderHash)!;
    expect(ofA).toMatchObject({
      account: `${a.iban.slice(0, 8)}…${a.iban.slice(-4)}`,
      scope: ['counts', 'prc'],
      startsOn: '2026-01-01',
      expiresOn: '2027-12-31',
      revokedAt: null,
    });

    const since = new Date(t.clock.now().getTime() + 30_000).toISOString();
    t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    const revoked = await b.client.post(`/api/v1/remittances/consents/${bConsent.id}/revoke`, {
      reason: 'I moved my account',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);

    // The bank's system pulls with its key, incrementally: only what changed since.
    const pulled = await t.app.inject({
      method: 'GET',
      url: `/api/v1/remittances/bank/consents?since=${encodeURIComponent(since)}`,
      headers: { authorization: `Bearer ${bank.apiKey}` },
    });
    expect(pulled.statusCode, pulled.body).toBe(200);
    const changed = pulled.json() as Array<Record<string, unknown>>;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ id: bConsent.id, status: 'revoked' });
    expect(changed[0]!.revokedAt).toBe(revoked.json().revokedAt);

    // Bad input names the field; a freelancer sees no bank's list.
    const bad = await bank.officer.get('/api/v1/remittances/bank/consents?since=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('since');
    expect((await a.client.get('/api/v1/remittances/bank/consents')).statusCode).toBe(403);

    await dispatch();
    const officers = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', bank.id)
      .execute();
    const notices = await t.deps.db
      .selectFrom('notices')
      .select(['kind', 'subject', 'body_text', 'link', 'channel'])
      .where('user_id', '=', officers[0]!.id)
      .where('kind', 'like', 'remittance.consent%')
      .where('channel', '=', 'inbox')
      .orderBy('created_at')
      .orderBy('kind')
      .execute();
    expect(notices.map((n) => n.kind).sort()).toEqual([
      'remittance.consent_given',
      'remittance.consent_given',
      'remittance.consent_revoked',
    ]);
    const gone = notices.find((n) => n.kind === 'remittance.consent_revoked')!;
    expect(gone.subject).toContain(`${b.iban.slice(0, 8)}…${b.iban.slice(-4)}`);
    expect(gone.body_text).toContain(revoked.json().revokedAt.slice(0, 10));
    expect(notices.map((n) => n.body_text).join()).not.toContain(a.iban);
    expect(notices.find((n) => n.body_text.includes('PRC references'))).toBeTruthy();
    expect(gone.link).toBe('/earnings/bank');
    // The other bank's officers hear nothing of this bank's consents.
    const otherOfficer = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', other.id)
      .executeTakeFirstOrThrow();
    const heard = await t.deps.db
      .selectFrom('notices')
      .select('body_text')
      .where('user_id', '=', otherOfficer.id)
      .where('kind', 'like', 'remittance.consent%')
      .execute();
    expect(heard.map((n) => n.body_text).join()).not.toContain(a.iban.slice(-4));
  });
});

describe('the bank officer’s upload', () => {
  it('sends a file over 1 MiB from the officer’s session to the streamed route, as the page does', async () => {
    const bank = await w.bank('Big File Bank');
    const f = await w.freelancer(bank);
    const given = await f.client.post(
      '/api/v1/remittances/consents',
      consentBody(bank.id, f.iban, { startsOn: '2024-01-01', expiresOn: '2026-12-31' }),
    );
    expect(given.statusCode, given.body).toBe(201);
    const lines: string[] = [];
    for (let m = 0; m < 34; m++) {
      const month = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      // Codes outside the State Bank's IT list are kept but not counted: many distinct lines.
      for (let code = 1000; code < 1300; code++)
        lines.push(`${month},${f.iban},${code},1.00,,,,,${f.holderHash}`);
    }
    const csv = `${HEADER}\n${lines.join('\n')}\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    // The old way, the whole file as JSON, is refused by the body limit.
    expect((await bank.officer.post('/api/v1/remittances/batches/csv', { csv })).statusCode).toBe(413);
    const sent = await bank.officer.request(
      'POST',
      '/api/v1/remittances/batches/file?fileName=big.csv',
      csv,
      {
        'content-type': 'text/csv',
      },
    );
    expect(sent.statusCode, sent.body.slice(0, 500)).toBe(201);
    expect(sent.json()).toMatchObject({
      lineCount: lines.length,
      newLines: lines.length,
      fileName: 'big.csv',
    });
    // A line error comes back by row, as the page lists it.
    const bad = await bank.officer.request(
      'POST',
      '/api/v1/remittances/batches/file',
      `${HEADER}\n2026-10,${f.iban},9184,abc,,,,,${f.holderHash}\n`,
      { 'content-type': 'text/csv' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ rule: 'remit_amount', params: { row: 2 } });
  });
});

describe('a long list of consents', () => {
  it('comes a page at a time with a next link, never cut silently, each consent once', async () => {
    const bank = await w.bank('Paging Bank');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = await w.freelancer(bank);
      t.clock.set(new Date(t.clock.now().getTime() + 1000).toISOString());
      ids.push((await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban))).json().id);
    }
    const seen: string[] = [];
    let url: string | null = '/api/v1/remittances/bank/consents?limit=2';
    let pages = 0;
    while (url) {
      const res = await bank.officer.get(url);
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.json() as { id: string }[];
      expect(rows.length).toBeLessThanOrEqual(2);
      seen.push(...rows.map((r) => r.id));
      const link = res.headers.link as string | undefined;
      url = link ? (/<([^>]+)>; rel="next"/.exec(link)?.[1] ?? null) : null;
      pages++;
    }
    expect(pages).toBe(3);
    // The latest change first, and every one exactly once.
    expect(seen).toEqual([...ids].reverse());
    const bad = await bank.officer.get('/api/v1/remittances/bank/consents?before=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('before');
  });
});

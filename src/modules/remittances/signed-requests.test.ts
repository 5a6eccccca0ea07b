import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { httpbis } from 'http-message-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { consentBody, remittanceWorld } from './remittances.fixtures.ts';
import { contentDigest } from './signatures.ts';

// A bank's system signs its requests (RFC 9421) with a key its officer registered; Markaz checks
// them on the real routes, required or optional per bank, and refuses each fault by name.
let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const ed = generateKeyPairSync('ed25519');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

let lastHeaders: Record<string, string> = {};
/** What a bank's client sends: the body, its digest, and a signature over method, path and digest. */
async function call(
  apiKey: string,
  opts: {
    method?: 'GET' | 'POST';
    url?: string;
    body?: unknown;
    keyid?: string;
    key?: 'ed' | 'ec';
    idem?: string;
  },
) {
  const method = opts.method ?? 'POST';
  const url = opts.url ?? '/api/v1/remittances/batches';
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-digest'] = contentDigest(Buffer.from(payload));
    headers['idempotency-key'] = opts.idem ?? `k-${Math.random()}`;
  }
  if (opts.keyid) {
    const ecdsa = opts.key === 'ec';
    const signed = await httpbis.signMessage(
      {
        key: {
          id: opts.keyid,
          alg: ecdsa ? 'ecdsa-p256-sha256' : 'ed25519',
          sign: async (d: Buffer) =>
            ecdsa
              ? sign('sha256', d, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' })
              : sign(null, d, ed.privateKey),
        },
        fields: payload ? ['@method', '@path', 'content-digest'] : ['@method', '@path'],
        params: ['created', 'keyid', 'alg'],
        paramValues: { created: t.deps.clock.now() },
      },
      { method, url: `http://localhost${url}`, headers },
    );
    Object.assign(headers, signed.headers);
  }
  lastHeaders = headers;
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

describe('signed requests from banks (RFC 9421)', () => {
  it('are optional until the bank requires them, then checked on every API-key request', async () => {
    const bank = await w.bank('Signing Bank');
    const other = await w.bank('Other Signing Bank');
    const f = await w.freelancer(bank);
    await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    const batch = (month: string) => ({
      lines: [{ month, iban: f.iban, holderHash: f.holderHash, purposeCode: '9184', usdMinor: 100_000 }],
    });
    expect((await call(bank.apiKey, { body: batch('2026-06') })).statusCode).toBe(201);

    // An officer, signed in, registers keys and requires signing; the API key itself cannot.
    const noKey = await bank.officer.request('PUT', '/api/v1/remittances/bank/signing/required', {
      required: true,
    });
    expect(noKey.json().fields[0]).toMatchObject({ path: 'required', rule: 'sig_no_key' });
    const badPem = await bank.officer.post('/api/v1/remittances/bank/signing/keys', {
      keyId: 'hbl-1',
      alg: 'ed25519',
      publicKeyPem: pem(ec.publicKey),
    });
    expect(badPem.json().fields[0]).toMatchObject({ path: 'publicKeyPem', rule: 'sig_key_pem' });
    const privatePem = await bank.officer.post('/api/v1/remittances/bank/signing/keys', {
      keyId: 'hbl-1',
      alg: 'ed25519',
      publicKeyPem: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    expect(privatePem.json().fields[0]).toMatchObject({ path: 'publicKeyPem', rule: 'sig_key_pem' });
    const byApiKey = await call(bank.apiKey, {
      url: '/api/v1/remittances/bank/signing/keys',
      body: { keyId: 'evil', alg: 'ed25519', publicKeyPem: pem(ed.publicKey) },
    });
    expect(byApiKey.statusCode).toBe(403);
    const added = await bank.officer.post('/api/v1/remittances/bank/signing/keys', {
      keyId: 'hbl-1',
      alg: 'ed25519',
      publicKeyPem: pem(ed.publicKey),
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().keys[0]).toMatchObject({ keyId: 'hbl-1', alg: 'ed25519', revokedAt: null });
    await bank.officer.post('/api/v1/remittances/bank/signing/keys', {
      keyId: 'hbl-p256',
      alg: 'ecdsa-p256-sha256',
      publicKeyPem: pem(ec.publicKey),
    });
    await other.officer.post('/api/v1/remittances/bank/signing/keys', {
      keyId: 'nbp-1',
      alg: 'ed25519',
      publicKeyPem: pem(ed.publicKey),
    });

    // Optional: a signed request is checked all the same.
    const wrongKey = await call(bank.apiKey, { body: batch('2026-07'), keyid: 'nbp-1' });
    expect(wrongKey.statusCode).toBe(401);
    expect(wrongKey.headers['content-type']).toContain('application/problem+json');
    expect(wrongKey.json().fields[0]).toMatchObject({ path: 'signature-input', rule: 'sig_unknown_key' });

    const req = await bank.officer.request('PUT', '/api/v1/remittances/bank/signing/required', {
      required: true,
    });
    expect(req.json().required).toBe(true);
    const unsigned = await call(bank.apiKey, { body: batch('2026-07') });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().fields[0]).toMatchObject({ path: 'signature-input', rule: 'sig_required' });
    const lines = () =>
      t.deps.db
        .selectFrom('remittance_attestations')
        .select('month')
        .where('freelancer_id', '=', f.id)
        .execute();
    expect(await lines()).toHaveLength(1);

    const good = await call(bank.apiKey, { body: batch('2026-07'), keyid: 'hbl-1', idem: 'signed-1' });
    expect(good.statusCode, good.body).toBe(201);
    expect(await lines()).toHaveLength(2);
    const p256 = await call(bank.apiKey, { body: batch('2026-08'), keyid: 'hbl-p256', key: 'ec' });
    expect(p256.statusCode, p256.body).toBe(201);
    const list = await call(bank.apiKey, {
      method: 'GET',
      url: '/api/v1/remittances/batches',
      keyid: 'hbl-1',
    });
    expect(list.statusCode, list.body).toBe(200);

    // The same signed request again is a replay, even with the same Idempotency-Key.
    const first = await call(bank.apiKey, { body: batch('2026-09'), keyid: 'hbl-1', idem: 'r-1' });
    expect(first.statusCode).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/remittances/batches',
      headers: lastHeaders,
      payload: JSON.stringify(batch('2026-09')),
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().fields[0]).toMatchObject({ path: 'signature', rule: 'sig_replayed' });

    // A revoked key signs nothing; people signed in are not asked for signatures.
    const keys = (await bank.officer.get('/api/v1/remittances/bank/signing')).json().keys;
    const p256Id = keys.find((k: { keyId: string }) => k.keyId === 'hbl-p256').id;
    await bank.officer.post(`/api/v1/remittances/bank/signing/keys/${p256Id}/revoke`, {});
    const revoked = await call(bank.apiKey, { body: batch('2026-10'), keyid: 'hbl-p256', key: 'ec' });
    expect(revoked.json().fields[0]).toMatchObject({ rule: 'sig_unknown_key' });
    expect((await bank.officer.get('/api/v1/remittances/batches')).statusCode).toBe(200);
    // The other bank requires nothing: its unsigned requests still go through.
    expect((await call(other.apiKey, { method: 'GET', url: '/api/v1/remittances/batches' })).statusCode).toBe(
      200,
    );
  });
});

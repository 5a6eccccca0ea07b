import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { ingestAttestationFile } from './batch-file.service.ts';
import { consentBody, HEADER, remittanceWorld } from './remittances.fixtures.ts';
import { contentDigest } from './signatures.ts';

// A bank's month file streamed as text/csv: checked chunk by chunk, repeats found across chunks,
// kept whole or not at all, the same file again adding nothing.
let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await remittanceWorld(t);
});
afterAll(() => t.close());

const post = (apiKey: string, csv: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/remittances/batches/file?fileName=oct.csv',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv', ...headers },
    payload: csv,
  });

/** The promise's outcome, or a failure once `ms` pass: a hang fails the test rather than stalling it. */
const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still waiting after ${ms} ms (the file hangs)`)), ms).unref(),
    ),
  ]);

// Runs on PGlite and on PostgreSQL. On PostgreSQL this once hung: the digest check fails a small
// body while the request's signature checks wait on the database, before the file is read, and the
// reader listened for an 'error' already emitted (batch-file.service.ts, `finished`).
describe('a streamed attestation file', () => {
  it('keeps a good file across chunks, refuses repeats in different chunks, and adds nothing twice', async () => {
    const bank = await w.bank('File Bank');
    const people: Awaited<ReturnType<typeof w.freelancer>>[] = [];
    for (let i = 0; i < 3; i++) {
      const f = await w.freelancer(bank);
      await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
      people.push(f);
    }
    const line = (f: (typeof people)[number], month: string, usd = '1450.00') =>
      `${month},${f.iban},9184,${usd},2,,,,${f.holderHash}`;
    // A byte-order mark, CRLF, a quoted cell; six lines.
    const good = `\uFEFF${HEADER}\r\n${people.map((f) => line(f, '2026-09')).join('\r\n')}\r\n${people
      .map((f) => line(f, '2026-10', '"200.50"'))
      .join('\r\n')}\r\n`;
    const officer = {
      kind: 'user' as const,
      userId: people[0]!.id as UserId,
      role: 'bank_officer' as const,
      organizationId: bank.id as OrganizationId,
    };
    const kept = await ingestAttestationFile(t.deps, officer, Readable.from([Buffer.from(good)]), {
      chunk: 2,
    });
    expect(kept).toMatchObject({
      lineCount: 6,
      newLines: 6,
      correctedLines: 0,
      usd: 3 * 145_000 + 3 * 20_050,
    });

    const again = await post(bank.apiKey, good);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: kept.id, duplicate: true });

    // The first line repeated at the end: a repeat in another chunk; nothing of the file is kept.
    const corrected = `${HEADER}\n${line(people[0]!, '2026-09', '1500.00')}\n${line(people[1]!, '2026-08')}\n${line(people[2]!, '2026-08')}\n${line(people[0]!, '2026-09', '1500.00')}\n`;
    const repeat = await ingestAttestationFile(t.deps, officer, Readable.from([corrected]), {
      chunk: 2,
    }).catch((e: { details: { fields: unknown[] } }) => e.details.fields);
    expect(repeat).toEqual([expect.objectContaining({ path: 'csv.row 5.iban', rule: 'remit_duplicate' })]);
    const count = async () =>
      (
        await t.deps.db
          .selectFrom('remittance_attestations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('bank_id', '=', bank.id)
          .executeTakeFirstOrThrow()
      ).n;
    expect(Number(await count())).toBe(6);

    // Bad cells are named by line; the header checked; a correction through the route is kept.
    const bad = await post(
      bank.apiKey,
      `${HEADER}\n2026-13,${people[0]!.iban},9184,1,,,,,${people[0]!.holderHash}\n`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ path: 'csv.row 2.month', rule: 'remit_month_format' });
    const header = await post(bank.apiKey, 'month,iban\n');
    expect(header.json().fields[0]).toMatchObject({ rule: 'remit_header' });
    // A malformed record is named by its line (the file is read on to its end, not cut off).
    const quote = await post(
      bank.apiKey,
      `${HEADER}\n2026-09,"${people[0]!.iban}"x,9184,1,,,,,${people[0]!.holderHash}\n${line(people[1]!, '2026-07')}\n`,
    );
    expect(quote.statusCode).toBe(400);
    expect(quote.json().fields[0]).toMatchObject({ path: 'csv.row 2', rule: 'remit_csv_malformed' });
    const fix = await post(bank.apiKey, `${HEADER}\n${line(people[0]!, '2026-09', '1500.00')}\n`);
    expect(fix.statusCode, fix.body).toBe(201);
    expect(fix.json()).toMatchObject({ lineCount: 1, correctedLines: 1, fileName: 'oct.csv' });

    // A digest that does not match the streamed body rolls the file back.
    const next = `${HEADER}\n${line(people[1]!, '2026-07')}\n`;
    const wrong = await within(
      10_000,
      post(bank.apiKey, next, { 'content-digest': contentDigest(Buffer.from('other')) }),
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().fields[0]).toMatchObject({ path: 'content-digest', rule: 'digest_mismatch' });
    expect(Number(await count())).toBe(6);
    const sha512 = await post(bank.apiKey, next, {
      'content-digest': contentDigest(Buffer.from(next), 'sha-512'),
    });
    expect(sha512.json().fields[0]).toMatchObject({ path: 'content-digest', rule: 'digest_algorithm' });
    const right = await post(bank.apiKey, next, { 'content-digest': contentDigest(Buffer.from(next)) });
    expect(right.statusCode, right.body).toBe(201);
    expect(Number(await count())).toBe(7);
  });

  it('refuses, rather than waits for, a body that failed before the file is read', async () => {
    const bank = await w.bank('Dropped Bank');
    const f = await w.freelancer(bank);
    const officer = {
      kind: 'user' as const,
      userId: f.id as UserId,
      role: 'bank_officer' as const,
      organizationId: bank.id as OrganizationId,
    };
    // As the digest check leaves a mismatch found before anyone reads (signing.routes.ts): failed,
    // its 'error' already emitted and heard by no reader.
    const failed = new Readable({ read() {} });
    failed.on('error', () => {});
    failed.push(`${HEADER}\n`);
    failed.destroy(new Error('the connection dropped'));
    await new Promise((r) => setImmediate(r));
    await expect(within(5_000, ingestAttestationFile(t.deps, officer, failed))).rejects.toThrow(
      'the connection dropped',
    );
    // Cut short without an error (the client went away): refused too.
    const cut = new Readable({ read() {} });
    cut.push(`${HEADER}\n`);
    cut.destroy();
    await new Promise((r) => setImmediate(r));
    await expect(within(5_000, ingestAttestationFile(t.deps, officer, cut))).rejects.toThrow(
      'Premature close',
    );
    // Both rolled back: no batch of theirs is left, and the database answers at once.
    const batches = await within(
      5_000,
      t.deps.db.selectFrom('remittance_batches').select('id').where('bank_id', '=', bank.id).execute(),
    );
    expect(batches).toEqual([]);
  });
});

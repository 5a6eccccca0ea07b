import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { FILE_CHUNK } from './batch-file.service.ts';
import { consentBody, HEADER, remittanceWorld } from './remittances.fixtures.ts';

// A bank's client that sends part of its file and then stops, over a real socket: the server
// refuses the file after the idle limit (1 s here, MARKAZ_UPLOAD_IDLE_SECONDS) and keeps nothing,
// not even the chunk it had already written inside the file's transaction.
let t: TestApp;
let w: Awaited<ReturnType<typeof remittanceWorld>>;
let port: number;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000, uploadIdleSeconds: 1 });
  w = await remittanceWorld(t);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

/** The promise's outcome, or a failure once `ms` pass: a hang fails the test rather than stalling it. */
const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still waiting after ${ms} ms (the upload hangs)`)), ms).unref(),
    ),
  ]);

type Outcome = { status: number; body: string } | { closed: string };

/** Sends `head` of a file as text/csv, never its end, and reports how the server ended it. */
function stall(apiKey: string, head: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/remittances/batches/file?fileName=stalled.csv',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', (e) => resolve({ closed: e.message }));
      },
    );
    req.on('error', (e) => resolve({ closed: e.message }));
    req.write(head); // and nothing more: no end
  });
}

describe('a streamed file that stops arriving', () => {
  it('is refused after the idle limit, with nothing kept', async () => {
    const bank = await w.bank('Stalling Bank');
    const f = await w.freelancer(bank);
    const given = await f.client.post('/api/v1/remittances/consents', consentBody(bank.id, f.iban));
    expect(given.statusCode, given.body).toBe(201);
    // More than one chunk of good lines (months × purpose codes of one account; codes outside the
    // IT-export list are kept, not counted), so a chunk is written before the client stalls.
    const lines: string[] = [];
    for (let code = 1000; lines.length < FILE_CHUNK + 500; code++)
      for (let m = 1; m <= 10; m++)
        lines.push(`2026-${String(m).padStart(2, '0')},${f.iban},${code},10.00,1,,,,${f.holderHash}`);
    const outcome = await within(60_000, stall(bank.apiKey, `${HEADER}\n${lines.join('\n')}\n`));

    // Answered with a problem while the socket allowed it; at least, the request ended.
    if ('status' in outcome) {
      expect(outcome.status).toBe(408);
      expect(JSON.parse(outcome.body)).toMatchObject({
        code: 'request_timeout',
        fields: [{ path: 'body', rule: 'upload_idle' }],
      });
    } else expect(outcome.closed).toBeTruthy();

    // Nothing of the file is kept, and the database answers at once (no transaction left open).
    const kept = await within(
      10_000,
      Promise.all([
        t.deps.db.selectFrom('remittance_batches').select('id').where('bank_id', '=', bank.id).execute(),
        t.deps.db
          .selectFrom('remittance_attestations')
          .select('month')
          .where('bank_id', '=', bank.id)
          .execute(),
      ]),
    );
    expect(kept).toEqual([[], []]);

    // The bank's next, complete file goes through.
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/v1/remittances/batches/file',
      headers: { authorization: `Bearer ${bank.apiKey}`, 'content-type': 'text/csv' },
      payload: `${HEADER}\n${lines[0]}\n`,
    });
    expect(next.statusCode, next.body).toBe(201);
  });
});

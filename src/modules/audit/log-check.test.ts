import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { leafHash, verifyInclusion } from '../../shared/merkle.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { seedAuditDemo } from './audit.demo.ts';
import { chainAll, chainAndSign } from './audit.service.ts';
import { verifyChain, verifySummary } from './audit.verify.ts';
import { auditArea } from './index.ts';
import { asSuperuser } from './insider.fixtures.ts';

// The log check's own errors, how often heads are signed, `markaz audit verify` on an unproven log,
// and the demo witness that keeps cosigning (issue 18 review, items 5 and 6).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-keys-')), demo: true });
  for (let i = 0; i < 3; i++) await makeUser(t.deps, 'owner');
}, 120_000);
afterAll(() => t.close());

const proof = (q: string) => t.app.inject({ method: 'GET', url: `/api/v1/audit/proofs/inclusion?${q}` });

describe('a log no head covers yet', () => {
  it('VERIFY: markaz audit verify calls a log with no signed head unproven, not OK', async () => {
    await chainAll(t.deps);
    const res = await verifyChain(t.deps);
    expect(res).toMatchObject({ ok: true, provenEntries: 0 });
    expect(res.checkedEntries).toBeGreaterThan(0);
    const s = verifySummary(res);
    expect(s.pass).toBe(false);
    expect(s.text).toMatch(
      /^UNPROVEN: \d+ entries are chained and consistent, but no signed tree head covers them/,
    );
  });

  it('a proof asked for before any head names seq and says when the next head comes', async () => {
    const r = await proof('seq=1');
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({
      path: 'seq',
      message: expect.stringMatching(/try again after \d{4}-\d\d-\d\dT\d\d:\d\d UTC/),
    });
  });
});

describe('heads and proofs', () => {
  it('a head is due every five minutes (the period is the five minutes)', () => {
    const job = auditArea.jobs!(t.deps).find((j) => j.name === 'audit.checkpoint')!;
    expect(job.kind).toBe('periodic');
    if (job.kind !== 'periodic') return;
    expect(job.duePeriod(new Date('2026-12-07T14:07:59Z'))).toBe('2026-12-07T14:05');
    expect(job.duePeriod(new Date('2026-12-07T14:10:00Z'))).toBe('2026-12-07T14:10');
  });

  it('an entry beyond the log, or newer than the last head, is refused naming seq with a message', async () => {
    const head = await chainAndSign(t.deps);
    const s = verifySummary(await verifyChain(t.deps));
    expect(s).toMatchObject({ pass: true, text: expect.stringMatching(/^OK: /) });
    const beyond = await proof('seq=99999999');
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().fields[0]).toMatchObject({
      path: 'seq',
      message: `there is no entry 99999999: the log has ${head!.treeSize} entries`,
    });
    await makeUser(t.deps, 'freelancer');
    await chainAll(t.deps);
    const newer = await proof(`seq=${head!.treeSize + 1}`);
    expect(newer.statusCode).toBe(400);
    expect(newer.json().fields[0].message).toMatch(
      new RegExp(`entry ${head!.treeSize + 1} is not yet under a signed head .*every 5 minutes`),
    );
  });

  it('the demo witness cosigns each new head the job signs, not only the first', async () => {
    await seedAuditDemo(t.deps);
    const first = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/tree-head' })).json();
    expect(first.cosignatures).toHaveLength(1);
    await makeUser(t.deps, 'owner');
    const job = auditArea.jobs!(t.deps).find((j) => j.name === 'audit.checkpoint')!;
    await job.run(t.deps, 'test');
    const next = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/tree-head' })).json();
    expect(next.head.treeSize).toBeGreaterThan(first.head.treeSize);
    expect(next.cosignatures).toHaveLength(1);
    expect(next.cosignatures[0].treeSize).toBe(next.head.treeSize);
  });
});

describe("a citizen's receipt for their own record", () => {
  it('CITIZEN: the owner gets a receipt (seq, leaf hash) for their loan, and its proof shows what the entry says', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const stranger = await makeUser(t.deps, 'owner');
    let loanId = '';
    await asSuperuser(t, async (trx) => {
      const r = await sql<{ id: string }>`
        INSERT INTO loans (application_id, owner_id, bank_id, province_code, status, requested_minor,
                           schedule_unit_minor, requested_at, created_at, updated_at)
        VALUES (gen_random_uuid(), ${owner.id}, gen_random_uuid(), 'PB', 'requested', 100, 1, now(), now(), now())
        RETURNING id`.execute(trx);
      loanId = r.rows[0]!.id;
    });
    await t.deps.db.transaction().execute((trx) =>
      recordChange(trx, systemActor('test'), t.clock, {
        action: 'loan.disbursed',
        entity: 'loan',
        entityId: loanId,
        details: { amountMinor: 100 },
      }),
    );
    await chainAll(t.deps);
    const url = `/api/v1/audit/receipts?entity=loan&entityId=${loanId}`;
    const mine = await (await loginClient(t.app, owner.email)).get(url);
    expect(mine.statusCode).toBe(200);
    const [receipt] = mine.json();
    expect(receipt).toMatchObject({
      action: 'loan.disbursed',
      underSignedHead: false,
      leafHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The whole entry travels with the receipt: the leaf hash is recomputed from it, not trusted.
    expect(receipt.entry).toMatchObject({ seq: receipt.seq, entity: 'loan', entityId: loanId });
    expect(leafHash(canonicalJson(receipt.entry)).toString('hex')).toBe(receipt.leafHash);
    const forged = { ...receipt.entry, details: { amountMinor: 1_000_000 } };
    expect(leafHash(canonicalJson(forged)).toString('hex')).not.toBe(receipt.leafHash);
    expect((await (await loginClient(t.app, stranger.email)).get(url)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    await chainAndSign(t.deps);
    const p = (await proof(`leafHash=${receipt.leafHash}`)).json();
    expect(p.entry).toMatchObject({ seq: receipt.seq, action: 'loan.disbursed', entity: 'loan' });
    expect(
      verifyInclusion(
        p.leafIndex,
        p.treeSize,
        Buffer.from(receipt.leafHash, 'hex'),
        p.auditPath.map((x: string) => Buffer.from(x, 'hex')),
        Buffer.from(p.head.rootHash, 'hex'),
      ),
    ).toBe(true);
  });
});

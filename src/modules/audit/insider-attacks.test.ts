import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secret, signer } from '../../platform/keys/index.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { verifyInclusion } from '../../shared/merkle.ts';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { chainAndSign } from './audit.service.ts';
import { verifyChain } from './audit.verify.ts';
import { witnessOnce } from './audit.witness.ts';
import { asSuperuser, rewriteFrom, injectTransport as transport } from './insider.fixtures.ts';

// Insider attacks on the audit log (issue 18), each with the party that detects it named:
// VERIFY (markaz audit verify), WITNESS (markaz witness / scripts/verify-log.mjs witness), or
// CITIZEN (an inclusion proof checked against a head the citizen kept).
// The suite goes on in insider-money.test.ts (money rows guarded and sealed), insider-keys.test.ts
// (keys trusted only through signed handovers) and log-check.test.ts (receipts, the check's errors).

let t: TestApp;
let keysDir: string;
beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'markaz-keys-'));
  t = await createTestApp({ keysDir });
  for (let i = 0; i < 12; i++) await makeUser(t.deps, i % 2 ? 'owner' : 'freelancer');
  await chainAndSign(t.deps);
});
afterAll(() => t.close());

describe('the keys live outside the database', () => {
  it('the audit key is a 0600 file in the keys folder; the database holds only its public half', async () => {
    const s = await signer(t.deps, 'audit');
    const file = join(keysDir, 'audit.ed25519.pem');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const rows = await t.deps.db.selectFrom('published_keys').selectAll().execute();
    expect(rows.find((r) => r.key_id === s.keyId)?.public_key_pem).toContain('PUBLIC KEY');
    expect(JSON.stringify(rows)).not.toContain('PRIVATE');
    const settings = await t.deps.db.selectFrom('system_settings').select('key').execute();
    expect(settings.map((r) => r.key)).not.toContain('audit_signing_key');
  });

  it('a server without the published key refuses to make a new one (as after a restore without keys)', async () => {
    await secret(t.deps, 'tokens'); // published once first used
    const other = {
      ...t.deps,
      config: { ...t.deps.config, keysDir: mkdtempSync(join(tmpdir(), 'markaz-nokeys-')) },
    };
    const { forgetKeys } = await import('../../platform/keys/index.ts');
    forgetKeys(t.deps.db);
    await expect(signer(other, 'audit')).rejects.toThrow(/is not in .* restore it/);
    await expect(secret(other, 'tokens')).rejects.toThrow(/restore it/);
    forgetKeys(t.deps.db);
    expect((await signer(t.deps, 'audit')).keyId).toBeTruthy();
  });
});

describe('the other secrets move out of the database too', () => {
  it("the unsubscribe links' secret kept in system_settings is moved to a key file, the same value", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'markaz-keys-'));
    const fresh = await createTestApp({ keysDir: dir });
    try {
      const legacy = Buffer.alloc(32, 7).toString('base64');
      await fresh.deps.db
        .insertInto('system_settings')
        .values({
          key: 'notifications_secret',
          value: JSON.stringify({ secret: legacy }),
          updated_at: new Date(),
        })
        .execute();
      // notificationsSecret (notifications/unsubscribe.ts) is this named secret.
      expect((await secret(fresh.deps, 'notifications')).toString('base64')).toBe(legacy);
      expect(existsSync(join(dir, 'notifications.secret'))).toBe(true);
      const left = await fresh.deps.db.selectFrom('system_settings').select('key').execute();
      expect(left.map((r) => r.key)).not.toContain('notifications_secret');
    } finally {
      await fresh.close();
    }
  }, 120_000);
});

describe('insider attacks and who detects them', () => {
  it("WITNESS: the issue's rewrite (triggers off, edit, re-chain, re-sign) passes verify but not a witness that saw an earlier head", async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'witness-')), 'state.json');
    const first = await witnessOnce(transport(t), state);
    expect(first.alarm).toBe(false);
    const seenSize = first.head!.treeSize;
    // The citizen keeps an inclusion proof of entry 5 under this head.
    const proof = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/proofs/inclusion?seq=5' })).json();
    await makeUser(t.deps, 'owner');
    await rewriteFrom(t, 5);
    // verify alone is satisfied: everything was recomputed and signed with the real key.
    expect((await verifyChain(t.deps)).ok).toBe(true);
    const again = await witnessOnce(transport(t), state);
    expect(again.alarm).toBe(true);
    expect(again.message).toMatch(new RegExp(`does not extend the head of size ${seenSize}`));
    // CITIZEN: the leaf they hold is no longer in the log.
    const lookup = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/proofs/inclusion?leafHash=${proof.leafHash}`,
    });
    expect(lookup.statusCode).toBe(404);
    expect(
      verifyInclusion(
        proof.leafIndex,
        proof.treeSize,
        Buffer.from(proof.leafHash, 'hex'),
        proof.auditPath.map((p: string) => Buffer.from(p, 'hex')),
        Buffer.from(proof.head.rootHash, 'hex'),
      ),
    ).toBe(true);
  });

  it('WITNESS: a rewrite re-signed at the same size gives two heads for one size', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'witness-')), 'state.json');
    expect((await witnessOnce(transport(t), state)).alarm).toBe(false);
    const { head } = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/tree-head' })).json();
    await rewriteFrom(t, head.treeSize - 2);
    const r = await witnessOnce(transport(t), state);
    expect(r.alarm).toBe(true);
    expect(r.message).toMatch(new RegExp(`two different heads for size ${head.treeSize}`));
  });

  it('VERIFY + WITNESS: truncating the end of the log', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'witness-')), 'state.json');
    await makeUser(t.deps, 'owner');
    await chainAndSign(t.deps);
    expect((await witnessOnce(transport(t), state)).alarm).toBe(false);
    const { head } = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/tree-head' })).json();
    await asSuperuser(t, async (trx) => {
      await sql`DELETE FROM audit_log WHERE chain_seq >= ${head.treeSize - 1}`.execute(trx);
    });
    const v = await verifyChain(t.deps);
    expect(v.broken?.reason).toMatch(/covers entries that no longer exist/);
    expect(v.broken?.chainSeq).toBe(head.treeSize - 1);
    // The insider also drops the heads and tree: the witness sees the head go backwards.
    await asSuperuser(t, async (trx) => {
      await sql`DELETE FROM audit_tree_heads WHERE tree_size >= ${head.treeSize - 1}`.execute(trx);
      await sql`DELETE FROM audit_tree_nodes WHERE (idx + 1) * (1::bigint << level) > ${head.treeSize - 2}`.execute(
        trx,
      );
    });
    const r = await witnessOnce(transport(t), state);
    expect(r.alarm).toBe(true);
    expect(r.message).toMatch(/moved backwards/);
    await chainAndSign(t.deps);
  });

  it('VERIFY: editing, deleting and reordering chained entries', async () => {
    await makeUser(t.deps, 'freelancer');
    await chainAndSign(t.deps);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['id', 'chain_seq'])
      .orderBy('chain_seq')
      .execute();
    const [a, b] = [rows[2]!, rows[3]!];
    // Reorder: swap two entries' positions.
    await asSuperuser(t, async (trx) => {
      await sql`UPDATE audit_log SET chain_seq = -1 WHERE id = ${a.id}`.execute(trx);
      await sql`UPDATE audit_log SET chain_seq = ${a.chain_seq} WHERE id = ${b.id}`.execute(trx);
      await sql`UPDATE audit_log SET chain_seq = ${b.chain_seq} WHERE id = ${a.id}`.execute(trx);
    });
    const reordered = await verifyChain(t.deps);
    expect(reordered.ok).toBe(false);
    expect(reordered.broken?.chainSeq).toBe(a.chain_seq);
    await asSuperuser(t, async (trx) => {
      await sql`UPDATE audit_log SET chain_seq = -1 WHERE id = ${a.id}`.execute(trx);
      await sql`UPDATE audit_log SET chain_seq = ${b.chain_seq} WHERE id = ${b.id}`.execute(trx);
      await sql`UPDATE audit_log SET chain_seq = ${a.chain_seq} WHERE id = ${a.id}`.execute(trx);
    });
    expect((await verifyChain(t.deps)).ok).toBe(true);
    // Delete: named by its sequence number.
    await asSuperuser(t, async (trx) => {
      await sql`DELETE FROM audit_log WHERE id = ${b.id}`.execute(trx);
    });
    expect((await verifyChain(t.deps)).broken).toMatchObject({
      id: null,
      chainSeq: b.chain_seq,
      reason: /missing/,
    });
  });

  it('VERIFY: an entry left unchained below the head (the chain nulled, nothing re-signed)', async () => {
    const fresh = await createTestApp({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-keys-')) });
    try {
      for (let i = 0; i < 3; i++) await makeUser(fresh.deps, 'owner');
      await chainAndSign(fresh.deps);
      await makeUser(fresh.deps, 'owner');
      expect((await verifyChain(fresh.deps)).ok).toBe(true); // a fresh entry may wait for the chainer
      fresh.clock.advance(11 * 60_000);
      const v = await verifyChain(fresh.deps);
      expect(v.broken?.reason).toMatch(/left unchained below the head/);
      // verify wrote nothing: the entry is still unchained.
      expect(v.unchainedEntries).toBe(1);
      expect((await verifyChain(fresh.deps)).unchainedEntries).toBe(1);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('WITNESS: a fork (different histories shown to different clients)', async () => {
    // Two servers share the signing key (the insider copied it) but not their histories.
    const dirA = mkdtempSync(join(tmpdir(), 'markaz-keys-'));
    const a = await createTestApp({ keysDir: dirA });
    const b = await createTestApp({ keysDir: dirA });
    try {
      for (const x of [a, b]) {
        await makeUser(x.deps, 'owner');
        await chainAndSign(x.deps);
      }
      await makeUser(b.deps, 'freelancer');
      await chainAndSign(b.deps);
      const state = join(mkdtempSync(join(tmpdir(), 'witness-')), 'state.json');
      expect((await witnessOnce(transport(a), state)).alarm).toBe(false);
      const r = await witnessOnce(transport(b), state);
      expect(r.alarm).toBe(true);
      expect(r.message).toMatch(/does not extend|two different heads/);
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);
});

describe('money in the log', () => {
  // Its own database: the attacks above leave the shared one's log broken on purpose.
  let m: TestApp;
  beforeAll(async () => {
    m = await createTestApp({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-keys-')) });
  });
  afterAll(() => m.close());
  const post = (amount: number) =>
    m.deps.db.transaction().execute((trx) =>
      postLedgerTransaction(
        trx,
        { kind: 'stipend_accrual', loanId: null, occurredOn: '2026-12-01', now: m.clock.now() },
        [
          { account: 'stipend_expense', debitMinor: amount },
          { account: 'stipend_payable', creditMinor: amount },
        ],
      ),
    );

  it('each ledger transaction is sealed in the log as it is written', async () => {
    const id = await post(12_500);
    const seal = await m.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'ledger_transaction')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(seal).toMatchObject({ action: 'ledger.sealed', actor_kind: 'system' });
    expect(seal.details).toMatchObject({ kind: 'stipend_accrual', entries: 2, debitMinor: 12_500 });
    await chainAndSign(m.deps);
    const v = await verifyChain(m.deps);
    expect(v.ok).toBe(true);
    expect(v.ledgerTransactionsChecked).toBeGreaterThanOrEqual(1);
  });

  it('VERIFY: a balanced edit of ledger entries with the triggers off no longer matches its seal', async () => {
    const id = await post(40_000);
    await chainAndSign(m.deps);
    await asSuperuser(m, async (trx) => {
      await sql`UPDATE ledger_entries SET debit_minor = 4000 WHERE transaction_id = ${id} AND debit_minor > 0`.execute(
        trx,
      );
      await sql`UPDATE ledger_entries SET credit_minor = 4000 WHERE transaction_id = ${id} AND credit_minor > 0`.execute(
        trx,
      );
    });
    const v = await verifyChain(m.deps);
    expect(v.ok).toBe(false);
    expect(v.broken).toMatchObject({ ledgerTransactionId: id, reason: /differ from the seal/ });
    await asSuperuser(m, async (trx) => {
      await sql`UPDATE ledger_entries SET debit_minor = 40000 WHERE transaction_id = ${id} AND debit_minor > 0`.execute(
        trx,
      );
      await sql`UPDATE ledger_entries SET credit_minor = 40000 WHERE transaction_id = ${id} AND credit_minor > 0`.execute(
        trx,
      );
    });
    expect((await verifyChain(m.deps)).ok).toBe(true);
  });

  it('VERIFY: a transaction slipped in with the triggers off, and one deleted, are named', async () => {
    let forged = '';
    await asSuperuser(m, async (trx) => {
      forged = await postLedgerTransaction(
        trx,
        { kind: 'stipend_accrual', loanId: null, occurredOn: '2026-12-02', now: m.clock.now() },
        [
          { account: 'stipend_expense', debitMinor: 99 },
          { account: 'stipend_payable', creditMinor: 99 },
        ],
      );
    });
    expect((await verifyChain(m.deps)).broken).toMatchObject({
      ledgerTransactionId: forged,
      reason: /has no seal/,
    });
    await asSuperuser(m, async (trx) => {
      await sql`DELETE FROM ledger_entries WHERE transaction_id = ${forged}`.execute(trx);
      await sql`DELETE FROM ledger_transactions WHERE id = ${forged}`.execute(trx);
    });
    expect((await verifyChain(m.deps)).ok).toBe(true);
    const victim = await post(700);
    await asSuperuser(m, async (trx) => {
      await sql`DELETE FROM ledger_entries WHERE transaction_id = ${victim}`.execute(trx);
      await sql`DELETE FROM ledger_transactions WHERE id = ${victim}`.execute(trx);
    });
    expect((await verifyChain(m.deps)).broken).toMatchObject({
      ledgerTransactionId: victim,
      reason: /no longer in the ledger/,
    });
  });
});

describe('witnesses vouch for heads', () => {
  it('a witness staff named cosigns; the head shows it; an unknown witness is refused', async () => {
    await chainAndSign(t.deps);
    const state = join(mkdtempSync(join(tmpdir(), 'witness-')), 'state.json');
    const first = await witnessOnce(transport(t), state);
    expect(first.cosigned).toBe(false); // not yet known to the server
    const admin = await makeUser(t.deps, 'program_admin');
    const c = await loginClient(t.app, admin.email, TEST_PASSWORD);
    const added = await c.request('POST', '/api/v1/audit/witnesses', {
      name: 'Civil society observer',
      publicKeyPem: first.witnessPublicKeyPem,
    });
    expect(added.statusCode).toBe(201);
    const bad = await c.request('POST', '/api/v1/audit/witnesses', {
      name: 'x y',
      publicKeyPem: 'not a key'.repeat(10),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.path ?? JSON.stringify(bad.json())).toMatch(/publicKeyPem/);
    await makeUser(t.deps, 'owner');
    await chainAndSign(t.deps);
    const second = await witnessOnce(transport(t), state);
    expect(second).toMatchObject({ alarm: false, cosigned: true });
    const head = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/tree-head' })).json();
    expect(head.cosignatures).toEqual([
      expect.objectContaining({ witnessName: 'Civil society observer', treeSize: head.head.treeSize }),
    ]);
  });
});

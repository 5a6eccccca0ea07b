import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { chainAndSign } from './audit.service.ts';
import { verifyChain } from './audit.verify.ts';
import { asSuperuser } from './insider.fixtures.ts';

// Insider attacks on money rows (issue 18, decision 0052), part of the insider-attack suite
// (insider-attacks.test.ts): every money table refuses edits of amounts and payees, and every money
// row is sealed in the log so an edit with the triggers off is named by VERIFY and refused by the
// stipend payment file.

let t: TestApp;
let trainerId: string;
let otherTrainerId: string;
let centerId: string;
let loanId: string;
const month = '2026-11';

const post = (trx: Kysely<Database>, amount: number, kind = 'stipend_accrual') =>
  postLedgerTransaction(trx, { kind, loanId: null, occurredOn: '2026-11-30', now: t.clock.now() } as never, [
    { account: 'stipend_expense', debitMinor: amount },
    { account: 'stipend_payable', creditMinor: amount },
  ]);

beforeAll(async () => {
  t = await createTestApp({ keysDir: mkdtempSync(join(tmpdir(), 'markaz-keys-')) });
  const owner = await makeUser(t.deps, 'owner');
  const trainer = await makeUser(t.deps, 'trainer');
  trainerId = trainer.id;
  // The payment file pays only trainers with an IBAN recorded.
  const asTrainer = await loginClient(t.app, trainer.email);
  const iban = await asTrainer.request('PUT', '/api/v1/training/me/bank-account', {
    iban: 'PK36SCBL0000001123456702',
  });
  expect(iban.statusCode).toBe(200);
  otherTrainerId = (await makeUser(t.deps, 'trainer')).id;
  centerId = (await makeOperationalCenter(t.deps, owner.id)).center.id;
  await t.deps.db.transaction().execute(async (trx) => {
    const tx = await post(trx, 2_000_000);
    await sql`INSERT INTO training_stipends (center_id, month, trainer_id, amount_minor, status, ledger_transaction_id, run_at)
      VALUES (${centerId}, ${`${month}-01`}, ${trainerId}, 2000000, 'payable', ${tx}, now())`.execute(trx);
  });
  // A bare loan (its own checks only), then a repayment written as the service writes it.
  await asSuperuser(t, async (trx) => {
    const r = await sql<{ id: string }>`
      INSERT INTO loans (application_id, owner_id, bank_id, province_code, status, requested_minor,
                         schedule_unit_minor, requested_at, created_at, updated_at)
      VALUES (gen_random_uuid(), ${owner.id}, gen_random_uuid(), 'PB', 'requested', 100, 1, now(), now(), now())
      RETURNING id`.execute(trx);
    loanId = r.rows[0]!.id;
  });
  await t.deps.db.transaction().execute(async (trx) => {
    const tx = await post(trx, 50_000);
    await sql`INSERT INTO loan_repayments (loan_id, amount_minor, paid_on, bank_reference, allocation, ledger_transaction_id, created_at)
      VALUES (${loanId}, 50000, '2026-11-30', 'RP-INSIDER', '{}', ${tx}, now())`.execute(trx);
  });
  await chainAndSign(t.deps);
}, 120_000);
afterAll(() => t.close());

const paymentFile = async () => {
  const admin = await makeUser(t.deps, 'program_admin');
  const staff = await loginClient(t.app, admin.email);
  return staff.get(`/api/v1/training/stipend-runs/${month}/payment-file.csv`);
};

describe('every money table refuses edits of amounts and payees', () => {
  it('a plain UPDATE of a stipend amount and trainer is refused; deleting is refused', async () => {
    await expect(
      sql`UPDATE training_stipends SET amount_minor = 9000000, trainer_id = ${otherTrainerId} WHERE status = 'payable'`.execute(
        t.deps.db,
      ),
    ).rejects.toThrow(/training_stipends\.(trainer_id|amount_minor) never changes/);
    await expect(sql`DELETE FROM training_stipends`.execute(t.deps.db)).rejects.toThrow(/never deleted/);
  });

  it('a stipend status moves only along its transitions', async () => {
    await expect(
      sql`UPDATE training_stipends SET status = 'withheld', withheld_reasons = '{x}'`.execute(t.deps.db),
    ).rejects.toThrow(/withheld_reasons never changes|cannot become/);
    await expect(
      sql`UPDATE training_stipends SET clawback_reason = 'quietly'`.execute(t.deps.db),
    ).rejects.toThrow(/changes only with the status/);
  });

  it.each([
    ['loan_reversals', 'amount_minor = amount_minor + 1'],
    ['subsidy_clawbacks', 'amount_minor = amount_minor + 1'],
    ['fund_tranches', 'amount_minor = amount_minor + 1'],
    ['fund_arrivals', 'amount_minor = amount_minor + 1'],
    ['fund_jv_movements', 'amount_minor = amount_minor + 1'],
    ['fund_round_investors', 'amount_minor = amount_minor + 1'],
  ])('%s has a trigger that refuses an edit of its amount', async (table) => {
    const triggers = await sql<{ tgname: string }>`
      SELECT tgname FROM pg_trigger WHERE tgrelid = ${table}::regclass AND NOT tgisinternal`.execute(
      t.deps.db,
    );
    const names = triggers.rows.map((r) => r.tgname);
    expect(names.some((n) => /_(guarded|append_only)$/.test(n))).toBe(true);
    expect(names).toContain(`${table}_sealed`);
  });
});

describe('money rows sealed in the log', () => {
  it('each money row is sealed as it is written, and verify checks it', async () => {
    const seals = await t.deps.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'after_digest'])
      .where('action', '=', 'money.sealed')
      .execute();
    expect(seals.map((s) => s.entity).sort()).toEqual(['loan_repayments', 'training_stipends']);
    const v = await verifyChain(t.deps);
    expect(v.ok).toBe(true);
    expect(v.moneyRowsChecked).toBe(2);
    expect((await paymentFile()).body).toContain('20000.00');
  });

  it('VERIFY + PAYMENT FILE: a stipend edited with the triggers off (amount, payee) is named and not paid', async () => {
    await asSuperuser(t, async (trx) => {
      await sql`UPDATE training_stipends SET amount_minor = 9000000, trainer_id = ${otherTrainerId} WHERE status = 'payable'`.execute(
        trx,
      );
    });
    const v = await verifyChain(t.deps);
    expect(v.ok).toBe(false);
    expect(v.broken).toMatchObject({
      moneyRow: { table: 'training_stipends', key: `${centerId}/${month}-01` },
      reason: /differs from its seal/,
    });
    const file = await paymentFile();
    expect(file.statusCode).toBe(409);
    expect(file.json().detail).toMatch(/no longer match their seal/);
    await asSuperuser(t, async (trx) => {
      await sql`UPDATE training_stipends SET amount_minor = 2000000, trainer_id = ${trainerId}`.execute(trx);
    });
    expect((await verifyChain(t.deps)).ok).toBe(true);
  });

  it('PAYMENT FILE: a file pays what the sealed ledger transaction says, not an amount that differs from it', async () => {
    await asSuperuser(t, async (trx) => {
      await sql`UPDATE ledger_entries SET credit_minor = 1 WHERE account = 'stipend_payable'
        AND transaction_id = (SELECT ledger_transaction_id FROM training_stipends LIMIT 1)`.execute(trx);
    });
    expect((await paymentFile()).statusCode).toBe(409);
    await asSuperuser(t, async (trx) => {
      await sql`UPDATE ledger_entries SET credit_minor = 2000000 WHERE account = 'stipend_payable'
        AND transaction_id = (SELECT ledger_transaction_id FROM training_stipends LIMIT 1)`.execute(trx);
    });
    expect((await paymentFile()).statusCode).toBe(200);
  });

  it('VERIFY: a repayment multiplied by ten with the triggers off is named by its id', async () => {
    const { id } = await t.deps.db
      .selectFrom('loan_repayments')
      .select('id')
      .where('loan_id', '=', loanId)
      .executeTakeFirstOrThrow();
    await asSuperuser(t, async (trx) => {
      await sql`UPDATE loan_repayments SET amount_minor = amount_minor * 10`.execute(trx);
    });
    const v = await verifyChain(t.deps);
    expect(v.broken).toMatchObject({
      moneyRow: { table: 'loan_repayments', key: id },
      reason: /differs from its seal/,
    });
    expect(v.broken!.reason).toContain(id);
    await asSuperuser(t, async (trx) => {
      await sql`DELETE FROM loan_repayments WHERE id = ${id}`.execute(trx);
    });
    expect((await verifyChain(t.deps)).broken).toMatchObject({
      reason: /no longer in the table \(deleted\?\)/,
    });
  });
});

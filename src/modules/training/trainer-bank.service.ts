import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { type PiiCipher, piiCipher } from '../../platform/keys/pii.ts';
import { recordChange } from '../../platform/record-change.ts';
import { forbidden, invalidField } from '../../shared/errors.ts';
import { maskIban, normaliseIban } from '../../shared/iban.ts';

type Db = Kysely<Database>;

/**
 * A trainer's bank account for the stipend payment file (issue 15). The IBAN is checked (ISO
 * 13616, Pakistani form) and sealed with the pii cipher (purpose finance) bound to this table,
 * column and trainer; lists show it masked; only the payment file opens it for the bank.
 */
const place = (trainerId: string) => ({ table: 'trainer_bank_accounts', column: 'iban', id: trainerId });

export type TrainerBankAccount = { iban: string; ibanMasked: string; updatedAt: string };

const trainerOf = (actor: Actor): string => {
  requireRole(actor, 'trainer');
  if (actor.kind !== 'user') throw forbidden();
  return actor.userId;
};

/** The trainer's own account, in full to them (null until recorded). */
export async function myBankAccount(deps: Deps, actor: Actor): Promise<TrainerBankAccount | null> {
  const trainerId = trainerOf(actor);
  const row = await deps.db
    .selectFrom('trainer_bank_accounts')
    .select(['iban', 'updated_at'])
    .where('trainer_id', '=', trainerId)
    .executeTakeFirst();
  if (!row) return null;
  const iban = (await piiCipher(deps)).open(row.iban, place(trainerId));
  return { iban, ibanMasked: maskIban(iban)!, updatedAt: row.updated_at.toISOString() };
}

/** Records (or replaces) the trainer's IBAN; a wrong one is refused with the field named. */
export async function setMyBankAccount(
  deps: Deps,
  actor: Actor,
  input: { iban: string },
): Promise<TrainerBankAccount> {
  const trainerId = trainerOf(actor);
  const iban = normaliseIban(input.iban);
  if (!iban)
    throw invalidField(
      'iban',
      'is not a Pakistani IBAN: PK, two check digits, the bank’s four letters and 16 digits (check the digits)',
      'iban',
    );
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const sealed = (await piiCipher(deps, trx)).seal('finance', iban, place(trainerId)) as unknown as string;
    await trx
      .insertInto('trainer_bank_accounts')
      .values({ trainer_id: trainerId, iban: sealed, updated_at: now, updated_by: trainerId })
      .onConflict((oc) =>
        oc.column('trainer_id').doUpdateSet({ iban: sealed, updated_at: now, updated_by: trainerId }),
      )
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.bank_account_set',
      entity: 'user',
      entityId: trainerId,
      details: { iban: maskIban(iban) },
    });
    return { iban, ibanMasked: maskIban(iban)!, updatedAt: now.toISOString() };
  });
}

/** The trainers among `ids` with an account recorded. */
export async function trainersWithAccounts(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('trainer_bank_accounts')
    .select('trainer_id')
    .where('trainer_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.trainer_id));
}

/** The IBANs of `ids`, opened (the payment file only): trainer id → IBAN. */
export async function trainerIbans(
  db: Db,
  pii: PiiCipher,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('trainer_bank_accounts')
    .select(['trainer_id', 'iban'])
    .where('trainer_id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.trainer_id, pii.open(r.iban, place(r.trainer_id))]));
}

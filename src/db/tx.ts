import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.ts';

export type Tx = Transaction<Database> | Kysely<Database>;

/** Runs `work` in a transaction, joining the caller's when it already has one. */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}

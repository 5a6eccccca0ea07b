import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { PersonalField, PiiCipher } from '../../platform/keys/index.ts';
import { piiCipher } from '../../platform/keys/index.ts';

/**
 * Bank accounts named by consents (decision 0060): the IBAN sealed (purpose `finance`, bound to
 * the account's row), found by its keyed blind index; consents, attested lines and disputes name
 * the account's id, never the IBAN.
 */
type Db = Kysely<Database>;

export const accountsPersonalData: PersonalField = {
  table: 'remittance_accounts',
  id: 'id',
  purpose: 'finance',
  columns: [{ name: 'iban', blind: { column: 'iban_bidx', kind: 'iban' } }],
};

const place = (id: string) => ({ table: 'remittance_accounts', column: 'iban', id });

/** Opens an account's sealed IBAN. */
export const openIban = (pii: PiiCipher, accountId: string, sealed: string): string =>
  pii.open(sealed, place(accountId));

/** The account of (bank, IBAN), made on first use: the IBAN sealed before it is written. */
export async function accountFor(deps: Pick<Deps, 'db' | 'config'>, db: Db, bankId: string, iban: string) {
  const pii = await piiCipher(deps, db);
  const bidx = pii.blind('iban', iban);
  const found = await db
    .selectFrom('remittance_accounts')
    .select('id')
    .where('bank_id', '=', bankId)
    .where('iban_bidx', '=', bidx)
    .executeTakeFirst();
  if (found) return found.id;
  const id = randomUUID();
  await db
    .insertInto('remittance_accounts')
    .values({
      id,
      bank_id: bankId,
      iban: pii.seal('finance', iban, place(id)) as unknown as string,
      iban_bidx: bidx,
    })
    .onConflict((oc) => oc.columns(['bank_id', 'iban_bidx']).doNothing())
    .execute();
  const row = await db
    .selectFrom('remittance_accounts')
    .select('id')
    .where('bank_id', '=', bankId)
    .where('iban_bidx', '=', bidx)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The known accounts of a bank among these IBANs: IBAN → account id. */
export async function accountsOf(
  deps: Pick<Deps, 'db' | 'config'>,
  bankId: string,
  ibans: readonly string[],
): Promise<Map<string, string>> {
  if (ibans.length === 0) return new Map();
  const pii = await piiCipher(deps);
  const byBidx = new Map(ibans.map((i) => [pii.blind('iban', i), i]));
  const out = new Map<string, string>();
  const all = [...byBidx.keys()];
  for (let i = 0; i < all.length; i += 1000) {
    const rows = await deps.db
      .selectFrom('remittance_accounts')
      .select(['id', 'iban_bidx'])
      .where('bank_id', '=', bankId)
      .where('iban_bidx', 'in', all.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(byBidx.get(r.iban_bidx!)!, r.id);
  }
  return out;
}

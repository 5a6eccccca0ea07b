import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { type PersonalField, type PiiCipher, piiCipher, type Sealed } from '../../platform/keys/index.ts';
import type { Normalized } from './user.service.ts';

/**
 * The identity area's personal columns (decision 0038): sealed to their row, with blind indexes for
 * the ones people sign in with and that must stay unique.
 */
const contactColumns = [
  { name: 'email', blind: { column: 'email_bidx', kind: 'email' } },
  { name: 'mobile', blind: { column: 'mobile_bidx', kind: 'mobile' } },
  { name: 'cnic', blind: { column: 'cnic_bidx', kind: 'cnic' } },
] as const;

export const identityPersonalData: readonly PersonalField[] = [
  { table: 'users', id: 'id', purpose: 'identity', columns: contactColumns },
  { table: 'pending_registrations', id: 'id', purpose: 'identity', columns: contactColumns },
  { table: 'account_tokens', id: 'id', purpose: 'contacts', columns: [{ name: 'contact' }] },
  // Authenticators' TOTP secrets (decision 0077): re-sealed when the identity key rotates.
  { table: 'user_factors', id: 'user_id', purpose: 'identity', columns: [{ name: 'secret_sealed' }] },
];

type Table = 'users' | 'pending_registrations';

/** The sealed columns and blind indexes of a row's email, mobile and CNIC. */
export function sealContacts(pii: PiiCipher, table: Table, id: string, n: Normalized) {
  const at = (column: string) => ({ table, column, id });
  return {
    email: pii.seal('identity', n.email, at('email')),
    email_bidx: pii.blind('email', n.email),
    mobile: pii.sealMaybe('identity', n.mobile, at('mobile')),
    mobile_bidx: pii.blindMaybe('mobile', n.mobile),
    cnic: pii.sealMaybe('identity', n.cnic, at('cnic')),
    cnic_bidx: pii.blindMaybe('cnic', n.cnic),
  };
}

/** The clear email, mobile and CNIC of a row. */
export function openContacts(
  pii: PiiCipher,
  table: Table,
  row: { id: string; email: Sealed; mobile: Sealed | null; cnic: Sealed | null },
): Normalized {
  const at = (column: string) => ({ table, column, id: row.id });
  return {
    email: pii.open(row.email, at('email')),
    mobile: pii.openMaybe(row.mobile, at('mobile')),
    cnic: pii.openMaybe(row.cnic, at('cnic')),
  };
}

export const sealTokenContact = (pii: PiiCipher, id: string, contact: string) =>
  pii.seal('contacts', contact, { table: 'account_tokens', column: 'contact', id });
export const openTokenContact = (pii: PiiCipher, id: string, contact: Sealed) =>
  pii.open(contact, { table: 'account_tokens', column: 'contact', id });

/** The blind index of an email, for other areas' look-ups (the demo finds its people by email). */
export async function emailIndex(deps: Pick<Deps, 'db' | 'config'>, email: string): Promise<string> {
  return (await piiCipher(deps)).blind('email', email);
}

/**
 * People's clear contacts by id, for those who legitimately send to or show them (the front desk,
 * the sender of notices); `trx` when called inside a transaction.
 */
export async function contactsOf(
  deps: Pick<Deps, 'db' | 'config'>,
  ids: readonly string[],
  trx?: Kysely<Database>,
): Promise<Map<string, Normalized>> {
  if (ids.length === 0) return new Map();
  const pii = await piiCipher(deps, trx);
  const rows = await (trx ?? deps.db)
    .selectFrom('users')
    .select(['id', 'email', 'mobile', 'cnic'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, openContacts(pii, 'users', r)]));
}

/**
 * The people a message goes to, in one statement (contacts opened, profile language, status),
 * always run, even for nobody: senders of security messages do the same work whoever they reach.
 */
export async function recipientsOf(
  deps: Pick<Deps, 'db' | 'config'>,
  ids: readonly string[],
  trx?: Kysely<Database>,
): Promise<Map<string, Normalized & { locale: 'en' | 'ur'; status: 'active' | 'disabled' }>> {
  const pii = await piiCipher(deps, trx);
  const rows = await (trx ?? deps.db)
    .selectFrom('users')
    .select(['id', 'email', 'mobile', 'cnic', 'locale', 'status'])
    .where(sql<boolean>`id = ANY(${[...new Set(ids)]}::uuid[])`)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { ...openContacts(pii, 'users', r), locale: r.locale, status: r.status }]),
  );
}

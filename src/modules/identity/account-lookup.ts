import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PiiCipher } from '../../platform/keys/index.ts';
import { findUserRowBy, type UserRow } from './identity.repository.ts';
import { normalizeCnic, normalizeEmail, normalizeMobile } from './identity.rules.ts';

/** What a person typed to name their account, recognised and normalised. */
export type Contact =
  | { kind: 'email'; value: string }
  | { kind: 'mobile'; value: string }
  | { kind: 'cnic'; value: string };

/**
 * Reads a login as an email (it has an @), a CNIC (13 digits, dashes optional) or a Pakistani
 * mobile number; null when it is none of them. A CNIC is tried before a mobile: 13 digits are
 * never a mobile number.
 */
export function parseContact(input: string): Contact | null {
  const raw = input.trim();
  if (raw.includes('@')) return raw.length >= 3 ? { kind: 'email', value: normalizeEmail(raw) } : null;
  const cnic = normalizeCnic(raw);
  if (cnic) return { kind: 'cnic', value: cnic };
  const mobile = normalizeMobile(raw);
  if (mobile) return { kind: 'mobile', value: mobile };
  return null;
}

/**
 * The one way Markaz finds an account from what a person typed: sign-in, password reset and the
 * registration check all come through here, so that a later change (keyed blind indexes instead
 * of clear contacts, the personal-data issue) is made in one place.
 */
export async function findAccountByContact(
  db: Kysely<Database>,
  pii: PiiCipher,
  contact: Contact,
): Promise<UserRow | undefined> {
  return findUserRowBy(db, pii, contact.kind, contact.value);
}

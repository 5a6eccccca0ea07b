import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PiiCipher } from '../../platform/keys/index.ts';
import { openContacts } from './identity.pii.ts';
import { normalizeCnic, normalizeMobile } from './identity.rules.ts';
import type { ApiKey, Organization, User } from './identity.schema.ts';
import type { ApiKeysTable, OrganizationsTable, Role, UsersTable } from './identity.table.ts';

type Db = Kysely<Database>;
type Sealed = 'email' | 'mobile' | 'cnic';
/** A user's row with its email, mobile and CNIC opened (they are sealed in the table). */
export type UserRow = Omit<Selectable<UsersTable>, Sealed> & {
  email: string;
  mobile: string | null;
  cnic: string | null;
  organization_name: string | null;
};

function opened(pii: PiiCipher, row: Selectable<UsersTable> & { organization_name: string | null }): UserRow {
  return { ...row, ...openContacts(pii, 'users', row) };
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    mobile: row.mobile,
    cnic: row.cnic,
    role: row.role,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    status: row.status,
    locale: row.locale,
    mobileVerified: row.mobile_verified_at !== null,
    emailVerified: row.email_verified_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}

function selectUsers(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .selectAll('users')
    .select('organizations.name as organization_name');
}

/**
 * Callers outside account-lookup.ts go through findAccountByContact, which names this once: the
 * exact match is on the keyed blind index of the normalised value, never on the value.
 */
export async function findUserRowBy(
  db: Db,
  pii: PiiCipher,
  field: 'email' | 'mobile' | 'cnic',
  value: string,
): Promise<UserRow | undefined> {
  const row = await selectUsers(db)
    .where(`users.${field}_bidx`, '=', pii.blind(field, value))
    .executeTakeFirst();
  return row && opened(pii, row);
}

export async function findUserRowById(db: Db, pii: PiiCipher, id: string): Promise<UserRow | undefined> {
  const row = await selectUsers(db).where('users.id', '=', id).executeTakeFirst();
  return row && opened(pii, row);
}

export async function findUserById(db: Db, pii: PiiCipher, id: string): Promise<User | undefined> {
  const row = await findUserRowById(db, pii, id);
  return row && toUser(row);
}

/**
 * Staff search: part of a name, or exactly an email, a mobile or a CNIC (through its blind index;
 * a ciphertext cannot be searched for a part).
 */
function matching(pii: PiiCipher, q: string) {
  const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const exact = contactIndexes(pii, q);
  return (eb: ExpressionBuilder<Database, 'users'>) =>
    eb.or([
      eb(eb.fn('lower', ['users.name']), 'like', like),
      ...exact.map(([col, v]) => eb(`users.${col}`, '=', v)),
    ]);
}

/** The blind indexes a typed query could match exactly: an email, a CNIC, a mobile number. */
export function contactIndexes(
  pii: PiiCipher,
  q: string,
): ['email_bidx' | 'cnic_bidx' | 'mobile_bidx', string][] {
  const t = q.trim();
  if (t.includes('@')) return [['email_bidx', pii.blind('email', t)]];
  const out: ['email_bidx' | 'cnic_bidx' | 'mobile_bidx', string][] = [];
  const cnic = normalizeCnic(t);
  if (cnic) out.push(['cnic_bidx', pii.blind('cnic', cnic)]);
  const mobile = normalizeMobile(t);
  if (mobile) out.push(['mobile_bidx', pii.blind('mobile', mobile)]);
  return out;
}

export async function listUsers(
  db: Db,
  pii: PiiCipher,
  filter: { role?: Role | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ items: User[]; total: number }> {
  let q = selectUsers(db);
  if (filter.role) q = q.where('users.role', '=', filter.role);
  if (filter.q) q = q.where(matching(pii, filter.q));
  const rows = await q
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  let countQ = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.role) countQ = countQ.where('users.role', '=', filter.role);
  if (filter.q) countQ = countQ.where(matching(pii, filter.q));
  const { n } = await countQ.executeTakeFirstOrThrow();
  return { items: rows.map((r) => toUser(opened(pii, r))), total: Number(n) };
}

export async function userExistsWith(
  db: Db,
  pii: PiiCipher,
  field: 'email' | 'cnic' | 'mobile',
  value: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(`${field}_bidx`, '=', pii.blind(field, value))
    .executeTakeFirst();
  return Boolean(row);
}

export function toOrganization(row: Selectable<OrganizationsTable>): Organization {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    createdAt: row.created_at.toISOString(),
  };
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    allowedCidrs: row.allowed_cidrs,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

/** Display names for actors (people and API keys) by id, for audit trails. */
export async function actorNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('id', 'in', unique)
    .execute();
  const keys = await db
    .selectFrom('api_keys')
    .innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .select(['api_keys.id', 'api_keys.name', 'organizations.code'])
    .where('api_keys.id', 'in', unique)
    .execute();
  return new Map([
    ...users.map((u) => [u.id, `${u.name} (${u.role})`] as const),
    ...keys.map((k) => [k.id, `${k.code} API key: ${k.name}`] as const),
  ]);
}

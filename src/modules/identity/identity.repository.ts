import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ApiKey, Organization, User } from './identity.schema.ts';
import type { ApiKeysTable, OrganizationsTable, Role, UsersTable } from './identity.table.ts';

type Db = Kysely<Database>;
export type UserRow = Selectable<UsersTable> & { organization_name: string | null };

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

/** Callers outside account-lookup.ts go through findAccountByContact, which names this once. */
export async function findUserRowBy(
  db: Db,
  field: 'email' | 'mobile' | 'cnic',
  value: string,
): Promise<UserRow | undefined> {
  return selectUsers(db).where(`users.${field}`, '=', value).executeTakeFirst();
}

export async function findUserRowById(db: Db, id: string): Promise<UserRow | undefined> {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await findUserRowById(db, id);
  return row && toUser(row);
}

export async function listUsers(
  db: Db,
  filter: { role?: Role | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ items: User[]; total: number }> {
  let q = selectUsers(db);
  if (filter.role) q = q.where('users.role', '=', filter.role);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['users.name']), 'like', like), eb('users.email', 'like', like)]),
    );
  }
  const rows = await q
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  let countQ = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
  if (filter.role) countQ = countQ.where('users.role', '=', filter.role);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    countQ = countQ.where((eb) =>
      eb.or([eb(eb.fn('lower', ['users.name']), 'like', like), eb('users.email', 'like', like)]),
    );
  }
  const { n } = await countQ.executeTakeFirstOrThrow();
  return { items: rows.map(toUser), total: Number(n) };
}

export async function userExistsWith(
  db: Db,
  field: 'email' | 'cnic' | 'mobile',
  value: string,
): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where(field, '=', value).executeTakeFirst();
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

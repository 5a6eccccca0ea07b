import type { ColumnType, Generated } from 'kysely';

import type { Role } from '../../platform/actor.ts';

export type { Role };
export type OrganizationKind = 'bank' | 'owner_company' | 'government' | 'committee' | 'other';

export interface OrganizationsTable {
  id: Generated<string>;
  kind: OrganizationKind;
  code: string;
  name: string;
  created_at: Date;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  mobile: string | null;
  cnic: string | null;
  role: Role;
  organization_id: string | null;
  password_hash: string;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined>;
  locale: ColumnType<'en' | 'ur', 'en' | 'ur' | undefined>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  role: 'bank_officer';
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface IdentityTables {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
}

declare module '../../db/database.ts' {
  interface Database extends IdentityTables {}
}

import type { ColumnType, Generated } from 'kysely';

import type { Role } from '../../platform/actor.ts';
import type { Sealed } from '../../platform/keys/index.ts';

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
  /** Made by the application before the insert: it is part of the ciphertexts' additional data. */
  id: string;
  /** Ciphertexts (decision 0038); look-ups and uniqueness go through the blind indexes. */
  email: Sealed;
  name: string;
  mobile: Sealed | null;
  cnic: Sealed | null;
  email_bidx: string;
  mobile_bidx: string | null;
  cnic_bidx: string | null;
  role: Role;
  organization_id: string | null;
  password_hash: string;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined>;
  locale: ColumnType<'en' | 'ur', 'en' | 'ur' | undefined>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  mobile_verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  email_verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  /** A password-only session of a privileged account: it must pass the second factor (factor.table.ts). */
  factor_stage: ColumnType<
    'code' | 'enrol' | null,
    'code' | 'enrol' | null | undefined,
    'code' | 'enrol' | null
  >;
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
  /** Where the key may be used from (CIDR, IPv4 or IPv6); empty means anywhere. */
  allowed_cidrs: ColumnType<string[], string[] | undefined, string[]>;
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Failures per (account or typed login, client address); see sign-in-throttle.ts. */
export interface SignInThrottleTable {
  subject: string;
  address: string;
  failures: number;
  lockouts: number;
  locked_until: Date | null;
  last_failure_at: Date;
}

export interface PendingRegistrationsTable {
  id: string;
  mobile: Sealed;
  email: Sealed;
  cnic: Sealed;
  mobile_bidx: string;
  email_bidx: string;
  cnic_bidx: string;
  name: string;
  role: 'freelancer' | 'owner';
  locale: 'en' | 'ur';
  password_hash: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Date;
  created_at: Date;
}

export type TokenPurpose = 'password_reset' | 'verify_mobile' | 'verify_email';

export interface AccountTokensTable {
  id: string;
  user_id: string;
  purpose: TokenPurpose;
  channel: 'sms' | 'email';
  /** Where it was sent: the contact it proves (a new mobile or email) or the one on file; sealed. */
  contact: Sealed;
  token_hash: string;
  /** A reset code's flow: the hash of the id given to the browser that asked (decision 0081). */
  flow_hash: ColumnType<string | null, string | null | undefined, string | null>;
  attempts: Generated<number>;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
}

export interface SignInDevicesTable {
  user_id: string;
  fingerprint: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

/** Browsers that signed in, by a keyed hash of their cookie (sign-in-browser.ts, decision 0081). */
export interface SignInBrowsersTable {
  user_id: string;
  token_hash: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

export interface IdentityTables {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  sign_in_throttle: SignInThrottleTable;
  pending_registrations: PendingRegistrationsTable;
  account_tokens: AccountTokensTable;
  sign_in_devices: SignInDevicesTable;
  sign_in_browsers: SignInBrowsersTable;
}

declare module '../../db/database.ts' {
  interface Database extends IdentityTables {}
}

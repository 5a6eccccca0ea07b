import type { Generated } from 'kysely';

/** One TOTP authenticator per account; the secret is sealed (factor-secret.ts), never in clear. */
export interface UserFactorsTable {
  user_id: string;
  kind: Generated<'totp'>;
  secret_sealed: string;
  confirmed_at: Date | null;
  /** The newest time step accepted: a code of that step or an older one is refused (replay). */
  last_step: string | number | null;
  created_at: Date;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Date;
  used_at: Date | null;
}

export interface FactorResetsTable {
  id: Generated<string>;
  user_id: string;
  reason: string;
  requested_by: string;
  requested_at: Date;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
}

/** A browser trusted to skip the code until `expires_at` (decision 0077); the token only as a keyed hash. */
export interface TrustedDevicesTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  label: string;
  address: string | null;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
}

export interface FactorTables {
  trusted_devices: TrustedDevicesTable;
  user_factors: UserFactorsTable;
  recovery_codes: RecoveryCodesTable;
  factor_resets: FactorResetsTable;
}

declare module '../../db/database.ts' {
  interface Database extends FactorTables {}
}

import type { Generated } from 'kysely';

/** What a consent lets the bank report beyond the dollar amount, which every consent covers. */
export type ConsentFigure = 'counts' | 'prc' | 'retention';

export interface RemittanceConsentsTable {
  id: Generated<string>;
  freelancer_id: string;
  bank_id: string;
  /** The account (its IBAN sealed in `remittance_accounts`). */
  account_id: string;
  scope: ConsentFigure[];
  starts_on: string;
  expires_on: string;
  revoked_at: Date | null;
  revoke_reason: string | null;
  created_at: Date;
  /** The keyed hash of the holder's CNIC for this bank (holder.ts); null on consents given before it. */
  holder_hash: string | null;
}

/**
 * A bank account named by a consent (decision 0060): the IBAN sealed by the pii cipher (purpose
 * `finance`, bound to this row), found by its keyed blind index; everything else names the id.
 */
export interface RemittanceAccountsTable {
  id: Generated<string>;
  bank_id: string;
  /** `pii1.…` ciphertext of the normalised IBAN (upper case, no spaces). */
  iban: string;
  /** HMAC of the IBAN under the blind-index key (null only between migration and sweep). */
  iban_bidx: string | null;
  created_at: Generated<Date>;
}

/** A partner bank's four-letter code in IBANs: a consent may only name an account at that bank. */
export interface RemittanceBanksTable {
  bank_id: string;
  iban_code: string;
  updated_at: Date;
}

/** A bank's line whose holder hash did not match the consent's: refused, and kept for staff. */
export interface RemittanceHolderMismatchesTable {
  id: Generated<string>;
  bank_id: string;
  consent_id: string;
  freelancer_id: string;
  month: string;
  reported_at: Date;
}

/** What a line held before a later batch replaced it. */
export interface RemittanceAttestationVersionsTable {
  bank_id: string;
  account_id: string;
  month: string;
  purpose_code: string;
  revision: number;
  batch_id: string;
  usd_minor: number;
  remittances: number | null;
  retained_usd_minor: number | null;
  converted_usd_minor: number | null;
  prc_ref: string | null;
  replaced_by: string;
  replaced_at: Date;
}

export interface RemittanceBatchesTable {
  id: Generated<string>;
  bank_id: string;
  source: 'api' | 'csv';
  file_name: string | null;
  /** Of the batch's lines in canonical form: the same lines again are the same batch. */
  content_sha256: string;
  line_count: number;
  new_lines: number;
  corrected_lines: number;
  unchanged_lines: number;
  usd_minor: number;
  submitted_at: Date;
}

export interface RemittanceAttestationsTable {
  bank_id: string;
  account_id: string;
  /** First day of the month, 'YYYY-MM-01'. */
  month: string;
  purpose_code: string;
  freelancer_id: string;
  consent_id: string;
  batch_id: string;
  usd_minor: number;
  remittances: number | null;
  retained_usd_minor: number | null;
  converted_usd_minor: number | null;
  prc_ref: string | null;
  revision: Generated<number>;
  updated_at: Date;
  /** False when the purpose code is not an IT or IT-enabled export: kept, never counted. */
  it_export: Generated<boolean>;
}

export interface RemittanceExplanationsTable {
  freelancer_id: string;
  month: string;
  text: string;
  updated_at: Date;
}

export interface RemittanceDisputesTable {
  id: Generated<string>;
  bank_id: string;
  account_id: string;
  month: string;
  purpose_code: string;
  freelancer_id: string;
  reason: 'wrong_amount' | 'not_mine';
  claimed_usd_minor: number | null;
  text: string;
  attested_usd_minor: number;
  status: Generated<'open' | 'confirmed' | 'corrected' | 'escalated' | 'resolved'>;
  answer_text: string | null;
  corrected_usd_minor: number | null;
  answered_by: string | null;
  answered_at: Date | null;
  created_at: Date;
  reminders: Generated<number>;
  last_reminded_at: Date | null;
  escalation_text: string | null;
  escalated_at: Date | null;
  resolution_text: string | null;
}

export interface RemittanceSigningKeysTable {
  id: Generated<string>;
  bank_id: string;
  key_id: string;
  alg: 'ed25519' | 'ecdsa-p256-sha256';
  public_key_pem: string;
  created_by: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

export interface RemittanceSigningSettingsTable {
  bank_id: string;
  required: boolean;
  updated_by: string | null;
  updated_at: Date;
}

export interface RemittanceSignaturesSeenTable {
  bank_id: string;
  signature_sha256: string;
  seen_at: Date;
}

/** At most one row: the period staff set; without it, MARKAZ_DISPUTE_REMINDER_DAYS. */
export interface RemittanceSettingsTable {
  id: Generated<boolean>;
  dispute_reminder_days: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface RemittancesTables {
  remittance_settings: RemittanceSettingsTable;
  remittance_signing_keys: RemittanceSigningKeysTable;
  remittance_signing_settings: RemittanceSigningSettingsTable;
  remittance_signatures_seen: RemittanceSignaturesSeenTable;
  remittance_disputes: RemittanceDisputesTable;
  remittance_accounts: RemittanceAccountsTable;
  remittance_consents: RemittanceConsentsTable;
  remittance_batches: RemittanceBatchesTable;
  remittance_attestations: RemittanceAttestationsTable;
  remittance_explanations: RemittanceExplanationsTable;
  remittance_banks: RemittanceBanksTable;
  remittance_holder_mismatches: RemittanceHolderMismatchesTable;
  remittance_attestation_versions: RemittanceAttestationVersionsTable;
}

declare module '../../db/database.ts' {
  interface Database extends RemittancesTables {}
}

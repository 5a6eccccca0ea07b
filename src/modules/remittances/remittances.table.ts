import type { Generated } from 'kysely';

/** What a consent lets the bank report beyond the dollar amount, which every consent covers. */
export type ConsentFigure = 'counts' | 'prc' | 'retention';

export interface RemittanceConsentsTable {
  id: Generated<string>;
  freelancer_id: string;
  bank_id: string;
  /** Normalised: upper case, no spaces. */
  iban: string;
  scope: ConsentFigure[];
  starts_on: string;
  expires_on: string;
  revoked_at: Date | null;
  revoke_reason: string | null;
  created_at: Date;
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
  iban: string;
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
}

export interface RemittanceExplanationsTable {
  freelancer_id: string;
  month: string;
  text: string;
  updated_at: Date;
}

export interface RemittancesTables {
  remittance_consents: RemittanceConsentsTable;
  remittance_batches: RemittanceBatchesTable;
  remittance_attestations: RemittanceAttestationsTable;
  remittance_explanations: RemittanceExplanationsTable;
}

declare module '../../db/database.ts' {
  interface Database extends RemittancesTables {}
}

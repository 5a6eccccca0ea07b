import type { ColumnType, Generated } from 'kysely';
import type { Sealed } from '../../platform/keys/index.ts';
import type { Obligation } from '../../platform/personal-records.ts';

export type CorrectionStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface CorrectionRequestsTable {
  /** Made before the insert: part of the sealed value's additional data. */
  id: string;
  user_id: string;
  field: string;
  /** The value asked for, sealed (it may be a CNIC). */
  requested: Sealed;
  reason: string;
  evidence: string | null;
  /** An uploaded evidence file (decision 0077): its storage key in the upload store, and what it is. */
  evidence_file_key: ColumnType<string | null, string | null | undefined, string | null>;
  evidence_file_name: ColumnType<string | null, string | null | undefined, string | null>;
  evidence_content_type: ColumnType<string | null, string | null | undefined, string | null>;
  evidence_size_bytes: ColumnType<string | number | null, number | null | undefined, number | null>;
  evidence_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<CorrectionStatus, CorrectionStatus | undefined, CorrectionStatus>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: Date;
}

export type ClosureStatus = 'refused' | 'review' | 'closed' | 'rejected';

export interface AccountClosuresTable {
  id: Generated<string>;
  user_id: string;
  status: ClosureStatus;
  reason: string | null;
  obligations: ColumnType<Obligation[], string, string>;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  closed_at: Date | null;
}

export interface RetentionSettingsTable {
  kind: string;
  days: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface PrivacyTables {
  correction_requests: CorrectionRequestsTable;
  account_closures: AccountClosuresTable;
  retention_settings: RetentionSettingsTable;
}

declare module '../../db/database.ts' {
  interface Database extends PrivacyTables {}
}

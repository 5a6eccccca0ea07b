import type { Generated } from 'kysely';

/** One issued certificate: what it says (copied from the completion) and the signed credential. */
export interface CertificatesTable {
  id: Generated<string>;
  code: string;
  enrolment_id: string;
  user_id: string;
  display_name: string;
  course_id: string;
  course_title_en: string;
  course_title_ur: string;
  hours: number;
  skills: string[];
  centre_id: string;
  centre_name: string;
  cohort_start: string;
  cohort_end: string;
  completed_on: string;
  score: number | null;
  /** Its bit in the revocation status list. */
  status_index: number;
  credential: Record<string, unknown>;
  issued_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

/** The signed Bitstring Status List credential, re-signed in the transaction of each revocation. */
export interface CredentialStatusListsTable {
  list_id: number;
  credential: Record<string, unknown>;
  updated_at: Date;
}

export interface CredentialsTables {
  certificates: CertificatesTable;
  credential_status_lists: CredentialStatusListsTable;
}

declare module '../../db/database.ts' {
  interface Database extends CredentialsTables {}
}

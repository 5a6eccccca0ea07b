import type { ColumnType, Generated } from 'kysely';

export type CallStatus = 'draft' | 'published' | 'closed' | 'decided';
export type ApplicationStatus = 'draft' | 'submitted' | 'shortlisted' | 'not_selected' | 'failed';
export type AssignmentStatus = 'pending' | 'accepted' | 'recused' | 'submitted';
export type AppealStatus = 'pending' | 'upheld' | 'rejected';

/** Dates are 'YYYY-MM-DD' strings (the driver is told not to make Dates of them). */
type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface CallsTable {
  id: Generated<string>;
  title_en: string;
  title_ur: string;
  description_en: string;
  description_ur: string;
  opens_at: Date;
  closes_at: Date;
  status: CallStatus;
  pass_mark: number;
  evaluators_per_application: number;
  loan_cap_minor: number;
  appeal_window_days: number;
  first_submitted_at: Date | null;
  published_at: Date | null;
  closed_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CallCriteriaTable {
  call_id: string;
  key: string;
  position: number;
  label_en: string;
  label_ur: string;
  weight: number;
  max_score: number;
}

export interface CallQuotasTable {
  call_id: string;
  province_code: string;
  district_id: number | null;
  seats: number;
}

export interface CallQuotaReleasesTable {
  id: Generated<string>;
  call_id: string;
  from_province: string;
  to_province: string;
  seats: number;
  reason: string;
  created_by: string | null;
  created_at: Date;
}

export interface ApplicationReferenceCountersTable {
  year: number;
  last: number;
}

export interface ApplicationsTable {
  id: Generated<string>;
  call_id: string;
  owner_id: string;
  reference: string;
  status: ApplicationStatus;
  building_name: string;
  address: string;
  address_key: string;
  province_code: string;
  district_id: number | null;
  city_id: number | null;
  latitude: number | null;
  longitude: number | null;
  covered_area_sqft: number | null;
  hot_desks: number | null;
  cabins: number | null;
  meeting_rooms: number | null;
  training_rooms: number | null;
  internet_mbps: number | null;
  internet_provider: string | null;
  fibre: boolean | null;
  backup_kva: number | null;
  backup_hours: number | null;
  facilities: Json<string[]>;
  readiness_date: DateColumn | null;
  loan_requested_minor: number | null;
  submitted_at: Date | null;
  score_milli: number | null;
  rank: number | null;
  decision_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ApplicationDocumentsTable {
  id: Generated<string>;
  application_id: string;
  kind: 'document' | 'photo';
  title: string;
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}

export interface EvaluationAssignmentsTable {
  id: Generated<string>;
  call_id: string;
  application_id: string;
  evaluator_id: string;
  status: AssignmentStatus;
  conflict_note: string | null;
  declared_at: Date | null;
  submitted_at: Date | null;
  assigned_by: string | null;
  assigned_at: Date;
}

export interface EvaluationScoresTable {
  assignment_id: string;
  criterion_key: string;
  score: number;
  comment: string;
  updated_at: Date;
}

export interface AppealsTable {
  id: Generated<string>;
  application_id: string;
  text: string;
  status: AppealStatus;
  resolution_reason: string | null;
  created_by: string;
  created_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
}

export interface CallsTables {
  calls: CallsTable;
  call_criteria: CallCriteriaTable;
  call_quotas: CallQuotasTable;
  call_quota_releases: CallQuotaReleasesTable;
  application_reference_counters: ApplicationReferenceCountersTable;
  applications: ApplicationsTable;
  application_documents: ApplicationDocumentsTable;
  evaluation_assignments: EvaluationAssignmentsTable;
  evaluation_scores: EvaluationScoresTable;
  appeals: AppealsTable;
}

declare module '../../db/database.ts' {
  interface Database extends CallsTables {}
}

import type { ColumnType, Generated } from 'kysely';
import type { Sealed } from '../../platform/keys/index.ts';

type DateColumn = ColumnType<string, string, string>;
type Range = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type CourseLevel = 'beginner' | 'intermediate' | 'advanced';
export type RuleKind = 'domicile_province' | 'min_age' | 'max_age' | 'min_education_years';
export type CohortStatus = 'open' | 'admitted' | 'finished' | 'cancelled';
export type EnrolmentStatus =
  | 'ineligible'
  | 'applied'
  | 'admitted'
  | 'waitlisted'
  | 'not_admitted'
  | 'withdrawn'
  | 'completed'
  | 'not_completed';
export type StipendStatus = 'payable' | 'withheld' | 'clawed_back';

/** One eligibility rule's verdict on an application: what a refused or admitted person is shown. */
/**
 * One rule's verdict: `reason` in English, and `code` with `params` so the web app says it in the
 * reader's language (rows written before codes existed have none and show `reason`).
 */
export type RuleReason = {
  rule: RuleKind | 'seat';
  passed: boolean;
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
};

export interface TrainingCoursesTable {
  course_id: Generated<string>;
  code: string;
  title_en: string;
  title_ur: string;
  description_en: string;
  description_ur: string;
  hours: number;
  skills: string[];
  level: CourseLevel;
  provider_kind: 'programme' | 'partner';
  provider_name: string;
  min_attendance_percent: number;
  pass_mark: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Date;
  updated_at: Date;
}

export interface TrainingEligibilityRulesTable {
  rule_id: Generated<string>;
  course_id: string | null;
  kind: RuleKind;
  value_text: string | null;
  value_int: number | null;
  effective_from: DateColumn;
  effective_to: ColumnType<string | null, string | null, string | null>;
  created_by: string | null;
  created_at: Date;
}

export interface TrainingCohortsTable {
  center_id: string;
  cohort_id: Generated<string>;
  course_id: string;
  trainer_id: string | null;
  room_space_id: string;
  capacity: number;
  starts_on: DateColumn;
  ends_on: DateColumn;
  admission_order: 'merit' | 'first_come';
  seat_rule: 'population' | 'equal';
  status: CohortStatus;
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface TrainingCohortDistrictsTable {
  center_id: string;
  cohort_id: string;
  district_id: number;
  weight: number;
  seats: number;
}

export interface TrainingSessionsTable {
  center_id: string;
  session_id: Generated<string>;
  cohort_id: string;
  during: Range;
  hold_id: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  attendance_closed_at: Date | null;
}

export interface TrainingEnrolmentsTable {
  center_id: string;
  enrolment_id: Generated<string>;
  cohort_id: string;
  user_id: string;
  domicile_district_id: number;
  /** The date of birth (YYYY-MM-DD), sealed (decision 0038; 2026-12-11-10): read only to show or correct it. */
  birth_date: Sealed;
  education_years: number;
  merit_score: number;
  status: EnrolmentStatus;
  reasons: Json<RuleReason[]>;
  seat_district_id: number | null;
  waitlist_position: number | null;
  documents_checked_at: Date | null;
  documents_checked_by: string | null;
  assessment_score: number | null;
  applied_at: Date;
  decided_at: Date | null;
  completed_at: Date | null;
  updated_at: Date;
}

export interface TrainingAttendanceTable {
  center_id: string;
  session_id: string;
  enrolment_id: string;
  present: boolean;
  source: 'qr' | 'trainer';
  reason: string | null;
  recorded_by: string | null;
  recorded_at: Date;
}

export interface TrainerAssignmentsTable {
  center_id: string;
  trainer_id: string;
  starts_on: DateColumn;
  ends_on: ColumnType<string | null, string | null, string | null>;
  assigned_by: string;
  created_at: Date;
}

export interface TrainingStipendRatesTable {
  effective_from: DateColumn;
  amount_minor: number;
  set_by: string | null;
  created_at: Date;
}

export interface TrainingStipendsTable {
  center_id: string;
  month: DateColumn;
  trainer_id: string | null;
  amount_minor: number;
  status: StipendStatus;
  withheld_reasons: string[];
  ledger_transaction_id: string | null;
  clawback_transaction_id: string | null;
  clawback_reason: string | null;
  run_at: Date;
  run_by: string | null;
}

/** A trainer's stipend account: the IBAN sealed with the pii cipher (finance). */
export interface TrainerBankAccountsTable {
  trainer_id: string;
  iban: string;
  updated_at: Date;
  updated_by: string;
}

export interface TrainingTables {
  training_courses: TrainingCoursesTable;
  training_eligibility_rules: TrainingEligibilityRulesTable;
  training_cohorts: TrainingCohortsTable;
  training_cohort_districts: TrainingCohortDistrictsTable;
  training_sessions: TrainingSessionsTable;
  training_enrolments: TrainingEnrolmentsTable;
  training_attendance: TrainingAttendanceTable;
  trainer_assignments: TrainerAssignmentsTable;
  training_stipend_rates: TrainingStipendRatesTable;
  training_stipends: TrainingStipendsTable;
  trainer_bank_accounts: TrainerBankAccountsTable;
}

declare module '../../db/database.ts' {
  interface Database extends TrainingTables {}
}

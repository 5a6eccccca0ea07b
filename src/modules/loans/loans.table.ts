import type { ColumnType, Generated } from 'kysely';

export type LoanStatus =
  | 'requested'
  | 'sanctioned'
  | 'declined'
  | 'active'
  | 'closed'
  | 'loss'
  | 'written_off';
export type InstalmentStatus = 'scheduled' | 'due' | 'overdue' | 'paid';

/** Dates are 'YYYY-MM-DD' strings (the driver is told not to make Dates of them). */
type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface BenchmarkRatesTable {
  id: Generated<string>;
  benchmark: string;
  effective_from: DateColumn;
  rate_bps: number;
  source: string;
  created_by: string | null;
  created_at: Date;
}

export interface BankSpreadsTable {
  id: Generated<string>;
  bank_id: string;
  benchmark: string;
  spread_bps: number;
  effective_from: DateColumn;
  created_by: string | null;
  created_at: Date;
}

export interface LoansTable {
  id: Generated<string>;
  application_id: string;
  owner_id: string;
  bank_id: string;
  province_code: string;
  status: LoanStatus;
  requested_minor: number;
  sanctioned_minor: number | null;
  tenor_months: number | null;
  grace_months: number | null;
  repayment_day: number | null;
  first_repayment_date: DateColumn | null;
  schedule_unit_minor: number;
  decline_reason: string | null;
  disbursed_minor: Generated<number>;
  repaid_minor: Generated<number>;
  written_off_minor: Generated<number>;
  first_disbursed_on: DateColumn | null;
  days_past_due: Generated<number>;
  arrears_bucket: ColumnType<string, string | undefined, string>;
  /** The SBP classification of `arrears_bucket` ('current' when not in arrears). */
  sbp_class: ColumnType<string, string | undefined, string>;
  classified_loss_on: DateColumn | null;
  closed_on: DateColumn | null;
  last_cob_date: DateColumn | null;
  requested_at: Date;
  sanctioned_at: Date | null;
  declined_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface LoanInstalmentsTable {
  loan_id: string;
  number: number;
  due_date: DateColumn;
  principal_minor: number;
  paid_minor: Generated<number>;
  status: ColumnType<InstalmentStatus, InstalmentStatus | undefined, InstalmentStatus>;
  paid_on: DateColumn | null;
  /** The due date the schedule set before a roll off weekends and holidays (null: as due_date). */
  scheduled_date: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LoanDisbursementsTable {
  id: Generated<string>;
  loan_id: string;
  amount_minor: number;
  disbursed_on: DateColumn;
  bank_reference: string;
  ledger_transaction_id: string;
  created_at: Date;
  /** Entries under this reference reversed before this one was posted (decision 0084). */
  reference_generation: Generated<number>;
}

export type AllocationLine = { number: number; amountMinor: number };

export interface LoanRepaymentsTable {
  id: Generated<string>;
  loan_id: string;
  amount_minor: number;
  paid_on: DateColumn;
  bank_reference: string;
  allocation: Json<AllocationLine[]>;
  /** What came in above the outstanding principal (allowed up to one instalment): owed back to the owner. */
  excess_minor: Generated<number>;
  ledger_transaction_id: string;
  created_at: Date;
  /** Entries under this reference reversed before this one was posted (decision 0084). */
  reference_generation: Generated<number>;
}

export interface SubsidyAccrualsTable {
  loan_id: string;
  day: DateColumn;
  bank_id: string;
  outstanding_minor: number;
  rate_bps: number;
  numerator: number;
  /** The loan's exact accrual through this day, over 3,650,000 (numeric: a string from the driver). */
  cumulative_numerator: ColumnType<string, string | number, string | number>;
  amount_minor: number;
}

export type ClaimStatus = 'reconciled' | 'approved' | 'partly_approved' | 'disputed' | 'paid';
export type ClaimOutcome = 'matched' | 'differing' | 'ineligible';

export interface SubsidyClaimsTable {
  id: Generated<string>;
  bank_id: string;
  quarter: string;
  period_start: DateColumn;
  period_end: DateColumn;
  status: ClaimStatus;
  due_by: DateColumn;
  filed_late: boolean;
  claimed_minor: number;
  computed_minor: number;
  approved_minor: number | null;
  decision_note: string | null;
  decided_at: Date | null;
  paid_minor: Generated<number>;
  paid_on: DateColumn | null;
  payment_reference: string | null;
  filed_at: Date;
  clawback_minor: Generated<number>;
  /** Net of the subsidy adjustments settled with this claim's payment (decision 0035). */
  adjustment_minor: Generated<number>;
}

export interface SubsidyClaimLinesTable {
  claim_id: string;
  line_no: number;
  loan_id: string;
  claimed_minor: number;
  computed_minor: number;
  outcome: ClaimOutcome;
  reason: string | null;
}

export interface LoanActionsTable {
  id: Generated<string>;
  loan_id: string;
  kind: 'write_off' | 'reschedule' | 'write_off_reversal';
  status: 'requested' | 'approved' | 'rejected';
  reason: string;
  tenor_months: number | null;
  first_repayment_date: DateColumn | null;
  repayment_day: number | null;
  amount_minor: number | null;
  previous_schedule: Json<unknown[]> | null;
  decision_note: string | null;
  requested_at: Date;
  decided_at: Date | null;
  requested_by: string | null;
  requested_by_api_key: string | null;
  decided_by: string | null;
}

/** The programme's loan rules: one row. */
export interface LoanSettingsTable {
  id: Generated<boolean>;
  schedule_unit: 'rupee' | 'paisa';
  schedule_rounding: 'half_even' | 'half_up';
  loss_days_past_due: number;
  overpayment: 'last' | 'next';
  claim_deadline_working_days: number;
  repayment_limit: 'outstanding' | 'outstanding_plus_one_instalment';
  updated_by: string | null;
  updated_at: Date;
}

/** Subsidy approved for a loan and quarter and later found ineligible (decision 0006). */
export interface SubsidyClawbacksTable {
  id: Generated<string>;
  bank_id: string;
  loan_id: string;
  source_claim_id: string;
  quarter: string;
  ineligible_from: DateColumn;
  amount_minor: number;
  reason: string;
  detected_on: DateColumn;
  ledger_transaction_id: string;
  applied_claim_id: string | null;
  created_at: Date;
}

export interface ProgrammeHolidaysTable {
  day: DateColumn;
  name_en: string;
  name_ur: string;
  source: string;
  kind: ColumnType<'fixed' | 'islamic' | 'other', 'fixed' | 'islamic' | 'other' | undefined, never>;
  entered_by: string | null;
  entered_at: Date | null;
}

export interface ArrearsBucketVersionsTable {
  effective_from: DateColumn;
  lower_bounds: number[];
  classes: string[];
  created_by: string | null;
  created_at: Date;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export type LoanDocumentKind =
  | 'sanction_letter'
  | 'agreement'
  | 'disbursement_proof'
  | 'repayment_proof'
  | 'other';

export interface LoanDocumentsTable {
  id: Generated<string>;
  loan_id: string;
  kind: LoanDocumentKind;
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_at: Date;
}

export type ReversalStatus = 'requested' | 'approved' | 'rejected';
export type EntryKind = 'repayment' | 'disbursement';

/** A repayment or disbursement reversed with a reason (maker–checker above a threshold). */
export interface LoanReversalsTable {
  id: Generated<string>;
  loan_id: string;
  entry_kind: EntryKind;
  entry_id: string;
  amount_minor: number;
  value_date: DateColumn;
  reason: string;
  status: ReversalStatus;
  requested_by: string | null;
  requested_by_api_key: string | null;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  ledger_transaction_id: string | null;
}

export type AdjustmentSource =
  | 'repayment'
  | 'disbursement'
  | 'repayment_reversal'
  | 'disbursement_reversal'
  | 'rate_correction'
  | 'write_off_reversal';

/** Subsidy found too high or too low for a loan and quarter by a recomputation (decision 0035). */
export interface SubsidyAdjustmentsTable {
  id: Generated<string>;
  loan_id: string;
  bank_id: string;
  quarter: string;
  recomputed_from: DateColumn;
  through_day: DateColumn | null;
  numerator_delta: ColumnType<string, string | number, never>;
  amount_minor: number;
  reason: string;
  source_kind: AdjustmentSource;
  source_id: string;
  ledger_transaction_id: string | null;
  applied_claim_id: string | null;
  created_at: Date;
}

export interface LoanNotesTable {
  id: Generated<string>;
  loan_id: string;
  author_id: string;
  author_role: string;
  body: string;
  created_at: Date;
}

/** Effective-dated arrears and correction rules: the latest version on or before a day applies. */
export interface LoanRuleVersionsTable {
  effective_from: DateColumn;
  grace_days: number;
  reversal_approval_minor: number;
  backdate_max_days: number;
  due_date_roll: 'none' | 'next_working_day';
  created_by: string | null;
  created_at: Date;
}

export interface LoansTables {
  loan_reversals: LoanReversalsTable;
  subsidy_adjustments: SubsidyAdjustmentsTable;
  loan_notes: LoanNotesTable;
  loan_rule_versions: LoanRuleVersionsTable;
  loan_settings: LoanSettingsTable;
  subsidy_clawbacks: SubsidyClawbacksTable;
  programme_holidays: ProgrammeHolidaysTable;
  arrears_bucket_versions: ArrearsBucketVersionsTable;
  loan_documents: LoanDocumentsTable;
  loan_actions: LoanActionsTable;
  subsidy_claims: SubsidyClaimsTable;
  subsidy_claim_lines: SubsidyClaimLinesTable;
  benchmark_rates: BenchmarkRatesTable;
  bank_spreads: BankSpreadsTable;
  loans: LoansTable;
  loan_instalments: LoanInstalmentsTable;
  loan_disbursements: LoanDisbursementsTable;
  loan_repayments: LoanRepaymentsTable;
  subsidy_accruals: SubsidyAccrualsTable;
}

declare module '../../db/database.ts' {
  interface Database extends LoansTables {}
}

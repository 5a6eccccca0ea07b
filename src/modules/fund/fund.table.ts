import type { ColumnType, Generated } from 'kysely';
import type { Sealed } from '../../platform/keys/index.ts';

type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type InvestorStatus = 'pending' | 'verified' | 'rejected';
export type StartupStage = 'pre_seed' | 'seed' | 'series_a' | 'series_b_plus';
export type GrantStatus = 'submitted' | 'approved' | 'rejected' | 'recovered';
export type ArrivalStatus = 'pending' | 'accepted' | 'rejected';
export type RecoveryCondition = 'moved_abroad' | 'misuse' | 'false_statement' | 'other';
export type JvMovementKind = 'call' | 'distribution' | 'valuation' | 'exit';
/** The currencies a round, a rate or a joint venture may be in; each has two minor digits (ISO 4217). */
export const FUND_CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SAR'] as const;
export type FundCurrency = (typeof FUND_CURRENCIES)[number];
export type FundDocumentKind =
  | 'pitch_deck'
  | 'incorporation'
  | 'founder_id'
  | 'term_sheet'
  | 'subscription_agreement'
  | 'arrival_proof'
  | 'other';

/** A founder named on a startup: their CNIC is private (never on a public page or in open data). */
export type Founder = { name: string; cnic: string };
/** A document of a round (term sheet, subscription agreement), by its reference. */
export type RoundDocument = { kind: 'term_sheet' | 'subscription_agreement' | 'other'; reference: string };

export interface FundInvestorsTable {
  /** Made before the insert: the sealed contact email is bound to it. */
  id: string;
  name: string;
  jurisdiction: string;
  registration_no: string;
  evidence: string;
  /** Sealed (decision 0038). */
  contact_email: Sealed;
  status: InvestorStatus;
  status_note: string | null;
  verified_by: string | null;
  verified_at: Date | null;
  created_by: string | null;
  created_at: Date;
}

export interface FundStartupsTable {
  id: string;
  name: string;
  incorporation_no: string;
  incorporated_in: string;
  sector: string;
  city_id: number;
  stage: StartupStage;
  /** The founders (Founder[]) as JSON, sealed whole (decision 0038): their CNICs are personal data. */
  founders: Sealed;
  owner_id: string;
  created_at: Date;
}

export interface FundRuleSetsTable {
  id: Generated<string>;
  effective_from: DateColumn;
  max_grant_minor: number;
  max_grant_share_bps: number;
  min_foreign_share_bps: number;
  max_grants_per_startup: number;
  quorum: ColumnType<number, number | undefined, number>;
  min_score: ColumnType<number, number | undefined, number>;
  max_rate_age_days: ColumnType<number, number | undefined, number>;
  appeal_window_days: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Date;
}

export interface FundFxRatesTable {
  id: Generated<string>;
  currency: FundCurrency;
  on_date: DateColumn;
  pkr_micros: number;
  source: string;
  created_by: string | null;
  created_at: Date;
}

export interface FundBudgetsTable {
  fiscal_year: number;
  envelope_minor: number;
  committed_minor: ColumnType<number, number | undefined, number>;
  updated_by: string | null;
  updated_at: Date;
}

export interface FundGrantsTable {
  id: Generated<string>;
  startup_id: string;
  lead_investor_id: string;
  currency: FundCurrency;
  round_minor: number;
  requested_minor: number;
  foreign_minor: number;
  documents: Json<RoundDocument[]>;
  rule_set_id: string;
  status: GrantStatus;
  submitted_at: Date;
  submitted_by: string;
  decided_at: Date | null;
  decided_by: string | null;
  decision_reason: string | null;
  fiscal_year: number | null;
  approved_minor: ColumnType<number, number | undefined, number>;
  commit_rate_id: string | null;
  committed_pkr_minor: ColumnType<number, number | undefined, number>;
  paid_minor: ColumnType<number, number | undefined, number>;
  paid_pkr_minor: ColumnType<number, number | undefined, number>;
  /** USD equivalents (at the decision's and each payment's day, through PKR), for the portal's totals. */
  approved_usd_minor: ColumnType<number, number | undefined, number>;
  paid_usd_minor: ColumnType<number, number | undefined, number>;
  released_pkr_minor: ColumnType<number, number | undefined, number>;
  commit_transaction_id: string | null;
  recovered_at: Date | null;
  recovery_condition: RecoveryCondition | null;
  recovery_reason: string | null;
  recovery_transaction_id: string | null;
}

export interface FundRoundInvestorsTable {
  grant_id: string;
  investor_id: string;
  amount_minor: number;
  is_foreign: boolean;
}

export interface FundReviewsTable {
  grant_id: string;
  member_id: string;
  conflict: boolean;
  conflict_note: string | null;
  declared_at: Date;
  score: number | null;
  comment: string | null;
  scored_at: Date | null;
}

export interface FundArrivalsTable {
  id: Generated<string>;
  grant_id: string;
  investor_id: string;
  amount_minor: number;
  arrived_on: DateColumn;
  evidence: string;
  status: ArrivalStatus;
  rate_id: string | null;
  amount_pkr_minor: number | null;
  /** USD equivalent at the arrival day's rates, once accepted. */
  amount_usd_minor: ColumnType<number | null, number | null | undefined, number | null>;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  submitted_by: string;
  submitted_at: Date;
}

export interface FundTranchesTable {
  id: Generated<string>;
  grant_id: string;
  seq: number;
  paid_on: DateColumn;
  amount_minor: number;
  rate_id: string;
  amount_pkr_minor: number;
  committed_pkr_minor: number;
  fx_difference_minor: number;
  transaction_id: string;
  paid_by: string | null;
  created_at: Date;
}

export interface FundReportsTable {
  grant_id: string;
  quarter: string;
  jobs: number;
  revenue_pkr_minor: number;
  exports_usd_minor: number;
  follow_on_usd_minor: number;
  still_in_pakistan: boolean;
  submitted_by: string;
  submitted_at: Date;
}

export interface FundJvFundsTable {
  id: Generated<string>;
  name: string;
  manager_id: string;
  currency: FundCurrency;
  commitment_minor: number;
  foreign_raised_minor: number;
  committed_on: DateColumn;
  fiscal_year: number;
  commit_rate_id: string;
  commitment_pkr_minor: number;
  called_minor: ColumnType<number, number | undefined, number>;
  distributed_minor: ColumnType<number, number | undefined, number>;
  returned_minor: ColumnType<number, number | undefined, number>;
  /** The day of the exit that closed the investment. */
  closed_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Date;
}

export interface FundJvMovementsTable {
  id: Generated<string>;
  jv_id: string;
  kind: JvMovementKind;
  on_date: DateColumn;
  amount_minor: number;
  rate_id: string;
  amount_pkr_minor: number;
  note: string | null;
  capital_minor: ColumnType<number, number | undefined, number>;
  cost_pkr_minor: ColumnType<number, number | undefined, number>;
  gain_pkr_minor: ColumnType<number, number | undefined, number>;
  fx_pkr_minor: ColumnType<number, number | undefined, number>;
  /** Of an exit: the capital that never came back, PKR paisa. */
  loss_pkr_minor: ColumnType<number, number | undefined, number>;
  transaction_id: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface FundDocumentsTable {
  id: Generated<string>;
  grant_id: string;
  kind: FundDocumentKind;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}

export interface FundAppealsTable {
  id: Generated<string>;
  grant_id: string;
  /** The decision appealed (a grant decided again after an upheld appeal may be appealed again). */
  decided_at: Date;
  text: string;
  status: 'pending' | 'upheld' | 'rejected';
  created_by: string;
  created_at: Date;
  resolution_reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

export interface FundTables {
  fund_documents: FundDocumentsTable;
  fund_appeals: FundAppealsTable;
  fund_investors: FundInvestorsTable;
  fund_startups: FundStartupsTable;
  fund_rule_sets: FundRuleSetsTable;
  fund_fx_rates: FundFxRatesTable;
  fund_budgets: FundBudgetsTable;
  fund_grants: FundGrantsTable;
  fund_round_investors: FundRoundInvestorsTable;
  fund_reviews: FundReviewsTable;
  fund_arrivals: FundArrivalsTable;
  fund_tranches: FundTranchesTable;
  fund_reports: FundReportsTable;
  fund_jv_funds: FundJvFundsTable;
  fund_jv_movements: FundJvMovementsTable;
}

declare module '../../db/database.ts' {
  interface Database extends FundTables {}
}

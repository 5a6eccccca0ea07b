import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type InvestorStatus = 'pending' | 'verified' | 'rejected';
export type StartupStage = 'pre_seed' | 'seed' | 'series_a' | 'series_b_plus';
export type GrantStatus = 'submitted' | 'approved' | 'rejected' | 'recovered';
export type ArrivalStatus = 'pending' | 'accepted' | 'rejected';
export type RecoveryCondition = 'moved_abroad' | 'misuse' | 'false_statement' | 'other';
export type JvMovementKind = 'call' | 'distribution' | 'valuation';

/** A founder named on a startup: their CNIC is private (never on a public page or in open data). */
export type Founder = { name: string; cnic: string };
/** A document of a round (term sheet, subscription agreement), by its reference. */
export type RoundDocument = { kind: 'term_sheet' | 'subscription_agreement' | 'other'; reference: string };

export interface FundInvestorsTable {
  id: Generated<string>;
  name: string;
  jurisdiction: string;
  registration_no: string;
  evidence: string;
  contact_email: string;
  status: InvestorStatus;
  status_note: string | null;
  verified_by: string | null;
  verified_at: Date | null;
  created_by: string | null;
  created_at: Date;
}

export interface FundStartupsTable {
  id: Generated<string>;
  name: string;
  incorporation_no: string;
  incorporated_in: string;
  sector: string;
  city_id: number;
  stage: StartupStage;
  founders: Json<Founder[]>;
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
  created_by: string | null;
  created_at: Date;
}

export interface FundFxRatesTable {
  id: Generated<string>;
  currency: 'USD';
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
  currency: 'USD';
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
  currency: 'USD';
  commitment_minor: number;
  foreign_raised_minor: number;
  committed_on: DateColumn;
  fiscal_year: number;
  commit_rate_id: string;
  commitment_pkr_minor: number;
  called_minor: ColumnType<number, number | undefined, number>;
  distributed_minor: ColumnType<number, number | undefined, number>;
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
  transaction_id: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface FundTables {
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

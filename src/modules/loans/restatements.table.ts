import type { ColumnType, Generated } from 'kysely';
import type { AllocationLine } from './loans.table.ts';

type DateColumn = ColumnType<string, string, string>;

/** A repayment's allocation re-run after an earlier repayment was reversed; the latest applies. */
export interface LoanRepaymentAllocationsTable {
  id: Generated<string>;
  repayment_id: string;
  loan_id: string;
  allocation: ColumnType<AllocationLine[], string, never>;
  reversal_id: string;
  created_at: Date;
}

/** A benchmark fixing corrected after the fact, with the value it replaced (decision 0046). */
export interface BenchmarkRateRestatementsTable {
  id: string;
  benchmark_rate_id: string;
  benchmark: string;
  effective_from: DateColumn;
  from_bps: number;
  to_bps: number;
  reason: string;
  loans_recomputed: number;
  adjusted_minor: number;
  created_by: string | null;
  created_at: Date;
}

/** Money recovered on a written-off loan (issue 19, finding e). */
export interface LoanRecoveriesTable {
  id: Generated<string>;
  loan_id: string;
  amount_minor: number;
  recovered_on: DateColumn;
  bank_reference: string;
  ledger_transaction_id: string;
  created_by: string | null;
  created_by_api_key: string | null;
  created_at: Date;
}

export interface RestatementsTables {
  loan_recoveries: LoanRecoveriesTable;
  loan_repayment_allocations: LoanRepaymentAllocationsTable;
  benchmark_rate_restatements: BenchmarkRateRestatementsTable;
}

declare module '../../db/database.ts' {
  interface Database extends RestatementsTables {}
}

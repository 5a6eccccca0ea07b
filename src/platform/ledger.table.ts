import type { ColumnType, Generated } from 'kysely';

/**
 * The programme's chart of accounts and the double-entry ledger's tables. The ledger belongs to
 * the platform: loans post to it today; training stipends, the startup fund and corrections will.
 */
export type LedgerAccount =
  | 'loan_principal'
  | 'bank_funding'
  | 'bank_collections'
  | 'subsidy_expense'
  | 'subsidy_payable'
  | 'programme_cash'
  | 'bank_write_off'
  | 'clawback_receivable'
  | 'owner_refund_payable'
  | 'stipend_expense'
  | 'stipend_payable'
  | 'fund_grant_expense'
  | 'fund_grant_payable'
  | 'fund_fx_difference'
  | 'fund_jv_investment'
  | 'fund_jv_realised_gain'
  | 'fund_jv_realised_loss';
export type LedgerKind =
  | 'disbursement'
  | 'repayment'
  | 'subsidy_accrual'
  | 'claim_payment'
  | 'write_off'
  | 'clawback'
  | 'stipend_accrual'
  | 'stipend_clawback'
  | 'fund_grant_commitment'
  | 'fund_grant_payment'
  | 'fund_grant_recovery'
  | 'fund_jv_call'
  | 'fund_jv_distribution'
  | 'fund_jv_exit'
  | 'repayment_reversal'
  | 'disbursement_reversal'
  | 'subsidy_adjustment'
  | 'write_off_reversal'
  | 'write_off_recovery';

type DateColumn = ColumnType<string, string, string>;

export interface LedgerTransactionsTable {
  id: Generated<string>;
  kind: LedgerKind;
  loan_id: string | null;
  occurred_on: DateColumn;
  created_at: Date;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  transaction_id: string;
  account: LedgerAccount;
  loan_id: string | null;
  bank_id: string | null;
  debit_minor: ColumnType<number, number | undefined, never>;
  credit_minor: ColumnType<number, number | undefined, never>;
}

export interface LedgerTables {
  ledger_transactions: LedgerTransactionsTable;
  ledger_entries: LedgerEntriesTable;
}

import { type Actor, requireRole } from '../../platform/actor.ts';
import { notFound } from '../../shared/errors.ts';
import type { LoanRow } from './loans.repository.ts';

/**
 * Who sees a loan: its owner, its bank (officers and the bank's API keys), programme staff.
 * Anyone else is told it does not exist, so one bank cannot probe another's portfolio.
 */
export function assertCanSee(actor: Actor, loan: LoanRow | undefined): asserts loan is LoanRow {
  requireRole(actor, 'owner', 'bank_officer', 'program_admin', 'auditor');
  if (!loan) throw notFound('Loan');
  if (actor.kind === 'system') return;
  if (actor.role === 'owner' && actor.kind === 'user' && loan.owner_id === actor.userId) return;
  if (actor.role === 'bank_officer' && actor.organizationId === loan.bank_id) return;
  if (actor.role === 'program_admin' || actor.role === 'auditor') return;
  throw notFound('Loan');
}

/** Only the loan's own bank acts on it (sanction, disburse, post repayments). */
export function assertLoanBank(actor: Actor, loan: LoanRow | undefined): asserts loan is LoanRow {
  requireRole(actor, 'bank_officer');
  if (!loan) throw notFound('Loan');
  if (actor.kind === 'system') return;
  if (actor.organizationId !== loan.bank_id) throw notFound('Loan');
}

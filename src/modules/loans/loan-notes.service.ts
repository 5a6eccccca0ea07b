import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';
import { assertCanSee } from './loan-access.ts';
import { findLoanRow } from './loans.repository.ts';

export const LoanNoteSchema = z
  .object({
    id: z.string().uuid(),
    loanId: z.string().uuid(),
    authorName: z.string(),
    authorRole: z.string(),
    body: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'LoanNote' });
export type LoanNote = z.infer<typeof LoanNoteSchema>;

export const NewLoanNoteSchema = z
  .object({ body: z.string().trim().min(1, 'must not be empty').max(4000) })
  .meta({ id: 'NewLoanNote' });

/**
 * Notes on a loan, for its bank and the programme (not the owner): a phone call, a visit, what a
 * correction was about. Append-only in the database and audited; a wrong note is answered by
 * another, never edited.
 */
export async function listLoanNotes(deps: Deps, actor: Actor, loanId: string): Promise<LoanNote[]> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  assertCanSee(actor, await findLoanRow(deps.db, loanId));
  const rows = await deps.db
    .selectFrom('loan_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.loan_id', 'u.name', 'n.author_role', 'n.body', 'n.created_at'])
    .where('n.loan_id', '=', loanId)
    .orderBy('n.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    loanId: r.loan_id,
    authorName: r.name,
    authorRole: r.author_role,
    body: r.body,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function addLoanNote(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: { body: string },
): Promise<LoanNote> {
  requireRole(actor, 'bank_officer', 'program_admin');
  assertCanSee(actor, await findLoanRow(deps.db, loanId));
  if (actor.kind !== 'user') throw new AppError('forbidden', 'A person writes a note, not a system');
  const id = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('loan_notes')
      .values({
        loan_id: loanId,
        author_id: actor.userId,
        author_role: actor.role,
        body: input.body,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'loan.note_added',
      entity: 'loan',
      entityId: loanId,
      details: { noteId: row.id, body: input.body },
    });
    return row.id;
  });
  return (await listLoanNotes(deps, actor, loanId)).find((n) => n.id === id)!;
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { allocateRepayment } from './allocation.ts';
import type { AllocationLine } from './loans.table.ts';
import { listInstalments, payInstalment } from './repayment.repository.ts';

type Db = Kysely<Database>;

/**
 * Where a repayment's principal stands now: the latest re-run allocation (after an earlier
 * repayment was reversed), else the allocation it was posted with.
 */
export async function currentAllocation(db: Db, repaymentId: string): Promise<AllocationLine[] | undefined> {
  const row = await db
    .selectFrom('loan_repayment_allocations')
    .select('allocation')
    .where('repayment_id', '=', repaymentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.allocation;
}

/** Takes a repayment's allocation off the instalments (guarded: each must still hold it). */
export async function undoAllocation(
  db: Db,
  loanId: string,
  lines: readonly AllocationLine[],
): Promise<void> {
  for (const line of lines) {
    const r = await sql`UPDATE loan_instalments
         SET paid_minor = paid_minor - ${line.amountMinor}, paid_on = NULL,
             status = CASE WHEN status = 'paid' THEN 'scheduled' ELSE status END
       WHERE loan_id = ${loanId} AND number = ${line.number} AND paid_minor >= ${line.amountMinor}`.execute(
      db,
    );
    if (Number(r.numAffectedRows) !== 1)
      throw new AppError('invalid_state', `Instalment ${line.number} no longer holds this repayment`);
  }
}

type LiveRepayment = {
  id: string;
  paidOn: string;
  appliedMinor: number;
  allocation: AllocationLine[];
};

/**
 * The loan's repayments still standing (not reversed, not `except`) with a value date after
 * `after` (or the same date and posted later), in the order they are allocated: value date, then
 * posting time.
 */
async function laterRepayments(
  db: Db,
  loanId: string,
  except: string,
  after: { paidOn: string; createdAt: Date },
): Promise<LiveRepayment[]> {
  const rows = await db
    .selectFrom('loan_repayments as r')
    .selectAll('r')
    .where('r.loan_id', '=', loanId)
    .where('r.id', '<>', except)
    .where((eb) =>
      eb.or([
        eb('r.paid_on', '>', after.paidOn),
        eb.and([eb('r.paid_on', '=', after.paidOn), eb('r.created_at', '>', after.createdAt)]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('loan_reversals as v')
            .select('v.id')
            .whereRef('v.entry_id', '=', 'r.id')
            .where('v.status', '=', 'approved'),
        ),
      ),
    )
    .orderBy('r.paid_on')
    .orderBy('r.created_at')
    .execute();
  const out: LiveRepayment[] = [];
  for (const r of rows)
    out.push({
      id: r.id,
      paidOn: r.paid_on,
      appliedMinor: Number(r.amount_minor) - Number(r.excess_minor),
      allocation: (await currentAllocation(db, r.id)) ?? r.allocation,
    });
  return out;
}

const same = (a: readonly AllocationLine[], b: readonly AllocationLine[]) =>
  a.length === b.length &&
  a.every((l, i) => l.number === b[i]!.number && l.amountMinor === b[i]!.amountMinor);

/**
 * A reversed repayment leaves a hole in the schedule that later repayments would have filled
 * (issue 19, finding d): the later ones are taken off and allocated again, in value-date order,
 * by the same rule as when posted (oldest overdue, then current, then the rest). The loans are
 * interest-free, so principal is all there is to allocate: no penalty or markup comes first. Each
 * allocation that changes is recorded against the reversal; returns how many changed.
 */
export async function reallocateLaterRepayments(
  db: Db,
  p: {
    loanId: string;
    reversedId: string;
    reversed: { paidOn: string; createdAt: Date };
    reversalId: string;
    overpayment: 'last' | 'next';
    now: Date;
  },
): Promise<number> {
  const later = await laterRepayments(db, p.loanId, p.reversedId, p.reversed);
  for (const r of later) await undoAllocation(db, p.loanId, r.allocation);
  let changed = 0;
  for (const r of later) {
    if (r.appliedMinor <= 0) continue;
    const instalments = await listInstalments(db, p.loanId);
    const allocation = allocateRepayment(instalments, r.appliedMinor, r.paidOn, p.overpayment);
    for (const line of allocation) {
      const inst = instalments.find((i) => i.number === line.number)!;
      const paid = inst.paidMinor + line.amountMinor;
      await payInstalment(db, {
        loanId: p.loanId,
        number: line.number,
        fromPaidMinor: inst.paidMinor,
        paidMinor: paid,
        paidInFullOn: paid === inst.principalMinor ? r.paidOn : null,
      });
    }
    if (same(allocation, r.allocation)) continue;
    changed++;
    await db
      .insertInto('loan_repayment_allocations')
      .values({
        repayment_id: r.id,
        loan_id: p.loanId,
        allocation: JSON.stringify(allocation),
        reversal_id: p.reversalId,
        created_at: p.now,
      })
      .execute();
  }
  return changed;
}

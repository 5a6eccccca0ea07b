import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { listAdjustments } from './adjustments.repository.ts';
import { refreshArrears } from './arrears.repository.ts';
import { findEntry, listReversals, type ReversalRow, type ReversalViewer } from './corrections.repository.ts';
import type {
  DecideReversalInput,
  Reversal,
  ReverseEntryInput,
  SubsidyAdjustment,
} from './corrections.schema.ts';
import { regenerateSchedule } from './disbursement.service.ts';
import { assertCanSee, assertLoanBank } from './loan-access.ts';
import { assertBackdateAllowed, rulesOn } from './loan-rules.service.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { findLoanRow, type LoanRow } from './loans.repository.ts';
import { reallocateLaterRepayments, undoAllocation } from './reallocation.ts';
import { adjustSubsidyFrom } from './subsidy-adjust.service.ts';

type Trx = Deps['db'];

/**
 * Corrections without deletion (issue 19, decision 0035). The loan's bank asks to reverse a
 * repayment or a disbursement, saying why. Up to the threshold in the loan rules the reversal
 * applies at once; above it a second person approves it (another officer of the bank, or the
 * programme), never the one who asked. Applying it posts a reversing ledger transaction on the
 * entry's own value date, undoes the entry's effect on the schedule and the loan, ages arrears
 * again and recomputes the subsidy from the value date. The entry itself is never changed.
 */
export async function requestReversal(
  deps: Deps,
  actor: Actor,
  loanId: string,
  input: ReverseEntryInput,
): Promise<Reversal> {
  assertLoanBank(actor, await findLoanRow(deps.db, loanId));
  const today = karachiDate(deps.clock.now());
  const now = deps.clock.now();
  const id = await inTransaction(deps.db, async (trx) => {
    const loan = (await findLoanRow(trx, loanId, true))!;
    const entry = await findEntry(trx, loanId, input.entryKind, input.entryId);
    if (!entry) throw invalidField('entryId', `is not a ${input.entryKind} of this loan`);
    await assertReversible(trx, loan, input.entryKind, entry, today);
    const rules = await rulesOn(trx, today);
    const row = await trx
      .insertInto('loan_reversals')
      .values({
        loan_id: loanId,
        entry_kind: input.entryKind,
        entry_id: input.entryId,
        amount_minor: entry.amountMinor,
        value_date: entry.valueDate,
        reason: input.reason,
        status: 'requested',
        requested_by: actor.kind === 'user' ? actor.userId : null,
        requested_by_api_key: actor.kind === 'api_key' ? actor.apiKeyId : null,
        requested_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['entry_kind', 'entry_id']).where('status', '<>', 'rejected').doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (!row) throw invalidField('entryId', 'is already reversed or waiting for a decision on a reversal');
    await recordChange(trx, actor, deps.clock, {
      action: 'loan.reversal_requested',
      entity: 'loan',
      entityId: loanId,
      details: { reversalId: row.id, ...input, amountMinor: entry.amountMinor },
    });
    if (entry.amountMinor <= rules.reversalApprovalMinor)
      await applyReversal(deps, actor, trx, loan, row, null);
    return row.id;
  });
  return (await loadReversal(deps, actor, id))!;
}

/** The second person approves or rejects a reversal above the threshold (a rejection says why). */
export async function decideReversal(
  deps: Deps,
  actor: Actor,
  loanId: string,
  reversalId: string,
  input: DecideReversalInput,
): Promise<Reversal> {
  requireRole(actor, 'bank_officer', 'program_admin');
  if (actor.kind === 'api_key') throw new AppError('forbidden', 'A person approves a reversal, not a system');
  const loan = await findLoanRow(deps.db, loanId);
  if (actor.kind === 'user' && actor.role === 'bank_officer') assertLoanBank(actor, loan);
  else assertCanSee(actor, loan);
  if (input.decision === 'reject' && !input.note) throw invalidField('note', 'must say why');
  await inTransaction(deps.db, async (trx) => {
    const locked = (await findLoanRow(trx, loanId, true))!;
    const row = await trx
      .selectFrom('loan_reversals')
      .selectAll()
      .where('id', '=', reversalId)
      .where('loan_id', '=', loanId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Reversal');
    if (row.status !== 'requested') throw new AppError('invalid_state', `The reversal is ${row.status}`);
    if (actor.kind === 'user' && (await askedBy(trx, row)).includes(actor.userId))
      throw new AppError('forbidden', 'A second person decides: not the one who asked');
    if (input.decision === 'reject') {
      await trx
        .updateTable('loan_reversals')
        .set({
          status: 'rejected',
          decided_by: actor.kind === 'user' ? actor.userId : null,
          decided_at: deps.clock.now(),
          decision_note: input.note!,
        })
        .where('id', '=', reversalId)
        .execute();
      await recordChange(trx, actor, deps.clock, {
        action: 'loan.reversal_rejected',
        entity: 'loan',
        entityId: loanId,
        details: { reversalId, note: input.note },
      });
      return;
    }
    const entry = await findEntry(trx, loanId, row.entry_kind, row.entry_id);
    await assertReversible(trx, locked, row.entry_kind, entry!, karachiDate(deps.clock.now()));
    await applyReversal(deps, actor, trx, locked, row, input.note ?? null);
  });
  return (await loadReversal(deps, actor, reversalId))!;
}

/**
 * The people behind a request: who asked, or, for a request made with an API key, the person the
 * key belongs to (who issued it), so nobody approves what their own key asked for.
 */
async function askedBy(trx: Trx, row: ReversalRow): Promise<string[]> {
  const people = row.requested_by ? [row.requested_by] : [];
  if (row.requested_by_api_key) {
    const key = await trx
      .selectFrom('api_keys')
      .select('created_by')
      .where('id', '=', row.requested_by_api_key)
      .executeTakeFirst();
    if (key) people.push(key.created_by);
  }
  return people;
}

async function assertReversible(
  trx: Trx,
  loan: LoanRow,
  kind: 'repayment' | 'disbursement',
  entry: { createdAt: Date; valueDate: string },
  today: string,
) {
  const postedAt = entry.createdAt;
  // A reversal changes the loan from the entry's value date: as far back as an entry may be dated.
  await assertBackdateAllowed(trx, today, 'entryId', entry.valueDate);
  if (loan.status === 'written_off')
    throw new AppError('invalid_state', 'The loan is written off; reverse the write-off’s cause first');
  const changedSince = await trx
    .selectFrom('loan_actions')
    .select('id')
    .where('loan_id', '=', loan.id)
    .where('status', '=', 'approved')
    .where('decided_at', '>', postedAt)
    .executeTakeFirst();
  if (changedSince)
    throw new AppError('invalid_state', 'The loan was rescheduled or written off after this entry');
  if (kind === 'disbursement' && loan.repaid_minor > 0)
    throw new AppError('invalid_state', 'Repayments have begun; reverse them before a tranche');
}

async function applyReversal(
  deps: Deps,
  actor: Actor,
  trx: Trx,
  loan: LoanRow,
  row: ReversalRow,
  note: string | null,
): Promise<void> {
  const today = karachiDate(deps.clock.now());
  const now = deps.clock.now();
  const entry = (await findEntry(trx, loan.id, row.entry_kind, row.entry_id))!;
  let txId: string;
  let reallocated = 0;
  if (row.entry_kind === 'repayment') {
    const applied = entry.amountMinor - entry.excessMinor;
    await undoAllocation(trx, loan.id, entry.allocation);
    // Later repayments filled what this one left open after it: they are allocated again (finding d).
    reallocated = await reallocateLaterRepayments(trx, {
      loanId: loan.id,
      reversedId: row.entry_id,
      reversed: { paidOn: entry.valueDate, createdAt: entry.createdAt },
      reversalId: row.id,
      overpayment: (await loadLoanSettings(trx)).overpayment,
      now,
    });
    await trx
      .updateTable('loans')
      .set({
        repaid_minor: loan.repaid_minor - applied,
        ...(loan.status === 'closed' ? { status: 'active' as const, closed_on: null } : {}),
        updated_at: now,
      })
      .where('id', '=', loan.id)
      .execute();
    txId = await postLedgerTransaction(
      trx,
      { kind: 'repayment_reversal', loanId: loan.id, occurredOn: entry.valueDate, now },
      [
        { account: 'loan_principal', loanId: loan.id, bankId: loan.bank_id, debitMinor: applied },
        ...(entry.excessMinor > 0
          ? [
              {
                account: 'owner_refund_payable' as const,
                loanId: loan.id,
                bankId: loan.bank_id,
                debitMinor: entry.excessMinor,
              },
            ]
          : []),
        {
          account: 'bank_collections',
          loanId: loan.id,
          bankId: loan.bank_id,
          creditMinor: entry.amountMinor,
        },
      ],
    );
  } else {
    const disbursed = loan.disbursed_minor - entry.amountMinor;
    const first = await trx
      .selectFrom('loan_disbursements as d')
      .select((eb) => eb.fn.min('d.disbursed_on').as('first'))
      .where('d.loan_id', '=', loan.id)
      .where('d.id', '<>', row.entry_id)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('loan_reversals as v')
              .select('v.id')
              .whereRef('v.entry_id', '=', 'd.id')
              .where('v.status', '=', 'approved'),
          ),
        ),
      )
      .executeTakeFirst();
    await trx
      .updateTable('loans')
      .set({
        disbursed_minor: disbursed,
        first_disbursed_on: (first?.first as string | null) ?? null,
        status: disbursed === 0 ? 'sanctioned' : loan.status,
        updated_at: now,
      })
      .where('id', '=', loan.id)
      .execute();
    // Instalments already due stay as they were; only those still to come carry the change, as
    // after a later tranche (the same path: `regenerateSchedule` keeping what is due by today).
    try {
      await regenerateSchedule(trx, { ...loan, disbursed_minor: disbursed }, today);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new AppError(
        'invalid_state',
        'The instalments already due exceed what would stay disbursed; this tranche cannot be reversed',
      );
    }
    txId = await postLedgerTransaction(
      trx,
      { kind: 'disbursement_reversal', loanId: loan.id, occurredOn: entry.valueDate, now },
      [
        { account: 'bank_funding', loanId: loan.id, bankId: loan.bank_id, debitMinor: entry.amountMinor },
        { account: 'loan_principal', loanId: loan.id, bankId: loan.bank_id, creditMinor: entry.amountMinor },
      ],
    );
  }
  await trx
    .updateTable('loan_reversals')
    .set({
      status: 'approved',
      ledger_transaction_id: txId,
      decided_by: actor.kind === 'user' ? actor.userId : null,
      decided_at: now,
      decision_note: note,
    })
    .where('id', '=', row.id)
    .execute();
  await refreshArrears(trx, today, loan.id);
  const adjustments = await adjustSubsidyFrom(trx, deps.clock, loan.id, entry.valueDate, {
    kind: row.entry_kind === 'repayment' ? 'repayment_reversal' : 'disbursement_reversal',
    id: row.id,
    reason: `${row.entry_kind} of ${entry.valueDate} reversed: ${row.reason}`.slice(0, 500),
  });
  await recordChange(trx, actor, deps.clock, {
    action: 'loan.reversal_applied',
    entity: 'loan',
    entityId: loan.id,
    details: {
      reversalId: row.id,
      entryKind: row.entry_kind,
      entryId: row.entry_id,
      amountMinor: entry.amountMinor,
      valueDate: entry.valueDate,
      ledgerTransactionId: txId,
      laterRepaymentsReallocated: reallocated,
      subsidyAdjustments: adjustments.map((a) => ({ quarter: a.quarter, amountMinor: a.amountMinor })),
    },
  });
}

async function loadReversal(deps: Deps, actor: Actor, id: string): Promise<Reversal | undefined> {
  const rules = await rulesOn(deps.db, karachiDate(deps.clock.now()));
  return (await listReversals(deps.db, { id }, rules.reversalApprovalMinor, viewerOf(actor)))[0];
}

/** A loan's correction history: every reversal asked for, decided or waiting. */
export async function loanReversals(deps: Deps, actor: Actor, loanId: string): Promise<Reversal[]> {
  assertCanSee(actor, await findLoanRow(deps.db, loanId));
  const rules = await rulesOn(deps.db, karachiDate(deps.clock.now()));
  return listReversals(deps.db, { loanId }, rules.reversalApprovalMinor, viewerOf(actor));
}

/**
 * Reversals waiting for a second person: a bank's own, or all for the programme. Each says whether
 * the reader asked for it (they cannot decide it); `askedByYou` keeps only those or only the others.
 */
export async function pendingReversals(
  deps: Deps,
  actor: Actor,
  filter: { askedByYou?: boolean } = {},
): Promise<Reversal[]> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  const bankId = actor.kind !== 'system' && actor.role === 'bank_officer' ? actor.organizationId! : undefined;
  const rules = await rulesOn(deps.db, karachiDate(deps.clock.now()));
  const list = await listReversals(
    deps.db,
    { status: 'requested', ...(bankId ? { bankId } : {}) },
    rules.reversalApprovalMinor,
    viewerOf(actor),
  );
  return filter.askedByYou === undefined ? list : list.filter((r) => r.askedByYou === filter.askedByYou);
}

function viewerOf(actor: Actor): ReversalViewer {
  if (actor.kind === 'user') return { userId: actor.userId };
  if (actor.kind === 'api_key') return { apiKeyId: actor.apiKeyId };
  return null;
}

/** A loan's subsidy adjustments: what back-dated entries and corrections changed, and where settled. */
export async function loanAdjustments(
  deps: Deps,
  actor: Actor,
  loanId: string,
): Promise<SubsidyAdjustment[]> {
  assertCanSee(actor, await findLoanRow(deps.db, loanId));
  return listAdjustments(deps.db, { loanId });
}

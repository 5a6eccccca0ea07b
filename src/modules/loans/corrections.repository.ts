import { type AliasableExpression, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { listAdjustments } from './adjustments.repository.ts';
import type { Reversal } from './corrections.schema.ts';
import type { EntryKind, LoanReversalsTable } from './loans.table.ts';
import { currentAllocation } from './reallocation.ts';

type Db = Kysely<Database>;
export type ReversalRow = Selectable<LoanReversalsTable>;
/** Who is reading: a person, or a bank's system by its API key; null for nobody in particular. */
export type ReversalViewer = { userId: string } | { apiKeyId: string } | null;

/** A loan's reversals, newest first, with who asked and decided and the adjustments each made. */
export async function listReversals(
  db: Db,
  filter: { loanId?: string; id?: string; bankId?: string; status?: 'requested' },
  approvalMinor: number,
  viewer: ReversalViewer = null,
): Promise<Reversal[]> {
  let q = db
    .selectFrom('loan_reversals as v')
    .innerJoin('loans as l', 'l.id', 'v.loan_id')
    .leftJoin('users as rq', 'rq.id', 'v.requested_by')
    .leftJoin('users as dc', 'dc.id', 'v.decided_by')
    .selectAll('v')
    .select(['rq.name as requested_by_name', 'dc.name as decided_by_name'])
    // The viewer asked (in person, or with an API key they issued, or as that key): the same people
    // decideReversal refuses as the second person.
    .select((eb) => {
      const asked: AliasableExpression<SqlBool> =
        viewer && 'userId' in viewer
          ? eb.or([
              eb('v.requested_by', '=', viewer.userId),
              eb(
                'v.requested_by_api_key',
                'in',
                eb
                  .selectFrom('api_keys')
                  .select('api_keys.id')
                  .where('api_keys.created_by', '=', viewer.userId),
              ),
            ])
          : viewer
            ? eb('v.requested_by_api_key', '=', viewer.apiKeyId)
            : sql<SqlBool>`false`;
      return asked.as('asked_by_viewer');
    });
  if (filter.loanId) q = q.where('v.loan_id', '=', filter.loanId);
  if (filter.id) q = q.where('v.id', '=', filter.id);
  if (filter.bankId) q = q.where('l.bank_id', '=', filter.bankId);
  if (filter.status) q = q.where('v.status', '=', filter.status);
  const rows = await q.orderBy('v.requested_at', 'desc').execute();
  const adjustments = rows.length ? await listAdjustments(db, { sourceIds: rows.map((v) => v.id) }) : [];
  return rows.map((v) => ({
    id: v.id,
    loanId: v.loan_id,
    entryKind: v.entry_kind,
    entryId: v.entry_id,
    amountMinor: Number(v.amount_minor),
    valueDate: v.value_date,
    reason: v.reason,
    status: v.status,
    requestedBy: v.requested_by_name ?? (v.requested_by_api_key ? 'API key' : null),
    requestedAt: v.requested_at.toISOString(),
    decidedBy: v.decided_by_name ?? null,
    decidedAt: v.decided_at?.toISOString() ?? null,
    decisionNote: v.decision_note,
    needsSecondPerson: Number(v.amount_minor) > approvalMinor,
    askedByYou: Boolean(v.asked_by_viewer),
    adjustments: adjustments.filter((a) => a.sourceId === v.id),
  }));
}

/** The entry a reversal names, if it belongs to the loan. */
export async function findEntry(
  db: Db,
  loanId: string,
  kind: EntryKind,
  id: string,
): Promise<
  | {
      amountMinor: number;
      valueDate: string;
      createdAt: Date;
      excessMinor: number;
      allocation: { number: number; amountMinor: number }[];
    }
  | undefined
> {
  if (kind === 'repayment') {
    const r = await db
      .selectFrom('loan_repayments')
      .selectAll()
      .where('id', '=', id)
      .where('loan_id', '=', loanId)
      .executeTakeFirst();
    return r
      ? {
          amountMinor: Number(r.amount_minor),
          valueDate: r.paid_on,
          createdAt: r.created_at,
          excessMinor: Number(r.excess_minor),
          allocation: (await currentAllocation(db, r.id)) ?? r.allocation,
        }
      : undefined;
  }
  const d = await db
    .selectFrom('loan_disbursements')
    .selectAll()
    .where('id', '=', id)
    .where('loan_id', '=', loanId)
    .executeTakeFirst();
  return d
    ? {
        amountMinor: Number(d.amount_minor),
        valueDate: d.disbursed_on,
        createdAt: d.created_at,
        excessMinor: 0,
        allocation: [],
      }
    : undefined;
}

import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import {
  type AppealOutcome,
  appealDeadline,
  appealResolutionFields,
  appealTextField,
  assertAppealOpen,
  fileOnce,
  notPending,
} from '../../platform/appeals.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { appealFiled, appealResolved } from './fund.events.ts';
import { actingUserId, canReadAll, requireNotOwnGrant, requireStaff } from './fund-access.ts';

// Appeals on a grant decision, with the calls' rules (src/platform/appeals.ts): the founder
// appeals once, within the rule set's window after the decision; an admin resolves it once with a
// reason. An appeal upheld against a rejection reopens the application for a new decision (the
// committee's scores stay); one upheld against an approval (an amount cut) is on the record for
// the admin to act on.

export const FundAppealInputSchema = z
  .object({ text: appealTextField })
  .meta({ id: 'FundFileAppealRequest' });
export const FundResolveAppealInputSchema = z
  .object(appealResolutionFields)
  .meta({ id: 'FundResolveAppealInput' });
export const FundAppealSchema = z
  .object({
    id: z.string(),
    grantId: z.string(),
    decidedAt: z.string().describe('The decision appealed'),
    startupName: z.string(),
    text: z.string(),
    status: z.enum(['pending', 'upheld', 'rejected']),
    resolutionReason: z.string().nullable(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'FundAppeal' });
export type FundAppeal = z.infer<typeof FundAppealSchema>;

type Row = {
  id: string;
  grant_id: string;
  decided_at: Date;
  startup_name: string;
  text: string;
  status: FundAppeal['status'];
  resolution_reason: string | null;
  created_at: Date;
  resolved_at: Date | null;
};
const toAppeal = (r: Row): FundAppeal => ({
  id: r.id,
  grantId: r.grant_id,
  decidedAt: new Date(r.decided_at).toISOString(),
  startupName: r.startup_name,
  text: r.text,
  status: r.status,
  resolutionReason: r.resolution_reason,
  createdAt: new Date(r.created_at).toISOString(),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
});

const appealsQuery = (db: Deps['db']) =>
  db
    .selectFrom('fund_appeals as ap')
    .innerJoin('fund_grants as g', 'g.id', 'ap.grant_id')
    .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
    .selectAll('ap')
    .select('s.name as startup_name');

/** The founder (the startup's owner) appeals the decision on their application. */
export async function fileGrantAppeal(
  deps: Deps,
  actor: Actor,
  grantId: string,
  text: string,
): Promise<FundAppeal> {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please log in first');
  const g = await deps.db
    .selectFrom('fund_grants as g')
    .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
    .innerJoin('fund_rule_sets as rs', 'rs.id', 'g.rule_set_id')
    .select([
      'g.id',
      'g.status',
      'g.decided_at',
      'g.submitted_by',
      's.owner_id',
      's.name',
      'rs.appeal_window_days',
    ])
    .where('g.id', '=', grantId)
    .executeTakeFirst();
  if (!g || g.owner_id !== actor.userId) throw notFound('Application');
  const now = deps.clock.now();
  assertAppealOpen(now, g.decided_at, g.appeal_window_days);
  const id = await fileOnce(
    inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('fund_appeals')
        .values({
          grant_id: grantId,
          decided_at: g.decided_at!,
          text,
          status: 'pending',
          created_by: actor.userId,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.appeal_filed',
        entity: 'fund_grant',
        entityId: grantId,
        details: { appealId: row.id },
      });
      // The founder hears it was received; the staff who may resolve it, that it waits.
      await emitEvent(
        trx,
        deps,
        appealFiled,
        {
          appealId: row.id,
          grantId,
          founderId: g.owner_id,
          startupName: g.name,
          decision: g.status === 'rejected' ? 'rejected' : 'approved',
          submittedBy: g.submitted_by,
        },
        actor,
      );
      return row.id;
    }),
    'decision',
  );
  return toAppeal(await appealsQuery(deps.db).where('ap.id', '=', id).executeTakeFirstOrThrow());
}

/** An admin resolves an appeal once; upheld against a rejection, the application is decided again. */
export async function resolveGrantAppeal(
  deps: Deps,
  actor: Actor,
  appealId: string,
  input: { outcome: AppealOutcome; reason: string },
): Promise<FundAppeal> {
  requireStaff(actor);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    // Like a decision: no one resolves an appeal on a startup they founded or applied for.
    const parties = await trx
      .selectFrom('fund_appeals as ap')
      .innerJoin('fund_grants as g', 'g.id', 'ap.grant_id')
      .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
      .select(['g.submitted_by', 's.owner_id', 's.name'])
      .where('ap.id', '=', appealId)
      .executeTakeFirst();
    if (!parties) throw notFound('Appeal');
    requireNotOwnGrant(actor, [parties.owner_id, parties.submitted_by]);
    const row = await trx
      .updateTable('fund_appeals')
      .set({
        status: input.outcome,
        resolution_reason: input.reason,
        resolved_at: now,
        resolved_by: actingUserId(actor),
      })
      .where('id', '=', appealId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('fund_appeals')
        .select('status')
        .where('id', '=', appealId)
        .executeTakeFirst();
      throw notPending(exists?.status);
    }
    let reopened = false;
    if (input.outcome === 'upheld') {
      const r = await trx
        .updateTable('fund_grants')
        .set({ status: 'submitted', decided_at: null, decided_by: null, decision_reason: null })
        .where('id', '=', row.grant_id)
        .where('status', '=', 'rejected')
        .executeTakeFirst();
      reopened = Number(r.numUpdatedRows) > 0;
    }
    await recordChange(trx, actor, deps.clock, {
      action: `fund.appeal_${input.outcome}`,
      entity: 'fund_grant',
      entityId: row.grant_id,
      details: { appealId, reason: input.reason, reopened },
    });
    await emitEvent(
      trx,
      deps,
      appealResolved,
      {
        appealId,
        grantId: row.grant_id,
        founderId: parties.owner_id,
        startupName: parties.name,
        outcome: input.outcome,
        reason: input.reason,
        reopened,
      },
      actor,
    );
  });
  return toAppeal(await appealsQuery(deps.db).where('ap.id', '=', appealId).executeTakeFirstOrThrow());
}

/** Every appeal (staff, auditors), or the one on a grant for its founder. */
export async function listGrantAppeals(deps: Deps, actor: Actor): Promise<FundAppeal[]> {
  if (!canReadAll(actor))
    throw new AppError('forbidden', 'Only the fund’s staff and auditors see every appeal');
  const rows = await appealsQuery(deps.db).orderBy('ap.created_at', 'desc').execute();
  return rows.map(toAppeal);
}

/** Each grant's latest appeal: on its current decision, or the one that reopened it. */
export async function appealsOf(
  deps: Pick<Deps, 'db'>,
  grantIds: string[],
): Promise<Map<string, FundAppeal>> {
  if (!grantIds.length) return new Map();
  const rows = await appealsQuery(deps.db)
    .where('ap.grant_id', 'in', grantIds)
    .orderBy('ap.created_at')
    .execute();
  return new Map(rows.map((r) => [r.grant_id, toAppeal(r)]));
}

export { appealDeadline };

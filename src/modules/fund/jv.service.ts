import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { jvMovementRecorded } from './fund.events.ts';
import { rateOn, rateText, reserveBudget } from './fund.repository.ts';
import { actingUserId, requireStaff } from './fund-access.ts';
import { fiscalYearOf, usdToPkr } from './fund-rules.ts';

// The programme as an investor in joint-venture funds run with foreign managers: a commitment
// (against the year's envelope), capital calls (never past the commitment), distributions, and the
// fund's reported value each quarter. Calls and distributions go through the ledger in PKR at
// their day's rate; the net position is what was called less what came back.

export const JvMovementSchema = z.object({
  id: z.string(),
  kind: z.enum(['call', 'distribution', 'valuation']),
  onDate: z.string(),
  amountMinor: z.number().int(),
  amountPkrMinor: z.number().int(),
  rate: z.string(),
  note: z.string().nullable(),
});
export const JvSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    managerName: z.string(),
    managerJurisdiction: z.string(),
    currency: z.literal('USD'),
    committedOn: z.string(),
    commitmentMinor: z.number().int(),
    commitmentPkrMinor: z.number().int(),
    foreignRaisedMinor: z.number().int(),
    calledMinor: z.number().int(),
    uncalledMinor: z.number().int(),
    distributedMinor: z.number().int(),
    netPositionMinor: z.number().int().describe('Called less distributed, USD cents'),
    netPositionPkrMinor: z.number().int().describe('Called less distributed at their days’ rates, PKR paisa'),
    latestValueMinor: z
      .number()
      .int()
      .nullable()
      .describe('The programme’s share of the last reported value'),
    latestValueOn: z.string().nullable(),
    movements: z.array(JvMovementSchema),
  })
  .meta({ id: 'FundJv' });
export type Jv = z.infer<typeof JvSchema>;

export async function createJv(
  deps: Deps,
  actor: Actor,
  input: {
    name: string;
    managerId: string;
    commitmentMinor: number;
    foreignRaisedMinor: number;
    committedOn: string;
  },
): Promise<Jv> {
  requireStaff(actor);
  const id = await inTransaction(deps.db, async (trx) => {
    const manager = await trx
      .selectFrom('fund_investors')
      .selectAll()
      .where('id', '=', input.managerId)
      .executeTakeFirst();
    if (!manager) throw invalidField('managerId', 'is not a registered investor', 'unknown_investor');
    if (manager.status !== 'verified')
      throw invalidField('managerId', 'must be verified by the fund’s staff', 'lead_investor_verified');
    if (manager.jurisdiction === 'PK')
      throw invalidField('managerId', 'must be a foreign manager', 'lead_investor_foreign');
    const dup = await trx
      .selectFrom('fund_jv_funds')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (dup) throw invalidField('name', 'is already a joint-venture fund', 'taken');
    const rate = await rateOn(trx, input.committedOn, 'committedOn');
    const pkr = usdToPkr(input.commitmentMinor, rate.pkrMicros);
    const fy = fiscalYearOf(input.committedOn);
    await reserveBudget(trx, fy, pkr, 'commitmentMinor');
    const row = await trx
      .insertInto('fund_jv_funds')
      .values({
        name: input.name,
        manager_id: manager.id,
        currency: 'USD',
        commitment_minor: input.commitmentMinor,
        foreign_raised_minor: input.foreignRaisedMinor,
        committed_on: input.committedOn,
        fiscal_year: fy,
        commit_rate_id: rate.id,
        commitment_pkr_minor: pkr,
        created_by: actingUserId(actor),
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.jv_committed',
      entity: 'fund_jv',
      entityId: row.id,
      details: { ...input, commitmentPkrMinor: pkr },
    });
    return row.id;
  });
  return (await listJvs(deps, id))[0]!;
}

export async function recordJvMovement(
  deps: Deps,
  actor: Actor,
  jvId: string,
  input: {
    kind: 'call' | 'distribution' | 'valuation';
    onDate: string;
    amountMinor: number;
    note?: string | undefined;
  },
): Promise<Jv> {
  requireStaff(actor);
  const now = deps.clock.now();
  if (input.onDate > karachiDate(now)) throw invalidField('onDate', 'is in the future', 'future_date');
  if (input.kind !== 'valuation' && input.amountMinor === 0)
    throw invalidField('amountMinor', 'must be more than zero', 'too_small');
  await inTransaction(deps.db, async (trx) => {
    const jv = await trx
      .selectFrom('fund_jv_funds')
      .selectAll()
      .where('id', '=', jvId)
      .forUpdate()
      .executeTakeFirst();
    if (!jv) throw notFound('Joint-venture fund');
    if (input.kind === 'call' && jv.called_minor + input.amountMinor > jv.commitment_minor)
      throw new AppError('validation_failed', 'amountMinor: past the commitment', {
        fields: [
          {
            path: 'amountMinor',
            message: 'calls more than the commitment leaves uncalled',
            rule: 'past_commitment',
            params: { uncalledMinor: jv.commitment_minor - jv.called_minor },
          },
        ],
      });
    const rate = await rateOn(trx, input.onDate, 'onDate');
    const pkr = usdToPkr(input.amountMinor, rate.pkrMicros);
    let txId: string | null = null;
    if (input.kind !== 'valuation') {
      const call = input.kind === 'call';
      txId = await postLedgerTransaction(
        trx,
        { kind: call ? 'fund_jv_call' : 'fund_jv_distribution', loanId: null, occurredOn: input.onDate, now },
        [
          { account: 'fund_jv_investment', ...(call ? { debitMinor: pkr } : { creditMinor: pkr }) },
          { account: 'programme_cash', ...(call ? { creditMinor: pkr } : { debitMinor: pkr }) },
        ],
      );
      await trx
        .updateTable('fund_jv_funds')
        .set((eb) =>
          call
            ? { called_minor: eb('called_minor', '+', input.amountMinor) }
            : { distributed_minor: eb('distributed_minor', '+', input.amountMinor) },
        )
        .where('id', '=', jvId)
        .execute();
    }
    await trx
      .insertInto('fund_jv_movements')
      .values({
        jv_id: jvId,
        kind: input.kind,
        on_date: input.onDate,
        amount_minor: input.amountMinor,
        rate_id: rate.id,
        amount_pkr_minor: pkr,
        note: input.note ?? null,
        transaction_id: txId,
        created_by: actingUserId(actor),
        created_at: now,
      })
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: `fund.jv_${input.kind}`,
      entity: 'fund_jv',
      entityId: jvId,
      details: { ...input, amountPkrMinor: pkr },
    });
    await emitEvent(
      trx,
      deps,
      jvMovementRecorded,
      { jvId, kind: input.kind, onDate: input.onDate, amountMinor: input.amountMinor, amountPkrMinor: pkr },
      actor,
    );
  });
  return (await listJvs(deps, jvId))[0]!;
}

/** Every joint-venture commitment with its movements (public: fund names, managers and amounts). */
export async function listJvs(deps: Pick<Deps, 'db'>, onlyId?: string): Promise<Jv[]> {
  let q = deps.db
    .selectFrom('fund_jv_funds as j')
    .innerJoin('fund_investors as i', 'i.id', 'j.manager_id')
    .selectAll('j')
    .select(['i.name as manager_name', 'i.jurisdiction'])
    .orderBy('j.committed_on');
  if (onlyId) q = q.where('j.id', '=', onlyId);
  const funds = await q.execute();
  if (!funds.length) return [];
  const moves = await deps.db
    .selectFrom('fund_jv_movements as m')
    .innerJoin('fund_fx_rates as r', 'r.id', 'm.rate_id')
    .selectAll('m')
    .select('r.pkr_micros')
    .where(
      'm.jv_id',
      'in',
      funds.map((f) => f.id),
    )
    .orderBy('m.on_date')
    .orderBy('m.created_at')
    .execute();
  return funds.map((f) => {
    const mine = moves.filter((m) => m.jv_id === f.id);
    const pkrOf = (k: string) => mine.filter((m) => m.kind === k).reduce((s, m) => s + m.amount_pkr_minor, 0);
    const value = mine.filter((m) => m.kind === 'valuation').at(-1);
    return {
      id: f.id,
      name: f.name,
      managerName: f.manager_name,
      managerJurisdiction: f.jurisdiction,
      currency: 'USD' as const,
      committedOn: f.committed_on,
      commitmentMinor: f.commitment_minor,
      commitmentPkrMinor: f.commitment_pkr_minor,
      foreignRaisedMinor: f.foreign_raised_minor,
      calledMinor: f.called_minor,
      uncalledMinor: f.commitment_minor - f.called_minor,
      distributedMinor: f.distributed_minor,
      netPositionMinor: f.called_minor - f.distributed_minor,
      netPositionPkrMinor: pkrOf('call') - pkrOf('distribution'),
      latestValueMinor: value?.amount_minor ?? null,
      latestValueOn: value?.on_date ?? null,
      movements: mine.map((m) => ({
        id: m.id,
        kind: m.kind,
        onDate: m.on_date,
        amountMinor: m.amount_minor,
        amountPkrMinor: m.amount_pkr_minor,
        rate: rateText(m.pkr_micros),
        note: m.note,
      })),
    };
  });
}

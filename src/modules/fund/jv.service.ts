import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { type LedgerLine, postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { requireWithinCeilings } from './ceilings.ts';
import { jvMovementRecorded } from './fund.events.ts';
import { rateOn, reserveBudget, uniqueAsConflict } from './fund.repository.ts';
import type { FundCurrency } from './fund.table.ts';
import { actingUserId, requireStaff } from './fund-access.ts';
import { fiscalYearOf, splitDistribution, splitExit, toPkr } from './fund-rules.ts';
import { type Jv, listJvs } from './jv-read.service.ts';

// The programme as an investor in joint-venture funds run with foreign managers: a commitment
// (against the year's envelope), capital calls (never past the commitment), distributions, and the
// fund's reported value each quarter. Calls and distributions go through the ledger in PKR at
// their day's rate; the net position is what was called less what came back.

export async function createJv(
  deps: Deps,
  actor: Actor,
  input: {
    name: string;
    managerId: string;
    currency?: FundCurrency | undefined;
    commitmentMinor: number;
    foreignRaisedMinor: number;
    committedOn: string;
  },
): Promise<Jv> {
  const currency = input.currency ?? 'USD';
  requireStaff(actor);
  requireWithinCeilings(currency, [
    ['commitmentMinor', input.commitmentMinor, 'jv'],
    ['foreignRaisedMinor', input.foreignRaisedMinor, 'jvForeign'],
  ]);
  const id = await uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
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
      const rate = await rateOn(trx, input.committedOn, 'committedOn', currency);
      const pkr = toPkr(input.commitmentMinor, rate.pkrMicros);
      const fy = fiscalYearOf(input.committedOn);
      await reserveBudget(trx, fy, pkr, 'commitmentMinor');
      const row = await trx
        .insertInto('fund_jv_funds')
        .values({
          name: input.name,
          manager_id: manager.id,
          currency,
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
        details: { ...input, currency, commitmentPkrMinor: pkr },
      });
      return row.id;
    }),
  );
  return (await listJvs(deps, id))[0]!;
}

export async function recordJvMovement(
  deps: Deps,
  actor: Actor,
  jvId: string,
  input: {
    kind: 'call' | 'distribution' | 'valuation' | 'exit';
    onDate: string;
    amountMinor: number;
    note?: string | undefined;
  },
): Promise<Jv> {
  requireStaff(actor);
  const now = deps.clock.now();
  if (input.onDate > karachiDate(now)) throw invalidField('onDate', 'is in the future', 'future_date');
  if ((input.kind === 'call' || input.kind === 'distribution') && input.amountMinor === 0)
    throw invalidField('amountMinor', 'must be more than zero', 'too_small');
  await inTransaction(deps.db, async (trx) => {
    const jv = await trx
      .selectFrom('fund_jv_funds')
      .selectAll()
      .where('id', '=', jvId)
      .forUpdate()
      .executeTakeFirst();
    if (!jv) throw notFound('Joint-venture fund');
    requireWithinCeilings(jv.currency, [['amountMinor', input.amountMinor, 'jv']]);
    if (jv.closed_on)
      throw new AppError('invalid_state', `The investment was closed by an exit on ${jv.closed_on}`);
    if (input.onDate < jv.committed_on)
      throw invalidField('onDate', `is before the commitment (${jv.committed_on})`, 'before_commitment');
    if (input.kind === 'exit') {
      const last = await trx
        .selectFrom('fund_jv_movements')
        .select('on_date')
        .where('jv_id', '=', jvId)
        .orderBy('on_date', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last && input.onDate < last.on_date)
        throw invalidField(
          'onDate',
          `an exit closes the fund: it cannot be dated before its last movement (${last.on_date})`,
          'before_last_movement',
        );
    }
    if (input.kind === 'exit' && jv.called_minor === 0)
      throw invalidField('kind', 'nothing has been called, so there is nothing to exit', 'nothing_called');
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
    const rate = await rateOn(trx, input.onDate, 'onDate', jv.currency);
    const pkr = toPkr(input.amountMinor, rate.pkrMicros);
    let txId: string | null = null;
    let split = { capitalMinor: 0, costPkrMinor: 0, gainPkrMinor: 0, fxPkrMinor: 0, lossPkrMinor: 0 };
    if (input.kind === 'call') {
      txId = await postLedgerTransaction(
        trx,
        { kind: 'fund_jv_call', loanId: null, occurredOn: input.onDate, now },
        [
          { account: 'fund_jv_investment', debitMinor: pkr },
          { account: 'programme_cash', creditMinor: pkr },
        ],
      );
      await trx
        .updateTable('fund_jv_funds')
        .set((eb) => ({ called_minor: eb('called_minor', '+', input.amountMinor) }))
        .where('id', '=', jvId)
        .execute();
    } else if (input.kind === 'distribution' || input.kind === 'exit') {
      const carrying = await carryingPkr(trx, jvId);
      const facts = {
        amountMinor: input.amountMinor,
        pkrMicros: rate.pkrMicros,
        outstandingMinor: jv.called_minor - jv.returned_minor,
        carryingPkrMinor: carrying,
      };
      split = input.kind === 'exit' ? splitExit(facts) : { ...splitDistribution(facts), lossPkrMinor: 0 };
      const lines: LedgerLine[] = [
        { account: 'programme_cash', debitMinor: pkr },
        { account: 'fund_jv_realised_loss', debitMinor: split.lossPkrMinor },
        { account: 'fund_jv_investment', creditMinor: split.costPkrMinor },
        { account: 'fund_jv_realised_gain', creditMinor: split.gainPkrMinor },
        split.fxPkrMinor >= 0
          ? { account: 'fund_fx_difference', creditMinor: split.fxPkrMinor }
          : { account: 'fund_fx_difference', debitMinor: -split.fxPkrMinor },
      ];
      txId = await postLedgerTransaction(
        trx,
        {
          kind: input.kind === 'exit' ? 'fund_jv_exit' : 'fund_jv_distribution',
          loanId: null,
          occurredOn: input.onDate,
          now,
        },
        lines.filter((l) => (l.debitMinor ?? l.creditMinor ?? 0) > 0),
      );
      await trx
        .updateTable('fund_jv_funds')
        .set((eb) => ({
          distributed_minor: eb('distributed_minor', '+', input.amountMinor),
          returned_minor: eb('returned_minor', '+', split.capitalMinor),
          ...(input.kind === 'exit' ? { closed_on: input.onDate } : {}),
        }))
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
        capital_minor: split.capitalMinor,
        cost_pkr_minor: split.costPkrMinor,
        gain_pkr_minor: split.gainPkrMinor,
        fx_pkr_minor: split.fxPkrMinor,
        loss_pkr_minor: split.lossPkrMinor,
        transaction_id: txId,
        created_by: actingUserId(actor),
        created_at: now,
      })
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: `fund.jv_${input.kind}`,
      entity: 'fund_jv',
      entityId: jvId,
      details: { ...input, amountPkrMinor: pkr, ...split },
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

/** What the investment in a joint venture stands at in the ledger's rupees: calls less the capital returned. */
async function carryingPkr(trx: Pick<Deps, 'db'>['db'], jvId: string): Promise<number> {
  const r = await trx
    .selectFrom('fund_jv_movements')
    .select((eb) => [
      eb.fn
        .coalesce(
          eb.fn.sum<number>(
            eb.case().when('kind', '=', 'call').then(eb.ref('amount_pkr_minor')).else(0).end(),
          ),
          eb.lit(0),
        )
        .as('called'),
      eb.fn.coalesce(eb.fn.sum<number>('cost_pkr_minor'), eb.lit(0)).as('returned'),
    ])
    .where('jv_id', '=', jvId)
    .executeTakeFirstOrThrow();
  return Number(r.called) - Number(r.returned);
}

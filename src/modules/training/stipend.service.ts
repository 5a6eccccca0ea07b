import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { postLedgerTransaction } from '../../platform/ledger.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { addDays, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { type StipendFacts, stipendWithheldReasons } from './stipend-rules.ts';
import { trainersWithAccounts } from './trainer-bank.service.ts';
import type { Stipend } from './training.schema.ts';

type Db = Kysely<Database>;

const monthEnd = (month: string) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10); // the first day of the next month
};

/** Staff assign a trainer to a centre from a day (until a day, or open-ended). */
export async function assignTrainer(
  deps: Deps,
  actor: Actor,
  input: { centerId: string; trainerId: string; startsOn: string; endsOn: string | null },
) {
  requireRole(actor, 'program_admin');
  if (input.endsOn && input.endsOn < input.startsOn)
    throw invalidField('endsOn', 'must be on or after startsOn');
  return inTransaction(deps.db, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['role'])
      .where('id', '=', input.trainerId)
      .executeTakeFirst();
    if (user?.role !== 'trainer') throw invalidField('trainerId', 'is not a trainer');
    const centre = await trx
      .selectFrom('centers')
      .select('center_id')
      .where('center_id', '=', input.centerId)
      .executeTakeFirst();
    if (!centre) throw invalidField('centerId', 'no such centre');
    await trx
      .insertInto('trainer_assignments')
      .values({
        center_id: input.centerId,
        trainer_id: input.trainerId,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        assigned_by: actor.kind === 'user' ? actor.userId : input.trainerId,
        created_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['center_id', 'trainer_id', 'starts_on']).doUpdateSet({ ends_on: input.endsOn }),
      )
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.trainer_assigned',
      entity: 'center',
      entityId: input.centerId,
      details: { trainerId: input.trainerId, startsOn: input.startsOn, endsOn: input.endsOn },
    });
    return input;
  });
}

export async function listAssignments(deps: Deps, actor: Actor) {
  requireRole(actor, 'program_admin', 'auditor', 'trainer');
  let q = deps.db
    .selectFrom('trainer_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.trainer_id')
    .innerJoin('centers as c', 'c.center_id', 'a.center_id')
    .select(['a.center_id', 'c.name_en', 'a.trainer_id', 'u.name', 'a.starts_on', 'a.ends_on']);
  if (actor.kind === 'user' && actor.role === 'trainer') q = q.where('a.trainer_id', '=', actor.userId);
  const rows = await q.orderBy('c.name_en').orderBy('a.starts_on').limit(1000).execute();
  return rows.map((r) => ({
    centerId: r.center_id,
    centerName: r.name_en,
    trainerId: r.trainer_id,
    trainerName: r.name,
    startsOn: String(r.starts_on).slice(0, 10),
    endsOn: r.ends_on ? String(r.ends_on).slice(0, 10) : null,
  }));
}

/** The stipend per centre and month in force for a month (effective-dated setting). */
export async function stipendRateFor(db: Db, month: string): Promise<number> {
  const r = await db
    .selectFrom('training_stipend_rates')
    .select('amount_minor')
    .where('effective_from', '<=', `${month}-01`)
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
  return Number(r?.amount_minor ?? 0);
}

export async function setStipendRate(
  deps: Deps,
  actor: Actor,
  input: { effectiveFrom: string; amountMinor: number },
) {
  requireRole(actor, 'program_admin');
  const from = `${input.effectiveFrom}-01`;
  if (input.effectiveFrom <= karachiDate(deps.clock.now()).slice(0, 7))
    throw invalidField('effectiveFrom', 'must be a month still to come');
  return inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('training_stipend_rates')
      .values({
        effective_from: from,
        amount_minor: input.amountMinor,
        set_by: actor.kind === 'user' ? actor.userId : null,
        created_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.column('effective_from').doUpdateSet({ amount_minor: input.amountMinor }))
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.stipend_rate_set',
      entity: 'setting',
      entityId: 'training_stipend_rate',
      details: input,
    });
    return input;
  });
}

/** What the month's stipend at a centre depends on, read from the database. */
async function factsFor(db: Db, centerId: string, month: string): Promise<StipendFacts> {
  const from = karachiMidnight(`${month}-01`);
  const until = karachiMidnight(monthEnd(month));
  const trainer = await db
    .selectFrom('trainer_assignments')
    .select('trainer_id')
    .where('center_id', '=', centerId)
    .where('starts_on', '<', monthEnd(month))
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', `${month}-01`)]))
    .orderBy('starts_on', 'desc')
    .executeTakeFirst();
  const s = await db
    .selectFrom('training_sessions')
    .select([
      sql<number>`count(*) FILTER (WHERE status <> 'cancelled')::int`.as('sessions'),
      sql<number>`count(*) FILTER (WHERE status = 'scheduled')::int`.as('not_held'),
      sql<number>`count(*) FILTER (WHERE status = 'held' AND attendance_closed_at IS NULL)::int`.as(
        'no_attendance',
      ),
    ])
    .where('center_id', '=', centerId)
    .where(sql<boolean>`lower(during) >= ${from} AND lower(during) < ${until}`)
    .executeTakeFirstOrThrow();
  const report = await db
    .selectFrom('center_monthly_reports')
    .select('month')
    .where('center_id', '=', centerId)
    .where('month', '=', `${month}-01`)
    .executeTakeFirst();
  return {
    trainerId: trainer?.trainer_id ?? null,
    sessions: s.sessions,
    sessionsNotHeld: s.not_held,
    attendanceMissing: s.no_attendance,
    monthlyReportIn: Boolean(report),
  };
}

/**
 * The monthly payment run for a month that has ended: for every centre with a trainer assigned
 * or sessions in the month, the stipend is payable (posted to the ledger: stipend expense against
 * stipend payable) or withheld with each missing condition named. A centre already run for the
 * month is left as it is, so the run can be repeated (after a late report, say) without paying twice.
 */
export async function runStipends(deps: Deps, actor: Actor, month: string): Promise<Stipend[]> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  if (month >= karachiDate(now).slice(0, 7)) throw invalidField('month', 'run a month once it has ended');
  return inTransaction(deps.db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`training-stipends:${month}`}))`.execute(trx);
    const rate = await stipendRateFor(trx, month);
    const from = karachiMidnight(`${month}-01`);
    const until = karachiMidnight(monthEnd(month));
    const centres = await sql<{ center_id: string }>`
      SELECT center_id FROM trainer_assignments
       WHERE starts_on < ${monthEnd(month)}::date AND (ends_on IS NULL OR ends_on >= ${`${month}-01`}::date)
      UNION
      SELECT center_id FROM training_sessions WHERE lower(during) >= ${from} AND lower(during) < ${until}
      EXCEPT
      SELECT center_id FROM training_stipends WHERE month = ${`${month}-01`}::date`.execute(trx);
    for (const { center_id } of centres.rows) {
      const facts = await factsFor(trx, center_id, month);
      const reasons = stipendWithheldReasons(facts);
      const ledgerId = reasons.length
        ? null
        : await postLedgerTransaction(
            trx,
            { kind: 'stipend_accrual', loanId: null, occurredOn: addDays(monthEnd(month), -1), now },
            [
              { account: 'stipend_expense', debitMinor: rate },
              { account: 'stipend_payable', creditMinor: rate },
            ],
          );
      await trx
        .insertInto('training_stipends')
        .values({
          center_id,
          month: `${month}-01`,
          trainer_id: facts.trainerId,
          amount_minor: reasons.length ? 0 : rate,
          status: reasons.length ? 'withheld' : 'payable',
          withheld_reasons: reasons,
          ledger_transaction_id: ledgerId,
          clawback_transaction_id: null,
          clawback_reason: null,
          run_at: now,
          run_by: actor.kind === 'user' ? actor.userId : null,
        })
        .execute();
      await recordChange(trx, actor, deps.clock, {
        action: reasons.length ? 'training.stipend_withheld' : 'training.stipend_payable',
        entity: 'center',
        entityId: center_id,
        details: { month, trainerId: facts.trainerId, amountMinor: reasons.length ? 0 : rate, reasons },
      });
    }
    return listStipendRows(trx, month);
  });
}

async function listStipendRows(db: Db, month?: string): Promise<Stipend[]> {
  let q = db
    .selectFrom('training_stipends as s')
    .innerJoin('centers as c', 'c.center_id', 's.center_id')
    .leftJoin('users as u', 'u.id', 's.trainer_id')
    .select([
      's.center_id',
      'c.name_en',
      's.month',
      's.trainer_id',
      'u.name',
      's.amount_minor',
      's.status',
      's.withheld_reasons',
      's.clawback_reason',
    ]);
  if (month) q = q.where('s.month', '=', `${month}-01`);
  const rows = await q.orderBy('s.month', 'desc').orderBy('c.name_en').limit(5000).execute();
  const banked = await trainersWithAccounts(
    db,
    rows.flatMap((r) => (r.status === 'payable' && r.trainer_id ? [r.trainer_id] : [])),
  );
  return rows.map((r) => ({
    centerId: r.center_id,
    centerName: r.name_en,
    month: String(r.month).slice(0, 7),
    trainerId: r.trainer_id,
    trainerName: r.name,
    amountMinor: Number(r.amount_minor),
    status: r.status,
    withheldReasons: r.withheld_reasons,
    clawbackReason: r.clawback_reason,
    // Earned but not in the bank file until the trainer records an IBAN.
    paymentHeld:
      r.status !== 'payable'
        ? null
        : !r.trainer_id
          ? ('no_trainer' as const)
          : banked.has(r.trainer_id)
            ? null
            : ('no_bank_account' as const),
  }));
}

export async function listStipends(deps: Deps, actor: Actor, month?: string): Promise<Stipend[]> {
  requireRole(actor, 'program_admin', 'auditor', 'trainer');
  const rows = await listStipendRows(deps.db, month);
  return actor.kind === 'user' && actor.role === 'trainer'
    ? rows.filter((r) => r.trainerId === actor.userId)
    : rows;
}

/**
 * A later finding that the month's data was false (sessions not held, attendance invented, a
 * report untrue): the stipend is clawed back, like an ineligible subsidy: the payable turns into
 * a receivable from the trainer (ledger: clawback receivable against stipend expense).
 */
export async function clawbackStipend(
  deps: Deps,
  actor: Actor,
  input: { centerId: string; month: string; reason: string },
): Promise<Stipend> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('training_stipends')
      .selectAll()
      .where('center_id', '=', input.centerId)
      .where('month', '=', `${input.month}-01`)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Stipend');
    if (row.status !== 'payable') throw new AppError('invalid_state', `This stipend is ${row.status}`);
    const amount = Number(row.amount_minor);
    const txId = await postLedgerTransaction(
      trx,
      { kind: 'stipend_clawback', loanId: null, occurredOn: karachiDate(now), now },
      [
        { account: 'clawback_receivable', debitMinor: amount },
        { account: 'stipend_expense', creditMinor: amount },
      ],
    );
    await trx
      .updateTable('training_stipends')
      .set({ status: 'clawed_back', clawback_transaction_id: txId, clawback_reason: input.reason })
      .where('center_id', '=', input.centerId)
      .where('month', '=', `${input.month}-01`)
      .where('status', '=', 'payable')
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'training.stipend_clawed_back',
      entity: 'center',
      entityId: input.centerId,
      details: { month: input.month, amountMinor: amount, reason: input.reason },
    });
    return (await listStipendRows(trx, input.month)).find((s) => s.centerId === input.centerId)!;
  });
}

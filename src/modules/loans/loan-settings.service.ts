import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import type { LoanSettingsView, UpdateLoanSettingsInput } from './loan-settings.schema.ts';
import { LOAN_SETTINGS, type LoanSettings } from './loans.settings.ts';
import type { LoanSettingsTable } from './loans.table.ts';

type Row = Omit<LoanSettingsTable, 'id'>;

function toSettings(r: Row | undefined): LoanSettings {
  if (!r) return LOAN_SETTINGS;
  return {
    scheduleUnitMinor: r.schedule_unit === 'paisa' ? 1 : 100,
    scheduleRounding: r.schedule_rounding,
    lossDaysPastDue: r.loss_days_past_due,
    overpayment: r.overpayment,
    claimDeadlineWorkingDays: r.claim_deadline_working_days,
    repaymentLimit: r.repayment_limit,
    dayCountBasis: 365,
  };
}

/**
 * The programme's loan rules as stored now (the defaults in `LOAN_SETTINGS` if the row is
 * missing). Read inside the caller's transaction where there is one, so a rule and the work it
 * governs are seen together.
 */
export async function loadLoanSettings(db: Kysely<Database>): Promise<LoanSettings> {
  const row = await db
    .selectFrom('loan_settings')
    .select([
      'schedule_unit',
      'schedule_rounding',
      'loss_days_past_due',
      'overpayment',
      'claim_deadline_working_days',
      'repayment_limit',
      'updated_by',
      'updated_at',
    ])
    .executeTakeFirst();
  return toSettings(row);
}

async function view(db: Kysely<Database>): Promise<LoanSettingsView> {
  const row = await db
    .selectFrom('loan_settings')
    .leftJoin('users', 'users.id', 'loan_settings.updated_by')
    .selectAll('loan_settings')
    .select('users.name as updated_by_name')
    .executeTakeFirst();
  const s = toSettings(row);
  return {
    scheduleUnit: s.scheduleUnitMinor === 1 ? 'paisa' : 'rupee',
    scheduleRounding: s.scheduleRounding,
    lossDaysPastDue: s.lossDaysPastDue,
    overpayment: s.overpayment,
    claimDeadlineWorkingDays: s.claimDeadlineWorkingDays,
    repaymentLimit: s.repaymentLimit,
    updatedAt: (row?.updated_at ?? new Date(0)).toISOString(),
    updatedBy: row?.updated_by_name ?? null,
  };
}

/** Everyone who works with loans may read the rules they work under. */
export async function getLoanSettings(deps: Deps, actor: Actor): Promise<LoanSettingsView> {
  requireRole(actor, 'program_admin', 'auditor', 'bank_officer', 'owner');
  return view(deps.db);
}

const COLUMNS = {
  scheduleUnit: 'schedule_unit',
  scheduleRounding: 'schedule_rounding',
  lossDaysPastDue: 'loss_days_past_due',
  overpayment: 'overpayment',
  claimDeadlineWorkingDays: 'claim_deadline_working_days',
  repaymentLimit: 'repayment_limit',
} as const satisfies Record<keyof UpdateLoanSettingsInput, keyof Row>;

/**
 * The admin changes one or more rules; the audit entry names each change, old and new. A change
 * applies from then on: loans already requested keep their schedule unit; schedules already made
 * are not redone.
 */
export async function updateLoanSettings(
  deps: Deps,
  actor: Actor,
  input: UpdateLoanSettingsInput,
): Promise<LoanSettingsView> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const before = await view(trx);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    const set: Partial<Row> = {};
    for (const [key, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, keyof Row][]) {
      const value = input[key];
      if (value === undefined || value === before[key]) continue;
      changed[key] = { from: before[key], to: value };
      (set as Record<string, unknown>)[column] = value;
    }
    if (Object.keys(changed).length === 0) return before;
    const now = deps.clock.now();
    const by = actor.kind === 'user' ? actor.userId : null;
    await trx
      .insertInto('loan_settings')
      .values({
        ...defaultsRow(),
        ...set,
        updated_by: by,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...set, updated_by: by, updated_at: now }))
      .execute();
    const after = await view(trx);
    await recordChange(trx, actor, deps.clock, {
      action: 'loan_settings.updated',
      entity: 'loan_settings',
      entityId: 'loans',
      before,
      after,
      details: { changed },
    });
    return after;
  });
}

function defaultsRow(): Omit<Row, 'updated_by' | 'updated_at'> {
  const d = LOAN_SETTINGS;
  return {
    schedule_unit: d.scheduleUnitMinor === 1 ? 'paisa' : 'rupee',
    schedule_rounding: d.scheduleRounding,
    loss_days_past_due: d.lossDaysPastDue,
    overpayment: d.overpayment,
    claim_deadline_working_days: d.claimDeadlineWorkingDays,
    repayment_limit: d.repaymentLimit,
  };
}

import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';

// What programme staff set for bank-attested earnings on the web (issue 23 follow-up): the days a
// bank may leave a freelancer's dispute unanswered before its officers are reminded, and again
// each such period. Until staff set it, MARKAZ_DISPUTE_REMINDER_DAYS (default 7) holds.

export const RemittanceSettingsSchema = z
  .object({
    disputeReminderDays: z
      .number()
      .int()
      .describe(
        'Days a bank may leave a dispute unanswered before its officers are reminded, and again each such period',
      ),
    source: z
      .enum(['setting', 'environment'])
      .describe('setting: staff set it; environment: MARKAZ_DISPUTE_REMINDER_DAYS, until staff set it'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable().describe('Name of the person who set it last'),
  })
  .meta({ id: 'RemittanceSettings' });
export type RemittanceSettings = z.infer<typeof RemittanceSettingsSchema>;

export const UpdateRemittanceSettingsInputSchema = z
  .object({ disputeReminderDays: z.number().int().min(1).max(365) })
  .meta({ id: 'UpdateRemittanceSettingsInput' });
export type UpdateRemittanceSettingsInput = z.infer<typeof UpdateRemittanceSettingsInputSchema>;

/** The reminder period in force: staff's setting, else the environment's. */
export async function disputeReminderDays(deps: Pick<Deps, 'db' | 'config'>): Promise<number> {
  const row = await deps.db
    .selectFrom('remittance_settings')
    .select('dispute_reminder_days')
    .executeTakeFirst();
  return row?.dispute_reminder_days ?? deps.config.disputeReminderDays;
}

async function view(deps: Pick<Deps, 'db' | 'config'>): Promise<RemittanceSettings> {
  const row = await deps.db
    .selectFrom('remittance_settings as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.dispute_reminder_days', 's.updated_at', 'u.name as updated_by_name'])
    .executeTakeFirst();
  if (!row)
    return {
      disputeReminderDays: deps.config.disputeReminderDays,
      source: 'environment',
      updatedAt: null,
      updatedBy: null,
    };
  return {
    disputeReminderDays: row.dispute_reminder_days,
    source: 'setting',
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by_name ?? null,
  };
}

/** Programme staff and the auditor read the settings. */
export async function getRemittanceSettings(deps: Deps, actor: Actor): Promise<RemittanceSettings> {
  requireRole(actor, 'program_admin', 'auditor');
  return view(deps);
}

/** The programme's admin sets them; the change is on the audit record. */
export async function updateRemittanceSettings(
  deps: Deps,
  actor: Actor,
  input: UpdateRemittanceSettingsInput,
): Promise<RemittanceSettings> {
  requireRole(actor, 'program_admin');
  const before = await view(deps);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const values = {
      dispute_reminder_days: input.disputeReminderDays,
      updated_by: actor.kind === 'user' ? actor.userId : null,
      updated_at: now,
    };
    await trx
      .insertInto('remittance_settings')
      .values({ id: true, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_settings.updated',
      entity: 'remittance_settings',
      entityId: 'remittance_settings',
      before: { disputeReminderDays: before.disputeReminderDays, source: before.source },
      after: { disputeReminderDays: input.disputeReminderDays },
    });
  });
  return view(deps);
}

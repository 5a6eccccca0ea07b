import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import { addDays, karachiDate } from '../../shared/time.ts';

/**
 * Effective-dated loan rules (decision 0035): a new version applies from its date on, and the
 * close of business, corrections and back-dated entries read the version in force on the day they
 * concern. Versions are never changed; a mistake is put right by a later version.
 */
export const LoanRulesSchema = z
  .object({
    effectiveFrom: z.string(),
    graceDays: z.number().int().describe('Days after a due date before an instalment is overdue and ages'),
    reversalApprovalMinor: z
      .number()
      .int()
      .describe('A reversal above this many paisa waits for a second person (maker–checker)'),
    backdateMaxDays: z.number().int().describe('How many days back a repayment or tranche may be dated'),
    dueDateRoll: z
      .enum(['none', 'next_working_day'])
      .describe('Where a due date on a weekend or public holiday goes when a schedule is made'),
    createdAt: z.string(),
  })
  .meta({ id: 'LoanRules' });
export type LoanRules = z.infer<typeof LoanRulesSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
export const NewLoanRulesSchema = z
  .object({
    effectiveFrom: isoDate,
    graceDays: z.number().int().min(0).max(90),
    reversalApprovalMinor: z.number().int().min(0).max(100_000_000_000),
    backdateMaxDays: z.number().int().min(0).max(730),
    dueDateRoll: z.enum(['none', 'next_working_day']),
  })
  .meta({ id: 'NewLoanRules' });
export type NewLoanRules = z.infer<typeof NewLoanRulesSchema>;

type Row = {
  effective_from: string;
  grace_days: number;
  reversal_approval_minor: number | string;
  backdate_max_days: number;
  due_date_roll: string;
  created_at: Date;
};

function toRules(r: Row): LoanRules {
  return {
    effectiveFrom: r.effective_from,
    graceDays: r.grace_days,
    reversalApprovalMinor: Number(r.reversal_approval_minor),
    backdateMaxDays: r.backdate_max_days,
    dueDateRoll: r.due_date_roll as LoanRules['dueDateRoll'],
    createdAt: r.created_at.toISOString(),
  };
}

/** The rules in force on a day (the seeded first version covers every day from 2000). */
export async function rulesOn(db: Kysely<Database>, day: string): Promise<LoanRules> {
  const row = await db
    .selectFrom('loan_rule_versions')
    .selectAll()
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return toRules(row);
}

export async function listLoanRules(deps: Deps, actor: Actor): Promise<LoanRules[]> {
  requireRole(actor, 'program_admin', 'bank_officer', 'auditor');
  const rows = await deps.db.selectFrom('loan_rule_versions').selectAll().orderBy('effective_from').execute();
  return rows.map(toRules);
}

/** The admin adds a version from today or a later day; a day already covered by a version is refused. */
export async function addLoanRules(deps: Deps, actor: Actor, input: NewLoanRules): Promise<LoanRules> {
  requireRole(actor, 'program_admin');
  const today = karachiDate(deps.clock.now());
  if (input.effectiveFrom < today)
    throw invalidField(
      'effectiveFrom',
      'must be today or later: rules in force in the past are not rewritten',
    );
  if (input.effectiveFrom > addDays(today, 366)) throw invalidField('effectiveFrom', 'must be within a year');
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('loan_rule_versions')
      .values({
        effective_from: input.effectiveFrom,
        grace_days: input.graceDays,
        reversal_approval_minor: input.reversalApprovalMinor,
        backdate_max_days: input.backdateMaxDays,
        due_date_roll: input.dueDateRoll,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: deps.clock.now(),
      })
      .onConflict((oc) => oc.column('effective_from').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError('already_exists', `Rules from ${input.effectiveFrom} already exist`, {
        fields: [{ path: 'effectiveFrom', message: 'already has a version' }],
      });
    const rules = toRules(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'loan_rules.added',
      entity: 'loan_rules',
      entityId: input.effectiveFrom,
      after: rules,
    });
    return rules;
  });
}

/** Refuses a value date further back than the rules allow (400 naming the field). */
export async function assertBackdateAllowed(
  db: Kysely<Database>,
  today: string,
  field: string,
  valueDate: string,
): Promise<void> {
  const { backdateMaxDays } = await rulesOn(db, today);
  if (valueDate < addDays(today, -backdateMaxDays))
    throw invalidField(field, `must not be more than ${backdateMaxDays} days back`, 'backdate_too_far');
}

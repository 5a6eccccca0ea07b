import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Role } from '../../platform/actor.ts';
import './factor.table.ts';

/**
 * Who must pass a second factor: the accounts that move money, decide, or see everyone's data.
 * Freelancers, owners and trainers sign in with the password alone (decision 0040).
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['program_admin', 'evaluator', 'auditor', 'bank_officer'];

export const needsSecondFactor = (role: Role) => PRIVILEGED_ROLES.includes(role);

/** What a privileged account still has to do after its password: enter a code, or enrol first. */
export async function factorStageFor(
  db: Kysely<Database>,
  account: { id: string; role: Role },
): Promise<'code' | 'enrol' | null> {
  if (!needsSecondFactor(account.role)) return null;
  const factor = await db
    .selectFrom('user_factors')
    .select('confirmed_at')
    .where('user_id', '=', account.id)
    .executeTakeFirst();
  return factor?.confirmed_at ? 'code' : 'enrol';
}

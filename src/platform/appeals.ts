import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { karachiDate } from '../shared/time.ts';

/**
 * Appeals on a decision, shared by the areas that decide for applicants (the calls' building
 * applications, the fund's grants): one appeal per decision, filed by the applicant within a
 * window of whole days after it, resolved once by an admin as upheld or rejected with a reason.
 * Each area keeps its own table (the appeal points at its own decision) and calls these for the
 * rules, so the rules and their wording are the same everywhere.
 */
export type AppealStatus = 'pending' | 'upheld' | 'rejected';
export type AppealOutcome = Exclude<AppealStatus, 'pending'>;

/** The applicant's text: why the decision is wrong. */
export const appealTextField = z
  .string()
  .trim()
  .min(10, 'must explain the appeal (at least 10 characters)')
  .max(5000);
/** An admin's resolution. */
export const appealResolutionFields = {
  outcome: z.enum(['upheld', 'rejected']),
  reason: z.string().trim().min(5, 'must say why (at least 5 characters)').max(5000),
};

/** The last instant an appeal is accepted: `days` whole days after the decision. */
export function appealDeadline(decidedAt: Date, days: number): Date {
  return new Date(decidedAt.getTime() + days * 86_400_000);
}

/** Refuses an appeal before any decision, or after the window closed (409 with the deadline). */
export function assertAppealOpen(now: Date, decidedAt: Date | null, windowDays: number): void {
  if (!decidedAt) throw new AppError('invalid_state', 'There is no decision to appeal yet');
  const deadline = appealDeadline(decidedAt, windowDays);
  if (now > deadline)
    throw new AppError(
      'invalid_state',
      `The appeal window closed on ${karachiDate(deadline)} (${windowDays} days after the decision)`,
      { deadline: deadline.toISOString() },
    );
}

/** Files the appeal; a second one for the same decision (its unique key) is a 409. */
export async function fileOnce<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if ((err as { code?: string })?.code === '23505')
      throw new AppError(
        'already_exists',
        `This ${what} has already been appealed; an appeal can be made once`,
      );
    throw err;
  }
}

/** Why an appeal could not be resolved: it does not exist, or it was resolved already. */
export function notPending(status: AppealStatus | undefined): AppError {
  if (!status) return new AppError('not_found', 'Appeal not found');
  return new AppError('invalid_state', `The appeal was already ${status}`);
}

import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { invalidField } from '../../shared/errors.ts';
import { rollByRules } from './claim-deadline.ts';
import { assertCanSee } from './loan-access.ts';
import { firstRepaymentAfter, generateSchedule, repaymentMonths, ScheduleError } from './loan-schedule.ts';
import { loadLoanSettings } from './loan-settings.service.ts';
import { findLoanRow, listLoanSummaries, loadLoan } from './loans.repository.ts';
import type { Loan, LoanSummary, SchedulePreview, SchedulePreviewInput } from './loans.schema.ts';
import { LOAN_SETTINGS, type LoanSettings } from './loans.settings.ts';

export async function getLoan(deps: Deps, actor: Actor, id: string): Promise<Loan> {
  assertCanSee(actor, await findLoanRow(deps.db, id));
  return (await loadLoan(deps.db, id))!;
}

/** Owners see their loans, a bank its own portfolio, programme staff everything. */
export async function listLoans(
  deps: Deps,
  actor: Actor,
  filter: { status?: LoanSummary['status'] } = {},
): Promise<LoanSummary[]> {
  requireRole(actor, 'owner', 'bank_officer', 'program_admin', 'auditor');
  if (actor.kind === 'system') return listLoanSummaries(deps.db, filter);
  if (actor.role === 'owner' && actor.kind === 'user')
    return listLoanSummaries(deps.db, { ...filter, ownerId: actor.userId });
  if (actor.role === 'bank_officer')
    return listLoanSummaries(deps.db, {
      ...filter,
      bankId: actor.organizationId ?? '00000000-0000-0000-0000-000000000000',
    });
  return listLoanSummaries(deps.db, filter);
}

/**
 * The schedule a loan would get, before sanction (the web form, the calculator): the programme's
 * settings, and due dates rolled off weekends and public holidays as the loan rules say — the
 * same `rollByRules` as a schedule made at a tranche or by a reschedule.
 */
export async function sanctionPreview(
  db: Deps['db'],
  input: SchedulePreviewInput,
  today: string,
): Promise<SchedulePreview> {
  const preview = previewSchedule(input, today, await loadLoanSettings(db));
  return { ...preview, instalments: await rollByRules(db, preview.instalments) };
}

/** A schedule before sanction, unrolled and pure (`markaz loans schedule`, `sanctionPreview`). */
export function previewSchedule(
  input: SchedulePreviewInput,
  today: string,
  settings: LoanSettings = LOAN_SETTINGS,
): SchedulePreview {
  const unit = input.unit ?? (settings.scheduleUnitMinor === 1 ? 'paisa' : 'rupee');
  const first = input.firstRepaymentDate ?? firstRepaymentAfter(input.start ?? today, input.graceMonths);
  try {
    const instalments = generateSchedule({
      principalMinor: input.principalMinor,
      tenorMonths: input.tenorMonths,
      graceMonths: input.graceMonths,
      firstRepaymentDate: first,
      // Worked out from a start on the 31st, the first date is clamped (28 Feb); the day stays the 31st.
      ...(input.repaymentDay
        ? { repaymentDay: input.repaymentDay }
        : !input.firstRepaymentDate && input.start
          ? { repaymentDay: Number(input.start.slice(8, 10)) }
          : {}),
      unitMinor: unit === 'paisa' ? 1 : 100,
      rounding: settings.scheduleRounding,
    });
    return {
      principalMinor: input.principalMinor,
      tenorMonths: input.tenorMonths,
      graceMonths: input.graceMonths,
      repaymentMonths: repaymentMonths(input.tenorMonths, input.graceMonths),
      unit,
      instalments,
    };
  } catch (err) {
    if (err instanceof ScheduleError)
      throw invalidField(err.field, err.message.replace(`${err.field}: `, ''));
    throw err;
  }
}

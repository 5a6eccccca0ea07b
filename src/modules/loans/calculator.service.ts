import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { invalidField } from '../../shared/errors.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { sanctionPreview } from './loan-read.service.ts';
import { SchedulePreviewSchema } from './loans.schema.ts';
import { type AccrualDay, accrualForPeriod } from './subsidy.ts';

/** The most a centre's loan may be (PRODUCT.md: up to Rs 10 million); a call may set less. */
export const CALCULATOR_MAX_PRINCIPAL_MINOR = 1_000_000_000;

export const LoanCalculatorInputSchema = z
  .object({
    principalMinor: z
      .number()
      .int()
      .min(100_00, 'must be at least Rs 100')
      .max(CALCULATOR_MAX_PRINCIPAL_MINOR, 'must be at most Rs 10,000,000, the programme’s loan limit')
      .describe('Paisa'),
    tenorMonths: z.number().int().min(6).max(60).describe('Months; the programme’s tenor is 24'),
    graceMonths: z
      .number()
      .int()
      .min(0)
      .max(12)
      .default(0)
      .describe('Months of grace on principal, inside the tenor'),
  })
  .meta({ id: 'LoanCalculatorQuery' });
export type LoanCalculatorInput = z.infer<typeof LoanCalculatorInputSchema>;

export const LoanCalculatorSchema = z
  .object({
    schedule: SchedulePreviewSchema,
    ownerRepaysMinor: z
      .number()
      .int()
      .describe('What the owner repays: the principal only (0% to the owner)'),
    banks: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          benchmark: z.string(),
          rateBps: z.number().int().describe('Benchmark in force today plus the bank’s spread'),
          programmePaysMinor: z
            .number()
            .int()
            .describe('Markup the programme would pay this bank over the loan, at today’s rate'),
        }),
      )
      .describe('Each partner bank with terms in force today'),
  })
  .meta({ id: 'LoanCalculation' });
export type LoanCalculator = z.infer<typeof LoanCalculatorSchema>;

/**
 * For an owner weighing the programme: the repayment schedule the loans area would generate
 * (sanctionPreview: the programme's settings, due dates rolled as the loan rules say) and, for each partner bank, the markup the
 * programme would pay it, accrued day by day on the outstanding principal at the bank's rate in
 * force today (accrualForPeriod, the same arithmetic as the nightly accrual). Rates reset over a
 * loan's life, so it is an estimate; the owner's side (principal only) is not.
 */
export async function calculateLoan(deps: Deps, input: LoanCalculatorInput): Promise<LoanCalculator> {
  const graceMonths = input.graceMonths ?? 0;
  if (graceMonths >= input.tenorMonths) throw invalidField('graceMonths', 'must be shorter than the tenor');
  const today = karachiDate(deps.clock.now());
  const schedule = await sanctionPreview(
    deps.db,
    {
      principalMinor: input.principalMinor,
      tenorMonths: input.tenorMonths,
      graceMonths: input.graceMonths,
      start: today,
    },
    today,
  );
  const banks = await deps.db
    .selectFrom('organizations as o')
    .innerJoin('bank_spreads as s', 's.bank_id', 'o.id')
    .select(['o.code', 'o.name', 's.benchmark', 's.spread_bps', 's.effective_from'])
    .where('o.kind', '=', 'bank')
    .where('s.effective_from', '<=', today)
    .orderBy('o.code')
    .orderBy('s.effective_from', 'desc')
    .execute();
  const rates = await deps.db
    .selectFrom('benchmark_rates')
    .select(['benchmark', 'rate_bps', 'effective_from'])
    .where('effective_from', '<=', today)
    .orderBy('effective_from', 'desc')
    .execute();
  const days = outstandingByDay(input.principalMinor, today, schedule.instalments);
  const seen = new Set<string>();
  const out: LoanCalculator['banks'] = [];
  for (const b of banks) {
    if (seen.has(b.code)) continue; // the latest spread only
    seen.add(b.code);
    const rate = rates.find((r) => r.benchmark === b.benchmark);
    if (!rate) continue;
    const rateBps = rate.rate_bps + b.spread_bps;
    out.push({
      code: b.code,
      name: b.name,
      benchmark: b.benchmark,
      rateBps,
      programmePaysMinor: accrualForPeriod(days.map((d) => ({ ...d, rateBps }))),
    });
  }
  return { schedule, ownerRepaysMinor: input.principalMinor, banks: out };
}

/** Each day from the start to the last instalment, with the principal still owed that day. */
function outstandingByDay(
  principalMinor: number,
  start: string,
  instalments: readonly { dueDate: string; principalMinor: number }[],
): Omit<AccrualDay, 'rateBps'>[] {
  const out: Omit<AccrualDay, 'rateBps'>[] = [];
  let owed = principalMinor;
  let next = 0;
  const last = instalments.at(-1)?.dueDate ?? start;
  for (let day = start; day < last; day = addDays(day, 1)) {
    while (next < instalments.length && instalments[next]!.dueDate <= day)
      owed -= instalments[next++]!.principalMinor;
    out.push({ day, outstandingMinor: owed });
  }
  return out;
}

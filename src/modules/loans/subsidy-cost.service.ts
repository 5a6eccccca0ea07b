import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { karachiDate } from '../../shared/time.ts';
import { type ForecastLoan, forecastLoan, forecastPaisa, forecastPeriods } from './subsidy-forecast.ts';

const CostRowSchema = z.object({
  bankCode: z.string().describe('Bank code, or "programme"'),
  accruedMinor: z.number().int().describe('Subsidy accrued to date, all loans'),
  paidMinor: z.number().int().describe('Paid to the bank in cash on claims'),
  clawbackMinor: z.number().int().describe('Clawbacks raised (deducted or pending)'),
  forecastMinor: z.array(z.number().int()).describe('Forecast per period, same order as `periods`'),
});
export const SubsidyCostSchema = z
  .object({
    asOf: z.string(),
    periods: z.array(z.object({ quarter: z.string(), from: z.string(), to: z.string() })),
    byBank: z.array(CostRowSchema),
    programme: CostRowSchema,
    loansWithoutRate: z
      .number()
      .int()
      .describe('Performing loans left out of the forecast: no rate in force'),
  })
  .meta({ id: 'SubsidyCost' });
export type SubsidyCost = z.infer<typeof SubsidyCostSchema>;

type LoanRow = { id: string; bank_code: string; outstanding: string; rate_bps: number | null };

/**
 * Subsidy cost to date (accrued, paid, clawed back) by bank and for the programme, and the
 * forecast for the next four quarters from each performing loan's schedule at today's rate. A bank
 * sees only its own.
 */
export async function subsidyCost(deps: Deps, actor: Actor): Promise<SubsidyCost> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  const own = actor.kind !== 'system' && actor.role === 'bank_officer' ? (actor.organizationId ?? '') : null;
  const today = karachiDate(deps.clock.now());
  const periods = forecastPeriods(today);
  const onlyBank = (col: string) => (own !== null ? sql`AND ${sql.ref(col)} = ${own}` : sql``);
  const loans = await sql<LoanRow>`
    SELECT l.id, o.code AS bank_code, (l.disbursed_minor - l.repaid_minor - l.written_off_minor)::text AS outstanding,
           (SELECT s.spread_bps + r.rate_bps
              FROM bank_spreads s
              JOIN LATERAL (SELECT br.rate_bps FROM benchmark_rates br
                             WHERE br.benchmark = s.benchmark AND br.effective_from <= ${today}::date
                             ORDER BY br.effective_from DESC LIMIT 1) r ON true
             WHERE s.bank_id = l.bank_id AND s.effective_from <= ${today}::date
             ORDER BY s.effective_from DESC LIMIT 1) AS rate_bps
      FROM loans l JOIN organizations o ON o.id = l.bank_id
     WHERE l.status = 'active' AND l.disbursed_minor - l.repaid_minor - l.written_off_minor > 0
       ${onlyBank('l.bank_id')}`.execute(deps.db);
  const inst = await sql<{ loan_id: string; due_date: string; unpaid: string }>`
    SELECT i.loan_id, i.due_date::text AS due_date, (i.principal_minor - i.paid_minor)::text AS unpaid
      FROM loan_instalments i JOIN loans l ON l.id = i.loan_id
     WHERE l.status = 'active' AND i.due_date >= ${today}::date AND i.paid_minor < i.principal_minor
       ${onlyBank('l.bank_id')}`.execute(deps.db);
  const byLoan = new Map<string, { dueDate: string; unpaidMinor: number }[]>();
  for (const r of inst.rows) {
    const list = byLoan.get(r.loan_id) ?? [];
    list.push({ dueDate: r.due_date, unpaidMinor: Number(r.unpaid) });
    byLoan.set(r.loan_id, list);
  }
  const numerators = new Map<string, bigint[]>();
  let loansWithoutRate = 0;
  for (const l of loans.rows) {
    if (l.rate_bps === null) {
      loansWithoutRate++;
      continue;
    }
    const f: ForecastLoan = {
      outstandingMinor: Number(l.outstanding),
      rateBps: Number(l.rate_bps),
      instalments: byLoan.get(l.id) ?? [],
    };
    const nums = forecastLoan(f, periods);
    const acc = numerators.get(l.bank_code) ?? periods.map(() => 0n);
    numerators.set(
      l.bank_code,
      acc.map((v, i) => v + nums[i]!),
    );
  }

  const money = await sql<{ bank_code: string; accrued: string; paid: string; clawback: string }>`
    SELECT o.code AS bank_code,
           coalesce((SELECT sum(a.amount_minor) FROM subsidy_accruals a WHERE a.bank_id = o.id), 0)::text AS accrued,
           coalesce((SELECT sum(c.paid_minor) FROM subsidy_claims c WHERE c.bank_id = o.id), 0)::text AS paid,
           coalesce((SELECT sum(k.amount_minor) FROM subsidy_clawbacks k WHERE k.bank_id = o.id), 0)::text AS clawback
      FROM organizations o WHERE o.kind = 'bank' ${onlyBank('o.id')} ORDER BY o.code`.execute(deps.db);
  const byBank = money.rows.map((r) => ({
    bankCode: r.bank_code,
    accruedMinor: Number(r.accrued),
    paidMinor: Number(r.paid),
    clawbackMinor: Number(r.clawback),
    forecastMinor: (numerators.get(r.bank_code) ?? periods.map(() => 0n)).map((n) => forecastPaisa([n])),
  }));
  const all = [...numerators.values()];
  return {
    asOf: today,
    periods,
    byBank,
    programme: {
      bankCode: 'programme',
      accruedMinor: byBank.reduce((s, b) => s + b.accruedMinor, 0),
      paidMinor: byBank.reduce((s, b) => s + b.paidMinor, 0),
      clawbackMinor: byBank.reduce((s, b) => s + b.clawbackMinor, 0),
      forecastMinor: periods.map((_, i) => forecastPaisa(all.map((n) => n[i]!))),
    },
    loansWithoutRate,
  };
}

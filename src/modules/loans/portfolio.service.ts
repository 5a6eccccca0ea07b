import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';

const RollupSchema = z.object({
  key: z.string().describe('Bank code, province code, or "programme"'),
  loans: z.number().int(),
  outstandingMinor: z.number().int(),
  bucketsMinor: z.record(z.string(), z.number().int()).describe('Outstanding by arrears bucket'),
  par30Minor: z.number().int(),
  par60Minor: z.number().int(),
  par90Minor: z.number().int(),
  subsidyAccruedMinor: z.number().int(),
});
export const PortfolioSchema = z
  .object({ byBank: z.array(RollupSchema), byProvince: z.array(RollupSchema), programme: RollupSchema })
  .meta({ id: 'LoanPortfolio' });
export type Portfolio = z.infer<typeof PortfolioSchema>;

type Row = {
  key: string;
  loans: number;
  outstanding: string;
  b_current: string;
  b_1_30: string;
  b_31_60: string;
  b_61_90: string;
  b_91_180: string;
  b_180: string;
  par30: string;
  par60: string;
  par90: string;
  subsidy: string;
};

/**
 * Portfolio at risk and arrears buckets per bank, province and the programme, as of the last close
 * of business; one set-based query per grouping. A bank sees only its own portfolio.
 */
export async function portfolio(deps: Deps, actor: Actor): Promise<Portfolio> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  const bank = actor.kind !== 'system' && actor.role === 'bank_officer' ? (actor.organizationId ?? '') : null;
  const rollup = async (key: 'o.code' | 'l.province_code' | "'programme'") => {
    const out = sql`(l.disbursed_minor - l.repaid_minor)`;
    const rows = await sql<Row>`
      SELECT ${sql.raw(key)} AS key, count(*)::int AS loans,
             sum(${out})::text AS outstanding,
             coalesce(sum(${out}) FILTER (WHERE l.arrears_bucket = 'current'), 0)::text AS b_current,
             coalesce(sum(${out}) FILTER (WHERE l.arrears_bucket = '1-30'), 0)::text AS b_1_30,
             coalesce(sum(${out}) FILTER (WHERE l.arrears_bucket = '31-60'), 0)::text AS b_31_60,
             coalesce(sum(${out}) FILTER (WHERE l.arrears_bucket = '61-90'), 0)::text AS b_61_90,
             coalesce(sum(${out}) FILTER (WHERE l.arrears_bucket = '91-180'), 0)::text AS b_91_180,
             coalesce(sum(${out}) FILTER (WHERE l.arrears_bucket = '180+'), 0)::text AS b_180,
             coalesce(sum(${out}) FILTER (WHERE l.days_past_due > 30), 0)::text AS par30,
             coalesce(sum(${out}) FILTER (WHERE l.days_past_due > 60), 0)::text AS par60,
             coalesce(sum(${out}) FILTER (WHERE l.days_past_due > 90), 0)::text AS par90,
             coalesce(sum((SELECT sum(a.amount_minor) FROM subsidy_accruals a WHERE a.loan_id = l.id)), 0)::text AS subsidy
        FROM loans l JOIN organizations o ON o.id = l.bank_id
       WHERE l.status IN ('active', 'loss') ${bank !== null ? sql`AND l.bank_id = ${bank}` : sql``}
       GROUP BY 1 ORDER BY 1`.execute(deps.db);
    return rows.rows.map((r) => ({
      key: r.key,
      loans: r.loans,
      outstandingMinor: Number(r.outstanding),
      bucketsMinor: {
        current: Number(r.b_current),
        '1-30': Number(r.b_1_30),
        '31-60': Number(r.b_31_60),
        '61-90': Number(r.b_61_90),
        '91-180': Number(r.b_91_180),
        '180+': Number(r.b_180),
      },
      par30Minor: Number(r.par30),
      par60Minor: Number(r.par60),
      par90Minor: Number(r.par90),
      subsidyAccruedMinor: Number(r.subsidy),
    }));
  };
  const [byBank, byProvince, programme] = await Promise.all([
    rollup('o.code'),
    rollup('l.province_code'),
    rollup("'programme'"),
  ]);
  const empty = {
    key: 'programme',
    loans: 0,
    outstandingMinor: 0,
    bucketsMinor: { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91-180': 0, '180+': 0 },
    par30Minor: 0,
    par60Minor: 0,
    par90Minor: 0,
    subsidyAccruedMinor: 0,
  };
  return { byBank, byProvince, programme: programme[0] ?? empty };
}

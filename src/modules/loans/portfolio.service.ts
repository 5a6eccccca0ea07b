import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { karachiDate } from '../../shared/time.ts';
import {
  ArrearsBucketsSchema,
  bucketCase,
  bucketsOn,
  classCase,
  SBP_CLASSES,
} from './arrears-buckets.service.ts';

const RollupSchema = z.object({
  key: z.string().describe('Bank code, province code, or "programme"'),
  loans: z.number().int(),
  outstandingMinor: z.number().int(),
  bucketsMinor: z
    .record(z.string(), z.number().int())
    .describe("Outstanding by arrears bucket of the settings in force ('current' and each label)"),
  classesMinor: z
    .record(z.string(), z.number().int())
    .describe("Outstanding by SBP classification ('current', regular, oaem, substandard, doubtful, loss)"),
  parMinor: z
    .record(z.string(), z.number().int())
    .describe('Portfolio at risk: outstanding of loans at least this many days past due, per bucket start'),
  par30Minor: z.number().int(),
  par60Minor: z.number().int(),
  par90Minor: z.number().int(),
  subsidyAccruedMinor: z.number().int(),
});
export const PortfolioSchema = z
  .object({
    buckets: ArrearsBucketsSchema,
    byBank: z.array(RollupSchema),
    byProvince: z.array(RollupSchema),
    programme: RollupSchema,
  })
  .meta({ id: 'LoanPortfolio' });
export type Portfolio = z.infer<typeof PortfolioSchema>;
type Rollup = z.infer<typeof RollupSchema>;

type Row = {
  key: string;
  bucket: string;
  class: string;
  dpd: number;
  loans: number;
  outstanding: string;
  subsidy: string;
};

/**
 * Portfolio at risk, arrears buckets and SBP classifications per bank, province and the programme,
 * as of the last close of business, by the arrears settings in force today (decision 0062); one
 * set-based query per grouping. A bank sees only its own portfolio.
 */
export async function portfolio(deps: Deps, actor: Actor): Promise<Portfolio> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  const bank = actor.kind !== 'system' && actor.role === 'bank_officer' ? (actor.organizationId ?? '') : null;
  const version = await bucketsOn(deps.db, karachiDate(deps.clock.now()));
  const empty = (key: string): Rollup => ({
    key,
    loans: 0,
    outstandingMinor: 0,
    bucketsMinor: Object.fromEntries(['current', ...version.buckets.map((b) => b.label)].map((k) => [k, 0])),
    classesMinor: Object.fromEntries(['current', ...SBP_CLASSES].map((k) => [k, 0])),
    parMinor: Object.fromEntries(version.buckets.map((b) => [String(b.fromDays), 0])),
    par30Minor: 0,
    par60Minor: 0,
    par90Minor: 0,
    subsidyAccruedMinor: 0,
  });
  const rollup = async (key: 'o.code' | 'l.province_code' | "'programme'") => {
    const out = sql`(l.disbursed_minor - l.repaid_minor)`;
    const dpd = sql`l.days_past_due`;
    const rows = await sql<Row>`
      SELECT ${sql.raw(key)} AS key, ${bucketCase(dpd, version)} AS bucket, ${classCase(dpd, version)} AS class,
             l.days_past_due AS dpd, count(*)::int AS loans, sum(${out})::text AS outstanding,
             coalesce(sum((SELECT sum(a.amount_minor) FROM subsidy_accruals a WHERE a.loan_id = l.id)), 0)::text AS subsidy
        FROM loans l JOIN organizations o ON o.id = l.bank_id
       WHERE l.status IN ('active', 'loss') ${bank !== null ? sql`AND l.bank_id = ${bank}` : sql``}
       GROUP BY 1, 2, 3, 4 ORDER BY 1`.execute(deps.db);
    const byKey = new Map<string, Rollup>();
    for (const r of rows.rows) {
      const k = String(r.key);
      const x = byKey.get(k) ?? empty(k);
      byKey.set(k, x);
      const o = Number(r.outstanding);
      x.loans += r.loans;
      x.outstandingMinor += o;
      x.subsidyAccruedMinor += Number(r.subsidy);
      x.bucketsMinor[r.bucket] = (x.bucketsMinor[r.bucket] ?? 0) + o;
      x.classesMinor[r.class] = (x.classesMinor[r.class] ?? 0) + o;
      for (const b of version.buckets)
        if (r.dpd >= b.fromDays) x.parMinor[String(b.fromDays)] = (x.parMinor[String(b.fromDays)] ?? 0) + o;
      if (r.dpd > 30) x.par30Minor += o;
      if (r.dpd > 60) x.par60Minor += o;
      if (r.dpd > 90) x.par90Minor += o;
    }
    return [...byKey.values()];
  };
  const [byBank, byProvince, programme] = await Promise.all([
    rollup('o.code'),
    rollup('l.province_code'),
    rollup("'programme'"),
  ]);
  return { buckets: version, byBank, byProvince, programme: programme[0] ?? empty('programme') };
}

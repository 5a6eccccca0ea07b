import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Deps } from '../../deps.ts';
import { writeCsv } from '../../platform/csv.ts';
import { BudgetSchema } from './fund.schema.ts';
import { type Grant, GrantStageSchema, loadGrants } from './grant-read.service.ts';
import { JvSchema, listJvs } from './jv.service.ts';
import { listBudgets } from './settings.service.ts';

// What the public sees: every grant made and every joint-venture commitment, in USD and PKR, and
// the leverage the announcement promised (foreign money per rupee of public money) counting only
// foreign money whose arrival proof was accepted, at its arrival date's rate. Company and investor
// names are public; founders' personal data never is.

const Breakdown = z.object({
  key: z.string(),
  grants: z.number().int(),
  paidPkrMinor: z.number().int(),
  foreignPkrMinor: z.number().int(),
});

export const PublicGrantSchema = z
  .object({
    id: z.string(),
    stage: GrantStageSchema,
    startupName: z.string(),
    sector: z.string(),
    cityName: z.string(),
    cityNameUr: z.string().nullable(),
    decidedOn: z.string().nullable(),
    leadInvestorName: z.string(),
    investors: z.array(
      z.object({ name: z.string(), jurisdiction: z.string(), amountMinor: z.number().int() }),
    ),
    roundMinor: z.number().int(),
    approvedMinor: z.number().int(),
    committedPkrMinor: z.number().int(),
    paidMinor: z.number().int(),
    paidPkrMinor: z.number().int(),
    foreignArrivedMinor: z.number().int(),
    foreignArrivedPkrMinor: z.number().int(),
  })
  .meta({ id: 'FundPublicGrant' });

export const PublicFundSchema = z
  .object({
    grantsMade: z.number().int(),
    approvedMinor: z.number().int().describe('USD cents'),
    committedPkrMinor: z.number().int(),
    paidMinor: z.number().int(),
    paidPkrMinor: z.number().int(),
    recoverablePkrMinor: z.number().int(),
    foreignArrivedMinor: z.number().int(),
    foreignArrivedPkrMinor: z.number().int(),
    leverageBps: z
      .number()
      .int()
      .nullable()
      .describe('Foreign PKR arrived per PKR of grant paid, in basis points (10000 = 1:1)'),
    bySector: z.array(Breakdown),
    byCity: z.array(Breakdown),
    byYear: z.array(Breakdown),
    grants: z.array(PublicGrantSchema),
    jointVentures: z.array(JvSchema),
    budgets: z.array(BudgetSchema),
  })
  .meta({ id: 'FundPublic' });
type PublicGrant = z.infer<typeof PublicGrantSchema>;

async function arrivedPkrByGrant(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('fund_arrivals')
    .select(['grant_id', sql<string>`sum(amount_pkr_minor)::text`.as('pkr')])
    .where('status', '=', 'accepted')
    .groupBy('grant_id')
    .execute();
  return new Map(rows.map((r) => [r.grant_id, Number(r.pkr)]));
}

const toPublic = (g: Grant, arrivedPkr: number): PublicGrant => ({
  id: g.id,
  stage: g.stage,
  startupName: g.startupName,
  sector: g.sector,
  cityName: g.cityName,
  cityNameUr: g.cityNameUr,
  decidedOn: g.decidedAt?.slice(0, 10) ?? null,
  leadInvestorName: g.leadInvestorName,
  investors: g.investors.map((i) => ({
    name: i.name,
    jurisdiction: i.jurisdiction,
    amountMinor: i.amountMinor,
  })),
  roundMinor: g.roundMinor,
  approvedMinor: g.approvedMinor,
  committedPkrMinor: g.committedPkrMinor,
  paidMinor: g.paidMinor,
  paidPkrMinor: g.paidPkrMinor,
  foreignArrivedMinor: g.arrivedForeignMinor,
  foreignArrivedPkrMinor: arrivedPkr,
});

/** Every grant made (approved, paid, reporting or recovered), public fields only. */
export async function publicGrants(deps: Pick<Deps, 'db'>): Promise<PublicGrant[]> {
  const [grants, arrived] = await Promise.all([
    loadGrants(deps, { status: ['approved', 'recovered'] }, null),
    arrivedPkrByGrant(deps.db),
  ]);
  return grants.map((g) => toPublic(g, arrived.get(g.id) ?? 0));
}

function breakdown(grants: PublicGrant[], keyOf: (g: PublicGrant) => string) {
  const m = new Map<string, z.infer<typeof Breakdown>>();
  for (const g of grants) {
    const key = keyOf(g);
    const b = m.get(key) ?? { key, grants: 0, paidPkrMinor: 0, foreignPkrMinor: 0 };
    b.grants++;
    b.paidPkrMinor += g.paidPkrMinor;
    b.foreignPkrMinor += g.foreignArrivedPkrMinor;
    m.set(key, b);
  }
  return [...m.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Leverage in basis points: foreign PKR per PKR of public money; null before any grant is paid. */
export const leverageBps = (foreignPkr: number, paidPkr: number) =>
  paidPkr > 0 ? Math.floor((foreignPkr * 10000) / paidPkr) : null;

export async function publicFund(deps: Deps): Promise<z.infer<typeof PublicFundSchema>> {
  const [grants, jointVentures, budgets] = await Promise.all([
    publicGrants(deps),
    listJvs(deps),
    listBudgets(deps),
  ]);
  const total = (f: (g: PublicGrant) => number, only = grants) => only.reduce((s, g) => s + f(g), 0);
  const recovered = grants.filter((g) => g.stage === 'recovered');
  const live = grants.filter((g) => g.stage !== 'recovered');
  const paidPkr = total((g) => g.paidPkrMinor, live);
  const foreignPkr = total((g) => g.foreignArrivedPkrMinor, live);
  return {
    grantsMade: grants.length,
    approvedMinor: total((g) => g.approvedMinor, live),
    committedPkrMinor: total((g) => g.committedPkrMinor, live),
    paidMinor: total((g) => g.paidMinor, live),
    paidPkrMinor: paidPkr,
    recoverablePkrMinor: total((g) => g.paidPkrMinor, recovered),
    foreignArrivedMinor: total((g) => g.foreignArrivedMinor, live),
    foreignArrivedPkrMinor: foreignPkr,
    leverageBps: leverageBps(foreignPkr, paidPkr),
    bySector: breakdown(live, (g) => g.sector),
    byCity: breakdown(live, (g) => g.cityName),
    byYear: breakdown(live, (g) => (g.decidedOn ?? '').slice(0, 4)),
    grants,
    jointVentures,
    budgets,
  };
}

export const GRANT_COLUMNS = [
  'id',
  'stage',
  'startup_name',
  'sector',
  'city',
  'decided_on',
  'lead_investor',
  'investors',
  'round_usd_cents',
  'approved_usd_cents',
  'committed_pkr_paisa',
  'paid_usd_cents',
  'paid_pkr_paisa',
  'foreign_arrived_usd_cents',
  'foreign_arrived_pkr_paisa',
] as const;

export const grantRow = (g: PublicGrant) => [
  g.id,
  g.stage,
  g.startupName,
  g.sector,
  g.cityName,
  g.decidedOn,
  g.leadInvestorName,
  g.investors.map((i) => `${i.name} (${i.jurisdiction})`).join('; '),
  g.roundMinor,
  g.approvedMinor,
  g.committedPkrMinor,
  g.paidMinor,
  g.paidPkrMinor,
  g.foreignArrivedMinor,
  g.foreignArrivedPkrMinor,
];

export const JV_COLUMNS = [
  'jv_id',
  'fund',
  'manager',
  'kind',
  'on_date',
  'amount_usd_cents',
  'amount_pkr_paisa',
  'rate_pkr_per_usd',
] as const;

/** Open data: one line per grant, or per joint-venture movement (the commitment first). */
export async function fundOpenData(deps: Deps, dataset: 'grants' | 'joint-ventures', format: 'csv' | 'json') {
  if (dataset === 'grants') {
    const grants = await publicGrants(deps);
    return format === 'csv' ? writeCsv(GRANT_COLUMNS, grants.map(grantRow)) : grants;
  }
  const jvs = await listJvs(deps);
  const rows = jvs.flatMap((j) => [
    [j.id, j.name, j.managerName, 'commitment', j.committedOn, j.commitmentMinor, j.commitmentPkrMinor, null],
    ...j.movements.map((m) => [
      j.id,
      j.name,
      j.managerName,
      m.kind,
      m.onDate,
      m.amountMinor,
      m.amountPkrMinor,
      m.rate,
    ]),
  ]);
  return format === 'csv' ? writeCsv(JV_COLUMNS, rows) : jvs;
}

import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Deps } from '../../deps.ts';
import { BudgetSchema, CurrencySchema } from './fund.schema.ts';
import { type Grant, GrantStageSchema, loadGrants } from './grant-read.service.ts';
import { JvSchema, listJvs } from './jv-read.service.ts';
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
    currency: CurrencySchema.describe('The round’s currency: roundMinor, approvedMinor, paidMinor are in it'),
    roundMinor: z.number().int(),
    approvedMinor: z.number().int(),
    approvedUsdMinor: z.number().int(),
    committedPkrMinor: z.number().int(),
    paidMinor: z.number().int(),
    paidUsdMinor: z.number().int(),
    paidPkrMinor: z.number().int(),
    foreignArrivedMinor: z.number().int(),
    foreignArrivedUsdMinor: z.number().int(),
    foreignArrivedPkrMinor: z.number().int(),
  })
  .meta({ id: 'FundPublicGrant' });

export const PublicFundSchema = z
  .object({
    grantsMade: z.number().int(),
    approvedMinor: z.number().int().describe('USD cents (each round’s USD equivalent)'),
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
  currency: g.currency,
  roundMinor: g.roundMinor,
  approvedMinor: g.approvedMinor,
  approvedUsdMinor: g.approvedUsdMinor,
  committedPkrMinor: g.committedPkrMinor,
  paidMinor: g.paidMinor,
  paidUsdMinor: g.paidUsdMinor,
  paidPkrMinor: g.paidPkrMinor,
  foreignArrivedMinor: g.arrivedForeignMinor,
  foreignArrivedUsdMinor: g.arrivedForeignUsdMinor,
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
    approvedMinor: total((g) => g.approvedUsdMinor, live),
    committedPkrMinor: total((g) => g.committedPkrMinor, live),
    paidMinor: total((g) => g.paidUsdMinor, live),
    paidPkrMinor: paidPkr,
    recoverablePkrMinor: total((g) => g.paidPkrMinor, recovered),
    foreignArrivedMinor: total((g) => g.foreignArrivedUsdMinor, live),
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

/** The open data's columns, in order (camelCase; the files write them in snake_case). */
export const GRANT_RECORD_KEYS = [
  'id',
  'stage',
  'startupName',
  'sector',
  'city',
  'decidedOn',
  'leadInvestor',
  'investors',
  'roundUsdCents',
  'approvedUsdCents',
  'committedPkrPaisa',
  'paidUsdCents',
  'paidPkrPaisa',
  'foreignArrivedUsdCents',
  'foreignArrivedPkrPaisa',
] as const;
/** Open data, one record per grant made (company and investor names; no founder's personal data). */
export async function fundGrantRecords(deps: Pick<Deps, 'db'>) {
  return (await publicGrants(deps)).map((g) => ({
    id: g.id,
    stage: g.stage,
    startupName: g.startupName,
    sector: g.sector,
    city: g.cityName,
    decidedOn: g.decidedOn,
    leadInvestor: g.leadInvestorName,
    investors: g.investors.map((i) => `${i.name} (${i.jurisdiction})`).join('; '),
    // A round in another currency is given in USD at its decision day's rates (as approvedUsdMinor).
    roundUsdCents:
      g.currency === 'USD' || g.approvedMinor === 0
        ? g.roundMinor
        : Math.round((g.roundMinor * g.approvedUsdMinor) / g.approvedMinor),
    approvedUsdCents: g.approvedUsdMinor,
    committedPkrPaisa: g.committedPkrMinor,
    paidUsdCents: g.paidUsdMinor,
    paidPkrPaisa: g.paidPkrMinor,
    foreignArrivedUsdCents: g.foreignArrivedUsdMinor,
    foreignArrivedPkrPaisa: g.foreignArrivedPkrMinor,
  }));
}

import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { rateText } from './fund.repository.ts';
import { CurrencySchema } from './fund.schema.ts';
import type { FundCurrency } from './fund.table.ts';
import { toUsd } from './fund-rules.ts';

// What the programme's joint-venture commitments stand at, for staff and the public alike: each
// fund's commitment, calls, distributions, values and exit in its own currency, the rupees at the
// dated rate used, and each line's USD equivalent at that day's USD rate, labelled with it.

/**
 * A joint-venture line in US dollars (decision 0075): its rupees at the fund currency's rate used,
 * divided by the USD rate of the same day (the latest entered on or before it), half to even. A
 * dollar fund's line is itself, at its own rate. Null when no USD rate had been entered by then.
 * Derived for reading, never posted: the ledger holds the rupees.
 */
export const UsdEquivalentSchema = z
  .object({
    usdMinor: z.number().int().describe('US cents'),
    usdRate: z.string().describe('Rupees per US dollar'),
    usdRateOn: z.string().describe('The day of that USD rate'),
  })
  .nullable();
export type UsdEquivalent = z.infer<typeof UsdEquivalentSchema>;

export const JvMovementSchema = z.object({
  id: z.string(),
  kind: z.enum(['call', 'distribution', 'valuation', 'exit']),
  onDate: z.string(),
  amountMinor: z.number().int(),
  amountPkrMinor: z.number().int(),
  rate: z.string().describe('Rupees per unit of the fund’s currency'),
  rateOn: z.string().describe('The day of that rate: the latest entered on or before the line’s day'),
  usd: UsdEquivalentSchema,
  note: z.string().nullable(),
  capitalMinor: z
    .number()
    .int()
    .describe('Of a distribution or exit: the called capital it returns or closes, in the fund’s currency'),
  gainPkrMinor: z.number().int().describe('Of a distribution: realised gain beyond the capital, PKR paisa'),
  fxPkrMinor: z
    .number()
    .int()
    .describe(
      'Of a distribution: the exchange difference on the capital returned, PKR paisa (gain positive)',
    ),
  lossPkrMinor: z.number().int().describe('Of an exit: the capital that never came back, PKR paisa'),
});
export const JvSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    managerName: z.string(),
    managerJurisdiction: z.string(),
    currency: CurrencySchema,
    committedOn: z.string(),
    closedOn: z.string().nullable().describe('The day an exit closed the investment'),
    commitmentMinor: z.number().int(),
    commitmentPkrMinor: z.number().int(),
    commitmentRate: z.string().describe('Rupees per unit of the fund’s currency on the commitment'),
    commitmentRateOn: z.string(),
    commitmentUsd: UsdEquivalentSchema,
    foreignRaisedMinor: z.number().int(),
    calledMinor: z.number().int(),
    uncalledMinor: z.number().int(),
    distributedMinor: z.number().int(),
    netPositionMinor: z
      .number()
      .int()
      .describe('Called less distributed, in the fund’s currency; 0 once an exit closed it'),
    netPositionPkrMinor: z
      .number()
      .int()
      .describe(
        'The investment in the ledger: calls at their days’ rates less the capital returned at its cost, PKR paisa',
      ),
    returnedCapitalMinor: z
      .number()
      .int()
      .describe('Called capital the distributions and an exit returned or closed, in the fund’s currency'),
    realisedGainPkrMinor: z.number().int().describe('Distributions beyond the capital called, PKR paisa'),
    realisedLossPkrMinor: z
      .number()
      .int()
      .describe('Capital an exit never brought back, at the exit day’s rate, PKR paisa'),
    fxDifferencePkrMinor: z
      .number()
      .int()
      .describe('Exchange difference on the capital returned, PKR paisa (gain positive)'),
    latestValueMinor: z
      .number()
      .int()
      .nullable()
      .describe('The programme’s share of the last reported value'),
    latestValueOn: z.string().nullable(),
    movements: z.array(JvMovementSchema),
  })
  .meta({ id: 'FundJv' });
export type Jv = z.infer<typeof JvSchema>;

/** Every joint-venture commitment with its movements (public: fund names, managers and amounts). */
export async function listJvs(deps: Pick<Deps, 'db'>, onlyId?: string): Promise<Jv[]> {
  let q = deps.db
    .selectFrom('fund_jv_funds as j')
    .innerJoin('fund_investors as i', 'i.id', 'j.manager_id')
    .selectAll('j')
    .innerJoin('fund_fx_rates as cr', 'cr.id', 'j.commit_rate_id')
    .select(['i.name as manager_name', 'i.jurisdiction', 'cr.pkr_micros as commit_micros'])
    .select('cr.on_date as commit_rate_on')
    .orderBy('j.committed_on');
  if (onlyId) q = q.where('j.id', '=', onlyId);
  const funds = await q.execute();
  if (!funds.length) return [];
  const moves = await deps.db
    .selectFrom('fund_jv_movements as m')
    .innerJoin('fund_fx_rates as r', 'r.id', 'm.rate_id')
    .selectAll('m')
    .select(['r.pkr_micros', 'r.on_date as rate_on'])
    .where(
      'm.jv_id',
      'in',
      funds.map((f) => f.id),
    )
    .orderBy('m.on_date')
    .orderBy('m.created_at')
    .execute();
  const usdOf = await usdEquivalents(deps);
  return funds.map((f) => {
    const mine = moves.filter((m) => m.jv_id === f.id);
    const pkrOf = (k: string) => mine.filter((m) => m.kind === k).reduce((s, m) => s + m.amount_pkr_minor, 0);
    const sumOf = (f: (m: (typeof mine)[number]) => number) => mine.reduce((s, m) => s + f(m), 0);
    const value = mine.filter((m) => m.kind === 'valuation').at(-1);
    return {
      id: f.id,
      name: f.name,
      managerName: f.manager_name,
      managerJurisdiction: f.jurisdiction,
      currency: f.currency,
      committedOn: f.committed_on,
      closedOn: f.closed_on,
      commitmentMinor: f.commitment_minor,
      commitmentPkrMinor: f.commitment_pkr_minor,
      commitmentRate: rateText(f.commit_micros),
      commitmentRateOn: f.commit_rate_on,
      commitmentUsd: usdOf(f.commitment_minor, f.currency, f.commit_micros, f.commit_rate_on, f.committed_on),
      foreignRaisedMinor: f.foreign_raised_minor,
      calledMinor: f.called_minor,
      uncalledMinor: f.commitment_minor - f.called_minor,
      distributedMinor: f.distributed_minor,
      netPositionMinor: f.closed_on ? 0 : f.called_minor - f.distributed_minor,
      netPositionPkrMinor: pkrOf('call') - sumOf((m) => m.cost_pkr_minor),
      returnedCapitalMinor: f.returned_minor,
      realisedGainPkrMinor: sumOf((m) => m.gain_pkr_minor),
      realisedLossPkrMinor: sumOf((m) => m.loss_pkr_minor),
      fxDifferencePkrMinor: sumOf((m) => m.fx_pkr_minor),
      latestValueMinor: value?.amount_minor ?? null,
      latestValueOn: value?.on_date ?? null,
      movements: mine.map((m) => ({
        id: m.id,
        kind: m.kind,
        onDate: m.on_date,
        amountMinor: m.amount_minor,
        amountPkrMinor: m.amount_pkr_minor,
        rate: rateText(m.pkr_micros),
        rateOn: m.rate_on,
        usd: usdOf(m.amount_minor, f.currency, m.pkr_micros, m.rate_on, m.on_date),
        note: m.note,
        capitalMinor: m.capital_minor,
        gainPkrMinor: m.gain_pkr_minor,
        fxPkrMinor: m.fx_pkr_minor,
        lossPkrMinor: m.loss_pkr_minor,
      })),
    };
  });
}

/**
 * Turns a line's amount into its USD equivalent on its day: the USD rates are read once, oldest
 * first, and each line takes the latest on or before its day.
 */
async function usdEquivalents(deps: Pick<Deps, 'db'>) {
  const usdRates = await deps.db
    .selectFrom('fund_fx_rates')
    .select(['on_date', 'pkr_micros'])
    .where('currency', '=', 'USD')
    .orderBy('on_date')
    .execute();
  const usdOn = (day: string) => {
    let found: (typeof usdRates)[number] | undefined;
    for (const r of usdRates) {
      if (r.on_date > day) break;
      found = r;
    }
    return found;
  };
  return (
    minor: number,
    currency: FundCurrency,
    pkrMicros: number,
    rateOnDay: string,
    day: string,
  ): UsdEquivalent => {
    if (currency === 'USD') return { usdMinor: minor, usdRate: rateText(pkrMicros), usdRateOn: rateOnDay };
    const usd = usdOn(day);
    if (!usd) return null;
    return {
      usdMinor: toUsd(minor, pkrMicros, usd.pkr_micros),
      usdRate: rateText(usd.pkr_micros),
      usdRateOn: usd.on_date,
    };
  };
}

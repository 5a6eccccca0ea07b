import type { Deps } from '../../deps.ts';
import { rateText } from './fund.repository.ts';
import { listJvs, type UsdEquivalent } from './jv-read.service.ts';

// The joint ventures' open data: one record per commitment and per movement after it. A fund may
// be in USD, EUR, GBP, AED or SAR (decision 64), so each line names its currency, carries its
// amounts in that currency's minor units, and the rupees they were booked at with the dated rate
// used (rupees per one unit of the currency, and the rate's own day). Nothing is labelled in
// dollars that is not in dollars: the US-dollar columns are the line's equivalent, its rupees at
// the USD rate of its day (decision 75, as the pages show it), with that rate and its day; empty
// when no USD rate had been entered by then. A dollar fund's line is itself.

/** The columns, in order (camelCase; the files write them in snake_case). */
export const JV_RECORD_KEYS = [
  'movementId',
  'jvId',
  'fund',
  'manager',
  'kind',
  'onDate',
  'currency',
  'amountMinor',
  'amountPkrPaisa',
  'ratePkrPerUnit',
  'rateOn',
  'capitalMinor',
  'gainPkrPaisa',
  'fxPkrPaisa',
  'lossPkrPaisa',
  'usdCents',
  'usdRatePkrPerUsd',
  'usdRateOn',
] as const;
export type JvRecord = Record<(typeof JV_RECORD_KEYS)[number], string | number | null>;

/** Each rate a commitment or movement was booked at: its id → rupees per unit and its day. */
async function ratesUsed(deps: Pick<Deps, 'db'>, jvIds: string[]) {
  const commitRates = new Map<string, { rate: string; on: string }>();
  const moveRateOn = new Map<string, string>();
  if (!jvIds.length) return { commitRates, moveRateOn };
  const [commit, move] = await Promise.all([
    deps.db
      .selectFrom('fund_jv_funds as j')
      .innerJoin('fund_fx_rates as r', 'r.id', 'j.commit_rate_id')
      .select(['j.id', 'r.pkr_micros', 'r.on_date'])
      .where('j.id', 'in', jvIds)
      .execute(),
    deps.db
      .selectFrom('fund_jv_movements as m')
      .innerJoin('fund_fx_rates as r', 'r.id', 'm.rate_id')
      .select(['m.id', 'r.on_date'])
      .where('m.jv_id', 'in', jvIds)
      .execute(),
  ]);
  const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
  for (const r of commit) commitRates.set(r.id, { rate: rateText(r.pkr_micros), on: day(r.on_date) });
  for (const r of move) moveRateOn.set(r.id, day(r.on_date));
  return { commitRates, moveRateOn };
}

function usdColumns(usd: UsdEquivalent) {
  return {
    usdCents: usd?.usdMinor ?? null,
    usdRatePkrPerUsd: usd?.usdRate ?? null,
    usdRateOn: usd?.usdRateOn ?? null,
  };
}

/** Open data, one record per joint-venture commitment and per movement after it. */
export async function fundJvRecords(deps: Pick<Deps, 'db'>): Promise<JvRecord[]> {
  const jvs = await listJvs(deps);
  const rates = await ratesUsed(
    deps,
    jvs.map((j) => j.id),
  );
  return jvs.flatMap((j): JvRecord[] => [
    {
      movementId: j.id,
      jvId: j.id,
      fund: j.name,
      manager: j.managerName,
      kind: 'commitment',
      onDate: j.committedOn,
      currency: j.currency,
      amountMinor: j.commitmentMinor,
      amountPkrPaisa: j.commitmentPkrMinor,
      ratePkrPerUnit: rates.commitRates.get(j.id)?.rate ?? null,
      rateOn: rates.commitRates.get(j.id)?.on ?? null,
      capitalMinor: null,
      gainPkrPaisa: null,
      fxPkrPaisa: null,
      lossPkrPaisa: null,
      ...usdColumns(j.commitmentUsd),
    },
    ...j.movements.map((m) => {
      const returns = m.kind === 'distribution' || m.kind === 'exit';
      return {
        movementId: m.id,
        jvId: j.id,
        fund: j.name,
        manager: j.managerName,
        kind: m.kind,
        onDate: m.onDate,
        currency: j.currency,
        amountMinor: m.amountMinor,
        amountPkrPaisa: m.amountPkrMinor,
        ratePkrPerUnit: m.rate,
        rateOn: rates.moveRateOn.get(m.id) ?? null,
        capitalMinor: returns ? m.capitalMinor : null,
        gainPkrPaisa: returns ? m.gainPkrMinor : null,
        fxPkrPaisa: returns ? m.fxPkrMinor : null,
        lossPkrPaisa: m.kind === 'exit' ? m.lossPkrMinor : null,
        ...usdColumns(m.usd),
      };
    }),
  ]);
}

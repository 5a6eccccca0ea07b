import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import type { FxRate, Investor, Startup } from './fund.schema.ts';
import type { FundFxRatesTable, FundInvestorsTable, FundRuleSetsTable } from './fund.table.ts';
import type { RuleSet } from './fund-rules.ts';

type Db = Kysely<Database>;

export function toInvestor(r: Selectable<FundInvestorsTable>): Investor {
  return {
    id: r.id,
    name: r.name,
    jurisdiction: r.jurisdiction,
    foreign: r.jurisdiction !== 'PK',
    registrationNo: r.registration_no,
    evidence: r.evidence,
    contactEmail: r.contact_email,
    status: r.status,
    statusNote: r.status_note,
    verifiedAt: r.verified_at ? new Date(r.verified_at).toISOString() : null,
  };
}

/** "278451200" micros → "278.4512". */
export function rateText(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  const frac = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export function toFxRate(r: Selectable<FundFxRatesTable>): FxRate {
  return {
    id: r.id,
    currency: 'USD',
    onDate: r.on_date,
    rate: rateText(r.pkr_micros),
    pkrMicros: r.pkr_micros,
    source: r.source,
  };
}

export function toRuleSet(r: Selectable<FundRuleSetsTable>): RuleSet {
  return {
    id: r.id,
    effectiveFrom: r.effective_from,
    maxGrantMinor: r.max_grant_minor,
    maxGrantShareBps: r.max_grant_share_bps,
    minForeignShareBps: r.min_foreign_share_bps,
    maxGrantsPerStartup: r.max_grants_per_startup,
  };
}

export async function findStartups(
  db: Db,
  where: { ownerId?: string; id?: string },
): Promise<(Startup & { ownerId: string })[]> {
  let q = db
    .selectFrom('fund_startups as s')
    .innerJoin('cities as c', 'c.id', 's.city_id')
    .selectAll('s')
    .select(['c.name_en as city_name', 'c.name_ur as city_name_ur'])
    .orderBy('s.name');
  if (where.ownerId) q = q.where('s.owner_id', '=', where.ownerId);
  if (where.id) q = q.where('s.id', '=', where.id);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    incorporationNo: r.incorporation_no,
    incorporatedIn: r.incorporated_in,
    sector: r.sector,
    cityId: r.city_id,
    cityName: r.city_name,
    cityNameUr: r.city_name_ur,
    stage: r.stage,
    founders: r.founders,
    ownerId: r.owner_id,
  }));
}

/** The rule set in force on `day` (the latest effective on or before it). */
export async function ruleSetOn(db: Db, day: string): Promise<RuleSet> {
  const row = await db
    .selectFrom('fund_rule_sets')
    .selectAll()
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new AppError('invalid_state', `No eligibility rules are in force on ${day}`);
  return toRuleSet(row);
}

/** The USD rate staff entered for `day`, or the latest before it; `path` names the date field. */
export async function rateOn(db: Db, day: string, path: string): Promise<FxRate> {
  const row = await db
    .selectFrom('fund_fx_rates')
    .selectAll()
    .where('currency', '=', 'USD')
    .where('on_date', '<=', day)
    .orderBy('on_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row)
    throw invalidField(path, `no USD exchange rate has been entered on or before ${day}`, 'no_exchange_rate');
  return toFxRate(row);
}

/** Adds `pkrMinor` to a fiscal year's commitments, refusing anything past its envelope. */
export async function reserveBudget(
  trx: Db,
  fiscalYear: number,
  pkrMinor: number,
  path: string,
): Promise<void> {
  const budget = await trx
    .selectFrom('fund_budgets')
    .selectAll()
    .where('fiscal_year', '=', fiscalYear)
    .forUpdate()
    .executeTakeFirst();
  if (!budget)
    throw invalidField(
      path,
      `no budget has been set for fiscal year ${fiscalYear}–${(fiscalYear + 1) % 100}`,
      'no_budget',
    );
  if (budget.committed_minor + pkrMinor > budget.envelope_minor)
    throw new AppError('validation_failed', `${path}: past the fiscal year’s envelope`, {
      fields: [
        {
          path,
          message: `commits Rs ${(pkrMinor / 100).toFixed(2)} where only Rs ${((budget.envelope_minor - budget.committed_minor) / 100).toFixed(2)} is left of the year’s envelope`,
          rule: 'past_envelope',
          params: {
            leftPkrMinor: budget.envelope_minor - budget.committed_minor,
            neededPkrMinor: pkrMinor,
            fiscalYear,
          },
        },
      ],
    });
  await trx
    .updateTable('fund_budgets')
    .set((eb) => ({ committed_minor: eb('committed_minor', '+', pkrMinor) }))
    .where('fiscal_year', '=', fiscalYear)
    .execute();
}

/** Gives back a commitment a recovery cancelled. */
export async function releaseBudget(trx: Db, fiscalYear: number, pkrMinor: number): Promise<void> {
  await trx
    .updateTable('fund_budgets')
    .set((eb) => ({ committed_minor: eb('committed_minor', '-', pkrMinor) }))
    .where('fiscal_year', '=', fiscalYear)
    .execute();
}

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PiiCipher } from '../../platform/keys/index.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import type { FxRate, Investor, Startup } from './fund.schema.ts';
import type {
  Founder,
  FundCurrency,
  FundFxRatesTable,
  FundInvestorsTable,
  FundRuleSetsTable,
} from './fund.table.ts';
import { type RuleSet, toUsd } from './fund-rules.ts';

type Db = Kysely<Database>;

const place = (table: string, column: string, id: string) => ({ table, column, id });

export function toInvestor(pii: PiiCipher, r: Selectable<FundInvestorsTable>): Investor {
  return {
    id: r.id,
    name: r.name,
    jurisdiction: r.jurisdiction,
    foreign: r.jurisdiction !== 'PK',
    registrationNo: r.registration_no,
    evidence: r.evidence,
    contactEmail: pii.open(r.contact_email, place('fund_investors', 'contact_email', r.id)),
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
    currency: r.currency,
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
    quorum: r.quorum,
    minScore: r.min_score,
    maxRateAgeDays: r.max_rate_age_days,
    appealWindowDays: r.appeal_window_days,
  };
}

/** The founders as one sealed JSON text (decision 0038). */
export const sealFounders = (pii: PiiCipher, id: string, founders: Founder[]) =>
  pii.seal('identity', JSON.stringify(founders), place('fund_startups', 'founders', id));

export async function findStartups(
  db: Db,
  pii: PiiCipher,
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
    founders: JSON.parse(pii.open(r.founders, place('fund_startups', 'founders', r.id))) as Founder[],
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

/** Days from `from` to `to` (ISO dates). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** How old a rate may be on `day`: the rule set in force that day says (7 days before any rules). */
export async function maxRateAgeOn(db: Db, day: string): Promise<number> {
  const row = await db
    .selectFrom('fund_rule_sets')
    .select('max_rate_age_days')
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.max_rate_age_days ?? 7;
}

/**
 * The rate staff entered for `day`, or the latest before it, refused when none was entered or
 * when the latest is older than the rules allow (a stale rate is never used silently); `path`
 * names the date field the error is about.
 */
export async function rateOn(db: Db, day: string, path: string, currency = 'USD'): Promise<FxRate> {
  const row = await db
    .selectFrom('fund_fx_rates')
    .selectAll()
    .where('currency', '=', currency as FundCurrency)
    .where('on_date', '<=', day)
    .orderBy('on_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row)
    throw new AppError('validation_failed', `${path}: no ${currency} exchange rate on or before ${day}`, {
      fields: [
        {
          path,
          message: `no ${currency} exchange rate has been entered on or before ${day}`,
          rule: 'no_exchange_rate',
          params: { currency, day },
        },
      ],
    });
  const maxAge = await maxRateAgeOn(db, day);
  const age = daysBetween(row.on_date, day);
  if (age > maxAge)
    throw new AppError(
      'validation_failed',
      `${path}: the latest ${currency} rate is from ${row.on_date}, ${age} days before ${day}`,
      {
        fields: [
          {
            path,
            message: `the latest ${currency} exchange rate is from ${row.on_date}, ${age} days before ${day} (at most ${maxAge} allowed): enter the ${currency} rate for ${day} first`,
            rule: 'stale_exchange_rate',
            params: { currency, latestOn: row.on_date, day, ageDays: age, maxAgeDays: maxAge },
          },
        ],
      },
    );
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

/** The unique constraints a fund write can hit, and the field and words each is reported with. */
const UNIQUE_FIELDS: Record<string, { path: string; message: string }> = {
  fund_investors_jurisdiction_registration_no_key: {
    path: 'registrationNo',
    message: 'an investor with this registration number in this jurisdiction is already registered',
  },
  fund_startups_incorporation_no_key: {
    path: 'incorporationNo',
    message: 'a startup with this incorporation number is already registered',
  },
  fund_rule_sets_effective_from_key: {
    path: 'effectiveFrom',
    message: 'a rule set already takes effect on this day',
  },
  fund_fx_rates_currency_on_date_key: {
    path: 'onDate',
    message: 'a rate for this currency is already entered for this day',
  },
  fund_reviews_pkey: { path: 'conflict', message: 'you have already declared on this application' },
  fund_reports_pkey: { path: 'quarter', message: 'has already been reported' },
  fund_jv_funds_name_key: { path: 'name', message: 'is already a joint-venture fund' },
  fund_tranches_grant_id_seq_key: { path: 'paidOn', message: 'another tranche was paid at the same moment' },
};

/**
 * The unique constraints are the guard against two requests at once (no check-then-insert): a
 * duplicate ends as 409 problem+json naming the field, never as a 500.
 */
export async function uniqueAsConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    if (e?.code !== '23505') throw err;
    const name = e.constraint ?? Object.keys(UNIQUE_FIELDS).find((k) => (e.message ?? '').includes(k)) ?? '';
    const f = UNIQUE_FIELDS[name] ?? { path: 'id', message: 'already exists' };
    throw new AppError('already_exists', `${f.path}: ${f.message}`, {
      fields: [{ path: f.path, message: f.message, rule: 'taken' }],
    });
  }
}

/**
 * The USD equivalent of `minor` in `currency` on `day`, through PKR at that day's rates (the
 * portal totals every round in USD and PKR); a USD amount is itself. Refused like any rate when
 * the day's USD rate is missing or stale.
 */
export async function usdEquivalent(
  db: Db,
  minor: number,
  rate: FxRate,
  day: string,
  path: string,
): Promise<number> {
  if (rate.currency === 'USD') return minor;
  const usd = await rateOn(db, day, path, 'USD');
  return toUsd(minor, rate.pkrMicros, usd.pkrMicros);
}

/**
 * Holds the startup's row until the transaction ends, so two applications for one startup sent at
 * once are counted one after the other (the earlier-grants rule), not both against the same count.
 */
export async function lockStartup(trx: Db, id: string): Promise<void> {
  await trx.selectFrom('fund_startups').select('id').where('id', '=', id).forUpdate().execute();
}

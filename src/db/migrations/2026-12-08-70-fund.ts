import { type Kysely, sql } from 'kysely';
import { allowValues } from '../widen-check.ts';

// The startup fund (issue 16, docs/decisions/0033-startup-fund.md): investors and startups,
// effective-dated eligibility rules, dated exchange rates, the annual envelope, matching-grant
// applications with their round, the committee's declarations and scores, proofs that the
// foreign money arrived, tranches, quarterly reports, recoveries, and the programme's commitments
// to joint-venture funds with their calls, distributions and reported values. Money is integer
// minor units with its currency beside it; PKR equivalents carry the rate they were taken at.

const FUND_KINDS = [
  'fund_grant_commitment',
  'fund_grant_payment',
  'fund_grant_recovery',
  'fund_jv_call',
  'fund_jv_distribution',
];
const FUND_ACCOUNTS = [
  'fund_grant_expense',
  'fund_grant_payable',
  'fund_fx_difference',
  'fund_jv_investment',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE fund_investors (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
      jurisdiction text NOT NULL CHECK (jurisdiction ~ '^[A-Z]{2}$'),
      registration_no text NOT NULL CHECK (length(registration_no) BETWEEN 2 AND 100),
      evidence text NOT NULL CHECK (length(evidence) BETWEEN 3 AND 1000),
      contact_email text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
      status_note text,
      verified_by uuid REFERENCES users(id),
      verified_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (jurisdiction, registration_no)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_startups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
      incorporation_no text NOT NULL UNIQUE CHECK (length(incorporation_no) BETWEEN 3 AND 50),
      incorporated_in text NOT NULL CHECK (incorporated_in ~ '^[A-Z]{2}$'),
      sector text NOT NULL,
      city_id integer NOT NULL REFERENCES cities(id),
      stage text NOT NULL CHECK (stage IN ('pre_seed', 'seed', 'series_a', 'series_b_plus')),
      founders jsonb NOT NULL,
      owner_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE fund_rule_sets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      effective_from date NOT NULL UNIQUE,
      max_grant_minor bigint NOT NULL CHECK (max_grant_minor > 0),
      max_grant_share_bps integer NOT NULL CHECK (max_grant_share_bps BETWEEN 1 AND 10000),
      min_foreign_share_bps integer NOT NULL CHECK (min_foreign_share_bps BETWEEN 0 AND 10000),
      max_grants_per_startup integer NOT NULL CHECK (max_grants_per_startup >= 1),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  // The published rule: grants up to USD 300,000, at most 30% of the round, the foreign
  // investors putting at least 70% of it (the $300k grant on a $1m round with $700k foreign).
  await sql`INSERT INTO fund_rule_sets (effective_from, max_grant_minor, max_grant_share_bps,
    min_foreign_share_bps, max_grants_per_startup, created_at)
    VALUES ('2024-01-01', 30000000, 3000, 7000, 1, now())`.execute(db);

  await sql`
    CREATE TABLE fund_fx_rates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      currency text NOT NULL CHECK (currency = 'USD'),
      on_date date NOT NULL,
      pkr_micros bigint NOT NULL CHECK (pkr_micros > 0),
      source text NOT NULL CHECK (length(source) BETWEEN 3 AND 300),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (currency, on_date)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_budgets (
      fiscal_year integer PRIMARY KEY CHECK (fiscal_year BETWEEN 2000 AND 2100),
      envelope_minor bigint NOT NULL CHECK (envelope_minor >= 0),
      committed_minor bigint NOT NULL DEFAULT 0,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL,
      CHECK (committed_minor <= envelope_minor)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      startup_id uuid NOT NULL REFERENCES fund_startups(id),
      lead_investor_id uuid NOT NULL REFERENCES fund_investors(id),
      currency text NOT NULL CHECK (currency = 'USD'),
      round_minor bigint NOT NULL CHECK (round_minor > 0),
      requested_minor bigint NOT NULL CHECK (requested_minor > 0),
      foreign_minor bigint NOT NULL CHECK (foreign_minor >= 0),
      documents jsonb NOT NULL,
      rule_set_id uuid NOT NULL REFERENCES fund_rule_sets(id),
      status text NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'recovered')),
      submitted_at timestamptz NOT NULL,
      submitted_by uuid NOT NULL REFERENCES users(id),
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id),
      decision_reason text,
      fiscal_year integer REFERENCES fund_budgets(fiscal_year),
      approved_minor bigint NOT NULL DEFAULT 0 CHECK (approved_minor >= 0),
      commit_rate_id uuid REFERENCES fund_fx_rates(id),
      committed_pkr_minor bigint NOT NULL DEFAULT 0,
      paid_minor bigint NOT NULL DEFAULT 0,
      paid_pkr_minor bigint NOT NULL DEFAULT 0,
      released_pkr_minor bigint NOT NULL DEFAULT 0,
      commit_transaction_id uuid REFERENCES ledger_transactions(id),
      recovered_at timestamptz,
      recovery_condition text CHECK (recovery_condition IN ('moved_abroad', 'misuse', 'false_statement', 'other')),
      recovery_reason text,
      recovery_transaction_id uuid REFERENCES ledger_transactions(id),
      CHECK (paid_minor <= approved_minor),
      CHECK (status IN ('submitted', 'rejected') OR commit_transaction_id IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX fund_grants_startup_idx ON fund_grants (startup_id)`.execute(db);

  await sql`
    CREATE TABLE fund_round_investors (
      grant_id uuid NOT NULL REFERENCES fund_grants(id),
      investor_id uuid NOT NULL REFERENCES fund_investors(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      is_foreign boolean NOT NULL,
      PRIMARY KEY (grant_id, investor_id)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_reviews (
      grant_id uuid NOT NULL REFERENCES fund_grants(id),
      member_id uuid NOT NULL REFERENCES users(id),
      conflict boolean NOT NULL,
      conflict_note text,
      declared_at timestamptz NOT NULL,
      score integer CHECK (score BETWEEN 0 AND 100),
      comment text,
      scored_at timestamptz,
      PRIMARY KEY (grant_id, member_id),
      CHECK (NOT conflict OR score IS NULL)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_arrivals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      grant_id uuid NOT NULL REFERENCES fund_grants(id),
      investor_id uuid NOT NULL REFERENCES fund_investors(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      arrived_on date NOT NULL,
      evidence text NOT NULL CHECK (length(evidence) BETWEEN 3 AND 1000),
      status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
      rate_id uuid REFERENCES fund_fx_rates(id),
      amount_pkr_minor bigint,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      review_note text,
      submitted_by uuid NOT NULL REFERENCES users(id),
      submitted_at timestamptz NOT NULL,
      CHECK (status <> 'accepted' OR amount_pkr_minor IS NOT NULL)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_tranches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      grant_id uuid NOT NULL REFERENCES fund_grants(id),
      seq integer NOT NULL,
      paid_on date NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      rate_id uuid NOT NULL REFERENCES fund_fx_rates(id),
      amount_pkr_minor bigint NOT NULL CHECK (amount_pkr_minor > 0),
      committed_pkr_minor bigint NOT NULL,
      fx_difference_minor bigint NOT NULL,
      transaction_id uuid NOT NULL REFERENCES ledger_transactions(id),
      paid_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      UNIQUE (grant_id, seq)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_reports (
      grant_id uuid NOT NULL REFERENCES fund_grants(id),
      quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      jobs integer NOT NULL CHECK (jobs >= 0),
      revenue_pkr_minor bigint NOT NULL CHECK (revenue_pkr_minor >= 0),
      exports_usd_minor bigint NOT NULL CHECK (exports_usd_minor >= 0),
      follow_on_usd_minor bigint NOT NULL CHECK (follow_on_usd_minor >= 0),
      still_in_pakistan boolean NOT NULL,
      submitted_by uuid NOT NULL REFERENCES users(id),
      submitted_at timestamptz NOT NULL,
      PRIMARY KEY (grant_id, quarter)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_jv_funds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 200),
      manager_id uuid NOT NULL REFERENCES fund_investors(id),
      currency text NOT NULL CHECK (currency = 'USD'),
      commitment_minor bigint NOT NULL CHECK (commitment_minor > 0),
      foreign_raised_minor bigint NOT NULL CHECK (foreign_raised_minor >= 0),
      committed_on date NOT NULL,
      fiscal_year integer NOT NULL REFERENCES fund_budgets(fiscal_year),
      commit_rate_id uuid NOT NULL REFERENCES fund_fx_rates(id),
      commitment_pkr_minor bigint NOT NULL,
      called_minor bigint NOT NULL DEFAULT 0,
      distributed_minor bigint NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK (called_minor BETWEEN 0 AND commitment_minor)
    )`.execute(db);

  await sql`
    CREATE TABLE fund_jv_movements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      jv_id uuid NOT NULL REFERENCES fund_jv_funds(id),
      kind text NOT NULL CHECK (kind IN ('call', 'distribution', 'valuation')),
      on_date date NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      rate_id uuid NOT NULL REFERENCES fund_fx_rates(id),
      amount_pkr_minor bigint NOT NULL,
      note text,
      transaction_id uuid REFERENCES ledger_transactions(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK ((kind = 'valuation') = (transaction_id IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX fund_jv_movements_jv_idx ON fund_jv_movements (jv_id, on_date)`.execute(db);

  await allowValues(db, 'ledger_transactions', 'kind', FUND_KINDS);
  await allowValues(db, 'ledger_entries', 'account', FUND_ACCOUNTS);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'fund_jv_movements',
    'fund_jv_funds',
    'fund_reports',
    'fund_tranches',
    'fund_arrivals',
    'fund_reviews',
    'fund_round_investors',
    'fund_grants',
    'fund_budgets',
    'fund_fx_rates',
    'fund_rule_sets',
    'fund_startups',
    'fund_investors',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
  }
}

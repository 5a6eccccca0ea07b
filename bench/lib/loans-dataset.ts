/**
 * A loan portfolio for the close-of-business benchmark, set-based: one bank with a benchmark
 * rate and spread, a decided call, one shortlisted application and one active loan per building,
 * disbursed once (a balanced ledger transaction each) between 1 and 23 months before `asOf`, on a
 * 24-month schedule; about one loan in eight has missed its last one to four instalments, so the
 * arrears ageing has work to do. Earlier instalments are paid.
 */
/** md5 of a text as a version-4 UUID: deterministic ids without a round trip. */
const BENCH_UUID_FUNCTION = `CREATE OR REPLACE FUNCTION bench_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT (substr(md5($1), 1, 12) || '4' || substr(md5($1), 14, 3) || '8' || substr(md5($1), 18, 15))::uuid $$`;

export const BANK_ID = '00000000-0000-4000-8000-0000000000c1';
const CALL_ID = '00000000-0000-4000-8000-0000000000c2';
const OWNER = '00000000-0000-4000-8000-0000000000b1';

export function loansSql(loans: number, asOf: string, tag: string): string[] {
  const L = loans;
  // The portfolio's ids are namespaced by tag, so portfolios of several sizes can be loaded in turn.
  const id = (what: string) => `bench_uuid('${tag}-${what}' || n)`;
  const months = `(1 + n % 23)`;
  return [
    BENCH_UUID_FUNCTION,
    `INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
       VALUES ('${OWNER}', 'bench-owner@markaz.test', 'Bench owner', 'owner', 'not-a-hash', now(), now())
       ON CONFLICT DO NOTHING`,
    `INSERT INTO organizations (id, kind, code, name, created_at)
       VALUES ('${BANK_ID}', 'bank', 'BENCH-BANK', 'Bench Bank', now()) ON CONFLICT DO NOTHING`,
    `INSERT INTO benchmark_rates (benchmark, effective_from, rate_bps, source, created_at)
       VALUES ('KIBOR_3M', '2020-01-01', 1150, 'bench dataset', now()) ON CONFLICT DO NOTHING`,
    `INSERT INTO bank_spreads (bank_id, benchmark, spread_bps, effective_from, created_at)
       VALUES ('${BANK_ID}', 'KIBOR_3M', 300, '2020-01-01', now()) ON CONFLICT DO NOTHING`,
    `INSERT INTO calls (id, title_en, title_ur, description_en, description_ur, opens_at, closes_at, status,
            pass_mark, evaluators_per_application, loan_cap_minor, appeal_window_days, created_at, updated_at)
       VALUES ('${CALL_ID}', 'Bench call', 'Bench call', 'bench', 'bench', '2024-01-01', '2024-03-01', 'decided',
            50, 1, 10000000000, 15, now(), now()) ON CONFLICT DO NOTHING`,
    `INSERT INTO applications (id, call_id, owner_id, reference, status, building_name, address, address_key,
            province_code, city_id, latitude, longitude, covered_area_sqft, internet_mbps, readiness_date,
            loan_requested_minor, submitted_at, decided_at, created_at, updated_at)
     SELECT ${id('a')}, '${CALL_ID}', '${OWNER}', 'BENCH-${tag}-' || n, 'shortlisted', 'Building ' || n,
            'Plot ' || n, '${tag}-' || n, ci.province_code, ci.id, ci.latitude, ci.longitude, 5000, 100,
            '2024-06-01', 1000000000, now(), now(), now(), now()
       FROM generate_series(1, ${L}) n
       JOIN (SELECT id, province_code, latitude, longitude,
                    (row_number() OVER (ORDER BY id) - 1)::int AS k, (count(*) OVER ())::int AS c
               FROM cities) ci ON ci.k = n % ci.c`,
    `INSERT INTO loans (id, application_id, owner_id, bank_id, province_code, status, requested_minor,
            sanctioned_minor, tenor_months, grace_months, repayment_day, first_repayment_date,
            schedule_unit_minor, disbursed_minor, repaid_minor, first_disbursed_on, requested_at,
            sanctioned_at, created_at, updated_at)
     SELECT ${id('l')}, ${id('a')}, '${OWNER}', '${BANK_ID}', a.province_code, 'active', 2400000000, 2400000000,
            24, 0, 10, ('${asOf}'::date - (${months} || ' months')::interval + interval '1 month')::date, 100,
            2400000000, 0, ('${asOf}'::date - (${months} || ' months')::interval)::date, now(), now(), now(), now()
       FROM generate_series(1, ${L}) n JOIN applications a ON a.id = ${id('a')}`,
    `INSERT INTO ledger_transactions (id, kind, loan_id, occurred_on, created_at)
     SELECT ${id('t')}, 'disbursement', ${id('l')}, ('${asOf}'::date - (${months} || ' months')::interval)::date, now()
       FROM generate_series(1, ${L}) n`,
    `INSERT INTO ledger_entries (transaction_id, account, loan_id, bank_id, debit_minor, credit_minor)
     SELECT ${id('t')}, 'loan_principal', ${id('l')}, '${BANK_ID}'::uuid, 2400000000, 0 FROM generate_series(1, ${L}) n
     UNION ALL
     SELECT ${id('t')}, 'bank_funding', ${id('l')}, '${BANK_ID}'::uuid, 0, 2400000000 FROM generate_series(1, ${L}) n`,
    `INSERT INTO loan_disbursements (loan_id, amount_minor, disbursed_on, bank_reference, ledger_transaction_id,
            created_at)
     SELECT ${id('l')}, 2400000000, ('${asOf}'::date - (${months} || ' months')::interval)::date, 'D-' || n,
            ${id('t')}, now()
       FROM generate_series(1, ${L}) n`,
    // Instalments: due monthly from the first repayment date; those already due are paid, except
    // the last 1–4 of one loan in eight.
    `INSERT INTO loan_instalments (loan_id, number, due_date, principal_minor, paid_minor, status, paid_on)
     SELECT ${id('l')}, i, d, 100000000, CASE WHEN p THEN 100000000 ELSE 0 END,
            CASE WHEN p THEN 'paid' ELSE 'scheduled' END, CASE WHEN p THEN d END
       FROM generate_series(1, ${L}) n, generate_series(1, 24) i,
            LATERAL (SELECT ('${asOf}'::date - (${months} || ' months')::interval + (i || ' months')::interval)::date AS d) x,
            LATERAL (SELECT x.d < '${asOf}'::date
                        AND NOT (n % 8 = 0 AND i > ${months} - 1 - n % 4) AS p) y`,
    // VACUUM sets hint bits and the visibility map, as autovacuum would in service.
    'VACUUM ANALYZE',
  ];
}

import { LOAN_SETTINGS } from '../../modules/loans/index.ts';
import { chunked, type Gen, lit } from './national-sql.ts';

/**
 * Loans at every age, one per shortlisted application: a few requested, declined or sanctioned
 * and waiting; the rest disbursed in one tranche up to five years ago, with an equal-principal
 * schedule after a grace period, repayments on their due dates for good payers, one instalment
 * behind for late payers, stopping at some point for others (so arrears age and, past the
 * loss threshold, loans are classified loss). Every disbursement and repayment is a balanced
 * ledger transaction. The state is as of yesterday's close of business, so tonight's run has
 * work: arrears to age, the day's markup subsidy to accrue.
 */
export async function loadLoans(g: Gen): Promise<void> {
  const { o } = g;
  if (o.loans === 0) return;
  const now = `${lit(g.now.toISOString())}::timestamptz`;
  const asOf = `((${now} AT TIME ZONE 'Asia/Karachi')::date - 1)`;
  const loss = LOAN_SETTINGS.lossDaysPastDue;
  const unit = LOAN_SETTINGS.scheduleUnitMinor;
  // The plan of each loan, derived once into a temporary table; `due(k)` is instalment k's date.
  await g.run(`
    CREATE TEMP TABLE mz_loan AS
    SELECT z.*,
           CASE WHEN z.kind <> 'disbursed' THEN z.kind
                WHEN z.paid = z.n THEN 'closed'
                WHEN z.dpd >= ${loss} THEN 'loss' ELSE 'active' END AS status
      FROM (
        SELECT y.*,
               CASE WHEN y.paid < y.ndue THEN ${asOf} - (y.frd + make_interval(months => y.paid))::date ELSE 0 END AS dpd
          FROM (
            SELECT x.*,
                   CASE WHEN x.kind <> 'disbursed' THEN 0
                        WHEN x.behaviour < 0.8 THEN x.ndue
                        WHEN x.behaviour < 0.92 THEN floor(x.ndue * ${g.R(310, 'x.i')})::int
                        ELSE greatest(x.ndue - 1, 0) END AS paid
              FROM (
                SELECT w.*,
                       least(w.n, greatest(0, ((extract(year FROM ${asOf}) - extract(year FROM w.frd)) * 12
                              + extract(month FROM ${asOf}) - extract(month FROM w.frd))::int
                              + CASE WHEN extract(day FROM ${asOf}) >= w.rday THEN 1 ELSE 0 END)) AS ndue
                  FROM (
                    SELECT v.*, v.tenor - v.grace AS n,
                           (floor(v.amount / (v.tenor - v.grace) / ${unit}) * ${unit})::int8 AS inst,
                           (date_trunc('month', v.disb) + make_interval(months => v.grace + 1) + make_interval(days => v.rday - 1))::date AS frd
                      FROM (
                        SELECT i, ${g.U('loan', 'i')} AS id, ${g.U('app', 'i')} AS application_id, c.owner_id, c.province_code,
                               b.id AS bank_id,
                               CASE WHEN r < 0.03 THEN 'requested' WHEN r < 0.05 THEN 'declined'
                                    WHEN r < 0.10 THEN 'sanctioned' ELSE 'disbursed' END AS kind,
                               (200000000 + 10000000 * floor(${g.R(301, 'i')} * 80))::int8 AS amount,
                               (ARRAY[36, 48, 60])[1 + floor(${g.R(302, 'i')} * 3)::int] AS tenor,
                               (ARRAY[6, 12])[1 + floor(${g.R(303, 'i')} * 2)::int] AS grace,
                               (1 + floor(${g.R(304, 'i')} * 28))::int AS rday,
                               CASE WHEN r < 0.10 THEN ${asOf} - floor(${g.R(305, 'i')} * 20)::int
                                    ELSE ${asOf} - floor(${g.R(305, 'i')} * 1800)::int END AS disb,
                               ${g.R(306, 'i')} AS behaviour
                          FROM generate_series(0, ${o.loans - 1}) i
                          CROSS JOIN LATERAL (SELECT ${g.R(300, 'i')} AS r) rr
                          JOIN (SELECT i AS ci, owner_id, province_code FROM mz_centre) c ON c.ci = i % ${o.centers}
                          JOIN mz_bank b ON b.n = i % (SELECT count(*) FROM mz_bank)
                      ) v
                  ) w
              ) x
          ) y
      ) z`);
  await g.run('CREATE UNIQUE INDEX ON mz_loan (i)');
  await g.run('ANALYZE mz_loan');

  g.progress.begin('loans', 'loans');
  g.progress.step(
    await g.run(`
      INSERT INTO loans (id, application_id, owner_id, bank_id, province_code, status, requested_minor, sanctioned_minor,
        tenor_months, grace_months, repayment_day, first_repayment_date, schedule_unit_minor, decline_reason,
        disbursed_minor, repaid_minor, first_disbursed_on, days_past_due, arrears_bucket, sbp_class, classified_loss_on, closed_on,
        last_cob_date, requested_at, sanctioned_at, declined_at, created_at, updated_at)
      SELECT id, application_id, owner_id, bank_id, province_code, status, amount,
             CASE WHEN kind IN ('requested', 'declined') THEN NULL ELSE amount END,
             CASE WHEN kind IN ('requested', 'declined') THEN NULL ELSE tenor END,
             CASE WHEN kind IN ('requested', 'declined') THEN NULL ELSE grace END,
             CASE WHEN kind IN ('requested', 'declined') THEN NULL ELSE rday END,
             CASE WHEN kind IN ('requested', 'declined') THEN NULL ELSE frd END,
             ${unit}, CASE WHEN kind = 'declined' THEN 'Collateral not acceptable to the bank' END,
             CASE WHEN kind = 'disbursed' THEN amount ELSE 0 END,
             CASE WHEN kind = 'disbursed' THEN CASE WHEN paid = n THEN amount ELSE paid * inst END ELSE 0 END,
             CASE WHEN kind = 'disbursed' THEN disb END,
             dpd,
             CASE WHEN dpd <= 0 THEN 'current' WHEN dpd <= 30 THEN '1-30' WHEN dpd <= 60 THEN '31-60'
                  WHEN dpd <= 90 THEN '61-90' WHEN dpd <= 180 THEN '91-180' ELSE '181+' END,
             CASE WHEN dpd <= 0 THEN 'current' WHEN dpd <= 30 THEN 'regular' WHEN dpd <= 60 THEN 'oaem'
                  WHEN dpd <= 90 THEN 'substandard' WHEN dpd <= 180 THEN 'doubtful' ELSE 'loss' END,
             CASE WHEN status = 'loss' THEN (frd + make_interval(months => paid))::date + ${loss} END,
             CASE WHEN status = 'closed' THEN (frd + make_interval(months => n - 1))::date END,
             CASE WHEN status IN ('active', 'loss') THEN ${asOf} END,
             ((disb - 45) + time '10:00') AT TIME ZONE 'Asia/Karachi',
             CASE WHEN kind NOT IN ('requested', 'declined') THEN ((disb - 15) + time '11:00') AT TIME ZONE 'Asia/Karachi' END,
             CASE WHEN kind = 'declined' THEN ((disb - 10) + time '11:00') AT TIME ZONE 'Asia/Karachi' END,
             ((disb - 45) + time '10:00') AT TIME ZONE 'Asia/Karachi', ${now}
        FROM mz_loan`),
  );
  g.progress.end();

  const chunk = Math.max(1, Math.floor(200_000 / 48));
  g.progress.begin('loan schedules', 'loan_instalments', Math.ceil(o.loans / chunk));
  await chunked(g, o.loans, chunk, (lo, hi) =>
    g.run(`
      INSERT INTO loan_instalments (loan_id, number, due_date, principal_minor, paid_minor, status, paid_on)
      SELECT l.id, k, (l.frd + make_interval(months => k - 1))::date,
             CASE WHEN k = l.n THEN l.amount - l.inst * (l.n - 1) ELSE l.inst END,
             CASE WHEN k <= l.paid THEN CASE WHEN k = l.n THEN l.amount - l.inst * (l.n - 1) ELSE l.inst END ELSE 0 END,
             CASE WHEN k <= l.paid THEN 'paid' WHEN (l.frd + make_interval(months => k - 1))::date < ${asOf} THEN 'overdue'
                  WHEN (l.frd + make_interval(months => k - 1))::date = ${asOf} THEN 'due' ELSE 'scheduled' END,
             CASE WHEN k <= l.paid THEN (l.frd + make_interval(months => k - 1))::date END
        FROM mz_loan l CROSS JOIN LATERAL generate_series(1, l.n) k
       WHERE l.kind = 'disbursed' AND l.i BETWEEN ${lo} AND ${hi}`),
  );
  g.progress.end();

  g.progress.begin('disbursements (ledger)', 'disbursements + ledger');
  let n = await g.run(`
    INSERT INTO ledger_transactions (id, kind, loan_id, occurred_on, created_at)
    SELECT ${g.U('ltd', 'i')}, 'disbursement', id, disb, (disb + time '12:00') AT TIME ZONE 'Asia/Karachi'
      FROM mz_loan WHERE kind = 'disbursed'`);
  n += await g.run(`
    INSERT INTO ledger_entries (transaction_id, account, loan_id, bank_id, debit_minor, credit_minor)
    SELECT ${g.U('ltd', 'i')}, e.account, id, bank_id, CASE WHEN e.debit THEN amount ELSE 0 END, CASE WHEN e.debit THEN 0 ELSE amount END
      FROM mz_loan CROSS JOIN (VALUES ('loan_principal', true), ('bank_funding', false)) AS e(account, debit)
     WHERE kind = 'disbursed'`);
  n += await g.run(`
    INSERT INTO loan_disbursements (id, loan_id, amount_minor, disbursed_on, bank_reference, ledger_transaction_id, created_at)
    SELECT ${g.U('ld', 'i')}, id, amount, disb, 'DISB-' || lpad(i::text, 7, '0'), ${g.U('ltd', 'i')},
           (disb + time '12:00') AT TIME ZONE 'Asia/Karachi'
      FROM mz_loan WHERE kind = 'disbursed'`);
  g.progress.step(n);
  g.progress.end();

  // Repayments: one per paid instalment, on its due date, each its own balanced transaction.
  g.progress.begin('repayments (ledger)', 'repayments + ledger', Math.ceil(o.loans / chunk));
  const paidRows = (lo: number, hi: number) => `
    SELECT l.i, k, l.id, l.bank_id, (l.frd + make_interval(months => k - 1))::date AS paid_on,
           CASE WHEN k = l.n THEN l.amount - l.inst * (l.n - 1) ELSE l.inst END AS amount
      FROM mz_loan l CROSS JOIN LATERAL generate_series(1, l.paid) k
     WHERE l.kind = 'disbursed' AND l.paid > 0 AND l.i BETWEEN ${lo} AND ${hi}`;
  await chunked(g, o.loans, chunk, async (lo, hi) => {
    let rows = await g.run(`
      INSERT INTO ledger_transactions (id, kind, loan_id, occurred_on, created_at)
      SELECT ${g.U('ltr', 'p.i', 'p.k')}, 'repayment', p.id, p.paid_on, (p.paid_on + time '15:00') AT TIME ZONE 'Asia/Karachi'
        FROM (${paidRows(lo, hi)}) p`);
    rows += await g.run(`
      INSERT INTO ledger_entries (transaction_id, account, loan_id, bank_id, debit_minor, credit_minor)
      SELECT ${g.U('ltr', 'p.i', 'p.k')}, e.account, p.id, p.bank_id,
             CASE WHEN e.debit THEN p.amount ELSE 0 END, CASE WHEN e.debit THEN 0 ELSE p.amount END
        FROM (${paidRows(lo, hi)}) p CROSS JOIN (VALUES ('bank_collections', true), ('loan_principal', false)) AS e(account, debit)`);
    rows += await g.run(`
      INSERT INTO loan_repayments (id, loan_id, amount_minor, paid_on, bank_reference, allocation, ledger_transaction_id, created_at)
      SELECT ${g.U('lr', 'p.i', 'p.k')}, p.id, p.amount, p.paid_on, 'RP-' || lpad(p.i::text, 7, '0') || '-' || p.k,
             jsonb_build_array(jsonb_build_object('number', p.k, 'amountMinor', p.amount)), ${g.U('ltr', 'p.i', 'p.k')},
             (p.paid_on + time '15:00') AT TIME ZONE 'Asia/Karachi'
        FROM (${paidRows(lo, hi)}) p`);
    return rows;
  });
  g.progress.end();
}

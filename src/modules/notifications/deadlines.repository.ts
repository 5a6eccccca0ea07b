import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { SCORING_DAYS } from '../calls/index.ts';

// Who has a deadline coming or passed, read from the owning areas' tables (reads only). Each query
// leaves out what was already sent (the notice's stable source key), so a day's run is cheap.

const notSent = (key: RawBuilder<unknown>) =>
  sql<boolean>`NOT EXISTS (SELECT 1 FROM notices n WHERE n.source_key = ${key})`;

/** Applications not shortlisted, not appealed, whose appeal window closes within (now, until]. */
export async function appealsClosing(trx: Kysely<Database>, now: Date, until: Date) {
  const res = await sql<{ id: string; reference: string; owner_id: string; deadline: Date }>`
    SELECT a.id, a.reference, a.owner_id, d.deadline
    FROM applications a
    JOIN calls c ON c.id = a.call_id
    CROSS JOIN LATERAL (SELECT a.decided_at + make_interval(days => c.appeal_window_days) AS deadline) d
    WHERE a.decided_at IS NOT NULL AND a.status IN ('not_selected', 'failed')
      AND d.deadline > ${now} AND d.deadline <= ${until}
      AND NOT EXISTS (SELECT 1 FROM appeals p WHERE p.application_id = a.id)
      AND ${notSent(sql`'appeal-closing:' || a.id`)}`.execute(trx);
  return res.rows;
}

/**
 * Operational centres that existed before `month` (its first day) ended and have not reported on
 * it, leaving out those whose `prefix` reminder for the month was sent.
 */
export async function centresWithoutReport(trx: Kysely<Database>, month: string, prefix: string) {
  const res = await sql<{ center_id: string; owner_id: string; name_en: string; name_ur: string | null }>`
    SELECT c.center_id, c.owner_id, c.name_en, c.name_ur
    FROM centers c
    WHERE c.status = 'operational'
      AND c.created_at < (${month}::date + interval '1 month')
      AND NOT EXISTS (SELECT 1 FROM center_monthly_reports r
                      WHERE r.center_id = c.center_id AND r.month = ${month}::date)
      AND ${notSent(sql`${prefix} || c.center_id || ':' || ${month.slice(0, 7)}`)}`.execute(trx);
  return res.rows;
}

/** Open assignments (pending or accepted) of undecided calls, with when their scores are due. */
export async function openAssignments(trx: Kysely<Database>, dueBefore: Date) {
  const res = await sql<{ id: string; evaluator_id: string; reference: string; deadline: Date }>`
    SELECT e.id, e.evaluator_id, a.reference, d.deadline
    FROM evaluation_assignments e
    JOIN applications a ON a.id = e.application_id
    JOIN calls c ON c.id = e.call_id
    CROSS JOIN LATERAL (SELECT e.assigned_at + make_interval(days => ${SCORING_DAYS}) AS deadline) d
    WHERE e.status IN ('pending', 'accepted') AND c.status <> 'decided' AND d.deadline <= ${dueBefore}`.execute(
    trx,
  );
  return res.rows;
}

/** Partner banks with a loan paid out by `quarterEnd` and no claim filed for `quarter`. */
export async function banksWithoutClaim(trx: Kysely<Database>, quarter: string, quarterEnd: string) {
  const res = await sql<{ bank_id: string }>`
    SELECT o.id AS bank_id FROM organizations o
    WHERE o.kind = 'bank'
      AND EXISTS (SELECT 1 FROM loans l WHERE l.bank_id = o.id AND l.first_disbursed_on <= ${quarterEnd}::date)
      AND NOT EXISTS (SELECT 1 FROM subsidy_claims s WHERE s.bank_id = o.id AND s.quarter = ${quarter})`.execute(
    trx,
  );
  return res.rows.map((r) => r.bank_id);
}

/**
 * Approved grants paid at least once before `quarterEnd` whose founder has not reported that
 * quarter (the startup fund's quarterly report), and not reminded yet.
 */
export async function grantsWithoutReport(trx: Kysely<Database>, quarter: string, quarterEnd: string) {
  const res = await sql<{ id: string; owner_id: string; name: string }>`
    SELECT g.id, s.owner_id, s.name
    FROM fund_grants g JOIN fund_startups s ON s.id = g.startup_id
    WHERE g.status = 'approved'
      AND EXISTS (SELECT 1 FROM fund_tranches t WHERE t.grant_id = g.id AND t.paid_on <= ${quarterEnd}::date)
      AND NOT EXISTS (SELECT 1 FROM fund_reports r WHERE r.grant_id = g.id AND r.quarter = ${quarter})
      AND ${notSent(sql`'fund-report-due:' || g.id || ':' || ${quarter}`)}`.execute(trx);
  return res.rows;
}

import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { purposeFor, recordReads } from '../../platform/data-access.ts';
import { recordChange } from '../../platform/record-change.ts';
import { invalidField } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { compareMonth, type MonthOutcome } from './remittance-rules.ts';
import { monthFigures } from './remittances.repository.ts';

/** The 24 months before this one, oldest first: the window every reconciliation looks at. */
export function window(now: Date, months = 24): { from: string; to: string } {
  const [y, m] = karachiDate(now).slice(0, 7).split('-').map(Number) as [number, number];
  const at = (back: number) => {
    const d = new Date(Date.UTC(y, m - 1 - back, 1));
    return d.toISOString().slice(0, 7);
  };
  return { from: at(months), to: at(1) };
}

type Period = { starts: string; expires: string };

/** Each freelancer's consent periods (any bank, live or not), YYYY-MM-DD; `ids` limits to some. */
async function consentPeriods(deps: Deps, ids?: string[]): Promise<Map<string, Period[]>> {
  if (ids && ids.length === 0) return new Map();
  let q = deps.db
    .selectFrom('remittance_consents')
    .select([
      'freelancer_id',
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts'),
      sql<string>`to_char(expires_on, 'YYYY-MM-DD')`.as('expires'),
    ]);
  if (ids) q = q.where('freelancer_id', 'in', ids);
  const out = new Map<string, Period[]>();
  for (const r of await q.execute())
    out.set(r.freelancer_id, [...(out.get(r.freelancer_id) ?? []), { starts: r.starts, expires: r.expires }]);
  return out;
}

/**
 * A month declared with nothing attested is 'no_consent' when no consent of the freelancer's
 * covered that month: no bank could report it, so it is neither an outlier nor asked about.
 */
function withConsent(outcome: MonthOutcome, month: string, periods: Period[] | undefined): Outcome {
  if (outcome !== 'declared_only') return outcome;
  const covered = (periods ?? []).some((p) => p.starts <= `${month}-31` && p.expires >= `${month}-01`);
  return covered ? outcome : 'no_consent';
}
type Outcome = MonthOutcome | 'no_consent';

/** A freelancer's months: declared beside attested, per bank, the outcome and their explanation. */
export async function myMonths(deps: Deps, actor: Actor) {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const w = window(deps.clock.now());
  const figures = await monthFigures(deps.db, { ...w, freelancerId: actor.userId });
  const banks = await deps.db
    .selectFrom('remittance_attestations as a')
    .innerJoin('organizations as o', 'o.id', 'a.bank_id')
    .select([
      sql<string>`to_char(a.month, 'YYYY-MM')`.as('month'),
      'o.code',
      'a.bank_id',
      'a.purpose_code',
      sql<string>`sum(a.usd_minor)`.as('usd'),
      sql<string | null>`sum(a.remittances)`.as('remittances'),
    ])
    .where('a.freelancer_id', '=', actor.userId)
    .where('a.it_export', '=', true)
    .groupBy(['a.month', 'o.code', 'a.bank_id', 'a.purpose_code'])
    .orderBy('o.code')
    .execute();
  const notes = await deps.db
    .selectFrom('remittance_explanations')
    .select([sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'text'])
    .where('freelancer_id', '=', actor.userId)
    .execute();
  const periods = (await consentPeriods(deps, [actor.userId])).get(actor.userId);
  return figures.flatMap((f) => {
    const compared = compareMonth(f.declared, f.attested);
    if (!compared) return [];
    const outcome = withConsent(compared, f.month, periods);
    return [
      {
        month: f.month,
        declared: f.declared,
        attested: f.attested,
        outcome,
        banks: banks
          .filter((b) => b.month === f.month)
          .map((b) => ({
            bankCode: b.code,
            bankId: b.bank_id,
            purposeCode: b.purpose_code,
            usd: Number(b.usd),
            remittances: b.remittances === null ? null : Number(b.remittances),
          })),
        explanation: notes.find((n) => n.month === f.month)?.text ?? null,
      },
    ];
  });
}

/** The freelancer says why a month's figures differ; staff read it beside the outlier. */
export async function explainMonth(deps: Deps, actor: Actor, input: { month: string; text: string }) {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const mine = await monthFigures(deps.db, {
    from: input.month,
    to: input.month,
    freelancerId: actor.userId,
  });
  const outcome = mine[0] ? compareMonth(mine[0].declared, mine[0].attested) : null;
  if (!outcome || outcome === 'matched')
    throw invalidField('month', 'has no difference to explain', 'remit_nothing_to_explain');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('remittance_explanations')
      .values({ freelancer_id: actor.userId, month: `${input.month}-01`, text: input.text, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['freelancer_id', 'month']).doUpdateSet({ text: input.text, updated_at: now }),
      )
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_difference.explained',
      entity: 'remittance_explanation',
      entityId: `${actor.userId}:${input.month}`,
      after: { month: input.month, text: input.text },
    });
    return { month: input.month, text: input.text };
  });
}

const OUTCOMES: readonly Outcome[] = ['matched', 'differs', 'declared_only', 'attested_only', 'no_consent'];

/** Staff: per month, how many freelancers' figures match, differ or stand alone; no individuals. */
export async function staffSummary(deps: Deps, actor: Actor) {
  requireRole(actor, 'program_admin', 'auditor');
  const figures = await monthFigures(deps.db, window(deps.clock.now(), 12));
  const months = new Map<
    string,
    { freelancers: number; declared: number; attested: number; outcomes: Record<Outcome, number> }
  >();
  const periods = await consentPeriods(deps);
  for (const f of figures) {
    const compared = compareMonth(f.declared, f.attested);
    if (!compared) continue;
    const outcome = withConsent(compared, f.month, periods.get(f.freelancer_id));
    const m = months.get(f.month) ?? {
      freelancers: 0,
      declared: 0,
      attested: 0,
      outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
    };
    m.freelancers++;
    m.declared += f.declared;
    m.attested += f.attested;
    m.outcomes[outcome]++;
    months.set(f.month, m);
  }
  return {
    months: [...months.entries()]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([month, m]) => ({ month, ...m })),
  };
}

/**
 * Staff: the month's freelancers whose figures do not match, largest gap first. Individuals'
 * earnings: the purpose is required and recorded in the audit log with who asked.
 */
export async function staffOutliers(
  deps: Deps,
  actor: Actor,
  q: { month: string; purpose?: string | undefined },
) {
  requireRole(actor, 'program_admin', 'auditor');
  const purpose = purposeFor(actor, q.purpose);
  const figures = await monthFigures(deps.db, { from: q.month, to: q.month });
  const periods = await consentPeriods(
    deps,
    figures.filter((f) => f.attested <= 0).map((f) => f.freelancer_id),
  );
  // Who never let a bank report the month is no outlier: nothing could be attested.
  const off = figures
    .map((f) => {
      const c = compareMonth(f.declared, f.attested);
      return { ...f, outcome: c && withConsent(c, f.month, periods.get(f.freelancer_id)) };
    })
    .filter(
      (f): f is typeof f & { outcome: MonthOutcome } =>
        f.outcome !== null && f.outcome !== 'matched' && f.outcome !== 'no_consent',
    )
    .sort((a, b) => Math.abs(b.declared - b.attested) - Math.abs(a.declared - a.attested))
    .slice(0, 50);
  const ids = off.map((f) => f.freelancer_id);
  const people = ids.length
    ? await deps.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
    : [];
  const notes = ids.length
    ? await deps.db
        .selectFrom('remittance_explanations')
        .select(['freelancer_id', 'text'])
        .where('freelancer_id', 'in', ids)
        .where('month', '=', `${q.month}-01`)
        .execute()
    : [];
  await recordChange(deps.db, actor, deps.clock, {
    action: 'remittance_individuals.viewed',
    entity: 'remittance_outliers',
    entityId: q.month,
    details: { purpose, freelancers: ids.length },
  });
  // Each person shown is on their own data-access record, with the reader's purpose (decision 0050).
  await recordReads(deps.db, deps.clock, actor, {
    subjectUserIds: ids,
    fields: ['earnings'],
    purpose,
    via: 'remittance_outliers',
  });
  return off.map((f) => ({
    freelancerId: f.freelancer_id,
    name: people.find((p) => p.id === f.freelancer_id)?.name ?? '',
    month: f.month,
    declared: f.declared,
    attested: f.attested,
    outcome: f.outcome,
    explanation: notes.find((n) => n.freelancer_id === f.freelancer_id)?.text ?? null,
  }));
}

import { sql } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { invalidField } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import type { EarningsDeclaration, EarningsSummary } from './freelancers.schema.ts';
import type { EarningsPlatform } from './freelancers.table.ts';

/** Aggregates over fewer declarants than this are withheld, so no one's income can be read off. */
export const MIN_GROUP = 3;

type Row = {
  month: string;
  platform: EarningsPlatform;
  amount_minor: number;
  declared_at: Date;
  updated_at: Date;
};
const toDeclaration = (r: Row): EarningsDeclaration => ({
  month: r.month.slice(0, 7),
  platform: r.platform,
  amount: { amountMinor: Number(r.amount_minor), currency: 'USD' },
  declaredAt: r.declared_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** One declaration per freelancer, month and platform; declaring again corrects it. */
export async function declareEarnings(
  deps: Deps,
  actor: Actor,
  input: { month: string; platform: EarningsPlatform; amountMinor: number },
): Promise<EarningsDeclaration> {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const now = deps.clock.now();
  if (input.month > karachiDate(now).slice(0, 7)) throw invalidField('month', 'must not be in the future');
  if (input.month < '2020-01') throw invalidField('month', 'must be 2020 or later');
  const month = `${input.month}-01`;
  return inTransaction(deps.db, async (trx) => {
    const before = await trx
      .selectFrom('earnings_declarations')
      .selectAll()
      .where('freelancer_id', '=', actor.userId)
      .where('month', '=', month)
      .where('platform', '=', input.platform)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('earnings_declarations')
      .values({
        freelancer_id: actor.userId,
        month,
        platform: input.platform,
        amount_minor: input.amountMinor,
        currency: 'USD',
        declared_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['freelancer_id', 'month', 'platform'])
          .doUpdateSet({ amount_minor: input.amountMinor, updated_at: now }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toDeclaration(row);
    await recordChange(trx, actor, deps.clock, {
      action: before ? 'earnings.corrected' : 'earnings.declared',
      entity: 'earnings_declaration',
      entityId: `${actor.userId}:${input.month}:${input.platform}`,
      before: before ? toDeclaration(before) : undefined,
      after,
    });
    return after;
  });
}

export async function listMyEarnings(deps: Deps, actor: Actor): Promise<EarningsDeclaration[]> {
  requireUser(actor);
  const rows = await deps.db
    .selectFrom('earnings_declarations')
    .selectAll()
    .where('freelancer_id', '=', actor.userId)
    .orderBy('month', 'desc')
    .orderBy('platform')
    .execute();
  return rows.map(toDeclaration);
}

/** Public: totals by month and platform; groups under MIN_GROUP declarants are withheld. */
export async function earningsSummary(
  deps: Deps,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<EarningsSummary> {
  let query = deps.db
    .selectFrom('earnings_declarations')
    .select([
      sql<string>`to_char(month, 'YYYY-MM')`.as('m'),
      'platform',
      sql<number>`count(DISTINCT freelancer_id)`.as('declarants'),
      sql<number>`sum(amount_minor)`.as('total'),
    ])
    .groupBy(['month', 'platform']);
  if (q.from) query = query.where('month', '>=', `${q.from}-01`);
  if (q.to) query = query.where('month', '<=', `${q.to}-01`);
  const byPlatform = await query.execute();
  let monthQ = deps.db
    .selectFrom('earnings_declarations')
    .select([
      sql<string>`to_char(month, 'YYYY-MM')`.as('m'),
      sql<number>`count(DISTINCT freelancer_id)`.as('declarants'),
      sql<number>`sum(amount_minor)`.as('total'),
    ])
    .groupBy('month')
    .orderBy('month');
  if (q.from) monthQ = monthQ.where('month', '>=', `${q.from}-01`);
  if (q.to) monthQ = monthQ.where('month', '<=', `${q.to}-01`);
  const months = await monthQ.execute();
  const usd = (n: number, count: number) =>
    count >= MIN_GROUP ? { amountMinor: Number(n), currency: 'USD' as const } : null;
  return {
    minimumGroupSize: MIN_GROUP,
    months: months.map((m) => ({
      month: m.m,
      declarants: Number(m.declarants),
      total: usd(m.total, Number(m.declarants)),
      byPlatform: byPlatform
        .filter((p) => p.m === m.m)
        .sort((a, b) => a.platform.localeCompare(b.platform))
        .map((p) => ({
          platform: p.platform,
          declarants: Number(p.declarants),
          total: usd(p.total, Number(p.declarants)),
        })),
    })),
  };
}

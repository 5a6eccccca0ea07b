import { sql } from 'kysely';
import type { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { toFxRate, toRuleSet, uniqueAsConflict } from './fund.repository.ts';
import type { BudgetSchema, FxRate } from './fund.schema.ts';
import type { FundCurrency } from './fund.table.ts';
import { actingUserId, requireStaff } from './fund-access.ts';
import { fiscalYearLabel, parseRate, type RuleSet } from './fund-rules.ts';

// What staff set and everyone may read: the eligibility rules by effective date, the dated rates
// of each currency to PKR (like the loans' benchmark rates), and the annual envelope by fiscal year (July–June).

export async function listRuleSets(deps: Deps): Promise<RuleSet[]> {
  const rows = await deps.db
    .selectFrom('fund_rule_sets')
    .selectAll()
    .orderBy('effective_from', 'desc')
    .execute();
  return rows.map(toRuleSet);
}

/**
 * A new rule set from a day on; earlier applications keep the rules they were checked against.
 * Never from a day already past: applications submitted since were checked against the set then in
 * force (decision 0033), and a set dated back would say otherwise.
 */
export async function addRuleSet(deps: Deps, actor: Actor, input: Omit<RuleSet, 'id'>): Promise<RuleSet> {
  requireStaff(actor);
  const today = karachiDate(deps.clock.now());
  if (input.effectiveFrom < today)
    throw new AppError('validation_failed', `effectiveFrom: must be today (${today}) or later`, {
      fields: [
        {
          path: 'effectiveFrom',
          message: `must be today (${today}) or later: applications since were checked against the rules then in force`,
          rule: 'effective_in_past',
          params: { date: today },
        },
      ],
    });
  return uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('fund_rule_sets')
        .values({
          effective_from: input.effectiveFrom,
          max_grant_minor: input.maxGrantMinor,
          max_grant_share_bps: input.maxGrantShareBps,
          min_foreign_share_bps: input.minForeignShareBps,
          max_grants_per_startup: input.maxGrantsPerStartup,
          quorum: input.quorum,
          min_score: input.minScore,
          max_rate_age_days: input.maxRateAgeDays,
          appeal_window_days: input.appealWindowDays,
          created_by: actingUserId(actor),
          created_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.rules_published',
        entity: 'fund_rule_set',
        entityId: row.id,
        after: toRuleSet(row),
      });
      return toRuleSet(row);
    }),
  );
}

export async function listFxRates(deps: Deps): Promise<FxRate[]> {
  const rows = await deps.db
    .selectFrom('fund_fx_rates')
    .selectAll()
    .orderBy('on_date', 'desc')
    .limit(400)
    .execute();
  return rows.map(toFxRate);
}

export async function addFxRate(
  deps: Deps,
  actor: Actor,
  input: { currency?: FundCurrency | undefined; onDate: string; rate: string; source: string },
): Promise<FxRate> {
  requireStaff(actor);
  return uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('fund_fx_rates')
        .values({
          currency: input.currency ?? 'USD',
          on_date: input.onDate,
          pkr_micros: parseRate(input.rate),
          source: input.source,
          created_by: actingUserId(actor),
          created_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.fx_rate_entered',
        entity: 'fund_fx_rate',
        entityId: row.id,
        after: toFxRate(row),
      });
      return toFxRate(row);
    }),
  );
}

type Budget = z.infer<typeof BudgetSchema>;

/** Each fiscal year's envelope, what is committed against it, what was paid, and what is left (PKR). */
export async function listBudgets(deps: Deps): Promise<Budget[]> {
  const rows = await sql<{
    fiscal_year: number;
    envelope_minor: string;
    committed_minor: string;
    disbursed: string;
    fx: string;
  }>`
    SELECT b.fiscal_year, b.envelope_minor::text, b.committed_minor::text,
      (coalesce((SELECT sum(t.amount_pkr_minor) FROM fund_tranches t JOIN fund_grants g ON g.id = t.grant_id WHERE g.fiscal_year = b.fiscal_year), 0)
       + coalesce((SELECT sum(m.amount_pkr_minor) FROM fund_jv_movements m JOIN fund_jv_funds j ON j.id = m.jv_id
                    WHERE j.fiscal_year = b.fiscal_year AND m.kind = 'call'), 0))::text AS disbursed,
      coalesce((SELECT sum(t.fx_difference_minor) FROM fund_tranches t JOIN fund_grants g ON g.id = t.grant_id WHERE g.fiscal_year = b.fiscal_year), 0)::text AS fx
    FROM fund_budgets b ORDER BY b.fiscal_year DESC`.execute(deps.db);
  return rows.rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    label: fiscalYearLabel(r.fiscal_year),
    envelopePkrMinor: Number(r.envelope_minor),
    committedPkrMinor: Number(r.committed_minor),
    disbursedPkrMinor: Number(r.disbursed),
    fxDifferencePkrMinor: Number(r.fx),
    leftPkrMinor: Number(r.envelope_minor) - Number(r.committed_minor),
  }));
}

/** Sets a fiscal year's envelope; never below what is already committed against it. */
export async function setBudget(
  deps: Deps,
  actor: Actor,
  input: { fiscalYear: number; envelopePkrMinor: number },
): Promise<Budget> {
  requireStaff(actor);
  await inTransaction(deps.db, async (trx) => {
    const current = await trx
      .selectFrom('fund_budgets')
      .selectAll()
      .where('fiscal_year', '=', input.fiscalYear)
      .forUpdate()
      .executeTakeFirst();
    if (current && current.committed_minor > input.envelopePkrMinor)
      throw new AppError('validation_failed', 'envelopePkrMinor: below what is already committed', {
        fields: [
          {
            path: 'envelopePkrMinor',
            message: 'is below what is already committed',
            rule: 'below_committed',
            params: { committedPkrMinor: current.committed_minor },
          },
        ],
      });
    await trx
      .insertInto('fund_budgets')
      .values({
        fiscal_year: input.fiscalYear,
        envelope_minor: input.envelopePkrMinor,
        updated_by: actingUserId(actor),
        updated_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc.column('fiscal_year').doUpdateSet({
          envelope_minor: input.envelopePkrMinor,
          updated_by: actingUserId(actor),
          updated_at: deps.clock.now(),
        }),
      )
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.budget_set',
      entity: 'fund_budget',
      entityId: String(input.fiscalYear),
      before: current ?? null,
      details: { envelopePkrMinor: input.envelopePkrMinor },
    });
  });
  return (await listBudgets(deps)).find((b) => b.fiscalYear === input.fiscalYear)!;
}

import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import type { Bilingual, RetentionRule } from '../../platform/personal-records.ts';
import { recordChange } from '../../platform/record-change.ts';
import { invalidField } from '../../shared/errors.ts';
import { discardEvidence, evidenceKeys } from './correction-evidence.service.ts';

/**
 * Retention (decision 0059): each kind of record an area keeps only for a while declares a default
 * period; staff change it (retention_settings, on the audit record); the nightly job deletes what is
 * older, and `markaz privacy retention --dry-run` shows what it would delete.
 */
const DAY_MS = 86_400_000;

/** The privacy area's own: requests decided long ago. */
export const privacyRetention: readonly RetentionRule[] = [
  {
    kind: 'decided_corrections',
    label: { en: 'Correction requests decided', ur: 'درستی کی فیصلہ شدہ درخواستیں' },
    defaultDays: 2 * 365,
    minDays: 365,
    count: async (db, before) =>
      (
        await db
          .selectFrom('correction_requests')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('status', '<>', 'pending')
          .where('decided_at', '<', before)
          .executeTakeFirstOrThrow()
      ).n,
    apply: async (db, before, deps) => {
      const files = await evidenceKeys(db, { decidedBefore: before });
      const n = Number(
        (
          await db
            .deleteFrom('correction_requests')
            .where('status', '<>', 'pending')
            .where('decided_at', '<', before)
            .executeTakeFirst()
        ).numDeletedRows,
      );
      // Evidence files go with their requests.
      await discardEvidence(deps, files);
      return n;
    },
  },
];

export type RetentionSetting = {
  kind: string;
  area: string;
  label: Bilingual;
  days: number;
  defaultDays: number;
  minDays: number;
  updatedAt: string | null;
};

function rules(deps: Pick<Deps, 'areas'>): { area: string; rule: RetentionRule }[] {
  return deps.areas.list.flatMap((a) =>
    (a.personalRecords?.retention ?? []).map((rule) => ({ area: a.name, rule })),
  );
}

export async function retentionSettings(deps: Deps): Promise<RetentionSetting[]> {
  const saved = new Map(
    (await deps.db.selectFrom('retention_settings').selectAll().execute()).map((r) => [r.kind, r]),
  );
  return rules(deps).map(({ area, rule }) => ({
    kind: rule.kind,
    area,
    label: rule.label,
    days: saved.get(rule.kind)?.days ?? rule.defaultDays,
    defaultDays: rule.defaultDays,
    minDays: rule.minDays,
    updatedAt: saved.get(rule.kind)?.updated_at.toISOString() ?? null,
  }));
}

/** Staff and the auditor see the periods. */
export async function listRetention(deps: Deps, actor: Actor) {
  requireRole(actor, 'program_admin', 'auditor');
  return { items: await retentionSettings(deps) };
}

/** An admin changes one kind's period (1 day to 100 years), on the audit record. */
export async function setRetention(deps: Deps, actor: Actor, kind: string, days: number) {
  requireRole(actor, 'program_admin');
  const known = rules(deps).find((r) => r.rule.kind === kind);
  if (!known)
    throw invalidField(
      'kind',
      `must be one of ${rules(deps)
        .map((r) => r.rule.kind)
        .join(', ')}`,
    );
  if (!Number.isInteger(days) || days < known.rule.minDays || days > 36_500)
    throw invalidField(
      'days',
      `a whole number of days, ${known.rule.minDays} to 36500 for this kind`,
      'retention_range',
    );
  const before = (await retentionSettings(deps)).find((s) => s.kind === kind)!.days;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('retention_settings')
      .values({
        kind,
        days,
        updated_by: actor.kind === 'user' ? actor.userId : null,
        updated_at: deps.clock.now(),
      })
      .onConflict((oc) =>
        oc.column('kind').doUpdateSet({
          days,
          updated_by: actor.kind === 'user' ? actor.userId : null,
          updated_at: deps.clock.now(),
        }),
      )
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'privacy.retention_set',
      entity: 'retention_setting',
      entityId: kind,
      before: { days: before },
      after: { days },
    });
  });
  return (await retentionSettings(deps)).find((s) => s.kind === kind)!;
}

export type RetentionRun = { kind: string; days: number; before: string; rows: number }[];

/** Applies every period (or, with `dryRun`, only counts): what each kind deletes. */
export async function runRetention(deps: Deps, opts: { dryRun: boolean }): Promise<RetentionRun> {
  const settings = new Map((await retentionSettings(deps)).map((s) => [s.kind, s.days]));
  const out: RetentionRun = [];
  for (const { rule } of rules(deps)) {
    const days = settings.get(rule.kind) ?? rule.defaultDays;
    const before = new Date(deps.clock.now().getTime() - days * DAY_MS);
    const rows = opts.dryRun ? await rule.count(deps.db, before) : await rule.apply(deps.db, before, deps);
    out.push({ kind: rule.kind, days, before: before.toISOString(), rows });
  }
  return out;
}

import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { digest } from '../shared/canonical-json.ts';
import type { Clock } from '../shared/time.ts';
import type { Actor } from './actor.ts';

export type ChangeEntry = {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** A small, non-secret summary shown to auditors (never passwords or tokens). */
  details?: Record<string, unknown>;
};

function actorColumns(actor: Actor): {
  actor_id: string | null;
  actor_kind: Database['audit_log']['actor_kind'];
} {
  switch (actor.kind) {
    case 'user':
      return { actor_id: actor.userId, actor_kind: 'user' };
    case 'api_key':
      return { actor_id: actor.apiKeyId, actor_kind: 'api_key' };
    case 'system':
      return { actor_id: null, actor_kind: 'system' };
    case 'anonymous':
      return { actor_id: null, actor_kind: 'anonymous' };
    default: {
      const never: never = actor;
      throw new Error(`unknown actor ${String(never)}`);
    }
  }
}

/**
 * The audit_log row for one entry (its chain columns are filled later, by the chainer); also what
 * a database function that writes the entry itself is given (markaz_book_seat).
 */
export function auditRow(actor: Actor, clock: Clock, entry: ChangeEntry) {
  const details = { ...(entry.details ?? {}) };
  if (actor.kind === 'system') details.system = actor.name;
  return {
    occurred_at: clock.now(),
    ...actorColumns(actor),
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_digest: digest(entry.before),
    after_digest: digest(entry.after),
    details: JSON.stringify(details),
    request_id: actor.requestId ?? null,
  };
}

/**
 * Appends one audit entry. Call it inside the transaction that makes the change, so the entry
 * exists exactly when the change does. Only digests of before/after are kept in the chain.
 */
export async function recordChange(
  trx: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  entry: ChangeEntry,
): Promise<void> {
  const row = auditRow(actor, clock, entry);
  await trx
    .insertInto('audit_log')
    .values({ ...row, details: row.details as unknown as Record<string, unknown> })
    .execute();
}

/**
 * The same entry as an INSERT for a data-modifying CTE of the statement that makes the change,
 * written only when `onlyIf` holds (e.g. `EXISTS (SELECT 1 FROM inserted)`): one round trip less,
 * and still exactly when the change exists. `entry.after` must be the row as the change writes it.
 */
export function recordChangeSql(
  actor: Actor,
  clock: Clock,
  entry: ChangeEntry,
  onlyIf: RawBuilder<boolean>,
): RawBuilder<unknown> {
  const r = auditRow(actor, clock, entry);
  return sql`INSERT INTO audit_log (occurred_at, actor_id, actor_kind, action, entity, entity_id,
      before_digest, after_digest, details, request_id)
    SELECT ${r.occurred_at}::timestamptz, ${r.actor_id}::uuid, ${r.actor_kind}, ${r.action}, ${r.entity}, ${r.entity_id},
      ${r.before_digest}, ${r.after_digest}, ${r.details}::jsonb, ${r.request_id}
    WHERE ${onlyIf}`;
}

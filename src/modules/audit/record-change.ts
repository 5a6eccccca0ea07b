import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { digest } from '../../shared/canonical-json.ts';
import type { Clock } from '../../shared/time.ts';
import type { Actor } from '../identity/index.ts';

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
 * Appends one audit entry. Call it inside the transaction that makes the change, so the entry
 * exists exactly when the change does. Only digests of before/after are kept in the chain.
 */
export async function recordChange(
  trx: Kysely<Database>,
  actor: Actor,
  clock: Clock,
  entry: ChangeEntry,
): Promise<void> {
  const details = { ...(entry.details ?? {}) };
  if (actor.kind === 'system') details.system = actor.name;
  await trx
    .insertInto('audit_log')
    .values({
      occurred_at: clock.now(),
      ...actorColumns(actor),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before_digest: digest(entry.before),
      after_digest: digest(entry.after),
      details: JSON.stringify(details) as unknown as Record<string, unknown>,
      request_id: actor.requestId ?? null,
    })
    .execute();
}

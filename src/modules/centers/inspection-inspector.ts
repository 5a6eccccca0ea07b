import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { invalidField } from '../../shared/errors.ts';

/**
 * Who inspects: a programme admin, the role that records an inspection (inspection.service.ts),
 * so whoever goes can also record what they found. Evaluators score plans and auditors only read.
 */
export const INSPECTOR_ROLE = 'program_admin' as const;

/** Refuses, naming `inspectorId`, anyone who is not an active programme admin (400, nothing changed). */
export async function checkInspector(trx: Kysely<Database>, inspectorId: string): Promise<void> {
  const user = await trx
    .selectFrom('users')
    .select(['role', 'status'])
    .where('id', '=', inspectorId)
    .executeTakeFirst();
  if (!user) throw invalidField('inspectorId', 'is not a user', 'inspector_unknown');
  if (user.role !== INSPECTOR_ROLE)
    throw invalidField('inspectorId', 'is not programme staff who can inspect', 'inspector_role');
  if (user.status !== 'active')
    throw invalidField('inspectorId', 'this account is disabled', 'inspector_disabled');
}

export type InspectorChange = 'assigned' | 'moved' | 'unassigned' | 'cancelled';

/**
 * Which inspectors hear of a change to a visit, and what: the one given it, the one taken off it,
 * the one whose visit moved or was cancelled. The same inspector kept and the window kept: nobody.
 */
export function inspectorNotices(
  change: 'booked' | 'rescheduled' | 'cancelled' | 'inspector',
  before: string | null,
  after: string | null,
): { inspectorId: string; change: InspectorChange }[] {
  if (change === 'cancelled') return before ? [{ inspectorId: before, change: 'cancelled' }] : [];
  const out: { inspectorId: string; change: InspectorChange }[] = [];
  if (before && before !== after) out.push({ inspectorId: before, change: 'unassigned' });
  if (after && after !== before) out.push({ inspectorId: after, change: 'assigned' });
  if (after && after === before && change === 'rescheduled')
    out.push({ inspectorId: after, change: 'moved' });
  return out;
}

/** The calendar's page cursor: the last visit shown, by its start and id (opaque to callers). */
export function encodeAfter(startsAt: Date, visitId: string): string {
  return Buffer.from(`${startsAt.toISOString()}|${visitId}`).toString('base64url');
}

export function decodeAfter(after: string): { startsAt: Date; visitId: string } {
  const [at, id] = Buffer.from(after, 'base64url').toString().split('|');
  const startsAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(startsAt.getTime()))
    throw invalidField('after', 'must be the nextAfter of the page before', 'cursor');
  return { startsAt, visitId: id };
}

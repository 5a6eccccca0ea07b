import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../shared/time.ts';

/**
 * A centre stops taking people for a while (a closure: holiday, outage) or for good (suspended,
 * closed). What that does to bookings belongs to the bookings area, which depends on this one;
 * so this area announces the event and bookings registers the handler (bookings/index.ts), and
 * the handler runs inside the same transaction as the change that caused it.
 */
export type CentreUnavailable = {
  centerId: string;
  reason: 'centre_closed' | 'centre_suspended';
  /** Shown to the people whose bookings it cancels: the closure's or the status change's reason. */
  note: string;
  /** The instants it covers; `until` null means from `from` on, for good. */
  from: Date;
  until: Date | null;
  /** A closure spares monthly desks (a holiday does not undo a month); suspension does not. */
  includeMonthly: boolean;
};

export type Affected = { bookings: number; waitlist: number };

export interface CentreUnavailableHandler {
  /** How many bookings and waitlist places the event would cancel, changing nothing. */
  count(db: Kysely<Database>, e: CentreUnavailable, now: Date): Promise<Affected>;
  /** Cancels them, with an audit entry each, in the caller's transaction. */
  apply(trx: Kysely<Database>, actor: Actor, clock: Clock, e: CentreUnavailable): Promise<Affected>;
}

let handler: CentreUnavailableHandler | null = null;

export function onCentreUnavailable(h: CentreUnavailableHandler): void {
  handler = h;
}

const none: Affected = { bookings: 0, waitlist: 0 };

export const countAffected = (db: Kysely<Database>, e: CentreUnavailable, now: Date) =>
  handler ? handler.count(db, e, now) : Promise.resolve(none);

export const cancelAffected = (trx: Kysely<Database>, actor: Actor, clock: Clock, e: CentreUnavailable) =>
  handler ? handler.apply(trx, actor, clock, e) : Promise.resolve(none);

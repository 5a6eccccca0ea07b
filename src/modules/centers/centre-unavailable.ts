import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { defineHook } from '../../platform/hooks.ts';

/**
 * A centre stops taking people for a while (a closure: holiday, outage) or for good (suspended,
 * closed). What that does to bookings belongs to the bookings area, which depends on this one;
 * so this area defines a hook point and bookings subscribes to it in its manifest; the handler runs
 * inside the same transaction as the change that caused it (src/platform/hooks.ts).
 */
export type CentreUnavailable = {
  centerId: string;
  reason: 'centre_closed' | 'centre_suspended';
  /** Shown to the people whose bookings it cancels: the closure's or the status change's reason. */
  note: string;
  /** The note in Urdu, where there is one (a closure's `reasonUr`). */
  noteUr?: string | null;
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
  /** Cancels them, with an audit entry (and domain events) each, in the caller's transaction. */
  apply(deps: Deps, trx: Kysely<Database>, actor: Actor, e: CentreUnavailable): Promise<Affected>;
}

/** Bookings subscribes to this point in its manifest (bookings/index.ts). */
export const centreUnavailable = defineHook<CentreUnavailableHandler>('centers.centre-unavailable');

const add = (a: Affected, b: Affected): Affected => ({
  bookings: a.bookings + b.bookings,
  waitlist: a.waitlist + b.waitlist,
});

/** Every subscriber's answer, added up. */
async function sumOver(
  deps: Deps,
  each: (h: CentreUnavailableHandler) => Promise<Affected>,
): Promise<Affected> {
  let total: Affected = { bookings: 0, waitlist: 0 };
  for (const h of deps.areas.hooks(centreUnavailable)) total = add(total, await each(h));
  return total;
}

export const countAffected = (deps: Deps, db: Kysely<Database>, e: CentreUnavailable, now: Date) =>
  sumOver(deps, (h) => h.count(db, e, now));

export const cancelAffected = (deps: Deps, trx: Kysely<Database>, actor: Actor, e: CentreUnavailable) =>
  sumOver(deps, (h) => h.apply(deps, trx, actor, e));

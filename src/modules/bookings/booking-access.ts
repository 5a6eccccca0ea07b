import type { Actor } from '../../platform/actor.ts';
import { canReadAnyCenter, isCenterAdmin } from '../centers/index.ts';
import type { BookingRow } from './bookings.repository.ts';

export const isBooker = (actor: Actor, b: Pick<BookingRow, 'booker_id'>) =>
  actor.kind === 'user' && actor.userId === b.booker_id;

export const runsCenter = (actor: Actor, b: Pick<BookingRow, 'owner_id'>) =>
  isCenterAdmin(actor) || (actor.kind === 'user' && actor.userId === b.owner_id);

/** Who may see a booking: its booker, the centre's owner, programme staff. */
export const canSeeBooking = (actor: Actor, b: Pick<BookingRow, 'booker_id' | 'owner_id'>) =>
  isBooker(actor, b) || runsCenter(actor, b) || canReadAnyCenter(actor);

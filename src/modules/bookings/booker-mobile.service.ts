import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole } from '../../platform/actor.ts';
import { recordDataAccess } from '../../platform/data-access.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { contactsOf } from '../identity/index.ts';
import * as repo from './bookings.repository.ts';
import { requireCenterReader } from './manage-booking.service.ts';

/**
 * Why the front desk opens a booker's number: to help with the booking (greet them, tell them of a
 * change) or to pay a refund back. The booker reads the reason on their "who looked at my data" page.
 */
export const DESK_PURPOSES = ['booking_support', 'booking_refund'] as const;

export const BookerMobileInputSchema = z
  .object({
    purpose: z.enum(DESK_PURPOSES).describe('Why you open the number; recorded and shown to the booker'),
  })
  .meta({ id: 'BookerMobileInput' });

export const BookerMobileSchema = z
  .object({
    bookingId: z.string().uuid(),
    mobile: z.string().nullable().describe('In full, +92XXXXXXXXXX; null when the account has none'),
  })
  .meta({ id: 'RevealedBookerMobile' });
export type BookerMobile = z.infer<typeof BookerMobileSchema>;

/**
 * The full mobile of one booking's booker, for whoever may read the centre's bookings (its owner,
 * programme staff), only for a booking at that centre. The look goes on the booker's record
 * (issue 22), with the purpose and the centre it was opened at; nothing is recorded when there is
 * no number to show.
 */
export async function revealBookerMobile(
  deps: Deps,
  actor: Actor,
  centerId: string,
  bookingId: string,
  input: z.infer<typeof BookerMobileInputSchema>,
): Promise<BookerMobile> {
  await requireCenterReader(deps, actor, centerId);
  // The auditor reads the lists (masked) but serves no booker at a desk: neither purpose is theirs.
  if (actorRole(actor) === 'auditor')
    throw new AppError(
      'forbidden',
      'Opening a booker’s number is for the centre’s front desk and programme staff',
    );
  const row = await repo.findBookingRow(deps.db, bookingId);
  if (!row || row.center_id !== centerId) throw notFound('Booking');
  const mobile = (await contactsOf(deps, [row.booker_id])).get(row.booker_id)?.mobile ?? null;
  if (mobile !== null)
    await recordDataAccess(deps.db, deps.clock, actor, {
      subjectUserId: row.booker_id,
      fields: ['mobile'],
      purpose: input.purpose,
      via: `front desk: ${row.center_name}`,
    });
  return { bookingId, mobile };
}

import type { BookingStatus, CancelReason } from './bookings.table.ts';

/** Cancel reasons that mean the centre (a closure, closing for good) or the programme (a suspension) cancelled. */
export const CANCELLED_BY_CENTRE = [
  'centre_closed',
  'centre_suspended',
] as const satisfies readonly CancelReason[];

type RefundFacts = {
  paid: boolean;
  status: BookingStatus;
  cancel_reason: CancelReason | null;
  refunded_at: Date | null;
};

/** Why no refund is due; the problem's `reason` when marking one refunded is refused. */
export type NoRefund = 'not_cancelled_by_centre' | 'not_paid' | 'already_refunded';

export const NO_REFUND_MESSAGE: Record<NoRefund, string> = {
  not_cancelled_by_centre:
    'No refund is due: only a booking the centre or the programme cancelled is refunded (the booker cancelled it, or it stands)',
  not_paid: 'No refund is due: this booking was never marked paid',
  already_refunded: 'No refund is due: this booking is already marked refunded',
};

const byCentre = (r: CancelReason | null) =>
  r !== null && (CANCELLED_BY_CENTRE as readonly CancelReason[]).includes(r);

/**
 * The refund rule: a booking that was paid and then cancelled by the centre or the programme is
 * owed back to its booker until the owner marks it refunded. Null when a refund is due. The same
 * rule is written in SQL in bookings.repository.ts (listing, the guarded UPDATE) and guarded by
 * the `bookings_refund_was_due` CHECK.
 */
export function whyNoRefund(b: RefundFacts): NoRefund | null {
  if (b.status !== 'cancelled' || !byCentre(b.cancel_reason)) return 'not_cancelled_by_centre';
  if (!b.paid) return 'not_paid';
  if (b.refunded_at !== null) return 'already_refunded';
  return null;
}

export const isRefundDue = (b: RefundFacts): boolean => whyNoRefund(b) === null;

import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import type { BookingConflict } from './lib';

/**
 * A booking refused with 409: the freelancer's own booking then (one person, one seat at a time),
 * or the seat taken by someone else, with the free seats to book instead or, when none is free,
 * the waitlist.
 */
export function ConflictAlert({
  conflict,
  take,
  waitlist,
}: {
  conflict: BookingConflict;
  take: (seatId: string) => void;
  /** Null for a monthly desk (no waitlist). */
  waitlist: { done: boolean; join: UseMutationResult<unknown, Error, void> } | null;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (conflict.ownBookings.length)
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert-title">{t('bk.book.ownTitle')}</p>
        <ul>
          {conflict.ownBookings.map((o) => (
            <li key={o.bookingId}>
              {t('bk.book.ownItem', {
                centre: o.centerName,
                from: fmt.dateTime(o.start),
                to: fmt.dateTime(o.end),
              })}
            </li>
          ))}
        </ul>
        <p>{t('bk.book.ownRule')}</p>
        <Link to="/bookings">{t('bk.book.myBookings')}</Link>
      </div>
    );
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert-title">{t('bk.book.taken')}</p>
      {conflict.alternatives.length ? (
        <>
          <p>{t('bk.book.alternatives')}</p>
          <div className="actions">
            {conflict.alternatives.slice(0, 8).map((a) => (
              <button key={a.seatId} type="button" className="btn" onClick={() => take(a.seatId)}>
                {t('bk.book.takeThis', { label: a.label })}
              </button>
            ))}
          </div>
        </>
      ) : waitlist ? (
        <>
          <p>{t('bk.book.full')}</p>
          {waitlist.done ? (
            <p role="status">{t('bk.book.waitlisted')}</p>
          ) : (
            <button
              type="button"
              className="btn"
              onClick={() => waitlist.join.mutate()}
              disabled={waitlist.join.isPending}
            >
              {t('bk.book.joinWaitlist')}
            </button>
          )}
          {waitlist.join.error ? <FormAlert error={waitlist.join.error} /> : null}
        </>
      ) : null}
    </div>
  );
}

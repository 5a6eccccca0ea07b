import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { type CreatedBookings, timeOf } from './lib';

/** What the booking form shows once booked: each booking, skipped days, the total, where to go. */
export function BookingDone({ done }: { done: CreatedBookings }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <Notice kind="success">
        <p>
          {done.bookings.length > 1
            ? t('bk.book.doneMany', { count: done.bookings.length })
            : t('bk.book.done')}
        </p>
        <ul className="plain-list">
          {done.bookings.map((b) => (
            <li key={b.id}>
              {fmt.date(b.start)} {timeOf(b.start)}–{timeOf(b.end)} ·{' '}
              {t('bk.mine.seat', { label: b.seatLabel, kind: t(`bk.kind.${b.seatKind}`) })}
            </li>
          ))}
        </ul>
        {done.skipped.length ? (
          <p>{t('bk.book.skipped', { dates: done.skipped.map((s) => fmt.date(s.date)).join(', ') })}</p>
        ) : null}
        <p>{t('bk.book.total', { price: fmt.pkr(done.total.amountMinor) })}</p>
      </Notice>
      <div className="actions">
        <Link className="btn btn--primary" to="/bookings">
          {t('bk.book.myBookings')}
        </Link>
      </div>
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { LogReceipts } from '../audit/LogReceipts';
import { BookingCentreContact, CentrePhotos, RescheduleBox } from './BookingExtras';
import { CalendarLink } from './CalendarLink';
import { useCentre } from './CentrePage';
import {
  type Booking,
  cancelledByCentre,
  cancelNote,
  centerName,
  cityName,
  paymentState,
  timeOf,
} from './lib';
import './bookings.i18n';
import './bookings.css';

// The QR encoder loads only when someone opens a code.
const QrCode = lazy(() => import('./Qr').then((m) => ({ default: m.QrCode })));

function CheckInCode({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // The code rotates every 30 s on the server; fetch a fresh one every 25 s while the page is
  // visible (React Query pauses the interval in a background tab).
  const token = useQuery({
    queryKey: ['check-in-token', booking.id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/bookings/{id}/check-in-token', { params: { path: { id: booking.id } } })),
    refetchInterval: 25_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
    gcTime: 0,
  });
  if (token.isPending) return <Loading />;
  if (token.isError) return <FormAlert error={token.error} />;
  return (
    <div className="qr-box">
      <h4>{t('bk.mine.codeTitle')}</h4>
      <Suspense fallback={<Loading />}>
        <QrCode text={token.data.token} label={t('bk.mine.qrLabel')} />
      </Suspense>
      <p className="field-hint">{t('bk.mine.codeHelp', { s: fmt.number(token.data.stepSeconds) })}</p>
      <p>
        <span className="visually-hidden">{t('bk.mine.codeText')}: </span>
        <code className="code-text" data-testid="check-in-code">
          {token.data.token}
        </code>
      </p>
    </div>
  );
}

function CancelBox({
  booking,
  onClose,
  onDone,
}: {
  booking: Booking;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const centre = useCentre(booking.centerId);
  const cancel = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/bookings/{id}/cancel', { params: { path: { id: booking.id } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['my-bookings'] });
      onDone();
    },
  });
  const windowHours = centre.data?.rules.cancellationWindowHours;
  const start = new Date(booking.start).getTime();
  const freeUntil = windowHours === undefined ? null : start - windowHours * 3600_000;
  return (
    <section className="card card--muted" aria-labelledby={`cancel-${booking.id}`}>
      <p id={`cancel-${booking.id}`}>
        <strong>{t('bk.mine.cancelConfirm')}</strong>
      </p>
      {freeUntil === null ? null : Date.now() > freeUntil ? (
        <p>{t('bk.mine.cancelLate', { n: fmt.number(windowHours ?? 0) })}</p>
      ) : (
        <p>{t('bk.mine.cancelFree', { time: fmt.dateTime(freeUntil) })}</p>
      )}
      <FormAlert error={cancel.error} />
      <div className="actions">
        <button
          type="button"
          className="btn btn--danger"
          onClick={() => cancel.mutate()}
          disabled={cancel.isPending}
        >
          {t('bk.mine.cancelYes')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('bk.mine.cancelNo')}
        </button>
      </div>
    </section>
  );
}

function BookingCard({
  b,
  onCancelled,
  onMoved,
}: {
  b: Booking;
  onCancelled: () => void;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [showCode, setShowCode] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [moving, setMoving] = useState(false);
  const movable = b.plan !== 'monthly' && !b.paid;
  const upcoming = b.status === 'confirmed' && new Date(b.end).getTime() > Date.now();
  const startsLater = new Date(b.start).getTime() > Date.now();
  const byCentre = cancelledByCentre(b);
  const pay = paymentState(b);
  return (
    <li className="card booking-card" data-booking={b.id}>
      <h3>
        <Link to={`/centres/${b.centerId}`}>
          {centerName({ nameEn: b.centerName, nameUr: b.centerNameUr })}
        </Link>{' '}
        <span className="centre-city">· {cityName(b)}</span>
      </h3>
      <p>
        <strong>
          {fmt.date(b.start)},{' '}
          <span dir="ltr">
            {timeOf(b.start)}–{timeOf(b.end)}
          </span>
        </strong>{' '}
        · {t(`bk.plan.${b.plan}`)}
      </p>
      <p>{t('bk.mine.seat', { label: b.seatLabel, kind: t(`bk.kind.${b.seatKind}`) })}</p>
      <p className="centre-meta">
        <span className={`status-pill status-pill--${b.status}`}>{t(`bk.status.${b.status}`)}</span>
        {/* Cancelled by the centre: nothing owed, unless it was paid, when the refund says the rest. */}
        {!byCentre ? (
          <span>{t('bk.mine.owed', { price: fmt.pkr(b.price.amountMinor) })}</span>
        ) : pay === 'nothing_owed' ? (
          <span>{t(`bk.mine.nothingOwed.${byCentre}`)}</span>
        ) : null}
        {pay === 'refund_due' ? (
          <span className="badge" data-refund="due">
            {t('bk.mine.refundDue', { price: fmt.pkr(b.price.amountMinor) })}
          </span>
        ) : pay === 'refunded' ? (
          <span data-refund="done">{t('bk.mine.refunded', { date: fmt.date(b.refundedAt ?? '') })}</span>
        ) : pay === 'paid' ? (
          <span>{t('bk.mine.paid')}</span>
        ) : pay === 'unpaid' ? (
          <span>{t('bk.mine.unpaid')}</span>
        ) : null}
        {b.lateCancellation ? <span className="badge">{t('bk.mine.lateCancel')}</span> : null}
      </p>
      {byCentre ? (
        <p className="cancel-reason" data-cancel-reason={byCentre}>
          {t(`bk.mine.cancelledBy.${byCentre}`, { note: cancelNote(b, fmt.lang) })}
        </p>
      ) : null}
      {upcoming ? (
        <div className="actions">
          <button
            type="button"
            className="btn btn--primary"
            aria-expanded={showCode}
            onClick={() => setShowCode((s) => !s)}
          >
            {showCode ? t('bk.mine.hideCode') : t('bk.mine.showCode')}
          </button>
          {startsLater && movable && !moving ? (
            <button type="button" className="btn" onClick={() => setMoving(true)}>
              {t('bk.extra.move')}
            </button>
          ) : null}
          {startsLater && !cancelling ? (
            <button type="button" className="btn" onClick={() => setCancelling(true)}>
              {t('bk.mine.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      {upcoming && startsLater && b.paid && b.plan !== 'monthly' ? (
        <p className="field-hint">{t('bk.extra.paidNote')}</p>
      ) : null}
      {upcoming ? <BookingCentreContact booking={b} /> : null}
      {upcoming ? <CentrePhotos booking={b} /> : null}
      {moving ? (
        <RescheduleBox
          booking={b}
          onClose={() => setMoving(false)}
          onDone={() => {
            setMoving(false);
            onMoved();
          }}
        />
      ) : null}
      {showCode && upcoming ? <CheckInCode booking={b} /> : null}
      {cancelling ? (
        <CancelBox
          booking={b}
          onClose={() => setCancelling(false)}
          onDone={() => {
            setCancelling(false);
            onCancelled();
          }}
        />
      ) : null}
      <LogReceipts entity="booking" entityId={b.id} compact />
    </li>
  );
}

/** My places in waitlists; an offered seat can be accepted (it becomes a booking) before it expires. */
function Waitlist() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['my-waitlist'],
    queryFn: () => unwrap(api.GET('/api/v1/me/waitlist')),
    refetchInterval: 60_000,
  });
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['my-waitlist'] });
    void qc.invalidateQueries({ queryKey: ['my-bookings'] });
  };
  const accept = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/waitlist/{id}/accept', { params: { path: { id } } })),
    onSuccess: done,
  });
  const leave = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/waitlist/{id}/leave', { params: { path: { id } } })),
    onSuccess: done,
  });
  const live = (list.data ?? []).filter(
    (w) =>
      w.status === 'waiting' ||
      w.status === 'offered' ||
      (w.status === 'cancelled' && new Date(w.end).getTime() > Date.now()),
  );
  if (live.length === 0 && !list.error) return null;
  return (
    <section aria-labelledby="wl-h">
      <h2 id="wl-h">{t('bk.wl.title')}</h2>
      <FormAlert error={list.error ?? accept.error ?? leave.error} />
      <ul className="booking-list">
        {live.map((w) => (
          <li key={w.id} className="card booking-card">
            <h3>{centerName({ nameEn: w.centerName, nameUr: w.centerNameUr })}</h3>
            <p>
              {fmt.date(w.start)},{' '}
              <span dir="ltr">
                {timeOf(w.start)}–{timeOf(w.end)}
              </span>{' '}
              · {t(`bk.kind.${w.seatKind}`)}
            </p>
            {w.cancelReason ? (
              <p className="cancel-reason">{t(`bk.wl.cancelled.${w.cancelReason}`)}</p>
            ) : w.status === 'offered' ? (
              <p>
                <strong>
                  {t('bk.wl.offered', {
                    seat: w.offeredSeatLabel ?? '',
                    time: w.offerExpiresAt ? fmt.dateTime(w.offerExpiresAt) : '',
                  })}
                </strong>
              </p>
            ) : (
              <p>{t('bk.wl.position', { n: fmt.number(w.position ?? 0) })}</p>
            )}
            <div className="actions" hidden={w.status === 'cancelled'}>
              {w.status === 'offered' ? (
                <button
                  type="button"
                  className="btn btn--primary"
                  onClick={() => accept.mutate(w.id)}
                  disabled={accept.isPending}
                >
                  {t('bk.wl.accept')}
                </button>
              ) : null}
              <button
                type="button"
                className="btn"
                onClick={() => leave.mutate(w.id)}
                disabled={leave.isPending}
              >
                {t('bk.wl.leave')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function MyBookingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const scope = params.get('scope') === 'past' ? 'past' : 'upcoming';
  const [notice, setNotice] = useState<'cancelled' | 'moved' | null>(null);
  const list = useQuery({
    queryKey: ['my-bookings', scope],
    queryFn: () => unwrap(api.GET('/api/v1/me/bookings', { params: { query: { scope, limit: 100 } } })),
  });
  const items = list.data ? (scope === 'past' ? [...list.data].reverse() : list.data) : [];
  return (
    <Page title={t('bk.mine.title')}>
      <nav className="tabs" aria-label={t('bk.mine.title')}>
        <Link to="/bookings" aria-current={scope === 'upcoming' ? 'page' : undefined}>
          {t('bk.mine.upcoming')}
        </Link>
        <Link to="/bookings?scope=past" aria-current={scope === 'past' ? 'page' : undefined}>
          {t('bk.mine.past')}
        </Link>
      </nav>
      {notice ? (
        <Notice kind="success">
          <p>{notice === 'moved' ? t('bk.extra.moved') : t('bk.mine.cancelled')}</p>
        </Notice>
      ) : null}
      {list.isPending ? <Loading /> : null}
      <FormAlert error={list.error} />
      {list.data && items.length === 0 ? (
        <p>
          {t('bk.mine.none')} <Link to="/centres">{t('bk.mine.find')}</Link>
        </p>
      ) : null}
      <ul className="booking-list">
        {items.map((b) => (
          <BookingCard
            key={b.id}
            b={b}
            onCancelled={() => setNotice('cancelled')}
            onMoved={() => setNotice('moved')}
          />
        ))}
      </ul>
      <Waitlist />
      <CalendarLink />
      <ul className="link-list">
        <li>
          <Link to="/bookings/earnings">{t('bk.mine.earnings')}</Link>
        </li>
        <li>
          <Link to="/bookings/profile">{t('bk.mine.profile')}</Link>
        </li>
      </ul>
    </Page>
  );
}

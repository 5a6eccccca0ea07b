import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { CentreContact } from './CentreContact';
import { useCentre } from './CentrePage';
import { photoAlt } from './CentrePhotos';
import { type Booking, centerName, karachiToday, quarterHours, timeOf } from './lib';
import './booking-extras.i18n';

/** The booked centre's phone and directions. */
export function BookingCentreContact({ booking }: { booking: Booking }) {
  const centre = useCentre(booking.centerId);
  return centre.data ? <CentreContact centre={centre.data} /> : null;
}

/** Photos of the booked centre from its latest passed inspection, loaded when asked for. */
export function CentrePhotos({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const photos = useQuery({
    queryKey: ['booking-photos', booking.id],
    queryFn: () => unwrap(api.GET('/api/v1/bookings/{id}/photos', { params: { path: { id: booking.id } } })),
    enabled: open,
  });
  const name = centerName({ nameEn: booking.centerName, nameUr: booking.centerNameUr });
  return (
    <div>
      <button type="button" className="btn btn--link" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('bk.extra.photosHide') : t('bk.extra.photos')}
      </button>
      {open && photos.isPending ? <Loading /> : null}
      <FormAlert error={photos.error} />
      {open && photos.data ? (
        photos.data.length === 0 ? (
          <p className="field-hint">{t('bk.extra.noPhotos')}</p>
        ) : (
          <ul className="photo-strip">
            {photos.data.map((p, i) => (
              <li key={p.id}>
                <img
                  src={`/api/v1/bookings/${booking.id}/photos/${p.id}`}
                  alt={photoAlt(p) ?? t('bk.extra.photoAlt', { n: fmt.number(i + 1), centre: name })}
                  loading="lazy"
                  width={240}
                  height={160}
                />
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

type Alternative = { date: string; from: string; to: string };

/** Move a booking to another time: the server cancels and rebooks in one go, or changes nothing. */
export function RescheduleBox({
  booking,
  onClose,
  onDone,
}: {
  booking: Booking;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const timed = booking.plan === 'hourly' || booking.plan === 'meeting_room';
  const [date, setDate] = useState(booking.start ? karachiDay(booking.start) : karachiToday());
  const [from, setFrom] = useState(timeOf(booking.start));
  const [to, setTo] = useState(timeOf(booking.end));
  const move = useMutation({
    mutationFn: (v: Alternative) =>
      unwrap(
        api.POST('/api/v1/bookings/{id}/reschedule', {
          params: { path: { id: booking.id } },
          body: timed ? v : { date: v.date },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['my-bookings'] });
      onDone();
    },
  });
  const err = move.error instanceof ApiError ? move.error : null;
  const alternatives =
    err?.status === 409
      ? ((err.problem as { alternativeTimes?: Alternative[] }).alternativeTimes ?? [])
      : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate({ date, from, to });
  };
  const times = quarterHours();
  return (
    <section className="card card--muted" aria-labelledby={`move-${booking.id}`}>
      <h4 id={`move-${booking.id}`}>{t('bk.extra.moveTitle')}</h4>
      <p className="field-hint">{t('bk.extra.moveHelp')}</p>
      <form onSubmit={submit} className="form" noValidate>
        <TextField
          id={`move-date-${booking.id}`}
          label={t('bk.extra.date')}
          type="date"
          min={karachiToday()}
          value={date}
          required
          onChange={(e) => setDate(e.target.value)}
          error={fieldError(move.error, 'date')}
        />
        {timed ? (
          <div className="row-2">
            <SelectField
              id={`move-from-${booking.id}`}
              label={t('bk.extra.from')}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              error={fieldError(move.error, 'from')}
            >
              {times.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </SelectField>
            <SelectField
              id={`move-to-${booking.id}`}
              label={t('bk.extra.to')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              error={fieldError(move.error, 'to')}
            >
              {times.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </SelectField>
          </div>
        ) : null}
        {alternatives ? (
          <Notice kind="info">
            <p>{t('bk.extra.noSeat')}</p>
            <p>{alternatives.length ? t('bk.extra.tryTimes') : t('bk.extra.tryNone')}</p>
            <div className="actions">
              {alternatives.map((a) => (
                <button
                  key={`${a.from}-${a.to}`}
                  type="button"
                  className="btn"
                  onClick={() => {
                    setFrom(a.from);
                    setTo(a.to);
                    move.mutate(a);
                  }}
                >
                  <span dir="ltr">{t('bk.extra.useTime', { from: a.from, to: a.to })}</span>
                </button>
              ))}
            </div>
          </Notice>
        ) : (
          <FormAlert error={move.error} />
        )}
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={move.isPending}>
            {t('bk.extra.moveYes')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('bk.extra.moveNo')}
          </button>
        </div>
      </form>
    </section>
  );
}

function karachiDay(iso: string): string {
  return karachiToday(new Date(iso));
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { BookingDone } from './BookingDone';
import { bookableWindow, defaultWindow, spanMinutes, stillAhead } from './book-times';
import { useCentre } from './CentrePage';
import { ConflictAlert } from './ConflictAlert';
import {
  addDays,
  BookingConflict,
  type BookingPlan,
  type Center,
  type CreateBookingInput,
  type CreatedBookings,
  centerName,
  cityName,
  isoWeekday,
  joinWaitlist,
  KINDS_FOR_PLAN,
  karachiTime,
  karachiToday,
  newKey,
  PLANS,
  postBooking,
  quarterHours,
  type SeatKind,
  slotTimes,
} from './lib';
import './bookings.i18n';
import './bookings.css';

const TIMED: BookingPlan[] = ['hourly', 'meeting_room'];

function priceOf(c: Center, plan: BookingPlan, from: string, to: string): number | null {
  // An end at or before the start is the next morning (a centre open past midnight).
  const span = spanMinutes(from, to);
  const perHour = (p: number | null) => (p === null ? null : Math.round((p * span) / 60));
  switch (plan) {
    case 'hourly':
      return from && to && to !== from ? perHour(c.prices.hourlyMinor) : null;
    case 'meeting_room':
      return from && to && to !== from ? perHour(c.prices.meetingRoomHourlyMinor) : null;
    case 'day_pass':
      return c.prices.dayPassMinor;
    case 'monthly':
      return c.prices.monthlyDeskMinor;
    default:
      return null;
  }
}

function offered(c: Center, plan: BookingPlan): boolean {
  const p = {
    hourly: c.prices.hourlyMinor,
    day_pass: c.prices.dayPassMinor,
    monthly: c.prices.monthlyDeskMinor,
    meeting_room: c.prices.meetingRoomHourlyMinor,
  }[plan];
  return p !== null;
}

function BookForm({ c }: { c: Center }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const plans = PLANS.filter((p) => offered(c, p));
  const [plan, setPlan] = useState<BookingPlan>(plans[0] ?? 'hourly');
  const { minNoticeMinutes: notice, maxDaysAhead: ahead } = c.rules;
  const [start] = useState(() => defaultWindow(c.openingHours, karachiToday(), karachiTime(), ahead, notice));
  const [date, setDate] = useState(start.date);
  const [from, setFrom] = useState(start.from);
  const [to, setTo] = useState(start.to);
  const [kind, setKind] = useState<SeatKind>(KINDS_FOR_PLAN[plans[0] ?? 'hourly'][0] ?? 'hot_desk');
  const [seatId, setSeatId] = useState('');
  const [repeat, setRepeat] = useState(false);
  const [weeks, setWeeks] = useState('4');
  const [mode, setMode] = useState<'all_or_nothing' | 'free_ones'>('all_or_nothing');
  // One key per submission: a retry of the same request (a timeout, a double tap) reuses it, so
  // the server answers with the first result instead of booking twice. A change makes a new one.
  const keyRef = useRef<{ body: string; key: string } | null>(null);
  const [waitlisted, setWaitlisted] = useState(false);

  const timed = TIMED.includes(plan);
  const hours = c.openingHours.find((h) => h.weekday === isoWeekday(date));
  const day = hours ? slotTimes(hours.opens, hours.closes) : quarterHours('00:00', '23:45');
  const times = stillAhead(day, date === karachiToday() ? karachiTime() : null, notice);
  // What the selects show is what is sent and priced: a time the day does not offer gives way.
  const win = bookableWindow(times, from, to);

  const free = useQuery({
    queryKey: ['free-seats', c.id, plan, date, timed ? win.from : '', timed ? win.to : '', kind],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers/{id}/free-seats', {
          params: {
            path: { id: c.id },
            query: { plan, date, kind, ...(timed ? win : {}) },
          },
        }),
      ),
    // An end before the start is the next morning (centres open past midnight); the server decides.
    enabled: !!date && (!timed || win.to !== win.from),
    retry: false,
  });

  const book = useMutation({
    mutationFn: (body: CreateBookingInput) => {
      const s = JSON.stringify(body);
      if (keyRef.current?.body !== s) keyRef.current = { body: s, key: newKey() };
      return postBooking(body, keyRef.current.key);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['my-bookings'] });
      void qc.invalidateQueries({ queryKey: ['free-seats'] });
    },
    onError: (e) => {
      // Someone else took the seat: the list of free seats is stale too.
      if (e instanceof BookingConflict) {
        setSeatId('');
        void qc.invalidateQueries({ queryKey: ['free-seats'] });
      }
    },
  });
  const wait = useMutation({
    mutationFn: () =>
      joinWaitlist({
        centerId: c.id,
        plan: plan === 'monthly' ? 'day_pass' : plan,
        seatKind: kind,
        date,
        ...(timed ? win : {}),
      }),
    onSuccess: () => setWaitlisted(true),
  });

  const bodyFor = (seat: string): CreateBookingInput => ({
    centerId: c.id,
    plan,
    date,
    mode,
    ...(seat ? { seatId: seat } : { seatKind: kind }),
    ...(timed ? win : {}),
    ...(repeat
      ? {
          recurrence: {
            weekdays: [1, 2, 3, 4, 5],
            until: addDays(date, Math.max(1, Number(weeks) || 1) * 7 - 1),
          },
        }
      : {}),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setWaitlisted(false);
    book.mutate(bodyFor(seatId));
  };

  const choosePlan = (p: BookingPlan) => {
    setPlan(p);
    setKind(KINDS_FOR_PLAN[p][0] ?? 'hot_desk');
    setSeatId('');
  };

  const price = priceOf(c, plan, win.from, win.to);
  const err = book.error;
  const conflict = err instanceof BookingConflict ? err : null;
  const done: CreatedBookings | undefined = book.data;

  if (done) return <BookingDone done={done} />;

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {err && !conflict ? <FormAlert error={err} /> : null}
      {err && !conflict && (err as { status?: number }).status === 0 ? <p>{t('bk.book.retrySame')}</p> : null}
      <SelectField
        id="book-plan"
        label={t('bk.book.plan')}
        value={plan}
        onChange={(e) => choosePlan(e.target.value as BookingPlan)}
        error={fieldError(err, 'plan')}
      >
        {plans.map((p) => (
          <option key={p} value={p}>
            {t(`bk.plan.${p}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="book-date"
        type="date"
        label={t('bk.book.date')}
        value={date}
        min={karachiToday()}
        max={addDays(karachiToday(), c.rules.maxDaysAhead)}
        required
        onChange={(e) => setDate(e.target.value)}
        hint={
          hours
            ? t('bk.book.hoursThatDay', { opens: hours.opens, closes: hours.closes })
            : date
              ? t('bk.book.closedThatDay')
              : undefined
        }
        error={fieldError(err, 'date')}
      />
      {timed ? (
        <div className="row-2">
          <SelectField
            id="book-from"
            label={t('bk.book.from')}
            value={win.from}
            onChange={(e) => setFrom(e.target.value)}
            error={fieldError(err, 'from')}
          >
            {times.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="book-to"
            label={t('bk.book.to')}
            value={win.to}
            onChange={(e) => setTo(e.target.value)}
            error={fieldError(err, 'to')}
          >
            {times.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      {KINDS_FOR_PLAN[plan].length > 1 ? (
        <SelectField
          id="book-kind"
          label={t('bk.book.seatKind')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as SeatKind);
            setSeatId('');
          }}
          error={fieldError(err, 'seatKind')}
        >
          {KINDS_FOR_PLAN[plan].map((k) => (
            <option key={k} value={k}>
              {t(`bk.kind.${k}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField
        id="book-seat"
        label={t('bk.book.seat')}
        value={seatId}
        onChange={(e) => setSeatId(e.target.value)}
        hint={
          free.isFetching
            ? t('bk.book.checking')
            : free.data && free.data.length === 0
              ? t('bk.book.noFree')
              : free.data
                ? t('bk.book.freeSeats', { n: fmt.number(free.data.length) })
                : undefined
        }
        error={fieldError(err, 'seatId')}
      >
        <option value="">{t('bk.book.anySeat')}</option>
        {(free.data ?? []).map((s) => (
          <option key={s.seatId} value={s.seatId}>
            {s.label}
          </option>
        ))}
      </SelectField>
      {plan !== 'monthly' ? (
        <fieldset className="choice">
          <legend>{t('bk.book.repeat')}</legend>
          <div className="check">
            <input
              type="checkbox"
              id="book-repeat"
              checked={repeat}
              onChange={(e) => setRepeat(e.target.checked)}
            />
            <label htmlFor="book-repeat">{t('bk.book.weeksHint')}</label>
          </div>
          {repeat ? (
            <>
              <TextField
                id="book-weeks"
                type="number"
                inputMode="numeric"
                min={1}
                max={12}
                label={t('bk.book.repeatWeeks')}
                value={weeks}
                onChange={(e) => setWeeks(e.target.value)}
                error={fieldError(err, 'recurrence') ?? fieldError(err, 'recurrence.weekdays')}
              />
              <p className="choice-hint">{t('bk.book.mode')}</p>
              {(['all_or_nothing', 'free_ones'] as const).map((m) => (
                <label key={m} className="choice-option">
                  <input type="radio" name="book-mode" checked={mode === m} onChange={() => setMode(m)} />
                  <span>{m === 'all_or_nothing' ? t('bk.book.allOrNothing') : t('bk.book.freeOnes')}</span>
                </label>
              ))}
            </>
          ) : null}
        </fieldset>
      ) : null}
      {price !== null ? (
        <p className="centre-price" aria-live="polite">
          {repeat
            ? t('bk.book.priceEach', { price: fmt.pkr(price) })
            : t('bk.book.price', { price: fmt.pkr(price) })}
        </p>
      ) : null}
      {plan === 'hourly' &&
      price !== null &&
      c.prices.dayPassMinor !== null &&
      price > c.prices.dayPassMinor ? (
        <div className="alert alert--info" data-hint="day-pass">
          <p>{t('front.dayPassCheaper', { price: fmt.pkr(c.prices.dayPassMinor) })}</p>
          <button type="button" className="btn btn--small" onClick={() => choosePlan('day_pass')}>
            {t('front.useDayPass')}
          </button>
        </div>
      ) : null}
      {conflict ? (
        <ConflictAlert
          conflict={conflict}
          waitlist={plan !== 'monthly' ? { done: waitlisted, join: wait } : null}
          take={(seat) => {
            setSeatId(seat);
            book.mutate(bodyFor(seat));
          }}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={book.isPending}>
          {book.isPending ? t('bk.book.sending') : t('bk.book.submit')}
        </button>
      </div>
    </form>
  );
}

export default function BookPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const centre = useCentre(id);
  if (centre.isPending) return <Loading />;
  if (centre.isError) return <FormAlert error={centre.error} />;
  return (
    <Page title={t('bk.book.title', { name: centerName(centre.data) })}>
      <p>
        <Link to={`/centres/${centre.data.id}`}>
          <bdi>{centre.data.address}</bdi>, <bdi>{cityName(centre.data)}</bdi>
        </Link>
      </p>
      <BookForm c={centre.data} />
    </Page>
  );
}

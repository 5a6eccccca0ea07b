import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { BookedBy } from './BookedBy';
import {
  addDays,
  type CentreBooking,
  cancelledByCentre,
  centerName,
  cityName,
  karachiToday,
  paymentState,
  timeOf,
} from './lib';
import { MarkRefunded, RefundsDue, useMarkRefunded } from './RefundsDue';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';

type Occupancy = components['schemas']['OccupancyReport'];

export function useMyCentres() {
  const me = useMe();
  const staff = me.data?.role === 'program_admin' || me.data?.role === 'auditor';
  return useQuery({
    queryKey: ['my-centres', staff],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers', {
          params: { query: staff ? { limit: 200 } : { mine: 'true', limit: 200 } },
        }),
      ),
    enabled: !!me.data,
  });
}

/** A centre's day at the front desk; `withRefunds` adds its refunds due (staff, see below). */
function DayBookings({ centreId, withRefunds }: { centreId: string; withRefunds: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [date, setDate] = useState(karachiToday());
  const list = useQuery({
    queryKey: ['centre-bookings', centreId, date],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers/{id}/bookings', { params: { path: { id: centreId }, query: { date } } }),
      ),
  });
  const paid = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/bookings/{id}/paid', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre-bookings', centreId] }),
  });
  const refund = useMarkRefunded(centreId);
  return (
    <>
      {withRefunds ? <RefundsDue centreId={centreId} /> : null}
      <section aria-labelledby={`day-${centreId}`}>
        <h3 id={`day-${centreId}`}>{t('bk.owner.today')}</h3>
        <TextField
          id={`day-date-${centreId}`}
          type="date"
          label={t('bk.book.date')}
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        {list.isPending ? <Loading /> : null}
        <FormAlert error={list.error ?? paid.error ?? refund.error} />
        {list.data && list.data.length === 0 ? <p>{t('bk.owner.noBookings')}</p> : null}
        {list.data && list.data.length > 0 ? (
          <ScrollTable label={t('bk.owner.today')} stack>
            <thead>
              <tr>
                <th scope="col">{t('bk.mine.when')}</th>
                <th scope="col">{t('bk.book.seat')}</th>
                <th scope="col">{t('bk.owner.bookedBy')}</th>
                <th scope="col">{t('bk.owner.status')}</th>
                <th scope="col">{t('bk.owner.owed')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((b: CentreBooking) => {
                const pay = paymentState(b);
                return (
                  <tr key={b.id}>
                    <td data-label={t('bk.mine.when')}>
                      <span dir="ltr">
                        {timeOf(b.start)}–{timeOf(b.end)}
                      </span>
                    </td>
                    <td data-label={t('bk.book.seat')}>{b.seatLabel}</td>
                    <td data-label={t('bk.owner.bookedBy')}>
                      <BookedBy
                        booker={b.booker}
                        centreId={centreId}
                        bookingId={b.id}
                        purpose="booking_support"
                      />
                    </td>
                    <td data-label={t('bk.owner.status')}>
                      <span className={`status-pill status-pill--${b.status}`}>
                        {t(`bk.status.${b.status}`)}
                      </span>
                    </td>
                    <td data-label={t('bk.owner.owed')}>
                      {pay === 'nothing_owed'
                        ? t(`bk.mine.nothingOwed.${cancelledByCentre(b)}`)
                        : `${fmt.pkr(b.price.amountMinor)} `}
                      {pay === 'refund_due' ? (
                        <>
                          <span className="badge">{t('bk.refund.due')}</span>{' '}
                          <MarkRefunded refund={refund} bookingId={b.id} />
                        </>
                      ) : pay === 'refunded' ? (
                        t('bk.refund.refunded')
                      ) : pay === 'paid' ? (
                        t('bk.mine.paid')
                      ) : pay === 'unpaid' && b.status !== 'cancelled' ? (
                        <button
                          type="button"
                          className="btn btn--small"
                          onClick={() => paid.mutate(b.id)}
                          disabled={paid.isPending}
                        >
                          {t('bk.owner.markPaid')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </ScrollTable>
        ) : null}
      </section>
    </>
  );
}

export function OwnerCentresPage() {
  const { t } = useTranslation();
  const list = useMyCentres();
  const me = useMe();
  const isAdmin = me.data?.role === 'program_admin';
  // An owner sees what their centres owe back without opening anything; staff, who list up to
  // 200 centres, see it when they open a centre's day (one query per open card, not 200).
  const staff = isAdmin || me.data?.role === 'auditor';
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Page title={t('bk.owner.title')}>
      {list.isPending ? <Loading /> : null}
      <FormAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? <p>{t('bk.owner.none')}</p> : null}
      <ul className="centre-list">
        {(list.data?.items ?? []).map((c) => (
          <li key={c.id} className="card centre-card">
            <h2>{centerName(c)}</h2>
            <p className="centre-meta">
              <span>{cityName(c)}</span>
              <span className="status-pill">{t(`bk.centreStatus.${c.status}`)}</span>
              <span>{t('bk.owner.seats', { count: c.seatCount })}</span>
            </p>
            <div className="actions">
              {c.status === 'operational' ? (
                <Link className="btn btn--primary" to={`/owner/centres/${c.id}/check-in`}>
                  {t('bk.owner.checkIn')}
                </Link>
              ) : null}
              <Link className="btn" to={`/centres/${c.id}`}>
                {t('bk.find.open')}
              </Link>
              <Link className="btn" to={`/owner/centres/${c.id}/setup`}>
                {t('bk.owner.setup')}
              </Link>
              <Link className="btn" to={`/owner/occupancy?centre=${c.id}`}>
                {t('bk.owner.occupancy')}
              </Link>
              <Link className="btn" to={`/owner/centres/${c.id}/reports`}>
                {t('bk.owner.reports')}
              </Link>
              <button
                type="button"
                className="btn"
                aria-expanded={open === c.id}
                onClick={() => setOpen(open === c.id ? null : c.id)}
              >
                {t('bk.owner.today')}
              </button>
            </div>
            {!staff && me.data ? <RefundsDue centreId={c.id} /> : null}
            {open === c.id ? <DayBookings centreId={c.id} withRefunds={staff} /> : null}
          </li>
        ))}
      </ul>
      <ul className="link-list">
        <li>
          <Link to="/owner/occupancy">{t('bk.owner.occupancy')}</Link>
        </li>
        {isAdmin ? (
          <li>
            <Link to="/owner/centres/new">{t('bk.admin.title')}</Link>
          </li>
        ) : null}
      </ul>
    </Page>
  );
}

function pct(v: number | null, fmt: ReturnType<typeof useFormat>): string {
  return v === null ? '—' : `${fmt.number(Math.round(v * 1000) / 10)}%`;
}

export function OccupancyPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const centres = useMyCentres();
  const me = useMe();
  // Owners see one of their centres at a time; staff may see all.
  const isOwner = me.data?.role === 'owner';
  const [params] = useSearchParams();
  const today = karachiToday();
  const [form, setForm] = useState({
    centerId: params.get('centre') ?? '',
    from: addDays(today, -6),
    to: addDays(today, 6),
    groupBy: 'day',
  });
  const [query, setQuery] = useState(form);
  const first = centres.data?.items[0]?.id;
  useEffect(() => {
    if (isOwner && !form.centerId && first) {
      setForm((f) => ({ ...f, centerId: first }));
      setQuery((q) => ({ ...q, centerId: first }));
    }
  }, [isOwner, first, form.centerId]);
  const report = useQuery({
    enabled: !isOwner || !!query.centerId,
    queryKey: ['occupancy', query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/occupancy', {
          params: {
            query: {
              from: query.from,
              to: query.to,
              groupBy: query.groupBy as Occupancy['groupBy'],
              ...(query.centerId ? { centerId: query.centerId } : {}),
            },
          },
        }),
      ),
    retry: false,
  });
  const names = new Map((centres.data?.items ?? []).map((c) => [c.id, centerName(c)]));
  const rows = report.data?.rows ?? [];
  const label = (key: string) =>
    query.groupBy === 'center' ? (names.get(key) ?? key) : query.groupBy === 'hour' ? `${key}:00` : key;
  return (
    <Page title={t('bk.occ.title')} wide>
      <form
        className="filters occ-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(form);
        }}
      >
        <SelectField
          id="occ-centre"
          label={t('bk.occ.centre')}
          value={form.centerId}
          onChange={(e) => setForm({ ...form, centerId: e.target.value })}
          error={fieldError(report.error, 'centerId')}
        >
          {isOwner ? null : <option value="">{t('bk.occ.all')}</option>}
          {(centres.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {centerName(c)}
            </option>
          ))}
        </SelectField>
        <div className="row-2">
          <TextField
            id="occ-from"
            type="date"
            label={t('bk.occ.from')}
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
            error={fieldError(report.error, 'from')}
          />
          <TextField
            id="occ-to"
            type="date"
            label={t('bk.occ.to')}
            value={form.to}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
            error={fieldError(report.error, 'to')}
          />
        </div>
        <SelectField
          id="occ-group"
          label={t('bk.occ.groupBy')}
          value={form.groupBy}
          onChange={(e) => setForm({ ...form, groupBy: e.target.value })}
        >
          {(['day', 'hour', 'center', 'city', 'province'] as const).map((g) => (
            <option key={g} value={g}>
              {t(`bk.occ.group.${g}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn--primary">
          {t('bk.occ.show')}
        </button>
      </form>
      {report.isFetching ? <Loading /> : null}
      <FormAlert error={report.error} />
      {report.data && rows.length === 0 ? <p>{t('bk.occ.none')}</p> : null}
      {report.data && rows.length > 0 ? (
        <ScrollTable label={t('bk.occ.title')}>
          <thead>
            <tr>
              <th scope="col">{t(`bk.occ.group.${report.data.groupBy}`)}</th>
              <th scope="col">{t('bk.occ.booked')}</th>
              <th scope="col">{t('bk.occ.used')}</th>
              <th scope="col">{t('bk.occ.bookings')}</th>
              <th scope="col">{t('bk.occ.checkedIn')}</th>
              <th scope="col">{t('bk.occ.noShows')}</th>
              <th scope="col">{t('bk.occ.noShowRate')}</th>
              <th scope="col">{t('bk.occ.late')}</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...rows.map((r) => ({ ...r, label: label(r.key) })),
              { ...report.data.totals, key: '__total', label: t('bk.occ.totals') },
            ].map((r) => (
              <tr key={r.key} className={r.key === '__total' ? 'total-row' : undefined}>
                <th scope="row">{r.label}</th>
                <td className="num">{fmt.number(Math.round(r.bookedSeatHours * 10) / 10)}</td>
                <td className="num">{fmt.number(Math.round(r.usedSeatHours * 10) / 10)}</td>
                <td className="num">{fmt.number(r.bookings)}</td>
                <td className="num">{fmt.number(r.checkedIn)}</td>
                <td className="num">{fmt.number(r.noShows)}</td>
                <td className="num">{pct(r.noShowRate, fmt)}</td>
                <td className="num">{fmt.number(r.lateCancellations)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </Page>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { daysOf, pktDay, pktTime, rangeOf, step } from './inspection-calendar';
import './inspection-calendar.i18n';
import './bookings.css';

type Visit = components['schemas']['InspectionVisit'];
const karachi = (date: string, time: string) => `${date}T${time}:00+05:00`;

/**
 * The inspection calendar (programme staff and the auditor): booked visits of a week or a month
 * across centres, day by day in Pakistan time, filtered by district; an admin moves or cancels a
 * visit from here and the owner is told, as from the centre's set-up page.
 */
export default function InspectionCalendarPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const admin = me.data?.role === 'program_admin';
  const [mode, setMode] = useState<'week' | 'month'>('week');
  const [day, setDay] = useState(() => pktDay(Date.now()));
  const [district, setDistrict] = useState('');
  const range = rangeOf(mode, day);
  const list = useQuery({
    queryKey: ['inspection-visits', 'calendar', range.from, range.to],
    queryFn: () =>
      unwrap(api.GET('/api/v1/inspection-visits', { params: { query: { from: range.from, to: range.to } } })),
  });
  const visits = list.data ?? [];
  const ur = i18n.language === 'ur';
  const districtName = (v: Visit) => (ur ? (v.districtNameUr ?? v.districtName) : v.districtName);
  const districts = [
    ...new Map(
      visits.filter((v) => v.districtId !== null).map((v) => [String(v.districtId), districtName(v)]),
    ),
  ].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  const shown = district ? visits.filter((v) => String(v.districtId) === district) : visits;
  const byDay = new Map<string, Visit[]>();
  for (const v of shown) byDay.set(pktDay(v.startsAt), [...(byDay.get(pktDay(v.startsAt)) ?? []), v]);
  const days = daysOf(range).filter((d) => byDay.has(d));

  return (
    <Page title={t('calendar.title')} wide>
      <p>{t('calendar.lead')}</p>
      <fieldset className="calendar-bar">
        <legend className="visually-hidden">{t('calendar.range')}</legend>
        <button type="button" className="btn" onClick={() => setDay(step(mode, day, -1))}>
          {mode === 'week' ? t('calendar.prevWeek') : t('calendar.prevMonth')}
        </button>
        <button type="button" className="btn" onClick={() => setDay(pktDay(Date.now()))}>
          {t('calendar.today')}
        </button>
        <button type="button" className="btn" onClick={() => setDay(step(mode, day, 1))}>
          {mode === 'week' ? t('calendar.nextWeek') : t('calendar.nextMonth')}
        </button>
      </fieldset>
      <div className="calendar-filters">
        <SelectField
          id="calendar-mode"
          label={t('calendar.show')}
          value={mode}
          onChange={(e) => setMode(e.target.value as 'week' | 'month')}
        >
          <option value="week">{t('calendar.week')}</option>
          <option value="month">{t('calendar.month')}</option>
        </SelectField>
        <SelectField
          id="calendar-district"
          label={t('calendar.district')}
          value={district}
          onChange={(e) => setDistrict(e.target.value)}
        >
          <option value="">{t('calendar.allDistricts')}</option>
          {districts.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      <h2 aria-live="polite">
        {t('calendar.between', { from: fmt.date(range.from), to: fmt.date(range.to), count: shown.length })}
      </h2>
      <FormAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && days.length === 0 ? <p>{t('calendar.none')}</p> : null}
      {visits.length >= 500 ? <Notice>{t('calendar.truncated')}</Notice> : null}
      {days.map((d) => (
        <section key={d} className="calendar-day" aria-labelledby={`day-${d}`}>
          <h3 id={`day-${d}`}>{fmt.date(d)}</h3>
          <ul className="plain-list">
            {(byDay.get(d) ?? []).map((v) => (
              <VisitRow key={v.id} v={v} admin={admin} district={districtName(v)} />
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}

function VisitRow({ v, admin, district }: { v: Visit; admin: boolean; district: string | null }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ date: pktDay(v.startsAt), from: pktTime(v.startsAt), to: pktTime(v.endsAt) });
  const [reason, setReason] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['inspection-visits'] });
  const move = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/inspection-visits/{visitId}', {
          params: { path: { visitId: v.id } },
          body: { startsAt: karachi(f.date, f.from), endsAt: karachi(f.date, f.to) },
        }),
      ),
    onSuccess: done,
  });
  const cancel = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/inspection-visits/{visitId}/cancel', {
          params: { path: { visitId: v.id } },
          body: { reason },
        }),
      ),
    onSuccess: done,
  });
  const name = i18n.language === 'ur' ? (v.centreNameUr ?? v.centreName) : v.centreName;
  return (
    <li className="card calendar-visit">
      <p>
        <strong dir="ltr">
          {pktTime(v.startsAt)}–{pktTime(v.endsAt)}
        </strong>{' '}
        <Link to={`/owner/centres/${v.centerId}/setup`}>{name}</Link>
        {district ? ` · ${district}` : ''}
        {v.reschedules > 0 ? ` · ${t('visits.moved', { count: v.reschedules })}` : ''}
      </p>
      {v.note ? <p className="field-hint">{v.note}</p> : null}
      {admin ? (
        <>
          <details>
            <summary>{t('visits.move')}</summary>
            <form
              className="form"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                move.mutate();
              }}
            >
              <TextField
                id={`move-date-${v.id}`}
                type="date"
                label={t('visits.date')}
                value={f.date}
                onChange={(e) => setF({ ...f, date: e.target.value })}
                error={fieldError(move.error, 'startsAt')}
                required
              />
              <TextField
                id={`move-from-${v.id}`}
                type="time"
                label={t('visits.from')}
                value={f.from}
                onChange={(e) => setF({ ...f, from: e.target.value })}
                required
              />
              <TextField
                id={`move-to-${v.id}`}
                type="time"
                label={t('visits.to')}
                value={f.to}
                onChange={(e) => setF({ ...f, to: e.target.value })}
                error={fieldError(move.error, 'endsAt')}
                required
              />
              <FormAlert error={move.error} />
              {move.isSuccess ? <Notice kind="success">{t('visits.saved')}</Notice> : null}
              <button type="submit" className="btn btn--primary" disabled={move.isPending || !f.date}>
                {t('visits.move')}
              </button>
            </form>
          </details>
          <details>
            <summary>{t('visits.cancel')}</summary>
            <form
              className="form"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                cancel.mutate();
              }}
            >
              <TextField
                id={`cancel-reason-${v.id}`}
                label={t('visits.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={fieldError(cancel.error, 'reason')}
                required
              />
              <FormAlert error={cancel.error} />
              <button type="submit" className="btn" disabled={cancel.isPending}>
                {t('visits.cancel')}
              </button>
            </form>
          </details>
        </>
      ) : null}
    </li>
  );
}

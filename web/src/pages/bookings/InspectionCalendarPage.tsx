import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/session';
import { SelectField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { CalendarVisitRow } from './CalendarVisitRow';
import { daysOf, pktDay, rangeOf, step } from './inspection-calendar';
import { useInspectors } from './inspectors';
import './inspection-calendar.i18n';
import './bookings.css';

type Visit = components['schemas']['InspectionVisit'];
/** Visits a page: a busy month can hold more, so the page says so and offers the rest. */
const PAGE = 200;

/**
 * The inspection calendar (programme staff and the auditor): booked visits of a week or a month
 * across centres, day by day in Pakistan time, by district and by inspector (an admin sees their
 * own with "My visits"); an admin moves, hands over or cancels a visit from here and the owner and
 * the inspectors are told, as from the centre's set-up page. A range longer than a page is said so.
 */
export default function InspectionCalendarPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const admin = me.data?.role === 'program_admin';
  const inspectors = useInspectors();
  const [mode, setMode] = useState<'week' | 'month'>('week');
  const [day, setDay] = useState(() => pktDay(Date.now()));
  const [district, setDistrict] = useState('');
  const [inspector, setInspector] = useState('');
  const range = rangeOf(mode, day);
  const inspectorId = inspector === 'mine' ? me.data?.id : inspector || undefined;
  const list = useInfiniteQuery({
    queryKey: ['inspection-visits', 'calendar', range.from, range.to, district, inspectorId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/inspection-visits', {
          params: {
            query: {
              from: range.from,
              to: range.to,
              limit: PAGE,
              ...(district ? { districtId: Number(district) } : {}),
              ...(inspectorId ? { inspectorId } : {}),
              ...(pageParam ? { after: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const visits = list.data?.pages.flatMap((p) => p.items) ?? [];
  const ur = i18n.language === 'ur';
  const districtName = (v: Visit) => (ur ? (v.districtNameUr ?? v.districtName) : v.districtName);
  // Districts seen so far stay in the list, so narrowing to one still lets you pick another.
  const [known, setKnown] = useState<Map<string, Visit>>(new Map());
  useEffect(() => {
    const add = visits.filter((v) => v.districtId !== null && !known.has(String(v.districtId)));
    if (add.length) setKnown(new Map([...known, ...add.map((v) => [String(v.districtId), v] as const)]));
  }, [visits, known]);
  const districts = [...known]
    .map(([id, v]) => [id, districtName(v) ?? ''] as const)
    .sort((a, b) => a[1].localeCompare(b[1]));
  const byDay = new Map<string, Visit[]>();
  for (const v of visits) byDay.set(pktDay(v.startsAt), [...(byDay.get(pktDay(v.startsAt)) ?? []), v]);
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
        <SelectField
          id="calendar-inspector"
          label={t('calendar.inspector')}
          value={inspector}
          onChange={(e) => setInspector(e.target.value)}
        >
          <option value="">{t('calendar.allInspectors')}</option>
          {admin ? <option value="mine">{t('calendar.mine')}</option> : null}
          {(inspectors.data ?? [])
            .filter((u) => !admin || u.id !== me.data?.id)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </SelectField>
      </div>
      <h2 aria-live="polite">
        {t('calendar.between', { from: fmt.date(range.from), to: fmt.date(range.to), count: visits.length })}
      </h2>
      <FormAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && days.length === 0 ? <p>{t('calendar.none')}</p> : null}
      {list.hasNextPage ? <Notice>{t('calendar.more', { count: visits.length })}</Notice> : null}
      {days.map((d) => (
        <section key={d} className="calendar-day" aria-labelledby={`day-${d}`}>
          <h3 id={`day-${d}`}>{fmt.date(d)}</h3>
          <ul className="plain-list">
            {(byDay.get(d) ?? []).map((v) => (
              <CalendarVisitRow key={v.id} v={v} admin={admin} district={districtName(v)} />
            ))}
          </ul>
        </section>
      ))}
      {list.hasNextPage ? (
        <button
          type="button"
          className="btn"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('calendar.showMore')}
        </button>
      ) : null}
    </Page>
  );
}

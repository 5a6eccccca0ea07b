import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { AmenityBadges } from './Amenities';
import { CentreContact } from './CentreContact';
import { PublicCentrePhotos } from './CentrePhotos';
import { type Center, centerName, cityName } from './lib';
import './bookings.i18n';
import './bookings.css';
import { inLang } from '../../lib/names';

export function useCentre(id: string | undefined) {
  return useQuery({
    queryKey: ['centre', id],
    queryFn: () => unwrap(api.GET('/api/v1/centers/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

export function HoursTable({ c }: { c: Center }) {
  const { t } = useTranslation();
  const byDay = new Map(c.openingHours.map((h) => [h.weekday, h]));
  return (
    <table className="hours-table">
      <caption className="visually-hidden">{t('bk.centre.hours')}</caption>
      <tbody>
        {[1, 2, 3, 4, 5, 6, 7].map((d) => {
          const h = byDay.get(d);
          return (
            <tr key={d}>
              <th scope="row">{t(`bk.weekday.${d}`)}</th>
              <td dir="ltr" className="num">
                {h ? `${h.opens}–${h.closes}` : t('bk.centre.closed')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function PriceList({ prices }: { prices: Center['prices'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const row = (label: string, v: number | null, key: 'perHour' | 'perDay' | 'perMonth') => (
    <div>
      <dt>{label}</dt>
      <dd>{v === null ? t('bk.notOffered') : t(`bk.${key}`, { price: fmt.pkr(v) })}</dd>
    </div>
  );
  return (
    <dl className="facts">
      {row(t('bk.plan.hourly'), prices.hourlyMinor, 'perHour')}
      {row(t('bk.plan.day_pass'), prices.dayPassMinor, 'perDay')}
      {row(t('bk.plan.monthly'), prices.monthlyDeskMinor, 'perMonth')}
      {row(t('bk.plan.meeting_room'), prices.meetingRoomHourlyMinor, 'perHour')}
    </dl>
  );
}

export default function CentrePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const centre = useCentre(id);
  if (centre.isPending) return <Loading />;
  if (centre.isError) return <FormAlert error={centre.error} />;
  const c = centre.data;
  const r = c.rules;
  const bookable = c.status === 'operational';
  const role = me.data?.role ?? null;
  return (
    <Page title={centerName(c)}>
      <dl className="facts">
        <div>
          <dt>{t('bk.centre.where')}</dt>
          <dd>
            <bdi>{c.address}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('bk.centre.city')}</dt>
          <dd>{cityName(c)}</dd>
        </div>
      </dl>
      <CentreContact centre={c} />
      <div className="actions">
        {!bookable ? (
          <p>{t('bk.centre.notBookable')}</p>
        ) : role === 'freelancer' ? (
          <Link className="btn btn--primary" to={`/centres/${c.id}/book`}>
            {t('bk.centre.book')}
          </Link>
        ) : role === null ? (
          <Link
            className="btn btn--primary"
            to={`/login?next=${encodeURIComponent(`/centres/${c.id}/book`)}`}
          >
            {t('bk.centre.loginToBook')}
          </Link>
        ) : null}
      </div>
      <PublicCentrePhotos centreId={c.id} />
      <section aria-labelledby="am-h">
        <h2 id="am-h">{t('bk.centre.amenities')}</h2>
        <AmenityBadges a={c.amenities} />
      </section>
      <section aria-labelledby="hours-h">
        <h2 id="hours-h">{t('bk.centre.hours')}</h2>
        <HoursTable c={c} />
        {c.closures.length ? (
          <>
            <h3>{t('bk.centre.closures')}</h3>
            <ul className="plain-list">
              {c.closures.map((x) => (
                <li key={x.id}>
                  {fmt.date(x.startsOn)}
                  {x.endsOn !== x.startsOn ? ` – ${fmt.date(x.endsOn)}` : ''}:{' '}
                  {inLang(x.reason, x.reasonUr, fmt.lang)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="prices-h">
        <h2 id="prices-h">{t('bk.centre.prices')}</h2>
        <PriceList prices={c.prices} />
      </section>
      <section aria-labelledby="spaces-h">
        <h2 id="spaces-h">{t('bk.centre.spaces')}</h2>
        <ul className="plain-list">
          {c.spaces.map((s) => (
            <li key={s.id}>
              <strong>{inLang(s.name, s.nameUr, fmt.lang)}</strong> ({t(`bk.spaceKind.${s.kind}`)}) —{' '}
              {t('bk.centre.seats', { count: s.seats.filter((x) => x.active).length })},{' '}
              {t('bk.centre.capacity', { n: fmt.number(s.capacity) })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rules-h">
        <h2 id="rules-h">{t('bk.centre.rules')}</h2>
        <ul className="plain-list">
          <li>{t('bk.centre.maxDaysAhead', { n: fmt.number(r.maxDaysAhead) })}</li>
          {r.minNoticeMinutes > 0 ? (
            <li>{t('bk.centre.minNotice', { n: fmt.number(r.minNoticeMinutes) })}</li>
          ) : null}
          <li>{t('bk.centre.maxHours', { n: fmt.number(r.maxBookingHours) })}</li>
          <li>{t('bk.centre.maxConcurrent', { n: fmt.number(r.maxConcurrentPerFreelancer) })}</li>
          <li>{t('bk.centre.cancelWindow', { n: fmt.number(r.cancellationWindowHours) })}</li>
          <li>{t('bk.centre.noShowGrace', { n: fmt.number(r.noShowGraceMinutes) })}</li>
          {r.meetingBufferMinutes > 0 ? (
            <li>{t('bk.centre.buffer', { n: fmt.number(r.meetingBufferMinutes) })}</li>
          ) : null}
        </ul>
      </section>
    </Page>
  );
}

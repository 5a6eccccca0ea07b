import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { cityName } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';
import { PROVINCE_NAMES } from './portal-lib';
import './portal.i18n';
import './portal.css';

type PublicCentre = components['schemas']['PublicCentre'];

const centreName = (c: PublicCentre, lang: string) => (lang === 'ur' && c.nameUr ? c.nameUr : c.nameEn);

function Band({ band }: { band: PublicCentre['occupancyBand'] }) {
  const { t } = useTranslation();
  if (!band) return <span>{t('portal.noData')}</span>;
  return <span className={`band band--${band}`}>{t(`portal.band.${band}`)}</span>;
}

function Uptime({ c }: { c: PublicCentre }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!c.uptime) return <span>{t('portal.noReport')}</span>;
  return (
    <span>
      {t('portal.uptimeValues', {
        internet: fmt.number(c.uptime.internetPercent),
        power: fmt.number(c.uptime.powerPercent),
      })}
    </span>
  );
}

function Amenities({ a }: { a: PublicCentre['amenities'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const items: string[] = [];
  if (a.internetMbps !== null) items.push(t('portal.amenity.internet', { mbps: fmt.number(a.internetMbps) }));
  if (a.backupPowerHours) items.push(t('portal.amenity.backup', { hours: fmt.number(a.backupPowerHours) }));
  for (const k of ['hasUps', 'womenOnlyArea', 'prayerArea', 'parking', 'accessible'] as const)
    if (a[k]) items.push(t(`portal.amenity.${k}`));
  if (!items.length) return <span>—</span>;
  return (
    <ul className="amenity-list">
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}

/** The public centre directory: every operational centre, what it offers and how it is used. */
export function PortalCentresPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [province, setProvince] = useState('');
  const list = useQuery({
    queryKey: ['public', 'centres', province],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/public/centres', {
          params: { query: { limit: 500, ...(province ? { province } : {}) } },
        }),
      ),
  });
  return (
    <Page title={t('portal.directoryTitle')} wide>
      <p className="lead">{t('portal.directoryLead')}</p>
      <p>
        <Link to="/portal">{t('portal.backToPortal')}</Link> ·{' '}
        <a href="/api/v1/open-data/centres.csv" download>
          {t('portal.directoryCsv')}
        </a>
      </p>
      <SelectField
        id="dir-province"
        label={t('portal.province')}
        value={province}
        onChange={(e) => setProvince(e.target.value)}
      >
        <option value="">{t('portal.allProvinces')}</option>
        {Object.entries(PROVINCE_NAMES).map(([code, n]) => (
          <option key={code} value={code}>
            {fmt.lang === 'ur' ? n[1] : n[0]}
          </option>
        ))}
      </SelectField>
      <FormAlert error={list.error} />
      {list.data ? (
        <>
          <p role="status">{t('portal.directoryCount', { n: fmt.number(list.data.total) })}</p>
          <ul className="centre-cards" aria-label={t('portal.directoryTitle')}>
            {list.data.items.map((c) => (
              <li key={c.id} className="centre-card" data-centre={c.id}>
                <h2>
                  <Link to={`/portal/centres/${c.id}`}>{centreName(c, fmt.lang)}</Link>
                </h2>
                <p>
                  <bdi>{cityName(c)}</bdi>
                </p>
                <dl className="facts facts--compact">
                  <div>
                    <dt>{t('portal.seats')}</dt>
                    <dd>{fmt.number(c.seatCount)}</dd>
                  </div>
                  <div>
                    <dt>{t('portal.dayPass')}</dt>
                    <dd>
                      {c.prices.dayPassMinor === null
                        ? t('portal.notOffered')
                        : fmt.pkr(c.prices.dayPassMinor)}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('portal.occupancy')}</dt>
                    <dd>
                      <Band band={c.occupancyBand} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('portal.uptime')}</dt>
                    <dd>
                      <Uptime c={c} />
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <p className="hint">{t('portal.bandRule')}</p>
        </>
      ) : (
        <Loading />
      )}
    </Page>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** One centre's public page: the building, its prices and amenities, how busy it is, its uptime. */
export function PortalCentrePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const centre = useQuery({
    queryKey: ['public', 'centre', id],
    queryFn: () => unwrap(api.GET('/api/v1/public/centres/{id}', { params: { path: { id } } })),
  });
  const c = centre.data;
  const day = (n: number) =>
    new Intl.DateTimeFormat(fmt.lang === 'ur' ? 'ur-PK' : 'en-PK', {
      weekday: 'long',
      timeZone: 'UTC',
    }).format(
      new Date(Date.UTC(2024, 0, n)), // 1 Jan 2024 was a Monday
    );
  const price = (v: number | null) => (v === null ? t('portal.notOffered') : fmt.pkr(v));
  return (
    <Page title={c ? centreName(c, fmt.lang) : t('portal.centre')} wide>
      <p>
        <Link to="/portal/centres">{t('portal.backToDirectory')}</Link>
      </p>
      <FormAlert error={centre.error} />
      {c ? (
        <div className="centre-public">
          <p>
            <bdi>{c.address}</bdi>, <bdi>{cityName(c)}</bdi>
          </p>
          <dl className="facts">
            <div>
              <dt>{t('portal.seats')}</dt>
              <dd>{fmt.number(c.seatCount)}</dd>
            </div>
            <div>
              <dt>{t('portal.occupancy')}</dt>
              <dd>
                <Band band={c.occupancyBand} />
              </dd>
            </div>
            <div>
              <dt>{t('portal.uptime')}</dt>
              <dd>
                <Uptime c={c} />
                {c.uptime ? (
                  <>
                    <br />
                    <small>{t('portal.uptimeMonth', { month: fmt.month(c.uptime.month) })}</small>
                  </>
                ) : null}
              </dd>
            </div>
          </dl>
          <p className="hint">{t('portal.bandRule')}</p>
          <h2>{t('portal.prices')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('portal.hourly')}</dt>
              <dd>{price(c.prices.hourlyMinor)}</dd>
            </div>
            <div>
              <dt>{t('portal.dayPass')}</dt>
              <dd>{price(c.prices.dayPassMinor)}</dd>
            </div>
            <div>
              <dt>{t('portal.monthlyDesk')}</dt>
              <dd>{price(c.prices.monthlyDeskMinor)}</dd>
            </div>
            <div>
              <dt>{t('portal.meetingRoom')}</dt>
              <dd>{price(c.prices.meetingRoomHourlyMinor)}</dd>
            </div>
          </dl>
          <h2>{t('portal.amenities')}</h2>
          <Amenities a={c.amenities} />
          <h2>{t('portal.hours')}</h2>
          {c.openingHours.length ? (
            <ScrollTable label={t('portal.hours')}>
              <tbody>
                {WEEKDAYS.map((w) => {
                  const h = c.openingHours.find((x) => x.weekday === w);
                  return (
                    <tr key={w}>
                      <th scope="row">{day(w)}</th>
                      <td dir="ltr">{h ? `${h.opens}–${h.closes}` : t('portal.closed')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </ScrollTable>
          ) : (
            <p>{t('portal.noData')}</p>
          )}
          <p>
            <Link className="btn" to={`/centres/${c.id}`}>
              {t('portal.bookHere')}
            </Link>
          </p>
        </div>
      ) : centre.isLoading ? (
        <Loading />
      ) : null}
    </Page>
  );
}

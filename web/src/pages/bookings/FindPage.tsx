import { useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { AmenityBadges } from './Amenities';
import { centerName, cityName, karachiToday, quarterHours, SEAT_KINDS, type SeatKind } from './lib';
import './bookings.i18n';
import './bookings.css';

// The map (d3-geo, topojson and the world atlas) loads only when asked for, after the list.
const CentresMap = lazy(() => import('./CentresMap'));

const RADII = ['5', '10', '25', '50', '100', '300', '1500'];
const FLAGS = ['backupPower', 'womenOnlyArea', 'prayerArea', 'parking', 'accessible'] as const;
const TIMES = quarterHours('06:00', '23:45');

type Form = {
  where: 'me' | 'city';
  cityId: string;
  lat: string;
  lng: string;
  radiusKm: string;
  kind: SeatKind;
  date: string;
  from: string;
  to: string;
  minInternetMbps: string;
  maxPrice: string;
  flags: string[];
};

function formFromParams(p: URLSearchParams): Form {
  return {
    where: p.get('lat') ? 'me' : 'city',
    cityId: p.get('cityId') ?? '',
    lat: p.get('lat') ?? '',
    lng: p.get('lng') ?? '',
    radiusKm: p.get('radiusKm') ?? '25',
    kind: (p.get('kind') as SeatKind | null) ?? 'hot_desk',
    date: p.get('date') ?? '',
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    minInternetMbps: p.get('minInternetMbps') ?? '',
    maxPrice: p.get('maxPriceMinor') ? String(Number(p.get('maxPriceMinor')) / 100) : '',
    flags: FLAGS.filter((f) => p.get(f) === 'true'),
  };
}

function paramsFromForm(f: Form): URLSearchParams {
  const p = new URLSearchParams();
  if (f.where === 'me' && f.lat && f.lng) {
    p.set('lat', f.lat);
    p.set('lng', f.lng);
  } else if (f.cityId) p.set('cityId', f.cityId);
  p.set('radiusKm', f.radiusKm);
  p.set('kind', f.kind);
  if (f.date) p.set('date', f.date);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.minInternetMbps) p.set('minInternetMbps', f.minInternetMbps);
  if (f.maxPrice) p.set('maxPriceMinor', String(Math.round(Number(f.maxPrice) * 100)));
  for (const flag of f.flags) p.set(flag, 'true');
  return p;
}

function useCities() {
  return useQuery({
    queryKey: ['geo-cities'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/cities', { params: { query: { limit: 500 } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useSearch(params: URLSearchParams, enabled: boolean) {
  return useQuery({
    queryKey: ['centre-search', params.toString()],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers/search', {
          // The server validates and coerces; bad values come back as field errors.
          params: { query: Object.fromEntries(params.entries()) as never },
        }),
      ),
    enabled,
    retry: false,
  });
}

function Results({ search }: { search: ReturnType<typeof useSearch> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [showMap, setShowMap] = useState(false);
  if (search.isPending) return <Loading />;
  if (search.isError) return null;
  const items = search.data.items;
  return (
    <section aria-labelledby="results-h" aria-live="polite">
      <h2 id="results-h">
        {t('bk.find.results')} ({fmt.number(items.length)})
      </h2>
      {items.length === 0 ? <p>{t('bk.find.none')}</p> : null}
      {items.length > 0 ? (
        <p>
          <button type="button" className="btn" onClick={() => setShowMap((s) => !s)} aria-expanded={showMap}>
            {showMap ? t('bk.find.hideMap') : t('bk.find.showMap')}
          </button>
        </p>
      ) : null}
      {showMap ? (
        <Suspense fallback={<Loading />}>
          <CentresMap origin={search.data.origin} items={items} />
        </Suspense>
      ) : null}
      <ol className="centre-list">
        {items.map((r) => (
          <li key={r.center.id} className="card centre-card">
            <h3>
              <Link to={`/centres/${r.center.id}`}>{centerName(r.center)}</Link>
            </h3>
            <p className="centre-meta">
              <span>{cityName(r.center)}</span>
              <span>{t('bk.find.km', { km: fmt.number(Math.round(r.distanceKm * 10) / 10) })}</span>
              {r.freeSeats === null ? null : r.freeSeats > 0 ? (
                <span className="free-seats">{t('bk.find.free', { count: r.freeSeats })}</span>
              ) : (
                <span className="badge">{t('bk.find.noneFree')}</span>
              )}
            </p>
            <p className="centre-price">
              {r.center.prices.hourlyMinor !== null
                ? t('bk.perHour', { price: fmt.pkr(r.center.prices.hourlyMinor) })
                : null}
              {r.center.prices.dayPassMinor !== null ? (
                <span> · {t('bk.perDay', { price: fmt.pkr(r.center.prices.dayPassMinor) })}</span>
              ) : null}
            </p>
            <AmenityBadges a={r.center.amenities} />
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function FindPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form, setForm] = useState<Form>(() => formFromParams(params));
  const [geo, setGeo] = useState<'idle' | 'locating' | 'ok' | 'denied'>(params.get('lat') ? 'ok' : 'idle');
  const [accuracy, setAccuracy] = useState<number | null>(null);
  const cities = useCities();
  const hasQuery = params.has('cityId') || params.has('lat');
  const search = useSearch(params, hasQuery);
  const err = search.error;

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeo('denied');
      return;
    }
    setGeo('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo('ok');
        setAccuracy(Math.round(pos.coords.accuracy));
        const next = {
          ...form,
          where: 'me' as const,
          lat: pos.coords.latitude.toFixed(5),
          lng: pos.coords.longitude.toFixed(5),
        };
        setForm(next);
        setParams(paramsFromForm(next));
      },
      () => {
        setGeo('denied');
        setForm((f) => ({ ...f, where: 'city' }));
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setParams(paramsFromForm(form));
  };

  const toggleFlag = (flag: string, on: boolean) =>
    set('flags', on ? [...form.flags, flag] : form.flags.filter((f) => f !== flag));

  return (
    <Page title={t('bk.find.title')}>
      <p className="lead">{t('bk.find.lead')}</p>
      <form className="form find-form" onSubmit={onSubmit} aria-label={t('bk.find.title')} noValidate>
        <FormAlert error={err} />
        <fieldset className="choice">
          <legend>{t('bk.find.where')}</legend>
          <label className="choice-option">
            <input
              type="radio"
              name="where"
              checked={form.where === 'me'}
              onChange={() => {
                set('where', 'me');
                if (!form.lat) locate();
              }}
            />
            <span>{t('bk.find.nearMe')}</span>
          </label>
          <label className="choice-option">
            <input
              type="radio"
              name="where"
              checked={form.where === 'city'}
              onChange={() => set('where', 'city')}
            />
            <span>{t('bk.find.inCity')}</span>
          </label>
          {form.where === 'me' ? (
            <p role="status" className="field-hint">
              {geo === 'locating' ? t('bk.find.locating') : null}
              {geo === 'ok' ? t('bk.find.located', { m: accuracy ?? '—' }) : null}
              {geo === 'denied' ? t('bk.find.locationDenied') : null}
            </p>
          ) : null}
        </fieldset>
        {form.where === 'city' ? (
          <SelectField
            id="find-city"
            label={t('bk.find.city')}
            value={form.cityId}
            onChange={(e) => set('cityId', e.target.value)}
            error={fieldError(err, 'cityId') ?? fieldError(err, 'lat')}
            required
          >
            <option value="">{t('bk.find.chooseCity')}</option>
            {(cities.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {centerName({ nameEn: c.nameEn, nameUr: c.nameUr })}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="row-2">
          <SelectField
            id="find-radius"
            label={t('bk.find.radius')}
            value={form.radiusKm}
            onChange={(e) => set('radiusKm', e.target.value)}
            error={fieldError(err, 'radiusKm')}
          >
            {RADII.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="find-kind"
            label={t('bk.find.kind')}
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as SeatKind)}
          >
            {SEAT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`bk.kind.${k}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          id="find-date"
          type="date"
          label={t('bk.find.date')}
          value={form.date}
          min={karachiToday()}
          onChange={(e) => set('date', e.target.value)}
          error={fieldError(err, 'date')}
        />
        <div className="row-2">
          <SelectField
            id="find-from"
            label={t('bk.find.from')}
            value={form.from}
            onChange={(e) => set('from', e.target.value)}
            error={fieldError(err, 'from')}
          >
            <option value="">{t('bk.find.anyTime')}</option>
            {TIMES.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="find-to"
            label={t('bk.find.to')}
            value={form.to}
            onChange={(e) => set('to', e.target.value)}
            error={fieldError(err, 'to')}
          >
            <option value="">{t('bk.find.anyTime')}</option>
            {TIMES.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </SelectField>
        </div>
        <details
          className="more-filters"
          open={form.flags.length > 0 || !!form.maxPrice || !!form.minInternetMbps}
        >
          <summary>{t('bk.find.filters')}</summary>
          {FLAGS.map((flag) => (
            <div className="check" key={flag}>
              <input
                type="checkbox"
                id={`find-${flag}`}
                checked={form.flags.includes(flag)}
                onChange={(e) => toggleFlag(flag, e.target.checked)}
              />
              <label htmlFor={`find-${flag}`}>{t(`bk.amenity.${flag}`)}</label>
            </div>
          ))}
          <TextField
            id="find-internet"
            type="number"
            inputMode="numeric"
            min={0}
            label={t('bk.find.minInternet')}
            value={form.minInternetMbps}
            onChange={(e) => set('minInternetMbps', e.target.value)}
          />
          <TextField
            id="find-price"
            type="number"
            inputMode="numeric"
            min={0}
            label={t('bk.find.maxPrice')}
            value={form.maxPrice}
            onChange={(e) => set('maxPrice', e.target.value)}
          />
        </details>
        <div className="actions">
          <button type="submit" className="btn btn--primary">
            {t('bk.find.search')}
          </button>
        </div>
      </form>
      {hasQuery ? <Results search={search} /> : null}
    </Page>
  );
}

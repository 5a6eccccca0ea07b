import provincesGeo from '@amcharts/amcharts5-geodata/json/pakistanLow.json';
import { useQuery } from '@tanstack/react-query';
import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { StatCard, StatGrid } from '../../components/StatCard';
import { useFormat } from '../../lib/useFormat';
import { PROVINCE_NAMES } from '../portal/portal-lib';
import './complaints.i18n';
import './complaints.css';

type Place = components['schemas']['UnmetDemand']['places'][number];

// The province outlines the portal's map uses (@amcharts/amcharts5-geodata, linkware: the link
// under the map stays), bundled, never fetched; each place is a circle sized by its searches.
const W = 360;
const H = 400;
const geo = provincesGeo as unknown as FeatureCollection<Geometry, { id: string; name: string }>;
const projection = geoMercator().fitExtent(
  [
    [8, 8],
    [W - 8, H - 8],
  ],
  geo,
);
const path = geoPath(projection);
const SHAPES = geo.features.map((f) => ({ id: String(f.id ?? f.properties.id), d: path(f) ?? '' }));
const PERIODS = [30, 90, 365] as const;

/** Public: where availability searches found no free seat, by district or city, on a map and in a table. */
export default function DemandPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(90);
  const q = useQuery({
    queryKey: ['unmet-demand', days],
    queryFn: () => unwrap(api.GET('/api/v1/unmet-demand', { params: { query: { days } } })),
  });
  const ur = i18n.language === 'ur';
  const name = (p: Place) => (ur && p.nameUr) || p.nameEn;
  const places = q.data?.places ?? [];
  const max = Math.max(1, ...places.map((p) => p.searches));
  return (
    <Page title={t('dm.title')}>
      <p className="lead">{t('dm.intro')}</p>
      <SelectField
        id="dm-days"
        label={t('dm.period')}
        value={String(days)}
        onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}
      >
        {PERIODS.map((d) => (
          <option key={d} value={d}>
            {t('dm.days', { count: d })}
          </option>
        ))}
      </SelectField>
      <FormAlert error={q.error} />
      {q.data ? (
        <>
          <StatGrid>
            <StatCard label={t('dm.total')} value={fmt.number(q.data.total)} />
            <StatCard label={t('dm.places')} value={fmt.number(places.length)} />
          </StatGrid>
          <div className="dm-layout">
            <figure>
              <svg className="dm-map" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('dm.map')}>
                {SHAPES.map((s) => (
                  <path key={s.id} d={s.d} fill="#edf2ee" stroke="#5b6b61" strokeWidth={0.8} />
                ))}
                {places.map((p) => {
                  const xy = projection([p.longitude, p.latitude]);
                  if (!xy) return null;
                  return (
                    <circle
                      key={p.place}
                      cx={xy[0]}
                      cy={xy[1]}
                      r={3 + 11 * Math.sqrt(p.searches / max)}
                      fill="#b45309"
                      fillOpacity={0.6}
                      stroke="#7c2d12"
                      strokeWidth={1}
                    >
                      <title>{`${name(p)}: ${fmt.number(p.searches)}`}</title>
                    </circle>
                  );
                })}
              </svg>
              <figcaption className="field-hint">
                <a href="https://www.amcharts.com/" rel="noopener">
                  amCharts
                </a>
              </figcaption>
            </figure>
            <DataTable
              label={t('dm.map')}
              rows={places}
              rowKey={(p) => p.place}
              empty={t('dm.none')}
              columns={[
                {
                  key: 'place',
                  header: t('dm.place'),
                  label: t('dm.place'),
                  cell: (p) => (p.kind === 'city' ? `${name(p)} (${t('dm.city')})` : name(p)),
                  primary: true,
                },
                {
                  key: 'province',
                  header: t('dm.province'),
                  label: t('dm.province'),
                  cell: (p) => PROVINCE_NAMES[p.provinceCode]?.[ur ? 1 : 0] ?? p.provinceCode,
                },
                {
                  key: 'n',
                  header: t('dm.searches'),
                  label: t('dm.searches'),
                  cell: (p) => fmt.number(p.searches),
                  align: 'end',
                },
                {
                  key: 'peak',
                  header: t('dm.peak'),
                  label: t('dm.peak'),
                  cell: (p) => fmt.hour(p.peakHour),
                  align: 'end',
                },
              ]}
            />
          </div>
          <p>
            <Link to="/calls">{t('dm.apply')}</Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}

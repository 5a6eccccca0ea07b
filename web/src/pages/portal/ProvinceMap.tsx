import provincesGeo from '@amcharts/amcharts5-geodata/json/pakistanLow.json';
import { useQuery } from '@tanstack/react-query';
import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { SelectField } from '../../components/Field';
import { ScrollTable } from '../../components/Table';
import { useFormat, useUrduDigits } from '../../lib/useFormat';
import { formatFigure, PROVINCE_NAMES } from './portal-lib';

type Figure = components['schemas']['PublicFigure'];
type PromiseEntry = components['schemas']['Promise'];

// Province boundaries from @amcharts/amcharts5-geodata (linkware licence: the attribution link
// under the map must stay). Bundled in this lazy chunk, never fetched from a map service.
const AMCHARTS_TO_CODE: Record<string, string> = {
  'PK-PB': 'PB',
  'PK-SD': 'SD',
  'PK-KP': 'KP',
  'PK-IS': 'ICT',
  'PK-BA': 'BA',
  'PK-JK': 'AJK',
  'PK-GB': 'GB',
};
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
const SHAPES = geo.features.map((f) => ({
  code: AMCHARTS_TO_CODE[String(f.id ?? f.properties.id)] ?? String(f.id),
  d: path(f) ?? '',
}));
// Islamabad is a few pixels wide: drawn last, with a ring so it can be seen.
SHAPES.sort((a, b) => (a.code === 'ICT' ? 1 : 0) - (b.code === 'ICT' ? 1 : 0));

/** Five light-to-dark greens (ColorBrewer Greens), readable with dark borders and amber dots. */
const COLOURS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];
const NO_DATA = '#d9d9d9';

export type ShadeKey = 'quota' | 'centres.operational' | 'seats.total' | 'loans.disbursed_pkr';
const SHADES: ShadeKey[] = ['quota', 'centres.operational', 'seats.total', 'loans.disbursed_pkr'];

/** The values to shade by, per province code; null where the figure is not measured. */
export function provinceValues(
  shade: ShadeKey,
  figures: Figure[],
  promises: PromiseEntry[],
): Record<string, number> | null {
  if (shade === 'quota') {
    const out: Record<string, number> = {};
    // The register is in order of announcement: each province's first standing quota of
    // operational centres (the first phase) counts, not later promises for the same province.
    for (const p of promises)
      if (
        p.provinceCode &&
        !p.supersededBy &&
        p.figureKey === 'centres.operational' &&
        p.delivered !== null &&
        out[p.provinceCode] === undefined
      )
        out[p.provinceCode] = Math.round((p.delivered / p.target) * 100);
    return Object.keys(out).length ? out : null;
  }
  const f = figures.find((x) => x.key === shade);
  if (!f?.available) return null;
  return f.byProvince ?? {};
}

/** Five equal classes from 0 to the largest value (0–100 for quota shares). */
export function classBreaks(values: number[], shade: ShadeKey): number[] {
  const max = shade === 'quota' ? 100 : Math.max(1, ...values);
  return [1, 2, 3, 4].map((i) => Math.round((max * i) / 5));
}
const classOf = (v: number, breaks: number[]) => breaks.filter((b) => v >= b).length;

export default function ProvinceMap({ figures, promises }: { figures: Figure[]; promises: PromiseEntry[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const urduDigits = useUrduDigits();
  const [shade, setShade] = useState<ShadeKey>('quota');
  const centres = useQuery({
    queryKey: ['public', 'centres', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/public/centres', { params: { query: { limit: 500 } } })),
  });
  const values = provinceValues(shade, figures, promises);
  const breaks = classBreaks(Object.values(values ?? {}), shade);
  const show = (v: number) =>
    shade === 'quota'
      ? `${fmt.number(v)}%`
      : formatFigure(figures.find((f) => f.key === shade)?.unit ?? 'centres', v, fmt.lang, { urduDigits });
  const name = (code: string) => {
    const n = PROVINCE_NAMES[code];
    return n ? (fmt.lang === 'ur' ? n[1] : n[0]) : code;
  };
  const fill = (code: string) => {
    const v = values?.[code];
    if (values === null) return NO_DATA;
    return COLOURS[classOf(v ?? 0, breaks)]!;
  };
  const points = centres.data?.items ?? [];
  const shadeLabel = t(`portal.shade.${shade}`);
  const legend = [0, 1, 2, 3, 4].map((i) => ({
    colour: COLOURS[i]!,
    from: i === 0 ? 0 : breaks[i - 1]!,
    to: i === 4 ? null : breaks[i]!,
  }));
  return (
    <section aria-labelledby="map-h" className="province-map" data-testid="province-map">
      <h2 id="map-h">{t('portal.mapTitle')}</h2>
      <p>{t('portal.mapIntro', { n: fmt.number(points.length) })}</p>
      <SelectField
        id="map-shade"
        label={t('portal.shadeBy')}
        value={shade}
        onChange={(e) => setShade(e.target.value as ShadeKey)}
      >
        {SHADES.map((s) => (
          <option key={s} value={s}>
            {t(`portal.shade.${s}`)}
          </option>
        ))}
      </SelectField>
      <figure className="map-box">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('portal.mapLabel', { shade: shadeLabel })}>
          {SHAPES.map((s) => (
            <path
              key={s.code}
              d={s.d}
              data-province={s.code}
              fill={fill(s.code)}
              stroke={s.code === 'ICT' ? '#7c2d12' : '#36453f'}
              strokeWidth={s.code === 'ICT' ? 2 : 0.8}
            >
              <title>
                {name(s.code)}:{' '}
                {values && values[s.code] !== undefined ? show(values[s.code]!) : t('portal.noData')}
              </title>
            </path>
          ))}
          {points.map((c) => {
            const [x, y] = projection([c.longitude, c.latitude]) ?? [0, 0];
            return (
              <circle key={c.id} cx={x} cy={y} r={4.5} fill="#b45309" stroke="#fff" strokeWidth={1.5}>
                <title>{fmt.lang === 'ur' && c.nameUr ? c.nameUr : c.nameEn}</title>
              </circle>
            );
          })}
        </svg>
        <figcaption>
          {values === null ? (
            <p>{t('portal.noData')}</p>
          ) : (
            <ul className="legend" aria-label={t('portal.legend', { shade: shadeLabel })}>
              {legend.map((l) => (
                <li key={l.colour}>
                  <span className="swatch" style={{ background: l.colour }} aria-hidden="true" />
                  {l.to === null
                    ? t('portal.legendFrom', { from: show(l.from) })
                    : `${show(l.from)} – ${show(l.to)}`}
                </li>
              ))}
              <li>
                <span className="swatch swatch--dot" aria-hidden="true" />
                {t('portal.legendCentre')}
              </li>
            </ul>
          )}
          <p className="attribution">
            {t('portal.mapAttribution')}{' '}
            <a href="https://www.amcharts.com/" rel="noopener">
              amCharts
            </a>{' '}
            (<a href="/licences/amcharts5-geodata-LICENSE.txt">{t('portal.licence')}</a>)
          </p>
        </figcaption>
      </figure>
      <ScrollTable label={t('portal.mapTable', { shade: shadeLabel })}>
        <caption>{t('portal.mapTable', { shade: shadeLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portal.province')}</th>
            <th scope="col">{shadeLabel}</th>
          </tr>
        </thead>
        <tbody>
          {Object.keys(PROVINCE_NAMES).map((code) => (
            <tr key={code} data-province={code}>
              <th scope="row">{name(code)}</th>
              <td className="num">
                {values && values[code] !== undefined
                  ? show(values[code]!)
                  : values
                    ? show(0)
                    : t('portal.noData')}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p>
        <Link to="/portal/centres">{t('portal.mapDirectory')}</Link>
      </p>
    </section>
  );
}

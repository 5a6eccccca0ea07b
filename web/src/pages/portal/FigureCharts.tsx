import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { useFormat, useUrduDigits } from '../../lib/useFormat';
import { formatCompact, formatFigure, formatMonth } from './portal-lib';

type Figure = components['schemas']['PublicFigure'];
type Point = { month: string; value: number | null };

const W = 320;
const H = 140;
const PAD = { top: 14, bottom: 30, side: 44 };

/**
 * The gutter for the value labels, from their length: 12px type averages about 7 units a character
 * in Latin and more in Nastaliq, whose words are wide.
 */
function gutterFor(labels: string[], urdu: boolean): number {
  const longest = Math.max(...labels.map((l) => l.length));
  return Math.min(110, Math.max(PAD.side, 12 + longest * (urdu ? 8.5 : 7)));
}

/**
 * One small line chart, drawn by hand in SVG (no chart library): months along the bottom — right
 * to left on Urdu pages, as the page reads — the value up the side, a dot per month with its value
 * in a tooltip. The table under it says the same for screen readers and for copying.
 */
export function LineChart({ figure, points, rtl }: { figure: Figure; points: Point[]; rtl: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const urduDigits = useUrduDigits();
  const label = fmt.lang === 'ur' ? figure.labelUr : figure.labelEn;
  const known = points.filter((p): p is { month: string; value: number } => p.value !== null);
  const max = Math.max(1, ...known.map((p) => p.value));
  const compact = (v: number) => formatCompact(figure.unit, v, fmt.lang, { urduDigits });
  // The value labels sit in a gutter on the side the page starts from; the plot takes the rest.
  const side = gutterFor([compact(max), compact(0)], fmt.lang === 'ur');
  const plotW = W - side - 12;
  const plotStart = rtl ? 12 : side;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => {
    const at = points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW;
    return plotStart + (rtl ? plotW - at : at);
  };
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const line = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  // Anchors are physical: the SVG is laid out left to right (style below) in both languages.
  const axisX = rtl ? plotStart + plotW + 6 : side - 6;
  const anchor = rtl ? 'start' : 'end';
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('portal.chartLabel', { figure: label })}
      className="chart"
      style={{ direction: 'ltr' }}
    >
      <line x1={plotStart} x2={plotStart + plotW} y1={y(0)} y2={y(0)} stroke="#8a958f" />
      <line
        x1={plotStart}
        x2={plotStart + plotW}
        y1={y(max)}
        y2={y(max)}
        stroke="#d5dbd8"
        strokeDasharray="3 3"
      />
      <text x={axisX} y={y(max) + 4} textAnchor={anchor} className="chart-axis">
        {compact(max)}
      </text>
      <text x={axisX} y={y(0) + 4} textAnchor={anchor} className="chart-axis">
        {compact(0)}
      </text>
      {first ? (
        <text x={x(0)} y={H - 6} textAnchor={rtl ? 'end' : 'start'} className="chart-axis">
          {formatMonth(first.month, fmt.lang, { urduDigits })}
        </text>
      ) : null}
      {last && points.length > 1 ? (
        <text x={x(points.length - 1)} y={H - 6} textAnchor={rtl ? 'start' : 'end'} className="chart-axis">
          {formatMonth(last.month, fmt.lang, { urduDigits })}
        </text>
      ) : null}
      {known.length > 1 ? <polyline points={line} fill="none" stroke="#0b5d3b" strokeWidth={2} /> : null}
      {points.map((p, i) =>
        p.value === null ? null : (
          <circle key={p.month} cx={x(i)} cy={y(p.value)} r={3.5} fill="#0b5d3b">
            <title>
              {formatMonth(p.month, fmt.lang, { urduDigits })}:{' '}
              {formatFigure(figure.unit, p.value, fmt.lang, { urduDigits })}
            </title>
          </circle>
        ),
      )}
    </svg>
  );
}

/** Monthly charts of every headline figure, loaded after the first screen. */
export default function FigureCharts({ figures }: { figures: Figure[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const urduDigits = useUrduDigits();
  const series = useQuery({
    queryKey: ['public', 'series'],
    queryFn: () => unwrap(api.GET('/api/v1/public/series')),
  });
  const rtl = fmt.lang === 'ur';
  const months = series.data ?? [];
  const charted = figures.filter((f) => f.available);
  return (
    <section aria-labelledby="charts-h">
      <h2 id="charts-h">{t('portal.chartsTitle')}</h2>
      <p>{t('portal.chartsIntro')}</p>
      {series.data && months.length === 0 ? <p>{t('portal.chartsEmpty')}</p> : null}
      {months.length > 0 ? (
        <ul className="chart-grid">
          {charted.map((f) => {
            const points = months.map((m) => ({ month: m.month, value: m.totals[f.key] ?? null }));
            const label = fmt.lang === 'ur' ? f.labelUr : f.labelEn;
            return (
              <li key={f.key} className="chart-card" data-chart={f.key}>
                <h3>{label}</h3>
                <LineChart figure={f} points={points} rtl={rtl} />
                <details>
                  <summary>{t('portal.chartTable')}</summary>
                  <table>
                    <caption className="visually-hidden">{label}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('portal.month')}</th>
                        <th scope="col">{t('portal.value')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {points.map((p) => (
                        <tr key={p.month}>
                          <th scope="row">{formatMonth(p.month, fmt.lang, { urduDigits })}</th>
                          <td className="num">
                            {p.value === null ? '—' : formatFigure(f.unit, p.value, fmt.lang, { urduDigits })}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
                <a href={`/api/v1/open-data/monthly-series.csv?key=${encodeURIComponent(f.key)}`} download>
                  {t('portal.chartCsv')}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

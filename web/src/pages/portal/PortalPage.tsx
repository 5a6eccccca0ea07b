import { useMutation, useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { currentLang } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { Figures, Promises } from './PortalCards';
import { PROVINCE_NAMES } from './portal-lib';
import './portal.i18n';
import './portal.css';

// The map (with its province boundaries) and the charts are their own chunks: the first screen
// (figures and promises) does not wait for them.
const ProvinceMap = lazy(() => import('./ProvinceMap'));
const FigureCharts = lazy(() => import('./FigureCharts'));

type PromiseEntry = components['schemas']['Promise'];

function Provinces({ items }: { items: PromiseEntry[] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  // Each province's first standing quota of operational centres (the first phase), as the map shades it.
  const seen = new Set<string>();
  const quotas = items.filter((p) => {
    if (
      !p.provinceCode ||
      p.supersededBy ||
      p.figureKey !== 'centres.operational' ||
      seen.has(p.provinceCode)
    )
      return false;
    seen.add(p.provinceCode);
    return true;
  });
  if (quotas.length === 0) return null;
  return (
    <section aria-labelledby="provinces-h">
      <h2 id="provinces-h">{t('portal.provincesTitle')}</h2>
      <p>{t('portal.provincesIntro')}</p>
      <ul className="quota-bars">
        {quotas.map((p) => {
          const delivered = p.delivered ?? 0;
          const pct = Math.min(100, Math.round((delivered / p.target) * 100));
          const names = PROVINCE_NAMES[p.provinceCode!] ?? [p.provinceCode!, p.provinceCode!];
          return (
            <li key={p.id}>
              <span className="quota-name">{lang === 'ur' ? names[1] : names[0]}</span>
              <span className="quota-bar" aria-hidden="true">
                <span className="quota-fill" style={{ inlineSize: `${pct}%` }} />
              </span>
              <span className="quota-num">
                {p.delivered === null
                  ? t('portal.noData')
                  : t('portal.ofQuota', {
                      delivered: formatNumber(delivered, lang),
                      target: formatNumber(p.target, lang),
                    })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Funnel() {
  const { t } = useTranslation();
  const lang = currentLang();
  const funnel = useQuery({
    queryKey: ['public', 'funnel'],
    queryFn: () => unwrap(api.GET('/api/v1/public/funnel')),
  });
  if (!funnel.data) return null;
  return (
    <section aria-labelledby="funnel-h">
      <h2 id="funnel-h">{t('portal.funnelTitle')}</h2>
      <p>{t('portal.funnelIntro')}</p>
      <ScrollTable label={t('portal.funnelTitle')}>
        <thead>
          <tr>
            <th scope="col">{t('portal.funnelStep')}</th>
            <th scope="col">{t('portal.funnelWaiting')}</th>
            <th scope="col">{t('portal.funnelMedian')}</th>
            <th scope="col">{t('portal.funnelP90')}</th>
            <th scope="col">{t('portal.funnelLate')}</th>
          </tr>
        </thead>
        <tbody>
          {funnel.data.stages.map((s) => (
            <tr key={s.step}>
              <td>{lang === 'ur' ? s.labelUr : s.labelEn}</td>
              {s.available ? (
                <>
                  <td className="num">{formatNumber(s.waiting ?? 0, lang)}</td>
                  <td className="num">
                    {s.medianDays === null ? '—' : t('portal.days', { n: formatNumber(s.medianDays, lang) })}
                  </td>
                  <td className="num">
                    {s.p90Days === null ? '—' : t('portal.days', { n: formatNumber(s.p90Days, lang) })}
                  </td>
                  <td>
                    {s.overStandard.length === 0
                      ? t('portal.noneLate', { n: s.serviceStandardDays })
                      : s.overStandard.map((ref) => (
                          <code key={ref} dir="ltr" className="ref">
                            {ref}
                          </code>
                        ))}
                  </td>
                </>
              ) : (
                <td colSpan={4}>{t('portal.noData')}</td>
              )}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

function History() {
  const { t } = useTranslation();
  const lang = currentLang();
  const snapshots = useQuery({
    queryKey: ['public', 'snapshots'],
    queryFn: () => unwrap(api.GET('/api/v1/public/snapshots')),
  });
  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/public/snapshots/verify')) });
  const origin = typeof window !== 'undefined' ? window.location.origin : '';
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">{t('portal.historyTitle')}</h2>
      <p>{t('portal.historyIntro')}</p>
      <details>
        <summary>{t('portal.verifyYourself')}</summary>
        <pre dir="ltr" className="cmd">
          <code>{t('portal.verifyCmd', { url: origin })}</code>
        </pre>
      </details>
      <button className="btn" type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {t('portal.verifyServer')}
      </button>
      <FormAlert error={verify.error} />
      {verify.data ? (
        <p className={`alert ${verify.data.ok ? 'alert--success' : 'alert--error'}`} role="status">
          {verify.data.ok
            ? t('portal.verified', { n: formatNumber(verify.data.checkedDays, lang) })
            : t('portal.brokenDay', { day: verify.data.broken?.day, reason: verify.data.broken?.reason })}
        </p>
      ) : null}
      {snapshots.data ? (
        <ScrollTable label={t('portal.historyTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('portal.day')}</th>
              <th scope="col">{t('portal.hash')}</th>
              <th scope="col">{t('portal.download')}</th>
            </tr>
          </thead>
          <tbody>
            {snapshots.data.slice(0, 14).map((s) => (
              <tr key={s.day}>
                <td>{formatDate(s.day, lang)}</td>
                <td dir="ltr">
                  <code className="hash">{s.hash.slice(0, 16)}…</code>
                </td>
                <td>
                  <a href={`/api/v1/public/snapshots/${s.day}`} download={`markaz-snapshot-${s.day}.json`}>
                    JSON
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </section>
  );
}

const DATASETS = [
  'figures',
  'figures-by-province',
  'monthly-series',
  'promises',
  'funnel',
  'centres',
  'snapshots',
  'earnings-by-evidence',
  'provinces',
];

function OpenData() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="open-data-h">
      <h2 id="open-data-h">{t('portal.openDataTitle')}</h2>
      <p>{t('portal.openDataIntro')}</p>
      <ul className="downloads">
        {DATASETS.map((d) => (
          <li key={d}>
            <span>{t(`portal.dataset.${d}`)}</span>{' '}
            <a href={`/api/v1/open-data/${d}.csv`} download>
              CSV
            </a>{' '}
            <a href={`/api/v1/open-data/${d}.json`}>JSON</a>
          </li>
        ))}
        <li>
          <a href="/api/v1/open-data/datapackage.json">{t('portal.dataPackage')}</a>
        </li>
      </ul>
    </section>
  );
}

export default function PortalPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const figures = useQuery({
    queryKey: ['public', 'figures'],
    queryFn: () => unwrap(api.GET('/api/v1/public/figures')),
  });
  const promises = useQuery({
    queryKey: ['public', 'promises'],
    queryFn: () => unwrap(api.GET('/api/v1/public/promises')),
  });
  const asOf = figures.data?.find((f) => f.asOf)?.asOf;
  return (
    <Page title={t('portal.title')} wide>
      <p className="lead">{t('portal.lead')}</p>
      {asOf ? <p className="as-of">{t('portal.asOf', { time: formatDateTime(asOf, lang) })}</p> : null}
      <FormAlert error={figures.error ?? promises.error} />
      {figures.data ? <Figures figures={figures.data} /> : <Loading />}
      {promises.data ? (
        <>
          <Promises
            items={promises.data.items}
            rule={lang === 'ur' ? promises.data.statusRuleUr : promises.data.statusRuleEn}
          />
          <Provinces items={promises.data.items} />
        </>
      ) : null}
      {figures.data && promises.data ? (
        <Suspense fallback={<Loading />}>
          <ProvinceMap figures={figures.data} promises={promises.data.items} />
        </Suspense>
      ) : null}
      {figures.data ? (
        <Suspense fallback={<Loading />}>
          <FigureCharts figures={figures.data} />
        </Suspense>
      ) : null}
      <Funnel />
      <History />
      <OpenData />
    </Page>
  );
}

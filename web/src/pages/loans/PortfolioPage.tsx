import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './loans.i18n';

type Portfolio = paths['/api/v1/loans/portfolio']['get']['responses'][200]['content']['application/json'];
type Row = Portfolio['programme'];

const BUCKETS = ['current', '1-30', '31-60', '61-90', '91-180', '180+'] as const;

/** A share of outstanding principal, to one decimal: "12.5%". Display only; the amounts stay in paisa. */
function usePercent() {
  const fmt = useFormat();
  return (part: number, whole: number) => {
    if (whole <= 0) return '—';
    const tenths = Math.round((part * 1000) / whole);
    return `${fmt.number(Math.trunc(tenths / 10))}${tenths % 10 ? `.${fmt.number(tenths % 10)}` : ''}%`;
  };
}

function PortfolioTable({
  id,
  title,
  keyLabel,
  rows,
}: {
  id: string;
  title: string;
  keyLabel: string;
  rows: Row[];
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pct = usePercent();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('loans.none')}</p>
      ) : (
        <ScrollTable label={title}>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">{t('loans.portfolio.loans')}</th>
              <th scope="col">{t('loans.colOutstanding')}</th>
              {BUCKETS.map((b) => (
                <th scope="col" key={b}>
                  {t(`loans.bucket.${b}`)}
                </th>
              ))}
              <th scope="col">PAR30</th>
              <th scope="col">PAR60</th>
              <th scope="col">PAR90</th>
              <th scope="col">{t('loans.detail.subsidy')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.key}</th>
                <td>{fmt.number(r.loans)}</td>
                <td>{fmt.pkr(r.outstandingMinor)}</td>
                {BUCKETS.map((b) => (
                  <td key={b}>{fmt.pkr(r.bucketsMinor[b] ?? 0)}</td>
                ))}
                {[r.par30Minor, r.par60Minor, r.par90Minor].map((par, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: three fixed columns
                  <td key={i}>
                    {fmt.pkr(par)} ({pct(par, r.outstandingMinor)})
                  </td>
                ))}
                <td>{fmt.pkr(r.subsidyAccruedMinor)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

export default function PortfolioPage() {
  const { t } = useTranslation();
  const data = useQuery({
    queryKey: ['loans', 'portfolio'],
    queryFn: () => unwrap(api.GET('/api/v1/loans/portfolio')),
  });
  return (
    <Page title={t('loans.portfolio.title')} wide>
      <p className="lead">{t('loans.portfolio.lead')}</p>
      <p>
        <Link to="/loans">{t('loans.detail.back')}</Link>
      </p>
      {data.isPending ? (
        <Loading />
      ) : data.isError ? (
        <FormAlert error={data.error} />
      ) : (
        <>
          <PortfolioTable
            id="pf-programme"
            title={t('loans.portfolio.programme')}
            keyLabel={t('loans.portfolio.scope')}
            rows={[{ ...data.data.programme, key: t('loans.portfolio.all') }]}
          />
          <PortfolioTable
            id="pf-bank"
            title={t('loans.portfolio.byBank')}
            keyLabel={t('loans.colBank')}
            rows={data.data.byBank}
          />
          <PortfolioTable
            id="pf-province"
            title={t('loans.portfolio.byProvince')}
            keyLabel={t('loans.detail.province')}
            rows={data.data.byProvince}
          />
        </>
      )}
    </Page>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { QuartersTable, SubsidyCostSection } from './ClaimParts';
import { useBucketName } from './lib';
import './loans.i18n';

/** A bank officer's landing page for loans: its portfolio, arrears, PAR, claims and deadlines. */
export default function BankDashboardPage() {
  const { t } = useTranslation();
  const bucketName = useBucketName();
  const fmt = useFormat();
  const pf = useQuery({
    queryKey: ['loans', 'portfolio'],
    queryFn: () => unwrap(api.GET('/api/v1/loans/portfolio')),
  });
  const share = (part: number, whole: number) =>
    whole > 0 ? `${fmt.number(Math.round((part * 1000) / whole) / 10)}%` : '—';
  const p = pf.data?.programme;
  return (
    <Page title={t('loans.bank.title')} wide>
      <p className="lead">{t('loans.bank.lead')}</p>
      <p>
        <Link to="/loans">{t('loans.detail.back')}</Link> ·{' '}
        <Link to="/loans/claims">{t('loans.bank.toClaims')}</Link>
      </p>
      {pf.isPending ? (
        <Loading />
      ) : pf.isError ? (
        <FormAlert error={pf.error} />
      ) : p ? (
        <section aria-labelledby="bank-portfolio">
          <h2 id="bank-portfolio">{t('loans.bank.portfolio')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('loans.bank.loans')}</dt>
              <dd>{fmt.number(p.loans)}</dd>
            </div>
            <div>
              <dt>{t('loans.bank.outstanding')}</dt>
              <dd>{fmt.pkr(p.outstandingMinor)}</dd>
            </div>
            {(
              [
                ['PAR30', p.par30Minor],
                ['PAR60', p.par60Minor],
                ['PAR90', p.par90Minor],
              ] as const
            ).map(([k, v]) => (
              <div key={k}>
                <dt>
                  {t('loans.bank.par')} ({k})
                </dt>
                <dd>
                  {fmt.pkr(v)} ({share(v, p.outstandingMinor)})
                </dd>
              </div>
            ))}
          </dl>
          <h3 id="bank-buckets">{t('loans.bank.buckets')}</h3>
          <ScrollTable label={t('loans.bank.buckets')}>
            <thead>
              <tr>
                {Object.keys(p.bucketsMinor).map((b) => (
                  <th scope="col" key={b}>
                    {bucketName(b)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {Object.keys(p.bucketsMinor).map((b) => (
                  <td key={b}>{fmt.pkr(p.bucketsMinor[b] ?? 0)}</td>
                ))}
              </tr>
            </tbody>
          </ScrollTable>
        </section>
      ) : null}
      <QuartersTable showBank={false} canFile />
      <SubsidyCostSection programmeRow={false} />
    </Page>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useMe } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { SubsidyCostSection } from './ClaimParts';
import { useBucketName } from './lib';
import './loans.i18n';

type Portfolio = paths['/api/v1/loans/portfolio']['get']['responses'][200]['content']['application/json'];
type Row = Portfolio['programme'];

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
  labels,
}: {
  id: string;
  title: string;
  keyLabel: string;
  rows: Row[];
  /** The bucket labels of the settings in force, 'current' first. */
  labels: string[];
}) {
  const { t } = useTranslation();
  const bucketName = useBucketName();
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
              {labels.map((b) => (
                <th scope="col" key={b}>
                  {bucketName(b)}
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
                {labels.map((b) => (
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

/** Outstanding principal by SBP classification (the arrears settings in force). */
function ClassesTable({ row }: { row: Row }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const classes = Object.keys(row.classesMinor);
  return (
    <section aria-labelledby="pf-classes">
      <h2 id="pf-classes">{t('loans.portfolio.classes')}</h2>
      <ScrollTable label={t('loans.portfolio.classes')}>
        <thead>
          <tr>
            {classes.map((c) => (
              <th scope="col" key={c}>
                {t(`loans.sbpClass.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {classes.map((c) => (
              <td key={c}>{fmt.pkr(row.classesMinor[c] ?? 0)}</td>
            ))}
          </tr>
        </tbody>
      </ScrollTable>
    </section>
  );
}

/** The admin runs the close of business for days that have ended (e.g. after a late entry). */
function CobForm() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (body: { from: string; to: string }) =>
      unwrap(api.POST('/api/v1/loans/close-of-business', { body })),
    onSuccess: (r) => {
      setMessage(t('loans.cob.done', { days: fmt.number(r.days), amount: fmt.pkr(r.accruedMinor) }));
      void qc.invalidateQueries({ queryKey: ['loans'] });
      void qc.invalidateQueries({ queryKey: ['loan-claims'] });
      void qc.invalidateQueries({ queryKey: ['loan-subsidy'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    run.mutate({ from, to: to || from });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="cob-title">
      <h2 id="cob-title">{t('loans.cob.title')}</h2>
      <p>{t('loans.cob.intro')}</p>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <FormAlert error={run.error} />
      <TextField
        id="cobFrom"
        type="date"
        label={t('loans.cob.from')}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={fieldError(run.error, 'from')}
      />
      <TextField
        id="cobTo"
        type="date"
        label={t('loans.cob.to')}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={fieldError(run.error, 'to')}
      />
      <button type="submit" className="btn btn--primary" disabled={run.isPending || !from}>
        {t('loans.cob.submit')}
      </button>
    </form>
  );
}

export default function PortfolioPage() {
  const { t } = useTranslation();
  const me = useMe();
  const data = useQuery({
    queryKey: ['loans', 'portfolio'],
    queryFn: () => unwrap(api.GET('/api/v1/loans/portfolio')),
  });
  const labels = data.data ? ['current', ...data.data.buckets.buckets.map((b) => b.label)] : [];
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
            labels={labels}
          />
          <ClassesTable row={data.data.programme} />
          <PortfolioTable
            id="pf-bank"
            title={t('loans.portfolio.byBank')}
            keyLabel={t('loans.colBank')}
            rows={data.data.byBank}
            labels={labels}
          />
          <PortfolioTable
            id="pf-province"
            title={t('loans.portfolio.byProvince')}
            keyLabel={t('loans.detail.province')}
            rows={data.data.byProvince}
            labels={labels}
          />
          <SubsidyCostSection programmeRow />
          {me.data?.role === 'program_admin' ? <CobForm /> : null}
        </>
      )}
    </Page>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { CLAIMS_KEY, type Claim, type ClaimQuarter, QUARTERS_KEY, type SubsidyCost } from './claims-lib';
import './loans.i18n';
import './corrections.i18n';

/** Days left before a deadline, or how late it is; a filed quarter shows its claim's status. */
export function Deadline({ q }: { q: ClaimQuarter }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (q.status) return <>{t('loans.claims.filed', { status: t(`loans.claims.status.${q.status}`) })}</>;
  if (q.overdue)
    return (
      <strong style={{ color: 'var(--danger)' }}>
        {t('loans.claims.overdue', { count: -q.daysLeft, days: fmt.number(-q.daysLeft) })}
      </strong>
    );
  return <>{t('loans.claims.daysLeft', { count: q.daysLeft, days: fmt.number(q.daysLeft) })}</>;
}

export function QuartersTable({ showBank, canFile }: { showBank: boolean; canFile: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const quarters = useQuery({
    queryKey: QUARTERS_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/loans/claims/quarters')),
  });
  return (
    <section aria-labelledby="claim-quarters">
      <h2 id="claim-quarters">{t('loans.claims.quarters')}</h2>
      <p className="field-hint">{t('loans.claims.deadlineNote')}</p>
      {quarters.isPending ? (
        <Loading />
      ) : quarters.isError ? (
        <FormAlert error={quarters.error} />
      ) : quarters.data.length === 0 ? (
        <p>{t('loans.claims.quartersNone')}</p>
      ) : (
        <ScrollTable label={t('loans.claims.quarters')}>
          <thead>
            <tr>
              {showBank ? <th scope="col">{t('loans.claims.colBank')}</th> : null}
              <th scope="col">{t('loans.claims.colQuarter')}</th>
              <th scope="col">{t('loans.claims.colDueBy')}</th>
              <th scope="col">{t('loans.claims.colDeadline')}</th>
              <th scope="col">{t('loans.claims.colMarkaz')}</th>
              <th scope="col">{t('loans.claims.colClaim')}</th>
            </tr>
          </thead>
          <tbody>
            {quarters.data.map((q) => (
              <tr key={`${q.bankId}-${q.quarter}`}>
                {showBank ? <td>{q.bankCode}</td> : null}
                <th scope="row">
                  <span dir="ltr">{q.quarter}</span>
                  <br />
                  <small>
                    {fmt.date(q.periodStart)} – {fmt.date(q.periodEnd)}
                  </small>
                </th>
                <td>{fmt.date(q.dueBy)}</td>
                <td>
                  <Deadline q={q} />
                </td>
                <td>{fmt.pkr(q.computedMinor)}</td>
                <td>
                  {q.claimId ? (
                    <Link
                      to={`/loans/claims/${q.claimId}`}
                      // The visible status starts the name, as the link's text must (WCAG 2.5.3).
                      aria-label={`${t(`loans.claims.status.${q.status as Claim['status']}`)}: ${t('loans.claims.open', { bank: q.bankCode, quarter: q.quarter })}`}
                    >
                      {t(`loans.claims.status.${q.status as Claim['status']}`)}
                    </Link>
                  ) : canFile ? (
                    <a
                      href={`/api/v1/loans/claims/template.csv?quarter=${q.quarter}`}
                      download
                      aria-label={t('loans.claims.figuresCsvLabel', { quarter: q.quarter })}
                    >
                      {t('loans.claims.figuresCsv')}
                    </a>
                  ) : (
                    t('loans.claims.notFiled')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

export function ClaimsTable({ showBank }: { showBank: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const claims = useQuery({ queryKey: CLAIMS_KEY, queryFn: () => unwrap(api.GET('/api/v1/loans/claims')) });
  return (
    <section aria-labelledby="claims-list">
      <h2 id="claims-list">{t('loans.claims.list')}</h2>
      {claims.isPending ? (
        <Loading />
      ) : claims.isError ? (
        <FormAlert error={claims.error} />
      ) : claims.data.length === 0 ? (
        <p>{t('loans.claims.none')}</p>
      ) : (
        <ScrollTable label={t('loans.claims.list')}>
          <thead>
            <tr>
              <th scope="col">{t('loans.claims.colQuarter')}</th>
              {showBank ? <th scope="col">{t('loans.claims.colBank')}</th> : null}
              <th scope="col">{t('loans.claims.colStatus')}</th>
              <th scope="col">{t('loans.claims.colFiled')}</th>
              <th scope="col">{t('loans.claims.colClaimed')}</th>
              <th scope="col">{t('loans.claims.colComputed')}</th>
              <th scope="col">{t('loans.claims.colApproved')}</th>
              <th scope="col">{t('loans.claims.colClawback')}</th>
              <th scope="col">{t('loans.claims.colPaid')}</th>
            </tr>
          </thead>
          <tbody>
            {claims.data.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link
                    to={`/loans/claims/${c.id}`}
                    aria-label={t('loans.claims.open', { bank: c.bankCode, quarter: c.quarter })}
                    dir="ltr"
                  >
                    {c.quarter}
                  </Link>
                </th>
                {showBank ? <td>{c.bankCode}</td> : null}
                <td>{t(`loans.claims.status.${c.status}`)}</td>
                <td>
                  {fmt.date(c.filedAt)}
                  {c.filedLate ? ` (${t('loans.claims.late')})` : ''}
                </td>
                <td>{fmt.pkr(c.claimedMinor)}</td>
                <td>{fmt.pkr(c.computedMinor)}</td>
                <td>{c.approvedMinor === null ? '—' : fmt.pkr(c.approvedMinor)}</td>
                <td>{c.clawbackMinor ? fmt.pkr(c.clawbackMinor) : '—'}</td>
                <td>{c.status === 'paid' ? fmt.pkr(c.paidMinor) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

/** Subsidy cost to date and the four-quarter forecast, by bank and for the programme. */
export function SubsidyCostSection({ programmeRow }: { programmeRow: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const cost = useQuery({
    queryKey: ['loan-subsidy'],
    queryFn: () => unwrap(api.GET('/api/v1/loans/subsidy')),
  });
  if (cost.isPending) return <Loading />;
  if (cost.isError) return <FormAlert error={cost.error} />;
  const data: SubsidyCost = cost.data;
  const rows = programmeRow ? [...data.byBank, data.programme] : data.byBank;
  return (
    <section aria-labelledby="subsidy-cost">
      <h2 id="subsidy-cost">{t('loans.subsidy.title')}</h2>
      <ScrollTable label={t('loans.subsidy.title')}>
        <thead>
          <tr>
            <th scope="col">{t('loans.claims.colBank')}</th>
            <th scope="col">{t('loans.subsidy.colAccrued')}</th>
            <th scope="col">{t('loans.subsidy.colPaid')}</th>
            <th scope="col">{t('loans.subsidy.colClawback')}</th>
            {data.periods.map((p, i) => (
              <th scope="col" key={p.quarter}>
                {i === 0
                  ? t('loans.subsidy.forecastFrom', { quarter: p.quarter, from: fmt.date(p.from) })
                  : p.quarter}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.bankCode}>
              <th scope="row">{r.bankCode === 'programme' ? t('loans.subsidy.programme') : r.bankCode}</th>
              <td>{fmt.pkr(r.accruedMinor)}</td>
              <td>{fmt.pkr(r.paidMinor)}</td>
              <td>{fmt.pkr(r.clawbackMinor)}</td>
              {r.forecastMinor.map((v, i) => (
                <td key={data.periods[i]!.quarter}>{fmt.pkr(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="field-hint">
        {t('loans.subsidy.forecast')}: {t('loans.subsidy.assumptions')}
      </p>
      {data.loansWithoutRate > 0 ? (
        <p>{t('loans.subsidy.withoutRate', { count: data.loansWithoutRate })}</p>
      ) : null}
    </section>
  );
}

/** Earlier quarters' subsidy adjustments this claim settles (back-dated entries, corrections; decision 0035). */
export function ClaimAdjustments({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (claim.adjustments.length === 0) return null;
  return (
    <section aria-labelledby="claim-adjustments">
      <h2 id="claim-adjustments">{t('loans.corrections.adjustments')}</h2>
      <p>{t('loans.corrections.claimTotal', { amount: fmt.pkr(claim.adjustmentMinor) })}</p>
      <ScrollTable label={t('loans.corrections.adjustments')}>
        <tbody>
          {claim.adjustments.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.quarter}</th>
              <td>
                <Link to={`/loans/${a.loanId}`}>{a.reason}</Link>
              </td>
              <td>{fmt.pkr(a.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/Table';
import { cityName } from '../../lib/names';
import { type Grant, useMoney } from './fund-lib';

/** One grant as its founder, staff or a cleared committee member sees it; actions go in `children`. */
export function GrantDetail({ g, children }: { g: Grant; children?: ReactNode }) {
  const { t } = useTranslation();
  const m = useMoney();
  return (
    <li className="card" data-testid="fund-grant" data-grant={g.id}>
      <h3 className="fund-card-title">{g.startupName}</h3>
      <p className="fund-facts">
        <span className={`fund-badge fund-badge--${g.stage}`} data-testid="grant-stage">
          {t(`fund.stages.${g.stage}`)}
        </span>
        <span>{t(`fund.sectors.${g.sector}`, { defaultValue: g.sector })}</span>
        <span>{cityName(g, m.lang)}</span>
      </p>
      <dl className="fund-dl">
        <dt>{t('fund.investors')}</dt>
        <dd>
          {g.investors
            .map((i) => `${i.name} (${i.jurisdiction}) ${m.usd(i.amountMinor, g.currency)}`)
            .join(' · ')}
        </dd>
        <dt>{t('fund.round')}</dt>
        <dd>{m.usd(g.roundMinor, g.currency)}</dd>
        <dt>{t('fund.grant')}</dt>
        <dd>
          {g.approvedMinor
            ? `${m.both(g.approvedMinor, g.committedPkrMinor, g.currency)} @ ${g.commitRate}`
            : m.usd(g.requestedMinor, g.currency)}
        </dd>
        <dt>{t('fund.foreign')}</dt>
        <dd>{`${m.usd(g.arrivedForeignMinor, g.currency)} / ${m.usd(g.foreignMinor, g.currency)}`}</dd>
        {g.status === 'approved' ? (
          <>
            <dt>{t('fund.entitled')}</dt>
            <dd data-testid="grant-entitled">{m.usd(g.entitledMinor, g.currency)}</dd>
          </>
        ) : null}
        <dt>{t('fund.paid')}</dt>
        <dd data-testid="grant-paid">{m.both(g.paidMinor, g.paidPkrMinor, g.currency)}</dd>
        <dt>{t('fund.committee')}</dt>
        <dd>
          {t('fund.review', g.review)}
          {g.review.averageScore !== null
            ? ` · ${t('fund.average', { n: m.number(g.review.averageScore) })}`
            : ''}
        </dd>
      </dl>
      {g.decisionReason ? <p>{t('fund.decision', { reason: g.decisionReason })}</p> : null}
      {g.recovery ? (
        <p className="fund-refusals">{t('fund.recovery', { reason: g.recovery.reason })}</p>
      ) : null}
      {g.conditionBroken && g.status === 'approved' ? (
        <p className="fund-refusals">{t('fund.conditionBroken')}</p>
      ) : null}
      {g.arrivals.length ? <h4>{t('fund.arrivals')}</h4> : null}
      {g.arrivals.length ? (
        <ScrollTable label={t('fund.arrivals')} stack>
          <tbody>
            {g.arrivals.map((a) => (
              <tr key={a.id}>
                <td data-label={t('fund.investors')}>{a.investorName}</td>
                <td data-label={t('fund.arrivedOn')}>{m.date(a.arrivedOn)}</td>
                <td data-label={t('fund.amountUsd')} className="num">
                  {a.amountPkrMinor === null
                    ? m.usd(a.amountMinor, g.currency)
                    : m.both(a.amountMinor, a.amountPkrMinor, g.currency)}
                </td>
                <td data-label={t('fund.stage')}>{t(`fund.status.${a.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      {g.tranches.length ? <h4>{t('fund.tranches')}</h4> : null}
      {g.tranches.length ? (
        <ScrollTable label={t('fund.tranches')} stack>
          <tbody>
            {g.tranches.map((tr) => (
              <tr key={tr.seq}>
                <td data-label={t('fund.paidOn')}>{m.date(tr.paidOn)}</td>
                <td data-label={t('fund.amountUsd')} className="num">
                  {m.both(tr.amountMinor, tr.amountPkrMinor, g.currency)}
                </td>
                <td data-label={t('fund.rate')} className="num">
                  {tr.rate}
                </td>
                <td data-label={t('fund.fxDiff')} className="num">
                  {m.pkr(tr.fxDifferencePkrMinor)}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      {g.reports.length ? <h4>{t('fund.reports')}</h4> : null}
      {g.reports.length ? (
        <ScrollTable label={t('fund.reports')} stack>
          <tbody>
            {g.reports.map((r) => (
              <tr key={r.quarter}>
                <td data-label={t('fund.quarter')}>{r.quarter}</td>
                <td data-label={t('fund.jobs')} className="num">
                  {m.number(r.jobs)}
                </td>
                <td data-label={t('fund.exports')} className="num">
                  {m.usd(r.exportsUsdMinor)}
                </td>
                <td data-label={t('fund.revenue')} className="num">
                  {m.pkr(r.revenuePkrMinor)}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      {children}
    </li>
  );
}

import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/Table';
import { type Jv, useMoney } from './fund-lib';
import './fund-files.i18n';
import './fund-more.i18n';

type UsdEquivalent = Jv['commitmentUsd'];

/** One joint-venture commitment: called against uncalled, what came back, and every movement. */
export function JvCard({ jv, children }: { jv: Jv; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const m = useMoney();
  // A fund may be in dollars, euros, pounds, dirhams or riyals: every amount is in its own, and
  // a fund in another currency shows each line in US dollars too, at that day's dated USD rate.
  const amountLabel = t('fund.amountIn', { currency: jv.currency });
  const inUsd = jv.currency !== 'USD';
  const usdRate = (u: NonNullable<UsdEquivalent>) =>
    t('fund.usd.at', { rate: u.usdRate, date: m.date(u.usdRateOn) });
  const usdLine = (u: UsdEquivalent) => (u ? `${m.usd(u.usdMinor)} (${usdRate(u)})` : t('fund.usd.none'));
  const value = jv.movements.filter((mv) => mv.kind === 'valuation').at(-1);
  return (
    <section className="card" data-testid="fund-jv">
      <h3 className="fund-card-title">{jv.name}</h3>
      <dl className="fund-dl">
        <dt>{t('fund.manager')}</dt>
        <dd>{`${jv.managerName} (${jv.managerJurisdiction})`}</dd>
        <dt>{t('fund.commitment')}</dt>
        <dd>
          {m.both(jv.commitmentMinor, jv.commitmentPkrMinor, jv.currency)}
          {inUsd ? (
            <span className="field-hint" data-testid="fund-jv-commitment-usd">
              {` · ${usdLine(jv.commitmentUsd)}`}
            </span>
          ) : null}
        </dd>
        <dt>{t('fund.called')}</dt>
        <dd>{m.usd(jv.calledMinor, jv.currency)}</dd>
        <dt>{t('fund.uncalled')}</dt>
        <dd>{m.usd(jv.uncalledMinor, jv.currency)}</dd>
        <dt>{t('fund.distributed')}</dt>
        <dd>{m.usd(jv.distributedMinor, jv.currency)}</dd>
        <dt>{t('fund.net')}</dt>
        <dd>{m.both(jv.netPositionMinor, jv.netPositionPkrMinor, jv.currency)}</dd>
        <dt>{t('fund.value')}</dt>
        <dd>
          {jv.latestValueMinor === null
            ? '—'
            : `${m.usd(jv.latestValueMinor, jv.currency)} (${m.date(jv.latestValueOn!)})`}
          {inUsd && value ? <span className="field-hint">{` · ${usdLine(value.usd)}`}</span> : null}
        </dd>
        <dt>{t('fund.foreignRaised')}</dt>
        <dd>{m.usd(jv.foreignRaisedMinor, jv.currency)}</dd>
      </dl>
      <ScrollTable label={jv.name} stack>
        <thead>
          <tr>
            <th scope="col">{t('fund.onDate')}</th>
            <th scope="col">{t('fund.stage')}</th>
            <th scope="col">{amountLabel}</th>
            <th scope="col">{t('fund.rate')}</th>
            {inUsd ? <th scope="col">{t('fund.usd.column')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {jv.movements.map((mv) => (
            <tr key={mv.id}>
              <td data-label={t('fund.onDate')}>{m.date(mv.onDate)}</td>
              <td data-label={t('fund.stage')}>{t(`fund.kind.${mv.kind}`)}</td>
              <td data-label={amountLabel} className="num">
                {m.both(mv.amountMinor, mv.amountPkrMinor, jv.currency)}
              </td>
              <td data-label={t('fund.rate')} className="num">
                {t('fund.usd.rateOn', { rate: mv.rate, date: m.date(mv.rateOn) })}
              </td>
              {inUsd ? (
                <td data-label={t('fund.usd.column')} className="num" data-testid="fund-jv-usd">
                  {mv.usd ? (
                    <>
                      {m.usd(mv.usd.usdMinor)}
                      <span className="field-hint">{` (${usdRate(mv.usd)})`}</span>
                    </>
                  ) : (
                    t('fund.usd.none')
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {children}
    </section>
  );
}

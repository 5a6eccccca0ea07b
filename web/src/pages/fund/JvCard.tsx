import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/Table';
import { type Jv, useMoney } from './fund-lib';
import './fund-files.i18n';

/** One joint-venture commitment: called against uncalled, what came back, and every movement. */
export function JvCard({ jv, children }: { jv: Jv; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const m = useMoney();
  // A fund may be in dollars, euros, pounds, dirhams or riyals: every amount is in its own.
  const amountLabel = t('fund.amountIn', { currency: jv.currency });
  return (
    <section className="card" data-testid="fund-jv">
      <h3 className="fund-card-title">{jv.name}</h3>
      <dl className="fund-dl">
        <dt>{t('fund.manager')}</dt>
        <dd>{`${jv.managerName} (${jv.managerJurisdiction})`}</dd>
        <dt>{t('fund.commitment')}</dt>
        <dd>{m.both(jv.commitmentMinor, jv.commitmentPkrMinor, jv.currency)}</dd>
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
                {mv.rate}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {children}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useMoney } from './fund-lib';
import { JvCard } from './JvCard';
import './fund.i18n';
import './fund.css';
import { cityName } from '../../lib/names';

type Breakdown = components['schemas']['FundPublic']['bySector'];

function BreakdownTable({
  title,
  rows,
  label,
}: {
  title: string;
  rows: Breakdown;
  label: (k: string) => string;
}) {
  const { t } = useTranslation();
  const m = useMoney();
  return (
    <section>
      <h3>{title}</h3>
      <ScrollTable label={title} stack>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{t('fund.grantsMade')}</th>
            <th scope="col">{t('fund.paid')}</th>
            <th scope="col">{t('fund.foreign')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" data-label={title}>
                {label(r.key)}
              </th>
              <td data-label={t('fund.grantsMade')} className="num">
                {m.number(r.grants)}
              </td>
              <td data-label={t('fund.paid')} className="num">
                {m.pkr(r.paidPkrMinor)}
              </td>
              <td data-label={t('fund.foreign')} className="num">
                {m.pkr(r.foreignPkrMinor)}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

/** The fund's promise against delivery, for everyone: every grant and joint-venture commitment. */
export default function PublicFundPage() {
  const { t } = useTranslation();
  const m = useMoney();
  const q = useQuery({ queryKey: ['public-fund'], queryFn: () => unwrap(api.GET('/api/v1/public/fund')) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <FormAlert error={q.error} />;
  const f = q.data;
  const stats: [string, string][] = [
    [t('fund.grantsMade'), m.number(f.grantsMade)],
    [t('fund.approved'), m.usd(f.approvedMinor)],
    [t('fund.paid'), m.both(f.paidMinor, f.paidPkrMinor)],
    [t('fund.foreign'), m.both(f.foreignArrivedMinor, f.foreignArrivedPkrMinor)],
    [t('fund.leverage'), f.leverageBps === null ? '—' : m.pkr(Math.round(f.leverageBps / 100))],
    [t('fund.recoverable'), m.pkr(f.recoverablePkrMinor)],
  ];
  return (
    <Page title={t('fund.title')} wide>
      <p>{t('fund.intro')}</p>
      <ul className="fund-stats" data-testid="fund-stats">
        {stats.map(([label, value]) => (
          <li key={label} className="fund-stat">
            <span className="fund-stat-label">{label}</span>
            <strong className="fund-stat-value">
              {value.split(' · ').map((part) => (
                <span key={part}>{part}</span>
              ))}
            </strong>
          </li>
        ))}
      </ul>
      <p className="field-hint">{t('fund.leverageHelp')}</p>

      <h2>{t('fund.funded')}</h2>
      {f.grants.length === 0 ? <p>{t('fund.none')}</p> : null}
      <ul className="fund-list" data-testid="fund-grants">
        {f.grants.map((g) => (
          <li key={g.id} className="card">
            <h3 className="fund-card-title">{g.startupName}</h3>
            <p className="fund-facts">
              <span className={`fund-badge fund-badge--${g.stage}`}>{t(`fund.stages.${g.stage}`)}</span>
              <span>{t(`fund.sectors.${g.sector}`, { defaultValue: g.sector })}</span>
              <span>{cityName(g, m.lang)}</span>
              {g.decidedOn ? <span>{m.date(g.decidedOn)}</span> : null}
            </p>
            <dl className="fund-dl">
              <dt>{t('fund.lead')}</dt>
              <dd>{g.leadInvestorName}</dd>
              <dt>{t('fund.investors')}</dt>
              <dd>
                {g.investors
                  .map((i) => `${i.name} (${i.jurisdiction}) ${m.usd(i.amountMinor, g.currency)}`)
                  .join(' · ')}
              </dd>
              <dt>{t('fund.round')}</dt>
              <dd>{m.usd(g.roundMinor, g.currency)}</dd>
              <dt>{t('fund.grant')}</dt>
              <dd>{m.both(g.approvedMinor, g.committedPkrMinor, g.currency)}</dd>
              <dt>{t('fund.paid')}</dt>
              <dd>{m.both(g.paidMinor, g.paidPkrMinor, g.currency)}</dd>
              <dt>{t('fund.foreign')}</dt>
              <dd>{m.both(g.foreignArrivedMinor, g.foreignArrivedPkrMinor, g.currency)}</dd>
            </dl>
          </li>
        ))}
      </ul>

      <h2>{t('fund.jv')}</h2>
      {f.jointVentures.length === 0 ? <p>{t('fund.none')}</p> : null}
      {f.jointVentures.map((j) => (
        <JvCard key={j.id} jv={j} />
      ))}

      <h2>{t('fund.budgets')}</h2>
      <ScrollTable label={t('fund.budgets')} stack>
        <thead>
          <tr>
            {['fy', 'envelope', 'committed', 'disbursed', 'fxDiff', 'left'].map((k) => (
              <th key={k} scope="col">
                {t(`fund.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {f.budgets.map((b) => (
            <tr key={b.fiscalYear}>
              <th scope="row" data-label={t('fund.fy')}>
                {b.label}
              </th>
              <td data-label={t('fund.envelope')} className="num">
                {m.pkr(b.envelopePkrMinor)}
              </td>
              <td data-label={t('fund.committed')} className="num">
                {m.pkr(b.committedPkrMinor)}
              </td>
              <td data-label={t('fund.disbursed')} className="num">
                {m.pkr(b.disbursedPkrMinor)}
              </td>
              <td data-label={t('fund.fxDiff')} className="num">
                {m.pkr(b.fxDifferencePkrMinor)}
              </td>
              <td data-label={t('fund.left')} className="num">
                {m.pkr(b.leftPkrMinor)}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>

      <div className="fund-breakdowns">
        <BreakdownTable
          title={t('fund.bySector')}
          rows={f.bySector}
          label={(k) => t(`fund.sectors.${k}`, { defaultValue: k })}
        />
        <BreakdownTable title={t('fund.byCity')} rows={f.byCity} label={(k) => k} />
        <BreakdownTable
          title={t('fund.byYear')}
          rows={f.byYear}
          label={(k) => m.number(Number(k)).replace(/[,٬]/g, '')}
        />
      </div>

      <h2>{t('fund.openData')}</h2>
      <ul>
        {['fund-grants.csv', 'fund-grants.json', 'fund-joint-ventures.csv', 'fund-joint-ventures.json'].map(
          (file) => (
            <li key={file}>
              <a href={`/api/v1/open-data/${file}`} lang="en" dir="ltr">
                {file}
              </a>
            </li>
          ),
        )}
      </ul>
    </Page>
  );
}

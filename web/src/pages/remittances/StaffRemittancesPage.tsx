import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { BatchesTable } from './BankRemittancesPage';
import { DisputesList } from './Disputes';
import { useUsd } from './lib';
import { type Purpose, PurposeSelect } from './PurposeSelect';
import { ReminderSettings } from './ReminderSettings';
import { BankIbanCodes, HolderMismatches } from './StaffChecks';
import './remittances.css';

const OUTCOMES = ['matched', 'differs', 'declared_only', 'attested_only', 'no_consent'] as const;

function Outliers({ months }: { months: string[] }) {
  const { t } = useTranslation();
  const usd = useUsd();
  const [month, setMonth] = useState(months[0] ?? '');
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [asked, setAsked] = useState<{ month: string; purpose?: Purpose } | null>(null);
  const list = useQuery({
    queryKey: ['remittances', 'outliers', asked],
    enabled: asked !== null,
    queryFn: () => unwrap(api.GET('/api/v1/remittances/staff/outliers', { params: { query: asked! } })),
    retry: false,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ month, ...(purpose ? { purpose } : {}) });
  };
  return (
    <section aria-labelledby="remit-outliers">
      <h2 id="remit-outliers">{t('remit.outliers')}</h2>
      <form className="remit-filters" onSubmit={submit} noValidate>
        <SelectField
          id="month"
          label={t('remit.month')}
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </SelectField>
        <PurposeSelect value={purpose} onChange={setPurpose} error={fieldError(list.error, 'purpose')} />
        <button type="submit" className="btn btn--primary">
          {t('remit.show')}
        </button>
      </form>
      {list.isFetching ? <Loading /> : null}
      {list.error && !fieldError(list.error, 'purpose') ? <FormAlert error={list.error} /> : null}
      {list.data?.length === 0 ? <p>{t('remit.noOutliers')}</p> : null}
      {list.data?.length ? (
        <ScrollTable label={t('remit.outliers')} stack>
          <thead>
            <tr>
              <th scope="col">{t('remit.name')}</th>
              <th scope="col">{t('remit.declared')}</th>
              <th scope="col">{t('remit.attested')}</th>
              <th scope="col">{t('remit.outcomeCol')}</th>
              <th scope="col">{t('remit.theirExplanation')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((o) => (
              <tr key={o.freelancerId}>
                <th scope="row" data-label={t('remit.name')}>
                  {o.name}
                </th>
                <td className="num" data-label={t('remit.declared')}>
                  {usd(o.declared)}
                </td>
                <td className="num" data-label={t('remit.attested')}>
                  {usd(o.attested)}
                </td>
                <td data-label={t('remit.outcomeCol')}>{t(`remit.outcome.${o.outcome}`)}</td>
                <td data-label={t('remit.theirExplanation')}>{o.explanation ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </section>
  );
}

/** Staff: the months' totals (no individuals), the outliers with a recorded purpose, every batch. */
export default function StaffRemittancesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const fmt = useFormat();
  const usd = useUsd();
  const summary = useQuery({
    queryKey: ['remittances', 'summary'],
    queryFn: () => unwrap(api.GET('/api/v1/remittances/staff/summary')),
  });
  const batches = useQuery({
    queryKey: ['remittances', 'batches'],
    queryFn: () => unwrap(api.GET('/api/v1/remittances/batches')),
  });
  const months = summary.data?.months ?? [];
  return (
    <Page title={t('remit.staffTitle')} wide>
      <p className="lead">{t('remit.staffIntro')}</p>
      {summary.isPending ? <Loading /> : null}
      <FormAlert error={summary.error} />
      {months.length ? (
        <ScrollTable label={t('remit.staffTitle')} stack>
          <thead>
            <tr>
              <th scope="col">{t('remit.month')}</th>
              <th scope="col">{t('remit.freelancers')}</th>
              <th scope="col">{t('remit.declared')}</th>
              <th scope="col">{t('remit.attested')}</th>
              {OUTCOMES.map((o) => (
                <th scope="col" key={o}>
                  {t(`remit.outcome.${o}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row" data-label={t('remit.month')}>
                  <span dir="ltr">{m.month}</span>
                </th>
                <td className="num" data-label={t('remit.freelancers')}>
                  {fmt.number(m.freelancers)}
                </td>
                <td className="num" data-label={t('remit.declared')}>
                  {usd(m.declared)}
                </td>
                <td className="num" data-label={t('remit.attested')}>
                  {usd(m.attested)}
                </td>
                {OUTCOMES.map((o) => (
                  <td className="num" key={o} data-label={t(`remit.outcome.${o}`)}>
                    {fmt.number(m.outcomes[o])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      {months.length ? <Outliers months={months.map((m) => m.month)} /> : null}
      <DisputesList side="staff" canResolve={me.data?.role === 'program_admin'} />
      <HolderMismatches />
      {me.data?.role === 'program_admin' ? <BankIbanCodes /> : null}
      <ReminderSettings canEdit={me.data?.role === 'program_admin'} />
      <section aria-labelledby="remit-all-batches">
        <h2 id="remit-all-batches">{t('remit.batches')}</h2>
        {batches.data?.length === 0 ? <p>{t('remit.noBatches')}</p> : null}
        {batches.data?.length ? <BatchesTable batches={batches.data} showBank /> : null}
      </section>
    </Page>
  );
}

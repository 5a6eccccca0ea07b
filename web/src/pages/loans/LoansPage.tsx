import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { type LoanSummary, useBucketName } from './lib';
import { rupeesToPaisa } from './money';
import { PendingReversals } from './PendingReversals';
import './calendar.i18n';
import './loans.i18n';

export const LOANS_KEY = ['loans'] as const;

function LoanRows({ loans }: { loans: LoanSummary[] }) {
  const { t } = useTranslation();
  const bucketName = useBucketName();
  const fmt = useFormat();
  return (
    <ScrollTable label={t('loans.tableLabel')}>
      <thead>
        <tr>
          <th scope="col">{t('loans.colRef')}</th>
          <th scope="col">{t('loans.colStatus')}</th>
          <th scope="col">{t('loans.colBank')}</th>
          <th scope="col">{t('loans.colRequested')}</th>
          <th scope="col">{t('loans.colSanctioned')}</th>
          <th scope="col">{t('loans.colDisbursed')}</th>
          <th scope="col">{t('loans.colOutstanding')}</th>
          <th scope="col">{t('loans.colArrears')}</th>
          <th scope="col">{t('loans.calendar.sbpClass')}</th>
        </tr>
      </thead>
      <tbody>
        {loans.map((l) => (
          <tr key={l.id}>
            <th scope="row">
              <Link to={`/loans/${l.id}`} aria-label={t('loans.open', { ref: l.applicationReference })}>
                {l.applicationReference}
              </Link>
            </th>
            <td>{t(`loans.status.${l.status}`)}</td>
            <td>{l.bankCode}</td>
            <td>{fmt.pkr(l.requestedMinor)}</td>
            <td>{l.sanctionedMinor === null ? '—' : fmt.pkr(l.sanctionedMinor)}</td>
            <td>{fmt.pkr(l.disbursedMinor)}</td>
            <td>{fmt.pkr(l.outstandingMinor)}</td>
            <td>
              {l.arrearsBucket === 'current'
                ? t('loans.bucket.current')
                : t('loans.dpd', {
                    days: fmt.number(l.daysPastDue),
                    bucket: bucketName(l.arrearsBucket),
                  })}
            </td>
            <td>{t(`loans.sbpClass.${l.sbpClass}`)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** Applications that already have a live loan or request are left out; a declined one may ask again. */
function RequestLoanForm({ taken }: { taken: ReadonlySet<string> }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const apps = useQuery({
    queryKey: ['applications', 'shortlisted'],
    queryFn: () => unwrap(api.GET('/api/v1/applications', { params: { query: { status: 'shortlisted' } } })),
  });
  const banks = useQuery({
    queryKey: ['loan-banks'],
    queryFn: () => unwrap(api.GET('/api/v1/loans/banks')),
  });
  const [applicationId, setApplicationId] = useState('');
  const [bankId, setBankId] = useState('');
  const [amount, setAmount] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const request = useMutation({
    mutationFn: (body: { applicationId: string; bankId: string; amountMinor: number }) =>
      unwrap(api.POST('/api/v1/loans', { body })),
    onSuccess: async (loan) => {
      await qc.invalidateQueries({ queryKey: LOANS_KEY });
      navigate(`/loans/${loan.id}`);
    },
  });

  if (apps.isPending || banks.isPending) return <Loading />;
  if (apps.isError) return <FormAlert error={apps.error} />;
  if (banks.isError) return <FormAlert error={banks.error} />;
  const shortlisted = apps.data.filter((a) => a.status === 'shortlisted' && !taken.has(a.id));

  function submit(e: FormEvent) {
    e.preventDefault();
    const amountMinor = rupeesToPaisa(amount);
    const problems: Record<string, string> = {};
    if (!applicationId) problems.applicationId = t('loans.required');
    if (!bankId) problems.bankId = t('loans.required');
    if (amountMinor === null) problems.amountMinor = t('loans.badAmount');
    setLocal(problems);
    if (Object.keys(problems).length || amountMinor === null) return;
    request.mutate({ applicationId, bankId, amountMinor });
  }

  const err = (path: string) => local[path] ?? fieldError(request.error, path);
  return (
    <section aria-labelledby="request-loan">
      <h2 id="request-loan">{t('loans.request.title')}</h2>
      {shortlisted.length === 0 ? (
        <p>{t('loans.request.noApps')}</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p>{t('loans.request.intro')}</p>
          <FormAlert error={request.error} />
          <SelectField
            id="applicationId"
            label={t('loans.request.application')}
            value={applicationId}
            onChange={(e) => setApplicationId(e.target.value)}
            error={err('applicationId')}
            required
          >
            <option value="">{t('loans.request.choose')}</option>
            {shortlisted.map((a) => (
              <option key={a.id} value={a.id}>
                {a.reference} — {a.buildingName} ({i18n.language === 'ur' ? a.callTitleUr : a.callTitleEn})
              </option>
            ))}
          </SelectField>
          <SelectField
            id="bankId"
            label={t('loans.request.bank')}
            value={bankId}
            onChange={(e) => setBankId(e.target.value)}
            error={err('bankId')}
            required
          >
            <option value="">{t('loans.request.choose')}</option>
            {banks.data.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({b.code})
              </option>
            ))}
          </SelectField>
          <TextField
            id="amountMinor"
            label={t('loans.request.amount')}
            hint={t('loans.request.amountHint')}
            inputMode="decimal"
            autoComplete="off"
            dir="ltr"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={err('amountMinor')}
            required
          />
          <button type="submit" className="btn btn--primary" disabled={request.isPending}>
            {t('loans.request.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

export default function LoansPage() {
  const { t } = useTranslation();
  const me = useMe();
  const loans = useQuery({ queryKey: LOANS_KEY, queryFn: () => unwrap(api.GET('/api/v1/loans')) });
  return (
    <Page title={t('loans.title')} wide>
      <p className="lead">{t('loans.lead')}</p>
      {me.data && (me.data.role === 'bank_officer' || me.data.role === 'program_admin') ? (
        <PendingReversals />
      ) : null}
      {loans.isPending ? (
        <Loading />
      ) : loans.isError ? (
        <FormAlert error={loans.error} />
      ) : loans.data.length === 0 ? (
        <p>{t('loans.none')}</p>
      ) : (
        <LoanRows loans={loans.data} />
      )}
      {me.data?.role === 'owner' && loans.data ? (
        <RequestLoanForm
          taken={new Set(loans.data.filter((l) => l.status !== 'declined').map((l) => l.applicationId))}
        />
      ) : null}
    </Page>
  );
}

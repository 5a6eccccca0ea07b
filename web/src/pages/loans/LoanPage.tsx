import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { BankActions } from './BankForms';
import { BankLoanActions, LoanHistory } from './LoanActions';
import { LoanCorrections, ReverseEntry } from './LoanCorrections';
import { LoanDocuments } from './LoanDocuments';
import { LoanNotes, LoanStatement } from './LoanStatement';
import { LossClassification } from './LossClassification';
import { type Loan, useBucketName } from './lib';
import { WrittenOffActions } from './WrittenOffActions';
import './calendar.i18n';
import './loans.i18n';
import { LogReceipts } from '../audit/LogReceipts';

export const loanKey = (id: string) => ['loan', id] as const;

function Facts({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const bucketName = useBucketName();
  const fmt = useFormat();
  const rows: [string, string][] = [
    [t('loans.colStatus'), t(`loans.status.${loan.status}`)],
    [t('loans.colBank'), loan.bankCode],
    [t('loans.detail.province'), loan.provinceCode],
    [t('loans.detail.requestedAt'), fmt.date(loan.requestedAt)],
    [t('loans.colRequested'), fmt.pkr(loan.requestedMinor)],
  ];
  if (loan.sanctionedMinor !== null) rows.push([t('loans.colSanctioned'), fmt.pkr(loan.sanctionedMinor)]);
  if (loan.tenorMonths !== null)
    rows.push([t('loans.detail.tenor'), t('loans.detail.months', { count: loan.tenorMonths })]);
  if (loan.graceMonths !== null)
    rows.push([t('loans.detail.grace'), t('loans.detail.months', { count: loan.graceMonths })]);
  if (loan.repaymentDay !== null) rows.push([t('loans.detail.repaymentDay'), fmt.number(loan.repaymentDay)]);
  if (loan.firstRepaymentDate)
    rows.push([t('loans.detail.firstRepayment'), fmt.date(loan.firstRepaymentDate)]);
  if (loan.firstDisbursedOn) rows.push([t('loans.detail.firstDisbursed'), fmt.date(loan.firstDisbursedOn)]);
  rows.push([t('loans.colDisbursed'), fmt.pkr(loan.disbursedMinor)]);
  rows.push([t('loans.detail.repaid'), fmt.pkr(loan.repaidMinor)]);
  if (loan.writtenOffMinor > 0) rows.push([t('loans.writtenOff'), fmt.pkr(loan.writtenOffMinor)]);
  rows.push([t('loans.colOutstanding'), fmt.pkr(loan.outstandingMinor)]);
  if (loan.nextDue)
    rows.push([
      t('loans.detail.nextDue'),
      t('loans.detail.nextDueValue', {
        amount: fmt.pkr(loan.nextDue.amountMinor),
        date: fmt.date(loan.nextDue.dueDate),
      }),
    ]);
  rows.push([
    t('loans.colArrears'),
    loan.arrearsBucket === 'current'
      ? t('loans.bucket.current')
      : t('loans.dpd', {
          days: fmt.number(loan.daysPastDue),
          bucket: bucketName(loan.arrearsBucket),
        }),
  ]);
  rows.push([t('loans.calendar.sbpClass'), t(`loans.sbpClass.${loan.sbpClass}`)]);
  rows.push([t('loans.detail.subsidy'), fmt.pkr(loan.subsidyAccruedMinor)]);
  if (loan.declineReason) rows.push([t('loans.detail.declineReason'), loan.declineReason]);
  if (loan.closedOn) rows.push([t('loans.detail.closedOn'), fmt.date(loan.closedOn)]);
  if (loan.classifiedLossOn) rows.push([t('loans.detail.lossOn'), fmt.date(loan.classifiedLossOn)]);
  return (
    <dl className="facts" aria-label={t('loans.detail.facts')}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Schedule({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby="loan-schedule">
      <h2 id="loan-schedule">{t('loans.detail.schedule')}</h2>
      {loan.instalments.length === 0 ? (
        <p>{t('loans.detail.noSchedule')}</p>
      ) : (
        <>
          <p>
            <a href={`/api/v1/loans/${loan.id}/schedule.csv`} download>
              {t('loans.detail.csv')}
            </a>{' '}
            · <Link to="/loans/holidays">{t('loans.calendar.seeHolidays')}</Link>
          </p>
          <ScrollTable label={t('loans.detail.schedule')}>
            <thead>
              <tr>
                <th scope="col">{t('loans.detail.colNo')}</th>
                <th scope="col">{t('loans.detail.colDue')}</th>
                <th scope="col">{t('loans.detail.colPrincipal')}</th>
                <th scope="col">{t('loans.detail.colPaid')}</th>
                <th scope="col">{t('loans.detail.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {loan.instalments.map((i) => (
                <tr key={i.number}>
                  <th scope="row">{fmt.number(i.number)}</th>
                  <td>
                    {fmt.date(i.dueDate)}
                    {i.scheduledDate ? (
                      <small className="muted">
                        {' '}
                        {t('loans.calendar.movedFrom', { date: fmt.date(i.scheduledDate) })}
                      </small>
                    ) : null}
                  </td>
                  <td>{fmt.pkr(i.principalMinor)}</td>
                  <td>{fmt.pkr(i.paidMinor)}</td>
                  <td>{t(`loans.detail.inst.${i.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </section>
  );
}

function Movements({ loan, canReverse }: { loan: Loan; canReverse: boolean }) {
  const { t } = useTranslation();
  const reversed = <strong className="badge">{t('loans.corrections.reversed')}</strong>;
  const fmt = useFormat();
  return (
    <>
      <section aria-labelledby="loan-disbursements">
        <h2 id="loan-disbursements">{t('loans.detail.disbursements')}</h2>
        {loan.disbursements.length === 0 ? (
          <p>{t('loans.detail.noDisbursements')}</p>
        ) : (
          <ScrollTable label={t('loans.detail.disbursements')}>
            <thead>
              <tr>
                <th scope="col">{t('loans.detail.colDate')}</th>
                <th scope="col">{t('loans.detail.colAmount')}</th>
                <th scope="col">{t('loans.detail.colReference')}</th>
                <th scope="col">{t('loans.corrections.title')}</th>
              </tr>
            </thead>
            <tbody>
              {loan.disbursements.map((d) => (
                <tr key={d.id}>
                  <td>{fmt.date(d.disbursedOn)}</td>
                  <td>{fmt.pkr(d.amountMinor)}</td>
                  <td dir="ltr">{d.bankReference}</td>
                  <td>
                    {d.reversed ? reversed : null}
                    {!d.reversed && canReverse && loan.repaidMinor === 0 ? (
                      <ReverseEntry
                        loan={loan}
                        entry={{
                          kind: 'disbursement',
                          id: d.id,
                          amountMinor: d.amountMinor,
                          date: d.disbursedOn,
                        }}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>
      <section aria-labelledby="loan-repayments">
        <h2 id="loan-repayments">{t('loans.detail.repayments')}</h2>
        {loan.repayments.length === 0 ? (
          <p>{t('loans.detail.noRepayments')}</p>
        ) : (
          <ScrollTable label={t('loans.detail.repayments')}>
            <thead>
              <tr>
                <th scope="col">{t('loans.detail.colDate')}</th>
                <th scope="col">{t('loans.detail.colAmount')}</th>
                <th scope="col">{t('loans.detail.colReference')}</th>
                <th scope="col">{t('loans.detail.colAllocation')}</th>
                <th scope="col">{t('loans.corrections.title')}</th>
              </tr>
            </thead>
            <tbody>
              {loan.repayments.map((r) => (
                <tr key={r.id}>
                  <td>{fmt.date(r.paidOn)}</td>
                  <td>{fmt.pkr(r.amountMinor)}</td>
                  <td dir="ltr">{r.bankReference}</td>
                  <td>
                    {r.allocation
                      .map((a) =>
                        t('loans.detail.allocation', {
                          number: fmt.number(a.number),
                          amount: fmt.pkr(a.amountMinor),
                        }),
                      )
                      .join('; ')}
                  </td>
                  <td>
                    {r.reversed ? reversed : null}
                    {!r.reversed && canReverse ? (
                      <ReverseEntry
                        loan={loan}
                        entry={{ kind: 'repayment', id: r.id, amountMinor: r.amountMinor, date: r.paidOn }}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>
    </>
  );
}

export default function LoanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const loan = useQuery({
    queryKey: loanKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/loans/{id}', { params: { path: { id } } })),
  });
  const title = loan.data
    ? t('loans.detail.title', { ref: loan.data.applicationReference })
    : t('loans.title');
  const isItsBank =
    !!loan.data && me.data?.role === 'bank_officer' && me.data.organizationId === loan.data.bankId;
  return (
    <Page title={title} wide>
      <p>
        <Link to="/loans">{t('loans.detail.back')}</Link>
      </p>
      {loan.isPending ? (
        <Loading />
      ) : loan.isError ? (
        <FormAlert error={loan.error} />
      ) : (
        <>
          <Facts loan={loan.data} />
          {isItsBank ? <BankActions loan={loan.data} /> : null}
          {isItsBank ? <BankLoanActions loan={loan.data} /> : null}
          <WrittenOffActions loan={loan.data} isItsBank={isItsBank} />
          {me.data?.role === 'program_admin' ? (
            <LossClassification
              loan={loan.data}
              onChanged={() =>
                Promise.all([
                  qc.invalidateQueries({ queryKey: loanKey(id) }),
                  qc.invalidateQueries({ queryKey: ['loans'] }),
                  qc.invalidateQueries({ queryKey: ['loan-subsidy'] }),
                ])
              }
            />
          ) : null}
          <Schedule loan={loan.data} />
          {loan.data.disbursedMinor > 0 ? <LoanHistory loan={loan.data} /> : null}
          <Movements loan={loan.data} canReverse={isItsBank} />
          <LoanStatement loan={loan.data} />
          {me.data?.role === 'owner' || me.data?.role === 'program_admin' || me.data?.role === 'auditor' ? (
            <LogReceipts entity="loan" entityId={loan.data.id} />
          ) : null}
          {loan.data.disbursements.length > 0 ? (
            <LoanCorrections loan={loan.data} canDecide={isItsBank || me.data?.role === 'program_admin'} />
          ) : null}
          <LoanDocuments
            loan={loan.data}
            canUpload={isItsBank || me.data?.role === 'program_admin'}
            staff={me.data?.role === 'program_admin'}
          />
          {me.data && me.data.role !== 'owner' ? (
            <LoanNotes loan={loan.data} canWrite={isItsBank || me.data.role === 'program_admin'} />
          ) : null}
        </>
      )}
    </Page>
  );
}

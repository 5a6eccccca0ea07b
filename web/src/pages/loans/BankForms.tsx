import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { ScheduleTable } from './LoanActions';
import { type Loan, useIdempotencyKey } from './lib';
import { paisaToInput, rupeesToPaisa, todayInKarachi } from './money';
import { readTerms, ScheduleTermsFields, type TermsText } from './ScheduleTermsFields';
import './calendar.i18n';

type Errors = Record<string, string>;

/** After any action: show the loan the server returned and refresh the list behind it. */
function useApply(onDone: (message: string) => void) {
  const qc = useQueryClient();
  return (loan: Loan, message: string) => {
    qc.setQueryData(['loan', loan.id], loan);
    void qc.invalidateQueries({ queryKey: ['loan', loan.id] });
    void qc.invalidateQueries({ queryKey: ['loans'] });
    onDone(message);
  };
}

function SanctionForm({ loan, done }: { loan: Loan; done: (m: string) => void }) {
  const { t } = useTranslation();
  const apply = useApply(done);
  const [amount, setAmount] = useState(paisaToInput(loan.requestedMinor));
  const [terms, setTerms] = useState<TermsText>({ tenor: '', grace: '0', day: '', first: '' });
  const [local, setLocal] = useState<Errors>({});
  const sanction = useMutation({
    mutationFn: (body: {
      amountMinor: number;
      tenorMonths: number;
      graceMonths: number;
      repaymentDay: number;
      firstRepaymentDate: string;
    }) => unwrap(api.POST('/api/v1/loans/{id}/sanction', { params: { path: { id: loan.id } }, body })),
    onSuccess: (l) => apply(l, t('loans.sanction.done')),
  });
  // The schedule these terms give, due dates rolled off holidays as the sanction will make them.
  const preview = useMutation({
    mutationFn: (body: {
      principalMinor: number;
      tenorMonths: number;
      graceMonths: number;
      repaymentDay: number;
      firstRepaymentDate: string;
    }) => unwrap(api.POST('/api/v1/loans/schedule-preview', { body })),
  });
  function read() {
    const amountMinor = rupeesToPaisa(amount);
    const r = readTerms(terms, t('loans.required'));
    const problems: Errors = {};
    if (amountMinor === null) problems.amountMinor = t('loans.badAmount');
    setLocal({ ...problems, ...r.problems });
    if (amountMinor === null || !r.terms) return null;
    const { tenorMonths, graceMonths = 0, repaymentDay, firstRepaymentDate } = r.terms;
    return { amountMinor, tenorMonths, graceMonths, repaymentDay, firstRepaymentDate };
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const body = read();
    if (body) sanction.mutate(body);
  }
  function showPreview() {
    const body = read();
    if (!body) return;
    const { amountMinor, ...rest } = body;
    preview.mutate({ principalMinor: amountMinor, ...rest });
  }
  // The preview names the amount `principalMinor`; the form calls it `amountMinor`.
  const err = (p: string) =>
    local[p] ??
    fieldError(sanction.error, p) ??
    fieldError(preview.error, p === 'amountMinor' ? 'principalMinor' : p);
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="sanction-title">
      <h3 id="sanction-title">{t('loans.sanction.title')}</h3>
      <FormAlert error={sanction.error ?? preview.error} />
      <TextField
        id="amountMinor"
        label={t('loans.sanction.amount')}
        inputMode="decimal"
        dir="ltr"
        autoComplete="off"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={err('amountMinor')}
        required
      />
      <ScheduleTermsFields prefix="" labels="loans.sanction" value={terms} onChange={setTerms} error={err} />
      <button type="button" className="btn" onClick={showPreview} disabled={preview.isPending}>
        {t('loans.calendar.sanctionPreview')}
      </button>
      {preview.data ? (
        <ScheduleTable
          label={t('loans.calendar.sanctionPreviewTitle', { count: preview.data.instalments.length })}
          lines={preview.data.instalments}
        />
      ) : null}
      <button type="submit" className="btn btn--primary" disabled={sanction.isPending}>
        {t('loans.sanction.submit')}
      </button>
    </form>
  );
}

function DeclineForm({ loan, done }: { loan: Loan; done: (m: string) => void }) {
  const { t } = useTranslation();
  const apply = useApply(done);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Errors>({});
  const decline = useMutation({
    mutationFn: (body: { reason: string }) =>
      unwrap(api.POST('/api/v1/loans/{id}/decline', { params: { path: { id: loan.id } }, body })),
    onSuccess: (l) => apply(l, t('loans.decline.done')),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Errors = reason.trim().length < 5 ? { reason: t('loans.decline.reasonHint') } : {};
    setLocal(problems);
    if (!problems.reason) decline.mutate({ reason: reason.trim() });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="decline-title">
      <h3 id="decline-title">{t('loans.decline.title')}</h3>
      <FormAlert error={decline.error} />
      <TextField
        id="reason"
        label={t('loans.decline.reason')}
        hint={t('loans.decline.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={local.reason ?? fieldError(decline.error, 'reason')}
        required
      />
      <button type="submit" className="btn btn--danger" disabled={decline.isPending}>
        {t('loans.decline.submit')}
      </button>
    </form>
  );
}

type MoneyBody = { amountMinor: number; date: string; bankReference: string };

/** Disbursement and repayment share one shape: date, amount, bank reference, an Idempotency-Key. */
function MoneyForm({
  loan,
  kind,
  done,
}: {
  loan: Loan;
  kind: 'disburse' | 'repay';
  done: (m: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const apply = useApply(done);
  const idem = useIdempotencyKey();
  const [date, setDate] = useState(todayInKarachi());
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [local, setLocal] = useState<Errors>({});
  const dateField = kind === 'disburse' ? 'disbursedOn' : 'paidOn';
  const post = useMutation({
    mutationFn: ({ amountMinor, date: on, bankReference }: MoneyBody) => {
      const key = idem.keyFor({ kind, amountMinor, on, bankReference });
      const params = { path: { id: loan.id }, header: { 'idempotency-key': key } };
      return kind === 'disburse'
        ? unwrap(
            api.POST('/api/v1/loans/{id}/disbursements', {
              params,
              body: { amountMinor, disbursedOn: on, bankReference },
            }),
          )
        : unwrap(
            api.POST('/api/v1/loans/{id}/repayments', {
              params,
              body: { amountMinor, paidOn: on, bankReference },
            }),
          );
    },
    onSuccess: (l) => {
      idem.done();
      setAmount('');
      setReference('');
      setLocal({});
      apply(l, t(`loans.${kind}.done`));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const amountMinor = rupeesToPaisa(amount);
    const problems: Errors = {};
    if (amountMinor === null) problems.amountMinor = t('loans.badAmount');
    if (!date) problems[dateField] = t('loans.required');
    if (!reference.trim()) problems.bankReference = t('loans.required');
    setLocal(problems);
    if (amountMinor === null || Object.keys(problems).length) return;
    post.mutate({ amountMinor, date, bankReference: reference.trim() });
  }
  const err = (p: string) => local[p] ?? fieldError(post.error, p);
  const left = (loan.sanctionedMinor ?? 0) - loan.disbursedMinor;
  const p = `${kind}-`;
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${p}title`}>
      <h3 id={`${p}title`}>{t(`loans.${kind}.title`)}</h3>
      <FormAlert error={post.error} />
      <TextField
        id={`${p}date`}
        type="date"
        label={t(`loans.${kind}.date`)}
        max={todayInKarachi()}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={err(dateField)}
        required
      />
      <TextField
        id={`${p}amount`}
        label={t(`loans.${kind}.amount`)}
        inputMode="decimal"
        dir="ltr"
        autoComplete="off"
        hint={kind === 'disburse' ? t('loans.disburse.amountHint', { left: fmt.pkr(left) }) : undefined}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={err('amountMinor')}
        required
      />
      <TextField
        id={`${p}reference`}
        label={t(`loans.${kind}.reference`)}
        dir="ltr"
        autoComplete="off"
        maxLength={100}
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        error={err('bankReference')}
        required
      />
      <button type="submit" className="btn btn--primary" disabled={post.isPending}>
        {t(`loans.${kind}.submit`)}
      </button>
    </form>
  );
}

/** What the loan's own bank can do next, by status; the server checks every rule again. */
export function BankActions({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const canDisburse =
    (loan.status === 'sanctioned' || loan.status === 'active') &&
    (loan.sanctionedMinor ?? 0) > loan.disbursedMinor;
  const canRepay = loan.status === 'active' && loan.outstandingMinor > 0;
  if (loan.status !== 'requested' && !canDisburse && !canRepay && !message) return null;
  return (
    <section aria-labelledby="bank-actions" className="card">
      <h2 id="bank-actions">{t('loans.bankActions')}</h2>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {loan.status === 'requested' ? (
        <>
          <SanctionForm loan={loan} done={setMessage} />
          <DeclineForm loan={loan} done={setMessage} />
        </>
      ) : null}
      {canDisburse ? (
        <MoneyForm key={`d${loan.disbursedMinor}`} loan={loan} kind="disburse" done={setMessage} />
      ) : null}
      {canRepay ? <MoneyForm key="r" loan={loan} kind="repay" done={setMessage} /> : null}
    </section>
  );
}

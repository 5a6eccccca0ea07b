import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import type { Loan } from './lib';
import {
  readTerms,
  ScheduleTermsFields,
  type Terms,
  type TermsText,
  typedTerms,
} from './ScheduleTermsFields';
import './calendar.i18n';
import './loan-actions.i18n';

export type LoanAction =
  paths['/api/v1/loans/{id}/actions']['get']['responses'][200]['content']['application/json'][number];
type Preview =
  paths['/api/v1/loans/{id}/reschedule-preview']['post']['responses'][200]['content']['application/json'];

export const loanActionsKey = (id: string) => ['loan-actions', id] as const;

export function useLoanActions(loanId: string) {
  return useQuery({
    queryKey: loanActionsKey(loanId),
    queryFn: () => unwrap(api.GET('/api/v1/loans/{id}/actions', { params: { path: { id: loanId } } })),
  });
}

/** A schedule as a table: number, due date, principal (and paid, for an earlier version). */
export function ScheduleTable({
  label,
  lines,
}: {
  label: string;
  lines: {
    number: number;
    dueDate: string;
    principalMinor: number;
    paidMinor?: number;
    scheduledDate?: string;
  }[];
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const paid = lines.some((l) => l.paidMinor !== undefined);
  return (
    <ScrollTable label={label}>
      <thead>
        <tr>
          <th scope="col">{t('loans.detail.colNo')}</th>
          <th scope="col">{t('loans.detail.colDue')}</th>
          <th scope="col">{t('loans.detail.colPrincipal')}</th>
          {paid ? <th scope="col">{t('loans.detail.colPaid')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.number}>
            <th scope="row">{fmt.number(l.number)}</th>
            <td>
              {fmt.date(l.dueDate)}
              {l.scheduledDate ? (
                <small className="muted">
                  {' '}
                  {t('loans.calendar.movedFrom', { date: fmt.date(l.scheduledDate) })}
                </small>
              ) : null}
            </td>
            <td>{fmt.pkr(l.principalMinor)}</td>
            {paid ? <td>{fmt.pkr(l.paidMinor ?? 0)}</td> : null}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

export function PreviewTable({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = t('loans.actions.previewTitle', {
    count: preview.instalments.length,
    amount: fmt.pkr(preview.principalMinor),
  });
  return (
    <div className="preview">
      <h4>{label}</h4>
      <ScheduleTable label={label} lines={preview.instalments} />
    </div>
  );
}

function RescheduleForm({ loan, done }: { loan: Loan; done: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState<TermsText>({
    tenor: '',
    day: String(loan.repaymentDay ?? ''),
    first: '',
  });
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [previewed, setPreviewed] = useState<{ terms: string; preview: Preview } | null>(null);
  const preview = useMutation({
    mutationFn: (body: Terms) =>
      unwrap(api.POST('/api/v1/loans/{id}/reschedule-preview', { params: { path: { id: loan.id } }, body })),
    onSuccess: (p, body) => setPreviewed({ terms: JSON.stringify(body), preview: p }),
  });
  const send = useMutation({
    mutationFn: (body: Terms & { reason: string }) =>
      unwrap(api.POST('/api/v1/loans/{id}/reschedule', { params: { path: { id: loan.id } }, body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: loanActionsKey(loan.id) });
      // The loan's header (tenor, repayment day, first date, status) changes with it.
      void qc.invalidateQueries({ queryKey: ['loan', loan.id] });
      done(t('loans.actions.sent'));
    },
  });
  function terms(): Terms | null {
    const read = readTerms(text, t('loans.required'));
    setLocal(read.problems);
    return read.terms;
  }
  function showPreview() {
    const x = terms();
    if (x) preview.mutate(x);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const x = terms();
    if (!x) return;
    if (reason.trim().length < 5) {
      setLocal({ reason: t('loans.actions.reasonHint') });
      return;
    }
    send.mutate({ ...x, reason: reason.trim() });
  }
  const current = previewed && previewed.terms === JSON.stringify(typedTerms(text)) ? previewed : null;
  const err = (p: string) => local[p] ?? fieldError(send.error ?? preview.error, p);
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="reschedule-title">
      <h3 id="reschedule-title">{t('loans.actions.kind.reschedule')}</h3>
      <FormAlert error={send.error ?? preview.error} />
      <ScheduleTermsFields prefix="rs-" labels="loans.actions" value={text} onChange={setText} error={err} />
      <button type="button" className="btn" onClick={showPreview} disabled={preview.isPending}>
        {t('loans.actions.preview')}
      </button>
      {current ? <PreviewTable preview={current.preview} /> : null}
      <TextField
        id="rs-reason"
        label={t('loans.actions.reason')}
        hint={t('loans.actions.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={err('reason')}
        required
      />
      <button type="submit" className="btn btn--primary" disabled={send.isPending || !current}>
        {t('loans.actions.send')}
      </button>
    </form>
  );
}

function WriteOffForm({ loan, done }: { loan: Loan; done: (m: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState('');
  const send = useMutation({
    mutationFn: (body: { reason: string }) =>
      unwrap(api.POST('/api/v1/loans/{id}/write-off', { params: { path: { id: loan.id } }, body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: loanActionsKey(loan.id) });
      // The loan's header (tenor, repayment day, first date, status) changes with it.
      void qc.invalidateQueries({ queryKey: ['loan', loan.id] });
      done(t('loans.actions.sent'));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 5) return setLocal(t('loans.actions.reasonHint'));
    setLocal('');
    send.mutate({ reason: reason.trim() });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="writeoff-title">
      <h3 id="writeoff-title">{t('loans.actions.writeOffTitle')}</h3>
      <p>{t('loans.actions.writeOffHint', { amount: fmt.pkr(loan.outstandingMinor) })}</p>
      <FormAlert error={send.error} />
      <TextField
        id="wo-reason"
        label={t('loans.actions.reason')}
        hint={t('loans.actions.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={local || fieldError(send.error, 'reason')}
        required
      />
      <button type="submit" className="btn btn--danger" disabled={send.isPending}>
        {t('loans.actions.writeOffSend')}
      </button>
    </form>
  );
}

/** The loan's bank asks for a reschedule (with a preview) or a write-off; one request at a time. */
export function BankLoanActions({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actions = useLoanActions(loan.id);
  const [message, setMessage] = useState('');
  if (loan.status !== 'active' && loan.status !== 'loss') return null;
  const pending = actions.data?.find((a) => a.status === 'requested');
  return (
    <section aria-labelledby="loan-actions-title" className="card">
      <h2 id="loan-actions-title">{t('loans.actions.title')}</h2>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {pending ? (
        <p>
          {t('loans.actions.pending', {
            what: t(`loans.actions.kind.${pending.kind}`),
            date: fmt.date(pending.requestedAt),
          })}
        </p>
      ) : actions.data ? (
        <>
          <p>{t('loans.actions.intro')}</p>
          <RescheduleForm loan={loan} done={setMessage} />
          <WriteOffForm loan={loan} done={setMessage} />
        </>
      ) : null}
    </section>
  );
}

/** Every reschedule and write-off asked for, with each schedule it replaced. */
export function LoanHistory({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actions = useLoanActions(loan.id);
  return (
    <section aria-labelledby="loan-history">
      <h2 id="loan-history">{t('loans.actions.history')}</h2>
      {actions.isError ? <FormAlert error={actions.error} /> : null}
      {actions.data && actions.data.length === 0 ? <p>{t('loans.actions.noHistory')}</p> : null}
      <ol className="history">
        {actions.data?.map((a) => (
          <li key={a.id} className="card">
            <h3>
              {t(`loans.actions.kind.${a.kind}`)} — {t(`loans.actions.status.${a.status}`)}
            </h3>
            {a.kind === 'reschedule' && a.tenorMonths && a.firstRepaymentDate ? (
              <p>
                {t('loans.actions.terms', {
                  count: a.tenorMonths,
                  date: fmt.date(a.firstRepaymentDate),
                  day: fmt.number(a.repaymentDay ?? 0),
                })}
              </p>
            ) : null}
            {a.kind === 'write_off' && a.status === 'approved' && a.amountMinor !== null ? (
              <p>{t('loans.actions.writtenOffAmount', { amount: fmt.pkr(a.amountMinor) })}</p>
            ) : null}
            <p>
              {t('loans.actions.reason')}: {a.reason}
            </p>
            <p>
              {t('loans.actions.asked', {
                who: a.requestedBy ?? t('loans.actions.someone'),
                date: fmt.dateTime(a.requestedAt),
              })}
            </p>
            {a.decidedAt ? (
              <p>
                {t('loans.actions.decided', {
                  status: t(`loans.actions.status.${a.status}`),
                  who: a.decidedBy ?? t('loans.actions.someone'),
                  date: fmt.dateTime(a.decidedAt),
                })}
                {a.decisionNote ? ` — ${t('loans.actions.note')}: ${a.decisionNote}` : ''}
              </p>
            ) : null}
            {a.previousSchedule && a.previousSchedule.length > 0 ? (
              <details>
                <summary>{t('loans.actions.previous', { count: a.previousSchedule.length })}</summary>
                <ScheduleTable
                  label={t('loans.actions.previous', { count: a.previousSchedule.length })}
                  lines={a.previousSchedule}
                />
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { type LoanAction, loanActionsKey, PreviewTable } from './LoanActions';
import './loan-actions.i18n';
import './write-off.i18n';
import './loans.i18n';

const QUEUE_KEY = ['loan-action-queue'] as const;

function ProposedSchedule({ action }: { action: LoanAction }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const preview = useQuery({
    enabled: open,
    queryKey: ['reschedule-preview', action.id],
    queryFn: () =>
      unwrap(
        api.POST('/api/v1/loans/{id}/reschedule-preview', {
          params: { path: { id: action.loanId } },
          body: {
            tenorMonths: action.tenorMonths ?? 1,
            firstRepaymentDate: action.firstRepaymentDate ?? '',
            repaymentDay: action.repaymentDay ?? 1,
          },
        }),
      ),
  });
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('loans.queue.showPreview')}</summary>
      {preview.isPending && open ? <Loading /> : null}
      {preview.isError ? <FormAlert error={preview.error} /> : null}
      {preview.data ? <PreviewTable preview={preview.data} /> : null}
    </details>
  );
}

function Request({
  action,
  canDecide,
  onDone,
}: {
  action: LoanAction;
  canDecide: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [local, setLocal] = useState('');
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      unwrap(
        api.POST('/api/v1/loans/actions/{id}/decision', {
          params: { path: { id: action.id } },
          body: { approve, note: note.trim() },
        }),
      ),
    onSuccess: (loan, approve) => {
      onDone(t(approve ? 'loans.queue.approved' : 'loans.queue.rejected'));
      qc.setQueryData(['loan', loan.id], loan);
      void qc.invalidateQueries({ queryKey: QUEUE_KEY });
      void qc.invalidateQueries({ queryKey: loanActionsKey(loan.id) });
      void qc.invalidateQueries({ queryKey: ['loans'] });
    },
  });
  function reject() {
    if (note.trim().length < 5) return setLocal(t('loans.queue.needNote'));
    setLocal('');
    decide.mutate(false);
  }
  const id = `note-${action.id}`;
  return (
    <li className="card">
      <h2>
        {t(`loans.actions.kind.${action.kind}`)} —{' '}
        <Link to={`/loans/${action.loanId}`}>
          {t('loans.queue.loan', {
            ref: action.applicationReference,
            bank: action.bankCode,
            amount: fmt.pkr(action.outstandingMinor),
          })}
        </Link>
      </h2>
      {action.kind === 'reschedule' && action.tenorMonths && action.firstRepaymentDate ? (
        <p>
          {t('loans.actions.terms', {
            count: action.tenorMonths,
            date: fmt.date(action.firstRepaymentDate),
            day: fmt.number(action.repaymentDay ?? 0),
          })}
        </p>
      ) : (
        <p>{t('loans.actions.writeOffHint', { amount: fmt.pkr(action.outstandingMinor) })}</p>
      )}
      <p>
        {t('loans.actions.reason')}: {action.reason}
      </p>
      <p>
        {t('loans.actions.asked', {
          who: action.requestedBy ?? t('loans.actions.someone'),
          date: fmt.dateTime(action.requestedAt),
        })}
      </p>
      {action.kind === 'reschedule' ? <ProposedSchedule action={action} /> : null}
      {canDecide ? (
        <div className="form">
          <FormAlert error={decide.error} />
          <TextField
            id={id}
            label={t('loans.queue.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={local || fieldError(decide.error, 'note')}
          />
          <div className="actions">
            <button
              type="button"
              className="btn btn--primary"
              disabled={decide.isPending}
              onClick={() => decide.mutate(true)}
            >
              {t('loans.queue.approve')}
            </button>{' '}
            <button type="button" className="btn btn--danger" disabled={decide.isPending} onClick={reject}>
              {t('loans.queue.reject')}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** The programme's queue of reschedule and write-off requests; the admin decides each. */
export default function LoanRequestsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [message, setMessage] = useState('');
  const queue = useQuery({ queryKey: QUEUE_KEY, queryFn: () => unwrap(api.GET('/api/v1/loans/actions')) });
  return (
    <Page title={t('loans.queue.title')} wide>
      <p className="lead">{t('loans.queue.lead')}</p>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <FormAlert error={queue.error} />
      ) : queue.data.length === 0 ? (
        <p>{t('loans.queue.none')}</p>
      ) : (
        <ol className="history">
          {queue.data.map((a) => (
            <Request
              key={a.id}
              action={a}
              canDecide={me.data?.role === 'program_admin'}
              onDone={setMessage}
            />
          ))}
        </ol>
      )}
    </Page>
  );
}

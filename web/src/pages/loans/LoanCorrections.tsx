import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { type Loan, useIdempotencyKey } from './lib';
import './corrections.i18n';

type Entry = { kind: 'repayment' | 'disbursement'; id: string; amountMinor: number; date: string };
const reversalsKey = (id: string) => ['loan-reversals', id] as const;
const adjustmentsKey = (id: string) => ['loan-adjustments', id] as const;

/** The loan's bank reverses a repayment or tranche, saying why (issue 19). */
export function ReverseEntry({ loan, entry }: { loan: Loan; entry: Entry }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const idem = useIdempotencyKey();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const [message, setMessage] = useState('');
  const send = useMutation({
    mutationFn: (body: { entryKind: Entry['kind']; entryId: string; reason: string }) =>
      unwrap(
        api.POST('/api/v1/loans/{id}/reversals', {
          params: { path: { id: loan.id }, header: { 'idempotency-key': idem.keyFor(body) } },
          body,
        }),
      ),
    onSuccess: async (r) => {
      idem.done();
      setOpen(false);
      setMessage(
        r.status === 'approved' ? t('loans.corrections.sentApplied') : t('loans.corrections.sentWaiting'),
      );
      setReason('');
      await Promise.all([
        qc.invalidateQueries({ queryKey: ['loan', loan.id] }),
        qc.invalidateQueries({ queryKey: reversalsKey(loan.id) }),
        qc.invalidateQueries({ queryKey: adjustmentsKey(loan.id) }),
      ]);
    },
  });
  if (!open)
    return message ? (
      <Notice kind="success">{message}</Notice>
    ) : (
      <button type="button" className="btn btn--small" onClick={() => setOpen(true)}>
        {t('loans.corrections.reverse')}
      </button>
    );
  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 5) return setLocal(t('loans.corrections.reasonHint'));
    setLocal(undefined);
    send.mutate({ entryKind: entry.kind, entryId: entry.id, reason: reason.trim() });
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlert error={send.error} />
      <TextField
        id={`reverse-${entry.id}`}
        label={t('loans.corrections.reasonLabel', {
          what: t(`loans.corrections.entry.${entry.kind}`),
          amount: fmt.pkr(entry.amountMinor),
          date: fmt.date(entry.date),
        })}
        hint={t('loans.corrections.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={local ?? fieldError(send.error, 'reason') ?? fieldError(send.error, 'entryId')}
        maxLength={1000}
        required
      />
      <div className="actions">
        <button type="submit" className="btn btn--danger" disabled={send.isPending}>
          {t('loans.corrections.send')}
        </button>{' '}
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('loans.corrections.cancel')}
        </button>
      </div>
    </form>
  );
}

function Decide({ loanId, reversalId }: { loanId: string; reversalId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const decide = useMutation({
    mutationFn: (body: { decision: 'approve' | 'reject'; note?: string }) =>
      unwrap(
        api.POST('/api/v1/loans/{id}/reversals/{reversalId}/decision', {
          params: { path: { id: loanId, reversalId } },
          body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['loan', loanId] }),
        qc.invalidateQueries({ queryKey: reversalsKey(loanId) }),
        qc.invalidateQueries({ queryKey: adjustmentsKey(loanId) }),
      ]),
  });
  return (
    <div className="form">
      <FormAlert error={decide.error} />
      <TextField
        id={`decide-${reversalId}`}
        label={t('loans.corrections.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={local ?? fieldError(decide.error, 'note')}
        maxLength={1000}
      />
      <div className="actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={decide.isPending}
          onClick={() =>
            decide.mutate({ decision: 'approve', ...(note.trim() ? { note: note.trim() } : {}) })
          }
        >
          {t('loans.corrections.approve')}
        </button>{' '}
        <button
          type="button"
          className="btn btn--danger"
          disabled={decide.isPending}
          onClick={() => {
            if (!note.trim()) return setLocal(t('loans.corrections.needNote'));
            setLocal(undefined);
            decide.mutate({ decision: 'reject', note: note.trim() });
          }}
        >
          {t('loans.corrections.reject')}
        </button>
      </div>
    </div>
  );
}

/** The loan's correction history and subsidy adjustments; a second person decides waiting reversals. */
export function LoanCorrections({ loan, canDecide }: { loan: Loan; canDecide: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reversals = useQuery({
    queryKey: reversalsKey(loan.id),
    queryFn: () => unwrap(api.GET('/api/v1/loans/{id}/reversals', { params: { path: { id: loan.id } } })),
  });
  const adjustments = useQuery({
    queryKey: adjustmentsKey(loan.id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/loans/{id}/subsidy-adjustments', { params: { path: { id: loan.id } } })),
  });
  const who = (name: string | null) =>
    name === 'API key' ? t('loans.corrections.apiKey') : (name ?? t('loans.corrections.someone'));
  return (
    <section aria-labelledby="loan-corrections" className="card">
      <h2 id="loan-corrections">{t('loans.corrections.history')}</h2>
      <FormAlert error={reversals.error ?? adjustments.error} />
      {reversals.data?.length === 0 ? <p>{t('loans.corrections.none')}</p> : null}
      <ul className="plain-list">
        {reversals.data?.map((r) => (
          <li key={r.id}>
            <strong>
              {t('loans.corrections.line', {
                kind: t(`loans.corrections.kind.${r.entryKind}`),
                amount: fmt.pkr(r.amountMinor),
                date: fmt.date(r.valueDate),
              })}
            </strong>{' '}
            — {t(`loans.corrections.status.${r.status}`)}
            <br />
            {t('loans.corrections.asked', {
              who: who(r.requestedBy),
              date: fmt.date(r.requestedAt),
              reason: r.reason,
            })}
            {r.decidedAt && r.status !== 'requested' ? (
              <>
                <br />
                {t('loans.corrections.decided', {
                  status: t(`loans.corrections.status.${r.status}`),
                  who: who(r.decidedBy),
                  date: fmt.date(r.decidedAt),
                })}
                {r.decisionNote ? ` — ${r.decisionNote}` : ''}
              </>
            ) : null}
            {r.status === 'requested' && r.askedByYou ? (
              <>
                <br />
                {t('loans.corrections.yoursWaiting')}
              </>
            ) : r.status === 'requested' && canDecide ? (
              <Decide loanId={loan.id} reversalId={r.id} />
            ) : null}
          </li>
        ))}
      </ul>
      <h3>{t('loans.corrections.adjustments')}</h3>
      {adjustments.data?.length === 0 ? <p>{t('loans.corrections.noAdjustments')}</p> : null}
      <ul className="plain-list">
        {adjustments.data?.map((a) => (
          <li key={a.id}>
            {t('loans.corrections.adjLine', {
              quarter: a.quarter,
              amount: fmt.pkr(a.amountMinor),
              reason: a.reason,
            })}{' '}
            ({a.appliedClaimId ? t('loans.corrections.settled') : t('loans.corrections.pendingClaim')})
          </li>
        ))}
      </ul>
    </section>
  );
}

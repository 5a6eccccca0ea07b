import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { rupeesToPaisa, todayInKarachi } from './money';
import './write-off.i18n';

type Loan = components['schemas']['Loan'];

/** Money recovered on a written-off loan: the owner, its bank and programme staff see it. */
export function LoanRecoveries({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useQuery({
    queryKey: ['loan-recoveries', loan.id],
    queryFn: () => unwrap(api.GET('/api/v1/loans/{id}/recoveries', { params: { path: { id: loan.id } } })),
  });
  return (
    <>
      <h3 id="recoveries-title">{t('loans.writtenOff.recoveries')}</h3>
      {!list.data?.length ? (
        <p>{t('loans.writtenOff.none')}</p>
      ) : (
        <ul aria-labelledby="recoveries-title">
          {list.data.map((r) => (
            <li key={r.id}>
              {t('loans.writtenOff.line', {
                amount: fmt.pkr(r.amountMinor),
                date: fmt.date(r.recoveredOn),
                reference: r.bankReference,
              })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function RecoveryForm({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [amount, setAmount] = useState('');
  const [on, setOn] = useState(todayInKarachi());
  const [ref, setRef] = useState('');
  const [local, setLocal] = useState('');
  const [saved, setSaved] = useState(false);
  const send = useMutation({
    mutationFn: (body: { amountMinor: number; recoveredOn: string; bankReference: string }) =>
      unwrap(api.POST('/api/v1/loans/{id}/recoveries', { params: { path: { id: loan.id } }, body })),
    onSuccess: () => {
      setSaved(true);
      setAmount('');
      setRef('');
      void qc.invalidateQueries({ queryKey: ['loan-recoveries', loan.id] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const paisa = rupeesToPaisa(amount);
    if (paisa === null || paisa <= 0) return setLocal(t('loans.writtenOff.badAmount'));
    setLocal('');
    send.mutate({ amountMinor: paisa, recoveredOn: on, bankReference: ref.trim() });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="recover-title">
      <h3 id="recover-title">{t('loans.writtenOff.recoverTitle')}</h3>
      {saved ? <Notice kind="success">{t('loans.writtenOff.recovered')}</Notice> : null}
      <FormAlert error={send.error} />
      <TextField
        id="rc-amount"
        label={t('loans.writtenOff.amount')}
        inputMode="decimal"
        dir="ltr"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={local || fieldError(send.error, 'amountMinor')}
        required
      />
      <TextField
        id="rc-on"
        type="date"
        label={t('loans.writtenOff.recoveredOn')}
        value={on}
        onChange={(e) => setOn(e.target.value)}
        error={fieldError(send.error, 'recoveredOn')}
        required
      />
      <TextField
        id="rc-ref"
        label={t('loans.writtenOff.reference')}
        dir="ltr"
        value={ref}
        onChange={(e) => setRef(e.target.value)}
        error={fieldError(send.error, 'bankReference')}
        required
      />
      <button type="submit" className="btn btn--primary" disabled={send.isPending}>
        {t('loans.writtenOff.recoverSend')}
      </button>
    </form>
  );
}

function UndoForm({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState('');
  const send = useMutation({
    mutationFn: (body: { reason: string }) =>
      unwrap(api.POST('/api/v1/loans/{id}/write-off-reversal', { params: { path: { id: loan.id } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['loan-actions', loan.id] }),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 5) return setLocal(t('loans.writtenOff.reasonHint'));
    setLocal('');
    send.mutate({ reason: reason.trim() });
  }
  if (send.isSuccess) return <Notice kind="success">{t('loans.writtenOff.asked')}</Notice>;
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="undo-title">
      <h3 id="undo-title">{t('loans.writtenOff.undoTitle')}</h3>
      <p>{t('loans.writtenOff.undoHint')}</p>
      <FormAlert error={send.error} />
      <TextField
        id="undo-reason"
        label={t('loans.writtenOff.reason')}
        hint={t('loans.writtenOff.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={local || fieldError(send.error, 'reason')}
        required
      />
      <button type="submit" className="btn btn--danger" disabled={send.isPending}>
        {t('loans.writtenOff.undoSend')}
      </button>
    </form>
  );
}

/** A written-off loan: its recoveries for everyone who sees the loan; the forms for its bank. */
export function WrittenOffActions({ loan, isItsBank }: { loan: Loan; isItsBank: boolean }) {
  const { t } = useTranslation();
  if (loan.status !== 'written_off') return null;
  return (
    <section aria-labelledby="written-off-title" className="card">
      <h2 id="written-off-title">{t('loans.writtenOff.title')}</h2>
      <p>{t('loans.writtenOff.intro')}</p>
      <LoanRecoveries loan={loan} />
      {isItsBank ? (
        <>
          <RecoveryForm loan={loan} />
          <UndoForm loan={loan} />
        </>
      ) : null}
    </section>
  );
}

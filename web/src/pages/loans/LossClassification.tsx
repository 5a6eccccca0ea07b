import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { CLAIMS_KEY } from './claims-lib';
import type { Loan } from './lib';
import { todayInKarachi } from './money';
import './loss.i18n';

type Input = { effectiveOn: string; reason: string };

/** YYYY-MM-DD moved by whole days. */
function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The programme's admin classifies an active loan as loss from a date (or moves a loss loan's date
 * earlier), after a confirmation saying what follows: subsidy stops from that day and subsidy
 * already approved for later days is clawed back from the bank's next claim (decision 6).
 */
export function LossClassification({ loan, onChanged }: { loan: Loan; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [effectiveOn, setEffectiveOn] = useState('');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<Input | null>(null);
  const [message, setMessage] = useState('');
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const send = useMutation({
    mutationFn: (body: Input) =>
      unwrap(api.POST('/api/v1/loans/{id}/loss-classification', { params: { path: { id: loan.id } }, body })),
    onSuccess: async (r) => {
      const date = fmt.date(r.classifiedLossOn);
      setMessage(
        r.clawbacks === 0
          ? t('loans.loss.doneNone', { date })
          : t('loans.loss.done', { count: r.clawbacks, date }),
      );
      setEffectiveOn('');
      setReason('');
      await Promise.all([onChanged(), qc.invalidateQueries({ queryKey: CLAIMS_KEY })]);
    },
    onSettled: () => setConfirming(null),
  });
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!loan.firstDisbursedOn || (loan.status !== 'active' && loan.status !== 'loss')) return null;
  const first = loan.firstDisbursedOn;
  const current = loan.classifiedLossOn;
  const min = shiftDay(first, 1);
  const today = todayInKarachi();
  const max = current && shiftDay(current, -1) < today ? shiftDay(current, -1) : today;

  function check(): Input | null {
    const problems: Record<string, string> = {};
    if (!effectiveOn) problems.effectiveOn = t('loans.loss.bad.date');
    else if (effectiveOn > today) problems.effectiveOn = t('loans.loss.bad.future');
    else if (effectiveOn <= first)
      problems.effectiveOn = t('loans.loss.bad.beforeDisbursement', { date: fmt.date(first) });
    else if (current && effectiveOn >= current)
      problems.effectiveOn = t('loans.loss.bad.notEarlier', { date: fmt.date(current) });
    if (reason.trim().length < 5) problems.reason = t('loans.loss.bad.reason');
    setLocal(problems);
    return Object.keys(problems).length ? null : { effectiveOn, reason: reason.trim() };
  }
  function review(e: FormEvent) {
    e.preventDefault();
    setMessage('');
    send.reset();
    setConfirming(check());
  }
  /** The server's word on the date, in the reader's language when its rule is known. */
  function dateError(): string | undefined {
    if (local.effectiveOn) return local.effectiveOn;
    const issue = send.error instanceof ApiError ? send.error.fieldIssue('effectiveOn') : undefined;
    switch (issue?.rule) {
      case 'loss_in_future':
        return t('loans.loss.bad.future');
      case 'loss_before_disbursement':
        return t('loans.loss.bad.beforeDisbursement', { date: fmt.date(first) });
      case 'loss_not_earlier':
        return t('loans.loss.bad.notEarlier', { date: fmt.date(current ?? today) });
      default:
        return fieldError(send.error, 'effectiveOn');
    }
  }

  return (
    <section aria-labelledby="loan-loss-title" className="card">
      <h2 id="loan-loss-title">{t('loans.loss.title')}</h2>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <p>{current ? t('loans.loss.already', { date: fmt.date(current) }) : t('loans.loss.intro')}</p>
      <form className="form" onSubmit={review} noValidate aria-labelledby="loan-loss-title">
        <FormAlert error={send.error} />
        <TextField
          id="loss-effectiveOn"
          type="date"
          label={t('loans.loss.effectiveOn')}
          hint={
            current
              ? t('loans.loss.effectiveHintEarlier', { date: fmt.date(first), current: fmt.date(current) })
              : t('loans.loss.effectiveHint', { date: fmt.date(first) })
          }
          min={min}
          max={max}
          value={effectiveOn}
          onChange={(e) => {
            setEffectiveOn(e.target.value);
            setConfirming(null);
          }}
          error={dateError()}
          required
        />
        <TextField
          id="loss-reason"
          label={t('loans.loss.reason')}
          hint={t('loans.loss.reasonHint')}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setConfirming(null);
          }}
          error={local.reason ?? fieldError(send.error, 'reason')}
          maxLength={2000}
          required
        />
        {confirming ? null : (
          <button type="submit" className="btn btn--danger">
            {t('loans.loss.review')}
          </button>
        )}
      </form>
      {confirming ? (
        <section className="alert alert--error" aria-labelledby="loan-loss-confirm">
          <h3 id="loan-loss-confirm" tabIndex={-1} ref={confirmRef} className="alert-title">
            {t('loans.loss.confirmTitle', { date: fmt.date(confirming.effectiveOn) })}
          </h3>
          <p>
            {t('loans.loss.consequence', { date: fmt.date(confirming.effectiveOn), bank: loan.bankCode })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn--danger"
              disabled={send.isPending}
              onClick={() => send.mutate(confirming)}
            >
              {t('loans.loss.confirm')}
            </button>{' '}
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              {t('loans.loss.back')}
            </button>
          </div>
        </section>
      ) : null}
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { wholeNumber } from './money';
import './write-off.i18n';

type Rate = components['schemas']['BenchmarkRate'];
const RESTATEMENTS = ['benchmark-rate-restatements'] as const;

/**
 * Restated benchmark fixings (issue 19): the list for everyone who sees the rates, and for the
 * admin a form that corrects a fixing and recomputes every loan priced on it.
 */
export function RateRestatements({ rates, isAdmin }: { rates: Rate[]; isAdmin: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: RESTATEMENTS,
    queryFn: () => unwrap(api.GET('/api/v1/loans/benchmark-rate-restatements')),
  });
  const [rateId, setRateId] = useState('');
  const [bps, setBps] = useState('');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const send = useMutation({
    mutationFn: (v: { id: string; rateBps: number; reason: string }) =>
      unwrap(
        api.POST('/api/v1/loans/benchmark-rates/{id}/restatements', {
          params: { path: { id: v.id } },
          body: { rateBps: v.rateBps, reason: v.reason },
        }),
      ),
    onSuccess: () => {
      setBps('');
      setReason('');
      void qc.invalidateQueries({ queryKey: RESTATEMENTS });
      void qc.invalidateQueries({ queryKey: ['benchmark-rates'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const n = wholeNumber(bps.trim(), 5);
    const problems: Record<string, string> = {};
    if (!rateId) problems.rateId = t('loans.restatements.choose');
    if (n === null) problems.rateBps = t('loans.banks.badNumber');
    setLocal(problems);
    if (Object.keys(problems).length === 0) send.mutate({ id: rateId, rateBps: n!, reason: reason.trim() });
  }
  return (
    <>
      <h3 id="restatements-list">{t('loans.restatements.list')}</h3>
      {!list.data?.length ? (
        <p>{t('loans.restatements.none')}</p>
      ) : (
        <ul aria-labelledby="restatements-list">
          {list.data.map((r) => (
            <li key={r.id}>
              {t('loans.restatements.line', {
                benchmark: r.benchmark,
                from: fmt.date(r.effectiveFrom),
                before: fmt.number(r.fromBps),
                after: fmt.number(r.toBps),
                loans: fmt.number(r.loansRecomputed),
                amount: fmt.pkr(r.adjustedMinor),
                reason: r.reason,
              })}
            </li>
          ))}
        </ul>
      )}
      {isAdmin ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby="restate-title">
          <h3 id="restate-title">{t('loans.restatements.title')}</h3>
          <p>{t('loans.restatements.intro')}</p>
          {send.data ? (
            <Notice kind="success">
              {t('loans.restatements.done', {
                loans: fmt.number(send.data.loansRecomputed),
                amount: fmt.pkr(send.data.adjustedMinor),
              })}
            </Notice>
          ) : null}
          <FormAlert error={send.error} />
          <SelectField
            id="restate-rate"
            label={t('loans.restatements.rate')}
            value={rateId}
            onChange={(e) => setRateId(e.target.value)}
            error={local.rateId}
            required
          >
            <option value="">{t('loans.restatements.choose')}</option>
            {rates.map((r) => (
              <option key={r.id} value={r.id}>
                {`${r.benchmark} ${fmt.date(r.effectiveFrom)} — ${fmt.number(r.rateBps)}`}
              </option>
            ))}
          </SelectField>
          <TextField
            id="restate-bps"
            label={t('loans.restatements.rateBps')}
            hint={t('loans.restatements.rateHint')}
            inputMode="numeric"
            dir="ltr"
            value={bps}
            onChange={(e) => setBps(e.target.value)}
            error={local.rateBps ?? fieldError(send.error, 'rateBps')}
            required
          />
          <TextField
            id="restate-reason"
            label={t('loans.restatements.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(send.error, 'reason')}
            required
          />
          <button type="submit" className="btn btn--danger" disabled={send.isPending}>
            {t('loans.restatements.send')}
          </button>
        </form>
      ) : null}
    </>
  );
}
